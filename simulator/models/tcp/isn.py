"""Initial sequence numbers as RFC 9293 §3.4.1 and RFC 6528 recommend.

ISN = M + F(localip, localport, remoteip, remoteport, secretkey), where M is a timer that
ticks every 4 microseconds and F a keyed hash, so ISNs are unpredictable to an attacker yet
grow with time for each connection id. Here the "time" is the simulation's virtual clock and
the key is fixed, so every run of a scenario shows the same numbers.
"""

from __future__ import annotations

import hashlib

_SECRET = b"protocol-simulator teaching key"


def generate_isn(local: str, remote: str, virtual_time: float = 0.0,
                 secret: bytes = _SECRET) -> int:
    """RFC 6528 §3: M (4 µs ticks of virtual time) plus a keyed hash of the connection id."""
    m = int(virtual_time * 250_000)
    digest = hashlib.sha256(secret + f"{local}|{remote}".encode()).digest()
    f = int.from_bytes(digest[:4], "big")
    return (m + f) % 2**32
