"""The limits of ``simulator.models.limits`` as a learner meets them: hostile heads and
streams are cut where the policy says, the message says why, and what came before stays."""

from __future__ import annotations

import pytest

from simulator.models import limits
from simulator.models.http import tolerant_parser
from simulator.models.http.problems import TOO_MANY_HEADER_LINES, TOO_MANY_MESSAGES
from simulator.models.http.snapshot import MessageKind
from simulator.models.http.tolerant_parser import parse_bytes

REQUEST = b"GET /%d HTTP/1.1\r\nHost: h\r\n\r\n"


def _requests(count: int) -> bytes:
    return b"".join(REQUEST % n for n in range(count))


def test_the_messages_after_the_limit_are_skipped_and_the_last_one_read_says_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tolerant_parser, "MESSAGES_PER_STREAM", 3)
    data = _requests(10)
    parser = parse_bytes(MessageKind.REQUEST, data)
    assert [m.message.target for m in parser.messages] == ["/0", "/1", "/2"]
    why = TOO_MANY_MESSAGES.format(limit=3)
    assert why in parser.messages[-1].message.problems
    assert all(why not in m.message.problems for m in parser.messages[:-1])
    (rest,) = parser.skipped
    assert (rest.offset, rest.length, rest.reason) == (
        parser.messages[-1].end, len(data) - parser.messages[-1].end, why)


def test_bytes_fed_and_gaps_after_the_limit_are_skipped_too(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tolerant_parser, "MESSAGES_PER_STREAM", 2)
    parser = tolerant_parser.TolerantHttpParser(MessageKind.REQUEST)
    parser.feed(_requests(3))
    parser.gap(100, "not captured")
    parser.feed(_requests(5))
    assert parser.finish(closed=True) == ()
    assert len(parser.messages) == 2
    assert sum(s.length for s in parser.skipped) == len(_requests(8)) + 100 - parser.messages[
        -1].end
    why = TOO_MANY_MESSAGES.format(limit=2)
    assert [s.reason for s in parser.skipped] == [why]  # the gap too, not "missing..."
    assert parser.messages[-1].message.problems.count(why) == 1  # said once, not per feed


def test_below_the_limit_nothing_changes() -> None:
    parser = parse_bytes(MessageKind.REQUEST, _requests(50))
    assert len(parser.messages) == 50 and parser.skipped == []
    assert not any(m.message.problems for m in parser.messages)


def test_a_head_h11_accepts_keeps_every_line_so_its_framing_is_h11s() -> None:
    """h11 frames the body by all the header lines (its head limit bounds them): a
    Transfer-Encoding past line 1,000 still makes the body chunked, and the message says so
    (found by the fuzz harness: cutting the lines here made the framing disagree with h11's,
    an AssertionError; tests/data/fuzz-regressions/chunked-after-5000-headers.pcap)."""
    head = (b"HTTP/1.1 200 OK\r\n" + b"X-Many: 1\r\n" * 5000
            + b"Transfer-Encoding: chunked\r\n\r\n")
    data = head + b"5\r\nhello\r\n" + b"1" * 40 + b"\r\n0\r\n\r\n"
    (parsed,) = parse_bytes(MessageKind.RESPONSE, data, ("GET",)).messages
    assert parsed.message.chunked and len(parsed.message.headers) == 5001
    assert any("chunk" in p for p in parsed.message.problems)


def test_a_head_read_by_hand_keeps_the_first_lines_within_the_limit() -> None:
    """A name with a space makes h11 refuse the head, and the tolerant head reader takes
    over, where obs-fold grew one value line by line without the limit."""
    bad, line = b"Bad Name: 1\r\n", b" x\r\n"
    head = b"GET / HTTP/1.1\r\nHost: h\r\n" + bad + b"X-First: 1\r\n" + line * 5000 + b"\r\n"
    (parsed,) = parse_bytes(MessageKind.REQUEST, head).messages
    message = parsed.message
    assert TOO_MANY_HEADER_LINES.format(limit=limits.HEADER_LINES) in message.problems
    assert message.header("Host") == "h"
    assert len(message.headers) <= limits.HEADER_LINES - 1
    assert parsed.end == len(head)  # the head is still framed whole: the next message follows


@pytest.mark.parametrize("extra", [0, 1])
def test_a_head_read_by_hand_at_the_line_limit_is_whole_and_one_more_is_cut(
        extra: int) -> None:
    """``limits.HEADER_LINES`` lines (the start line and the header lines after it) are read
    whole; one more line and the message says the rest is not read."""
    bad = b"Bad Name: 1\r\n"  # h11 refuses the head: the tolerant reader takes it
    fill = limits.HEADER_LINES - 2 + extra  # start line + bad + fill = the limit (+ extra)
    head = b"GET / HTTP/1.1\r\n" + bad + b"".join(b"X-%d: v\r\n" % k for k in range(fill))
    (parsed,) = parse_bytes(MessageKind.REQUEST, head + b"\r\n").messages
    cut = TOO_MANY_HEADER_LINES.format(limit=limits.HEADER_LINES) in parsed.message.problems
    assert cut == bool(extra)
    assert parsed.message.header(f"X-{limits.HEADER_LINES - 3}") == "v"


def test_the_limits_read_as_a_learner_reads_them() -> None:
    assert [limits.size_text(n) for n in (limits.SESSION_PAYLOAD, limits.STRICT_HEAD_BYTES,
                                          limits.CAPTURE_RECORD, 700)] == [
        "1 MiB", "16 KiB", "256 KiB", "700 B"]
