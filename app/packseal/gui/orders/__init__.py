"""The shop's orders in the window: the import dialog, the Orders page, the live feed's settings."""
