"""Telling TCP connections apart: each packet's canonical 4-tuple, hashed to 64 bits.

A packet's key is its 4-tuple with the "lower" endpoint first (by address, then port), so
both directions of a connection share one key; ``raw_dir`` says which way the packet went
(1 = sent by the higher endpoint). A key is six uint64 columns: the lower endpoint's
address (high and low 64 bits; IPv4 in the low word), both ports (lower << 16 | higher),
the higher endpoint's address, and the IP version. Keys are hashed so that grouping is
one sort of one column; ``ConnectionKeyTable`` remembers every key behind its hash and
reports a collision, and the index is then rebuilt with another seed.
"""

from __future__ import annotations

import ipaddress

import numpy as np
from numpy.typing import NDArray

from simulator.net.capture.link_layers import Decoded


class HashCollision(Exception):
    """Two different 4-tuples hashed alike: build again with another seed."""


def canonical_keys(dec: Decoded) -> tuple[list[NDArray[np.uint64]], NDArray[np.bool_]]:
    """The key columns of the batch's TCP packets, and their ``raw_dir`` (True = swapped)."""
    tcp = dec.is_tcp
    # Canonical 4-tuple: the "lower" endpoint first; raw_dir 1 = sent by the higher one.
    sh, sl_, dh, dl = dec.src_hi[tcp], dec.src_lo[tcp], dec.dst_hi[tcp], dec.dst_lo[tcp]
    sp = dec.sport[tcp].astype(np.uint64)
    dp = dec.dport[tcp].astype(np.uint64)
    swap = (sh > dh) | ((sh == dh) & ((sl_ > dl) | ((sl_ == dl) & (sp > dp))))
    key = [
        np.where(swap, dh, sh),
        np.where(swap, dl, sl_),
        (np.where(swap, dp, sp) << np.uint64(16)) | np.where(swap, sp, dp),
        np.where(swap, sh, dh),
        np.where(swap, sl_, dl),
        dec.ip_version[tcp].astype(np.uint64),
    ]
    return key, swap


class ConnectionKeyTable:
    """Maps the 64-bit hash of a canonical 4-tuple to the 4-tuple, detecting collisions.

    The keys are numpy rows sorted by hash (``hashes``, ``columns``: the six key columns),
    not a dict of tuples: a SYN scan has one connection per packet, and 170,000 tuples of six
    Python ints cost ~70 MB while the capture is read. Batches are merged in when the keys
    waiting reach the size of the table (each key is sorted O(log n) times).
    """

    def __init__(self, seed: int) -> None:
        self.seed = np.uint64(seed)
        self.hashes = np.zeros(0, dtype=np.uint64)  # sorted, distinct
        self.columns = np.zeros((0, 6), dtype=np.uint64)  # the key of each hash
        self._waiting: list[tuple[NDArray[np.uint64], NDArray[np.uint64]]] = []
        self._waiting_rows = 0

    def hash(self, cols: list[NDArray[np.uint64]]) -> NDArray[np.uint64]:
        h = np.full(len(cols[0]), self.seed, dtype=np.uint64)
        mult = np.uint64(0x9E3779B97F4A7C15)
        for c in cols:
            h = (h ^ c) * mult
            h ^= h >> np.uint64(31)
        return h

    def add(self, h: NDArray[np.uint64], cols: list[NDArray[np.uint64]]) -> bool:
        """Remember keys; return False on a hash collision (caller retries another seed).
        A collision with a key of an earlier batch may only be seen by :meth:`finish`."""
        if not len(h):
            return True
        uniq, first, inverse = np.unique(h, return_index=True, return_inverse=True)
        for c in cols:
            if not np.array_equal(c, c[first][inverse]):
                return False
        self._waiting.append((uniq, np.stack([c[first] for c in cols], axis=1)))
        self._waiting_rows += len(uniq)
        if self._waiting_rows > max(len(self.hashes), 1 << 16):
            return self.finish()
        return True

    def finish(self) -> bool:
        """Merge the batches waiting into the table; False on a hash collision."""
        if not self._waiting:
            return True
        hashes = np.concatenate([self.hashes, *(h for h, _ in self._waiting)])
        rows = np.concatenate([self.columns, *(r for _, r in self._waiting)])
        self._waiting.clear()
        self._waiting_rows = 0
        order = np.argsort(hashes, kind="stable")
        hashes, rows = hashes[order], rows[order]
        same = hashes[1:] == hashes[:-1]
        if np.any(same & np.any(rows[1:] != rows[:-1], axis=1)):
            return False
        keep = np.r_[True, ~same]
        self.hashes, self.columns = hashes[keep], rows[keep]
        return True

    def keys_of(self, h: NDArray[np.uint64]) -> NDArray[np.uint64]:
        """The key columns (one row each) of hashes known to the table (after ``finish``)."""
        return self.columns[np.searchsorted(self.hashes, h)]


def format_ip(hi: int, lo: int, version: int) -> str:
    """An address of a key (its high and low 64 bits) as text."""
    if version == 4:  # dotted decimal, as ipaddress writes it, in a tenth of the time
        v = lo & 0xFFFFFFFF
        return f"{v >> 24}.{v >> 16 & 255}.{v >> 8 & 255}.{v & 255}"
    return str(ipaddress.IPv6Address((hi << 64) | lo))
