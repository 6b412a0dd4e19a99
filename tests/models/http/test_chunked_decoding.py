"""The chunked transfer coding read by hand (RFC 9112 §7.1): chunk sizes in hex, extensions
ignored, trailer fields kept, and exactly where the message ends so the next one is found.

Every expected body, trailer list and end index is counted by hand in the comments.
"""

from __future__ import annotations

from simulator.models.http.chunked import Dechunker

# RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF; last-chunk = 1*"0"
# [ chunk-ext ] CRLF; then the trailer section and a final CRLF. Sizes are hex: "E" = 14.
WIKIPEDIA = (b"4;name=value\r\nWiki\r\n"      # 14 + 6 bytes
             b"5 ; ext\r\npedia\r\n"            # 9 + 7
             b"E\r\n in\r\n\r\nchunks.\r\n"     # 3 + 16: " in\r\n\r\nchunks." is 14 bytes
             b"0\r\nExpires: never\r\nX-Sum:  42 \r\n\r\n")  # 3 + 16 + 13 + 2
WIKIPEDIA_END = 20 + 16 + 19 + 34  # = 89 = len(WIKIPEDIA)


def test_chunks_are_joined_extensions_ignored_and_trailers_kept() -> None:
    d = Dechunker()
    stop = d.feed(WIKIPEDIA + b"HTTP/1.1 200 OK\r\n")
    assert bytes(d.body) == b"Wikipedia in\r\n\r\nchunks."
    assert d.trailers == [(b"Expires", b"never"), (b"X-Sum", b"42")]
    assert (d.done, d.error, d.chunks) == (True, None, 3)
    assert stop == WIKIPEDIA_END == len(WIKIPEDIA)  # the next message starts right here


def test_the_same_body_arrives_whatever_the_pieces() -> None:
    d = Dechunker()
    stops = [d.feed(WIKIPEDIA[i:i + 1]) for i in range(len(WIKIPEDIA))]
    assert stops == [1] * len(WIKIPEDIA)
    assert bytes(d.body) == b"Wikipedia in\r\n\r\nchunks." and d.done and d.chunks == 3
    assert d.feed(b"next message") == 0  # done: nothing more belongs to this body


def test_feeding_from_an_offset_starts_decoding_there() -> None:
    d = Dechunker()
    assert d.feed(b"HEAD3\r\nabc\r\n0\r\n\r\nrest", 4) == 4 + 13  # "3\r\nabc\r\n0\r\n\r\n"
    assert bytes(d.body) == b"abc" and d.done and d.trailers == []


def test_bare_lf_line_ends_are_accepted() -> None:
    """RFC 9112 §2.2: a recipient MAY recognise a single LF as a line terminator."""
    d = Dechunker()
    assert d.feed(b"3\nabc\n0\n\nX") == 2 + 3 + 1 + 2 + 1
    assert bytes(d.body) == b"abc" and d.done


def test_hex_sizes_in_either_case_and_with_leading_zeros() -> None:
    d = Dechunker()
    d.feed(b"a\r\n0123456789\r\nB\r\nabcdefghijk\r\n0010\r\n" + b"x" * 16 + b"\r\n000\r\n\r\n")
    assert bytes(d.body) == b"0123456789abcdefghijk" + b"x" * 16
    assert d.done and d.chunks == 3


def test_a_chunk_counts_once_all_its_data_has_arrived() -> None:
    d = Dechunker()
    d.feed(b"3\r\nab")
    assert (bytes(d.body), d.chunks) == (b"ab", 0)
    d.feed(b"c")
    assert (bytes(d.body), d.chunks) == (b"abc", 1)
    d.feed(b"\r\n")
    assert not d.done


def test_chunk_data_not_followed_by_crlf_is_an_error_where_it_happens() -> None:
    d = Dechunker()
    stop = d.feed(b"3\r\nabcX\r\n0\r\n\r\n")
    assert d.error == "chunk data is not followed by CRLF"
    assert bytes(d.body) == b"abc" and not d.done
    assert stop == 3 + 3 + 3  # just past the offending line "X\r\n"


def test_a_bad_chunk_size_stops_the_decoder_before_any_data() -> None:
    d = Dechunker()
    stop = d.feed(b"zz\r\nhello\r\n")
    assert d.error == "bad chunk-size line b'zz'" and stop == 4 and d.body == b""


def test_a_chunk_size_line_of_exactly_4_kib_is_accepted() -> None:
    line = b"5;" + b"x" * 4094  # 4096 bytes before its LF
    d = Dechunker()
    d.feed(line + b"\nhello\n0\n\n")
    assert d.error is None and d.done and bytes(d.body) == b"hello"
    d = Dechunker()
    assert d.feed(line) == len(line) and d.error is None  # still waiting for its end
    d.feed(b"\nhello\n0\n\n")
    assert d.error is None and d.done


def test_a_chunk_size_line_one_byte_over_4_kib_is_an_error_whether_or_not_it_ended() -> None:
    line = b"5;" + b"x" * 4095  # 4097 bytes
    d = Dechunker()
    assert d.feed(line + b"\nhello\n") == len(line) + 1
    assert d.error == "a chunk-size line is longer than 4 KiB"
    d = Dechunker()
    assert d.feed(line) == len(line)
    assert d.error == "a chunk-size line is longer than 4 KiB"
    assert d.feed(b"\nhello\n0\n\n") == 0 and d.body == b""  # stopped for good


def test_a_bad_chunk_size_line_is_quoted_up_to_its_first_40_bytes() -> None:
    d = Dechunker()
    d.feed(b"x" * 50 + b"\n")
    assert d.error == "bad chunk-size line b'" + "x" * 40 + "'"


def test_an_overlong_line_is_reported_as_overlong_even_when_it_is_no_chunk_size() -> None:
    d = Dechunker()
    d.feed(b"x" * 4097 + b"\nhello\n")
    assert d.error == "a chunk-size line is longer than 4 KiB"
