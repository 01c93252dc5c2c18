"""Where the orders live in the data dir.

::

    <data dir>/orders/
      orders.sqlite        the order store (see store.py for why it is not in catalog.sqlite)
      profiles/            the shop's saved column mappings (NAME.json)
      inbox/               the default watched folder of the live feed (done/, failed/ inside)
      feed-token           the live feed's HTTP token (0600)
"""

from __future__ import annotations

from pathlib import Path


def orders_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "orders"


def store_file(data_dir: Path) -> Path:
    return orders_dir(data_dir) / "orders.sqlite"


def profiles_dir(data_dir: Path) -> Path:
    return orders_dir(data_dir) / "profiles"


def default_inbox(data_dir: Path) -> Path:
    return orders_dir(data_dir) / "inbox"


def token_file(data_dir: Path) -> Path:
    return orders_dir(data_dir) / "feed-token"
