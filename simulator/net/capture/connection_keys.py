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
    """Maps the 64-bit hash of a canonical 4-tuple to the 4-tuple, detecting collisions."""

    def __init__(self, seed: int) -> None:
        self.seed = np.uint64(seed)
        self.keys: dict[int, tuple[int, ...]] = {}

    def hash(self, cols: list[NDArray[np.uint64]]) -> NDArray[np.uint64]:
        h = np.full(len(cols[0]), self.seed, dtype=np.uint64)
        mult = np.uint64(0x9E3779B97F4A7C15)
        for c in cols:
            h = (h ^ c) * mult
            h ^= h >> np.uint64(31)
        return h

    def add(self, h: NDArray[np.uint64], cols: list[NDArray[np.uint64]]) -> bool:
        """Remember keys; return False on a hash collision (caller retries another seed)."""
        if not len(h):
            return True
        uniq, first, inverse = np.unique(h, return_index=True, return_inverse=True)
        for c in cols:
            if not np.array_equal(c, c[first][inverse]):
                return False
        rows = np.stack([c[first] for c in cols], axis=1).tolist()
        for hv, row in zip(uniq.tolist(), rows, strict=True):
            old = self.keys.setdefault(hv, tuple(row))
            if old != tuple(row):
                return False
        return True


def format_ip(hi: int, lo: int, version: int) -> str:
    """An address of a key (its high and low 64 bits) as text."""
    if version == 4:
        return str(ipaddress.IPv4Address(lo & 0xFFFFFFFF))
    return str(ipaddress.IPv6Address((hi << 64) | lo))
