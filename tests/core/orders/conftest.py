"""An empty order store in the test's folder."""

from __future__ import annotations

import pytest

from packseal.core.orders.store import OrderStore


@pytest.fixture
def store(tmp_path):
    s = OrderStore.open(tmp_path / "orders" / "orders.sqlite")
    yield s
    s.close()
