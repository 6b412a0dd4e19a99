"""Compressed payloads for the HTTP variants: gzip bodies, Flask session cookies, bombs.

A decompression bomb is built without ever holding its expansion: 1 MiB of one byte is
deflated once after a full flush (which resets the compressor, so every such block is the same
~1 KiB), the block is repeated, and the zlib/gzip checksums are computed over the repeats.
700 MB of expansion then costs ~0.3 s and ~700 KB. Flask session cookies are signed the way
Flask signs them (itsdangerous, salt ``cookie-session``, HMAC-SHA1) at a fixed timestamp, so
a variant is the same bytes every time.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import json
import struct
import zlib

from itsdangerous import TimestampSigner

SECRET_KEY = "fuzz-secret-key"
_CHUNK = b"a" * (1 << 20)
_STAMP = 1_700_000_000


class _FixedClockSigner(TimestampSigner):
    """itsdangerous's signer with the clock stopped at ``_STAMP``."""

    def get_timestamp(self) -> int:
        return _STAMP


def b64url(data: bytes) -> bytes:
    """base64url without padding, as itsdangerous writes it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def sign_session(payload_part: bytes, key: str = SECRET_KEY) -> str:
    """``payload.timestamp.signature``: what Flask would set for this payload part."""
    signer = _FixedClockSigner(key, salt="cookie-session", key_derivation="hmac",
                               digest_method=hashlib.sha1)
    return signer.sign(payload_part).decode("ascii")


def session_cookie(payload: object, *, compress: bool, key: str = SECRET_KEY) -> str:
    """A Flask session cookie value for ``payload`` (compact JSON, optionally zlib'd)."""
    text = json.dumps(payload, separators=(",", ":")).encode()
    if compress:
        return sign_session(b"." + b64url(zlib.compress(text)), key)
    return sign_session(b64url(text), key)


@functools.lru_cache(maxsize=16)
def _deflate_repeats(prefix: bytes, suffix: bytes, megabytes: int) -> tuple[bytes, int, int]:
    """Raw deflate of prefix + 1 MiB × megabytes + suffix, with its adler32 and crc32."""
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = co.compress(prefix) + co.flush(zlib.Z_FULL_FLUSH)
    block = co.compress(_CHUNK) + co.flush(zlib.Z_FULL_FLUSH)
    tail = co.compress(suffix) + co.flush(zlib.Z_FINISH)
    adler, crc = zlib.adler32(prefix), zlib.crc32(prefix)
    for _ in range(megabytes):
        adler, crc = zlib.adler32(_CHUNK, adler), zlib.crc32(_CHUNK, crc)
    adler, crc = zlib.adler32(suffix, adler), zlib.crc32(suffix, crc)
    if megabytes == 0:
        return head + tail, adler, crc
    return head + block * megabytes + tail, adler, crc


def zlib_bomb(prefix: bytes, suffix: bytes, megabytes: int) -> bytes:
    """A zlib stream of ``prefix + b"a" * megabytes MiB + suffix``."""
    deflated, adler, _ = _deflate_repeats(prefix, suffix, megabytes)
    return b"\x78\xda" + deflated + struct.pack(">I", adler)


def gzip_bomb(megabytes: int) -> bytes:
    """A gzip member of ``b"a" * megabytes MiB``."""
    deflated, _, crc = _deflate_repeats(b"", b"", megabytes)
    size = (megabytes << 20) & 0xFFFFFFFF
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + deflated + struct.pack("<II", crc, size)


def bomb_session_cookie(megabytes: int, key: str = SECRET_KEY) -> str:
    """A signed, compressed Flask session cookie whose JSON expands to ``megabytes`` MiB."""
    payload = zlib_bomb(b'{"user":"', b'"}', megabytes)
    return sign_session(b"." + b64url(payload), key)


def gzip_body(body: bytes) -> bytes:
    """``body`` gzip'd with a fixed header (no time stamp), so the bytes are reproducible."""
    return gzip.compress(body, mtime=0)


def bomb_megabytes(limit_bytes: int, choices: tuple[int, ...]) -> tuple[int, ...]:
    """The expansions (MiB) of ``choices`` whose compressed form fits in ``limit_bytes``."""
    return tuple(mb for mb in choices if mb * 1400 < limit_bytes) or (1,)
