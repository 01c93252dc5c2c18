"""RFC 9162 Merkle trees: the RFC 6962/9162 reference vectors and round trips of every shape."""

from __future__ import annotations

import pytest

from packseal.core.ledger.merkle import (EMPTY_ROOT, MerkleFrontier, consistency_proof, inclusion_proof,
                                         leaf_hash, node_hash, root, verify_consistency, verify_inclusion)

# The reference inputs and tree heads published with Certificate Transparency (RFC 6962 test data).
LEAF_DATA = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f")]
LEAVES = [leaf_hash(d) for d in LEAF_DATA]
ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
INCLUSION = [  # (leaf index, tree size, audit path)
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]
CONSISTENCY = [  # (old size, new size, proof)
    (1, 1, []),
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]


def test_reference_roots() -> None:
    assert EMPTY_ROOT.hex() == ROOTS[0]
    frontier = MerkleFrontier()
    for n in range(len(LEAVES) + 1):
        assert root(LEAVES, n).hex() == ROOTS[n]
        assert frontier.root().hex() == ROOTS[n]
        if n < len(LEAVES):
            frontier.append(LEAVES[n])


@pytest.mark.parametrize("index, size, expected", INCLUSION)
def test_reference_inclusion_proofs(index: int, size: int, expected: list[str]) -> None:
    proof = inclusion_proof(LEAVES, index, size)
    assert [p.hex() for p in proof] == expected
    assert verify_inclusion(LEAVES[index], index, size, proof, bytes.fromhex(ROOTS[size]))


@pytest.mark.parametrize("old, new, expected", CONSISTENCY)
def test_reference_consistency_proofs(old: int, new: int, expected: list[str]) -> None:
    proof = consistency_proof(LEAVES, old, new)
    assert [p.hex() for p in proof] == expected
    assert verify_consistency(old, new, bytes.fromhex(ROOTS[old]), bytes.fromhex(ROOTS[new]), proof)


def test_every_leaf_of_every_tree_up_to_33_proves_and_tampering_fails() -> None:
    leaves = [leaf_hash(bytes([i, 7])) for i in range(33)]
    for n in range(1, 34):
        head = root(leaves, n)
        for i in range(n):
            proof = inclusion_proof(leaves, i, n)
            assert verify_inclusion(leaves[i], i, n, proof, head)
            assert not verify_inclusion(leaf_hash(b"other"), i, n, proof, head)
            assert not verify_inclusion(leaves[i], i, n, proof, EMPTY_ROOT)
            if n > 1:
                assert not verify_inclusion(leaves[i], (i + 1) % n, n, proof, head)
                assert not verify_inclusion(leaves[i], i, n, proof[:-1], head)


def test_consistency_of_every_pair_up_to_20_and_forks_fail() -> None:
    leaves = [leaf_hash(bytes([i])) for i in range(20)]
    forked = list(leaves)
    forked[3] = leaf_hash(b"rewritten")
    for new in range(1, 21):
        for old in range(0, new + 1):
            proof = consistency_proof(leaves, old, new)
            assert verify_consistency(old, new, root(leaves, old), root(leaves, new), proof)
            if old > 3:  # the old tree saw leaf 3; a history that rewrote it is not an extension
                fork_proof = consistency_proof(forked, old, new)
                assert not verify_consistency(old, new, root(leaves, old), root(forked, new), fork_proof)


def test_node_and_leaf_hashes_are_domain_separated() -> None:
    a, b = leaf_hash(b"a"), leaf_hash(b"b")
    assert node_hash(a, b) != leaf_hash(a + b)
    assert root([a, b]) == node_hash(a, b)
