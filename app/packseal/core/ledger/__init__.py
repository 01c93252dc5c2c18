"""The seal: a signed, append-only hash chain anyone can verify without PackSeal.

Typical use by the recorder::

    ledger = Ledger.open(layout, station="Bench 1", software_version="PackSeal 0.1.0")
    ledger.append("segment", segment_body(...))
    entry = ledger.append("clip", clip_body(...))
    write_seal(clip_path, entry, ledger.public_key_of(entry.key))
    ledger.checkpoint()          # periodically and at shutdown
    ledger.close()

docs/FORMAT.md describes every byte, for independent verifiers.
"""

from packseal.core.ledger.bodies import (CHECKPOINT, CLIP, EXPORT, GENESIS, KEY_ROTATION, KINDS,
                                         RETENTION, SCAN, SEGMENT, TIMESTAMP, checkpoint_body,
                                         camera_file_body, clip_body, export_body, retention_body,
                                         scan_body, segment_body)
from packseal.core.ledger.canonical import canonical, utc_stamp
from packseal.core.ledger.chain import Ledger
from packseal.core.ledger.entry import Entry
from packseal.core.ledger.keys import KeyStore, PublicKey, StationKey, group_fingerprint, key_id_of
from packseal.core.ledger.merkle import (InclusionProof, MerkleFrontier, consistency_proof,
                                         inclusion_proof, leaf_hash, node_hash, root,
                                         verify_consistency, verify_inclusion)
from packseal.core.ledger.report import Problem, VerifyReport
from packseal.core.ledger.seal import hash_file, read_seal, seal_path_for, write_seal
from packseal.core.ledger.timestamping import Timestamper, TimestampError, verify_token
from packseal.core.ledger.clip_verify import verify_clip, verify_seal
from packseal.core.ledger.verify import verify_data_dir

__all__ = [
    "Ledger", "Entry", "KeyStore", "StationKey", "PublicKey", "key_id_of", "group_fingerprint",
    "write_seal", "read_seal", "seal_path_for", "hash_file",
    "verify_data_dir", "verify_clip", "verify_seal", "VerifyReport", "Problem",
    "leaf_hash", "node_hash", "root", "inclusion_proof", "verify_inclusion", "consistency_proof",
    "verify_consistency", "MerkleFrontier", "InclusionProof",
    "Timestamper", "TimestampError", "verify_token",
    "canonical", "utc_stamp",
    "KINDS", "GENESIS", "SEGMENT", "SCAN", "CLIP", "RETENTION", "KEY_ROTATION", "CHECKPOINT",
    "TIMESTAMP", "EXPORT",
    "segment_body", "clip_body", "camera_file_body", "scan_body", "retention_body", "export_body", "checkpoint_body",
]
