"""PackSeal (打包存证): sealed packing-station video evidence."""

__version__ = "0.1.0"
APP_NAME = "PackSeal"
