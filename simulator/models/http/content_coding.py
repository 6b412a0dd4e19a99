"""A body's content coding undone (RFC 9110 §8.4.1: gzip, x-gzip, deflate), within a limit.

``decode_content`` inflates at most ``limits.DECODED_BODY`` bytes: a few kilobytes of gzip
can claim gigabytes (a decompression bomb), and a captured body is untrusted. A
``zlib.decompressobj`` rather than ``gzip.decompress``, so a body cut short by the capture
still yields what it holds; "deflate" is tried as zlib-wrapped first, then raw, as browsers
do (servers send both).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from simulator.models.limits import DECODED_BODY

__all__ = ["DECODABLE", "Decoded", "decode_content"]

_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
#: The codings ``decode_content`` undoes.
DECODABLE = frozenset(_WBITS)


@dataclass(frozen=True)
class Decoded:
    """A body with its coding undone, or why it could not be."""

    body: bytes  # decoded (at most DECODED_BODY bytes), or as it travelled if not ``ok``
    ok: bool  # the coding was undone
    complete: bool  # the coded stream ended (False: cut short, only part decoded)
    over_limit: bool  # it inflates past DECODED_BODY: ``body`` is only its start
    error: str = ""  # zlib's reason when not ``ok``


def decode_content(body: bytes, coding: str, limit: int = DECODED_BODY) -> Decoded:
    """Undo ``coding`` (one of ``DECODABLE``) on ``body``, inflating at most ``limit`` bytes."""
    wbits = _WBITS[coding]
    attempts = (wbits, -zlib.MAX_WBITS) if coding == "deflate" else (wbits,)  # raw deflate too
    error = ""
    for bits in attempts:
        inflater = zlib.decompressobj(bits)
        try:
            out = inflater.decompress(body, limit + 1)
            if len(out) <= limit and not inflater.unconsumed_tail:
                out += inflater.flush()
        except zlib.error as exc:
            error = str(exc)
            continue
        if len(out) > limit:
            return Decoded(out[:limit], ok=True, complete=False, over_limit=True)
        return Decoded(out, ok=True, complete=inflater.eof, over_limit=False)
    return Decoded(body, ok=False, complete=False, over_limit=False, error=error)
