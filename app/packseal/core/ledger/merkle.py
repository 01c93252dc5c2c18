"""Merkle tree over ledger entries, exactly as RFC 9162 (Certificate Transparency 2.0) §2.1.

Leaves are the canonical bytes of ledger entries (``sig`` included), in seq
order. ``leaf_hash = SHA-256(0x00 || entry bytes)``, ``node_hash =
SHA-256(0x01 || left || right)``, and a list of ``n > 1`` leaves splits at
``k``, the largest power of two smaller than ``n``. A checkpoint signs the
root of the first ``n`` leaves; an inclusion proof shows one entry is in such
a tree; a consistency proof shows a tree of ``m`` leaves is a prefix of a tree
of ``n`` leaves, which is how a rolled-back or forked ledger is caught.

Functions here take and return raw 32-byte hashes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Sequence

from packseal.core.errors import BadInputError

_sha256 = hashlib.sha256
EMPTY_ROOT = _sha256(b"").digest()


def leaf_hash(entry_bytes: bytes) -> bytes:
    """RFC 9162 leaf hash of one entry's canonical bytes."""
    return _sha256(b"\x00" + entry_bytes).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """RFC 9162 interior node hash."""
    return _sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two strictly smaller than ``n`` (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def _mth(leaves: Sequence[bytes], lo: int, hi: int) -> bytes:
    n = hi - lo
    if n == 1:
        return leaves[lo]
    k = _split(n)
    return node_hash(_mth(leaves, lo, lo + k), _mth(leaves, lo + k, hi))


def root(leaves: Sequence[bytes], size: int | None = None) -> bytes:
    """Merkle tree head of the first ``size`` leaf hashes (default: all)."""
    n = len(leaves) if size is None else size
    if not 0 <= n <= len(leaves):
        raise BadInputError(f"tree size {n} outside 0..{len(leaves)}")
    if n == 0:
        return EMPTY_ROOT
    frontier = MerkleFrontier()
    for i in range(n):
        frontier.append(leaves[i])
    return frontier.root()


def inclusion_proof(leaves: Sequence[bytes], index: int, size: int | None = None) -> list[bytes]:
    """Audit path of leaf ``index`` in the tree of the first ``size`` leaves (RFC 9162 §2.1.3.1)."""
    n = len(leaves) if size is None else size
    if not 0 <= index < n <= len(leaves):
        raise BadInputError(f"leaf {index} is not in a tree of size {n}")
    path: list[bytes] = []
    lo, hi, m = 0, n, index
    # Walk down from the root; siblings are collected top-down, the proof lists them bottom-up.
    while hi - lo > 1:
        k = _split(hi - lo)
        if m < k:
            path.append(_mth(leaves, lo + k, hi))
            hi = lo + k
        else:
            path.append(_mth(leaves, lo, lo + k))
            lo, m = lo + k, m - k
    path.reverse()
    return path


def verify_inclusion(leaf: bytes, index: int, size: int, proof: Sequence[bytes],
                     expected_root: bytes) -> bool:
    """RFC 9162 §2.1.3.2: does ``proof`` put ``leaf`` (a leaf hash) at ``index`` under ``expected_root``?"""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not (fn & 1 or fn == 0):
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == expected_root


def consistency_proof(leaves: Sequence[bytes], old_size: int, new_size: int | None = None) -> list[bytes]:
    """Proof that the first ``old_size`` leaves prefix the first ``new_size`` (RFC 9162 §2.1.4.1)."""
    n = len(leaves) if new_size is None else new_size
    if not 0 <= old_size <= n <= len(leaves):
        raise BadInputError(f"no consistency proof from size {old_size} to size {n}")
    if old_size in (0, n):
        return []
    proof: list[bytes] = []
    lo, hi, m, complete = 0, n, old_size, True
    while True:
        if m == hi - lo:
            if not complete:
                proof.append(_mth(leaves, lo, hi))
            break
        k = _split(hi - lo)
        if m <= k:
            proof.append(_mth(leaves, lo + k, hi))
            hi = lo + k
        else:
            proof.append(_mth(leaves, lo, lo + k))
            lo, m, complete = lo + k, m - k, False
    proof.reverse()
    return proof


def verify_consistency(old_size: int, new_size: int, old_root: bytes, new_root: bytes,
                       proof: Sequence[bytes]) -> bool:
    """RFC 9162 §2.1.4.2: is the tree (old_size, old_root) a prefix of (new_size, new_root)?"""
    if not 0 <= old_size <= new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof  # the empty tree is a prefix of every tree
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # an exact power of two: the old root is itself a node
        path.insert(0, old_root)
    if not path:
        return False
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not (fn & 1 or fn == 0):
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


class MerkleFrontier:
    """The right edge of a growing tree: appends in O(1) amortised, root in O(log n).

    It holds the roots of the perfect subtrees the leaves so far decompose
    into (largest first); combining them right to left gives the RFC 9162 root.
    """

    def __init__(self) -> None:
        self.size = 0
        self._stack: list[tuple[int, bytes]] = []  # (leaf count, subtree hash)

    def append(self, leaf: bytes) -> None:
        """Add the next leaf hash."""
        count, node = 1, leaf
        while self._stack and self._stack[-1][0] == count:
            left_count, left = self._stack.pop()
            node = node_hash(left, node)
            count += left_count
        self._stack.append((count, node))
        self.size += 1

    def to_json(self) -> list[list]:
        """The frontier as ``[[leaf count, hex hash], …]``, to keep it between appends (the hub does)."""
        return [[count, node.hex()] for count, node in self._stack]

    @classmethod
    def from_json(cls, data: list) -> "MerkleFrontier":
        """The inverse of :meth:`to_json`; :class:`BadInputError` when it is no frontier."""
        frontier = cls()
        try:
            stack = [(int(count), bytes.fromhex(node)) for count, node in data]
        except (TypeError, ValueError) as exc:
            raise BadInputError(f"not a Merkle frontier: {exc}") from exc
        counts = [count for count, _ in stack]
        if any(c <= 0 or c & (c - 1) for c in counts) or counts != sorted(counts, reverse=True) \
                or len(set(counts)) != len(counts) or any(len(node) != 32 for _, node in stack):
            raise BadInputError("not a Merkle frontier: subtrees must be distinct powers of two, largest first")
        frontier._stack = stack
        frontier.size = sum(counts)
        return frontier

    def root(self) -> bytes:
        """Tree head of all leaves appended so far."""
        if not self._stack:
            return EMPTY_ROOT
        node = self._stack[-1][1]
        for _count, left in reversed(self._stack[:-1]):
            node = node_hash(left, node)
        return node


@dataclass(frozen=True)
class InclusionProof:
    """That ledger entry ``seq`` is leaf ``seq`` of the tree a checkpoint signed."""

    seq: int
    tree_size: int
    root_hash: str  # hex, as in the checkpoint body
    path: tuple[str, ...]  # hex sibling hashes, bottom-up
    checkpoint_seq: int | None = None

    def verify(self, entry_bytes: bytes) -> bool:
        """True when ``entry_bytes`` (canonical entry) is included under ``root_hash``."""
        try:
            path = [bytes.fromhex(h) for h in self.path]
            expected = bytes.fromhex(self.root_hash)
        except ValueError:
            return False
        return verify_inclusion(leaf_hash(entry_bytes), self.seq, self.tree_size, path, expected)

    def to_json(self) -> dict:
        return {"seq": self.seq, "tree_size": self.tree_size, "root_hash": self.root_hash,
                "path": list(self.path), "checkpoint_seq": self.checkpoint_seq}

    @classmethod
    def from_json(cls, data: dict) -> "InclusionProof":
        try:
            return cls(seq=int(data["seq"]), tree_size=int(data["tree_size"]),
                       root_hash=str(data["root_hash"]), path=tuple(str(h) for h in data["path"]),
                       checkpoint_seq=data.get("checkpoint_seq"))
        except (KeyError, TypeError, ValueError) as exc:
            raise BadInputError(f"not an inclusion proof: {exc}") from exc
