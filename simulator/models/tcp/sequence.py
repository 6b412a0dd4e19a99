"""Sequence-number arithmetic modulo 2**32 (RFC 9293 §3.4).

TCP sequence numbers live on a circle of 2**32 values, so "a is before b" means that the
shorter way round from a to b goes forwards. These helpers are the only place the project
compares sequence numbers; everything else calls them.
"""

from __future__ import annotations

SEQ_MODULUS = 2**32
_HALF = 2**31


def seq_add(a: int, n: int) -> int:
    """a + n on the sequence circle."""
    return (a + n) % SEQ_MODULUS


def seq_sub(a: int, b: int) -> int:
    """Forward distance from b to a (a - b mod 2**32), in [0, 2**32)."""
    return (a - b) % SEQ_MODULUS


def seq_lt(a: int, b: int) -> bool:
    """a < b in sequence space (RFC 9293 §3.4: comparisons use modulo-2**32 arithmetic)."""
    return a != b and seq_sub(b, a) < _HALF


def seq_le(a: int, b: int) -> bool:
    """a =< b in sequence space."""
    return a == b or seq_lt(a, b)


def seq_in_window(x: int, start: int, size: int) -> bool:
    """start =< x < start + size, on the circle (the receive-window test of §3.10.7.4)."""
    return seq_sub(x, start) < size
