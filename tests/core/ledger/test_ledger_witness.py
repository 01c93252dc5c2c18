"""Cosignatures of a station's later history (docs/HUB.md §4): the history is signed, kept apart, and checked."""

from __future__ import annotations

import pytest

from packseal.core.errors import BadInputError
from packseal.core.evidence.pack import _over_checkpoint
from packseal.core.ledger.keys import StationKey
from packseal.core.ledger.witness import Cosignature, cosign, file_name, load_all, mismatch, save

STATION = "ab" * 32
ROOT_1, ROOT_2 = "11" * 32, "22" * 32


def _cosign(key: StationKey, root: str, history: int = 1) -> Cosignature:
    return cosign(key.sign, key.public, station_id=STATION, tree_size=10, root_hash=root, checkpoint_seq=10,
                  history=history)


def test_the_first_history_has_no_history_member_and_a_later_one_signs_its_number():
    key = StationKey.generate()
    first, second = _cosign(key, ROOT_1), _cosign(key, ROOT_2, history=2)
    assert "history" not in first.to_json() and first.history == 1
    assert second.to_json()["history"] == 2 and second.signature_valid()
    assert Cosignature.from_json(second.to_json()) == second
    # The number is under the signature: a history-2 cosignature cannot pass for history 3 or 1.
    for forged in ({**second.to_json(), "history": 3}, {k: v for k, v in second.to_json().items() if k != "history"}):
        assert not Cosignature.from_json(forged).signature_valid()
    for bad in (1, 0, "2", 2.0):
        with pytest.raises(BadInputError):
            Cosignature.from_json({**second.to_json(), "history": bad})


def test_a_later_history_is_kept_beside_the_earlier_one(tmp_path):
    key = StationKey.generate()
    first, second = _cosign(key, ROOT_1), _cosign(key, ROOT_2, history=2)
    assert file_name(first) != file_name(second) and file_name(second).endswith("-h2.json")
    save(tmp_path, first)
    save(tmp_path, second)
    assert sorted(c.history for _, c, _ in load_all(tmp_path)) == [1, 2]
    checkpoints = {10: (10, ROOT_2)}
    assert mismatch(second, STATION, checkpoints) is None
    assert "changed after it was witnessed" in mismatch(first, STATION, checkpoints)


def test_an_evidence_pack_leaves_out_only_a_cosignature_of_a_history_the_hub_replaced():
    key, other = StationKey.generate(), StationKey.generate()
    old, new, foreign = _cosign(key, ROOT_1), _cosign(key, ROOT_2, history=2), _cosign(other, ROOT_1)

    class Checkpoint:
        seq = 10
        body = {"tree_size": 10, "root_hash": ROOT_2}

    assert _over_checkpoint([old, new, foreign], Checkpoint) == [new, foreign]
    # Without an accepted later history, a cosignature that does not fit stays in (and fails the pack).
    assert _over_checkpoint([old], Checkpoint) == [old]
