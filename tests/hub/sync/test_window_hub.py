"""The window's hub parts against a real hub: Settings → Hub pairs; the status bar says what sync did."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")


def test_the_hub_page_pairs_with_a_code_and_says_why_not(qtbot, hub, station):
    from packseal.core.ledger import Ledger
    from packseal.core.ledger.keys import StationKey
    from packseal.core.settings import Settings
    from packseal.core.storage.layout import DataLayout
    from packseal.core.sync.pairing import pair_station
    from packseal.core.sync.state import load_state
    from packseal.gui.hub_page import HubPage
    from packseal.gui.settings_dialog import KeyInfo, SettingsDialog
    from packseal.gui.tasks import TaskRunner

    layout = DataLayout.open(station)
    runner = TaskRunner()
    with Ledger.open(layout, "Bench 1", "PackSeal test") as ledger:
        page = HubPage(None, lambda url, code: pair_station(layout, ledger, url, code, "Bench 1"), runner)
        key = StationKey.generate().public
        dialog = SettingsDialog(Settings(station_name="Bench 1"), data_dir=station, data_dir_fixed=False,
                                key=KeyInfo(key.fingerprint, key.key_id, key.pem()), runner=runner, hub=page)
        qtbot.addWidget(dialog)
        assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "Hub"
        assert "not paired" in page.status.text()
        page.url.setText(hub.url)
        page.code.setText("AAAAA-AAAAA")
        page.pair_button.click()
        qtbot.waitUntil(lambda: page.pair_button.isEnabled() and "Not paired" in page.status.text(), timeout=60_000)
        assert "no unused pairing code" in page.status.text() and load_state(station) is None
        page.code.setText(hub.pair_code())
        page.pair_button.click()
        qtbot.waitUntil(lambda: page.pair_button.isEnabled() and "Paired with" in page.status.text(),
                        timeout=60_000)
        state = load_state(station)
        assert state is not None and state.url == hub.url
        assert state.hub_public_key.fingerprint[:19] in page.status.text()
        page.bandwidth.setValue(512)  # the background sync's upload limit is a setting
        assert dialog.result_settings()[0].hub_bandwidth_kbps == 512
        runner.wait_for_done(10_000)


def test_the_status_bar_label_follows_the_background_sync(qtbot):
    from packseal.gui.hub_page import HubStatusLabel

    label = HubStatusLabel(None)
    qtbot.addWidget(label)
    assert label.isHidden()  # no hub: nothing to say
    label.on_passed(2, 3)
    assert not label.isHidden() and label.text() == "Hub: 3 pending"
    label.on_passed(3, 0)
    assert label.text() == "Hub: up to date"
    label.on_failed("the hub at http://x did not answer")
    assert label.text() == "Hub: not reached" and "did not answer" in label.toolTip()
    label.on_forked("entry 18 differs from the entry 18 the hub holds")
    assert label.text() == "Hub: history refused" and "entry 18" in label.toolTip()
    assert "c62828" in label.styleSheet()
    label.on_failed("the hub at http://x did not answer")  # still refused: an outage changes nothing
    assert label.text() == "Hub: history refused"
    label.on_passed(0, 0)  # an owner accepted the station's present history: passes go through again
    assert label.text() == "Hub: up to date" and "c62828" not in label.styleSheet()
