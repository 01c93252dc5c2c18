"""Pairing a station with a hub: prove the one-time code, pin the hub's key and certificate."""

from __future__ import annotations

from packseal.core.errors import BadInputError
from packseal.core.ledger.canonical import utc_stamp
from packseal.core.ledger.chain import Ledger
from packseal.core.storage.layout import DataLayout
from packseal.core.sync.client import check_url, pair
from packseal.core.sync.state import HubState, load_state, save_state


def pair_station(layout: DataLayout, ledger: Ledger, url: str, code: str, station_name: str) -> HubState:
    """Pair this data dir with the hub at ``url`` using ``code`` (from ``packseal hub pair``).

    The station registers its current public key and its genesis entry; the
    hub answers with its key and certificate hash, proven with the same code.
    Pairing again (a new hub, or the same one after the owner reset the
    station there) replaces ``sync/hub.json``.
    """
    url = check_url(url)
    genesis = ledger.entry(0)
    if genesis.kind != "genesis":
        raise BadInputError("the ledger's entry 0 is not its genesis; run `packseal verify`")
    answer = pair(url, code, station_name, genesis, ledger.sign_detached, ledger.public_key)
    if answer["station_id"] != genesis.hash:
        raise BadInputError(f"the hub registered station {answer['station_id'][:16]}…, not this ledger "
                            f"({genesis.hash[:16]}…)")
    previous = load_state(layout.root) if layout.root.exists() else None
    state = HubState(url=url, hub_key=answer["hub_key"], cert_sha256=answer.get("cert_sha256"),
                     station_id=genesis.hash, station_name=station_name, paired_at=utc_stamp())
    if previous is not None and previous.hub_key == state.hub_key and previous.station_id == state.station_id:
        state.entries_to, state.cosigned_to, state.missing = (previous.entries_to, previous.cosigned_to,
                                                              previous.missing)
    save_state(layout.root, state)
    return state
