"""Content codings undone within the limit: Python's gzip/zlib make the bodies, and the
decoded bytes must be theirs; a bomb inflates only to the limit."""

from __future__ import annotations

import gzip
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.models.http.content_coding import decode_content
from simulator.models.limits import DECODED_BODY

TEXT = b"<html>" + b"hello, world " * 500 + b"</html>"


@pytest.mark.parametrize(("coding", "body"), [
    ("gzip", gzip.compress(TEXT)), ("x-gzip", gzip.compress(TEXT)),
    ("deflate", zlib.compress(TEXT)),                          # zlib-wrapped, as RFC 9110 says
    ("deflate", zlib.compress(TEXT, wbits=-zlib.MAX_WBITS)),   # raw, as some servers send
])
def test_a_coded_body_decodes_to_what_was_coded(coding: str, body: bytes) -> None:
    decoded = decode_content(body, coding)
    assert (decoded.body, decoded.ok, decoded.complete, decoded.over_limit) == (
        TEXT, True, True, False)


def test_a_body_cut_short_gives_what_it_holds() -> None:
    body = gzip.compress(TEXT)
    decoded = decode_content(body[: len(body) // 2], "gzip")
    assert decoded.ok and not decoded.complete and TEXT.startswith(decoded.body)


def test_a_body_that_is_not_gzip_is_shown_as_it_travelled() -> None:
    decoded = decode_content(b"plain text", "gzip")
    assert not decoded.ok and decoded.body == b"plain text" and decoded.error


def test_a_decompression_bomb_inflates_only_to_the_limit() -> None:
    bomb = gzip.compress(b"\0" * (40 * DECODED_BODY), 9)  # 0.6 MB that inflates to 640 MiB
    assert len(bomb) < DECODED_BODY // 20
    decoded = decode_content(bomb, "gzip")
    assert decoded.ok and decoded.over_limit and not decoded.complete
    assert decoded.body == b"\0" * DECODED_BODY


@given(st.binary(max_size=3000), st.integers(1, 4000))
def test_any_body_decodes_within_the_limit_and_agrees_with_zlib(data: bytes, limit: int) -> None:
    decoded = decode_content(gzip.compress(data), "gzip", limit)
    assert decoded.ok and decoded.body == data[:limit]
    assert decoded.over_limit is (len(data) > limit) and decoded.complete is not decoded.over_limit
