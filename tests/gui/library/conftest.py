"""A real data dir (catalog, ledger, keys) holding sealed, numbered clips."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")


@pytest.fixture
def services(tmp_path):
    from packseal.compose import open_services

    opened = open_services(tmp_path / "data", recorder=False)  # as the window opens it
    yield opened
    opened.close()
