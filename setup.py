# The one thing pyproject.toml cannot say: the package lives under app/, and
# the top-level resources/ folder ships inside it as packseal.resources.
from setuptools import find_packages, setup

setup(
    packages=find_packages("app", include=["packseal*"]) + ["packseal.resources"],
    package_dir={"": "app", "packseal.resources": "resources"},
)
