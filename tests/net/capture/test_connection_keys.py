"""The table of connection keys behind their 64-bit hashes: two different 4-tuples with one
hash must be caught (the index is then built again with another seed), whether they come in
one batch of packets or in two, and every hash gives back its own key."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.net.capture import connection_keys
from simulator.net.capture.connection_keys import ConnectionKeyTable
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import build_index
from tests.net.conftest import CAPTURES


def _keys(*rows: tuple[int, ...]) -> list[np.ndarray]:
    return [np.array(column, dtype=np.uint64) for column in zip(*rows, strict=True)]


A = (0, 0x0A000001, 40000 << 16 | 80, 0, 0x0A000002, 4)
B = (0, 0x0A000003, 40001 << 16 | 80, 0, 0x0A000002, 4)


def test_one_hash_for_two_keys_in_one_batch_is_a_collision() -> None:
    table = ConnectionKeyTable(1)
    assert not table.add(np.array([7, 7], dtype=np.uint64), _keys(A, B))


def test_one_hash_for_two_keys_in_two_batches_is_a_collision_when_merged() -> None:
    table = ConnectionKeyTable(1)
    assert table.add(np.array([7], dtype=np.uint64), _keys(A))
    assert table.add(np.array([7], dtype=np.uint64), _keys(B))
    assert not table.finish()


def test_a_key_seen_in_many_batches_is_kept_once_and_found_by_its_hash() -> None:
    table = ConnectionKeyTable(1)
    for _ in range(3):
        assert table.add(np.array([9, 7, 9], dtype=np.uint64), _keys(B, A, B))
    assert table.finish()
    assert table.hashes.tolist() == [7, 9]
    assert table.keys_of(np.array([9, 7, 9], dtype=np.uint64)).tolist() == [
        list(B), list(A), list(B)]


def test_an_index_whose_every_seed_collides_is_refused(monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    monkeypatch.setattr(connection_keys.ConnectionKeyTable, "hash",
                        lambda self, cols: np.zeros(len(cols[0]), dtype=np.uint64))
    with pytest.raises(CaptureError, match="hash collisions"):
        build_index(str(CAPTURES / "http-ipv4-and-ipv6--chrissanders--http_ip4and6.pcapng"))
