"""What the capture reader and the HTTP parsers tell a learner, against their catalogue.

Their sentences are made from the templates of ``simulator.net.capture.messages`` and
``simulator.models.http.problems``; the window says them in the interface language by matching
each sentence against the catalogue (``simulator.ui.text.catalogue_capture``,
``catalogue_http``). So: the catalogue holds exactly those templates (a reworded sentence
fails here until the catalogue follows); what damaged files and malformed messages really get
is each one catalogued sentence, read back whole, values kept, unchanged in English; h11's
refusals, quoted inside problems, are still worded as catalogued; no template hides another;
and every analysis token
``tcp_anomalies`` can set has words in both languages.
"""

from __future__ import annotations

import ast
import errno
import gzip
import os
import re
import struct
from pathlib import Path

import h11
import pytest

from simulator.models.http import problems
from simulator.models.http.snapshot import MessageKind
from simulator.models.http.stream_parser import parse_messages
from simulator.models.http.tolerant_parser import parse_bytes
from simulator.net.capture import messages
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import build_index
from simulator.net.capture.tcp_anomalies import ANOMALY_NAMES
from simulator.net.http import streams
from simulator.ui.text import catalogue_capture, catalogue_http
from simulator.ui.text.catalogue_capture import anomaly_counts, anomaly_list, anomaly_words
from simulator.ui.text.model_text import translate_text, translate_with
from tests.paths import CAPTURES

#: Every entry of the reader's and the parsers' catalogues (test_model_text leaves them to
#: this module: they are held to their sources here, not to the lessons' model texts).
READER_AND_PARSER_ENTRIES: frozenset[str] = frozenset(str(s) for s in (
    *catalogue_capture.SENTENCES, *catalogue_capture.OS_REASONS, *catalogue_capture.TEMPLATES,
    *catalogue_http.PROBLEMS, *catalogue_http.PROBLEM_TEMPLATES, *catalogue_http.H11_REFUSALS,
    *catalogue_http.H11_REFUSAL_TEMPLATES))

GET = CAPTURES / "http-get-basic--zeek--get.pcap"
CJK = re.compile(r"[\u4e00-\u9fff]")
FIELD = re.compile(r"\{([a-z_]+)\}")


def _strings(*groups: tuple[object, ...]) -> set[str]:
    return {str(s) for group in groups for s in group}


def _records(data: bytes) -> list[int]:
    pos, out = 24, []
    while pos + 16 <= len(data):
        out.append(pos)
        pos += 16 + struct.unpack_from("<I", data, pos + 8)[0]
    return out


def capture_texts(tmp: Path) -> list[str]:
    """What real files get: errors of files that are no capture, warnings of damaged ones,
    the reasons for each connection's orientation."""
    data = GET.read_bytes()
    offs = _records(data)
    absurd = bytearray(data)
    absurd[offs[3] + 8:offs[3] + 12] = struct.pack("<I", 0xFFFFFFF0)
    dated = bytearray(data)
    dated[offs[2]:offs[2] + 4] = struct.pack("<I", 0xFFFFFFF0)
    google = (CAPTURES / "http-get-cookie-gzip--chrissanders--http_google.pcapng").read_bytes()
    files = {
        "notes.pcap": b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n",
        "empty.pcap": b"",
        "header.pcap": data[:10],
        "tiny.bin": b"ab",
        "get.pcap.gz": gzip.compress(data),
        "record-header.pcap": data[:offs[5] + 7],
        "record-data.pcap": data[:offs[9] + 36],
        "one-kept.pcap": data[:offs[1] + 7],
        "absurd.pcap": bytes(absurd),
        "dated.pcap": bytes(dated),
        "cut.pcapng": google[:len(google) - 100],
    }
    texts: list[str] = []
    for name, content in files.items():
        (tmp / name).write_bytes(content)
    for path in [*(tmp / name for name in files), tmp / "missing.pcap", tmp]:
        try:
            texts += build_index(str(path)).warnings
        except CaptureError as error:
            texts.append(str(error))
    for name in ("snaplen-truncated-tcp--zeek--truncated-header.pcap",
                 "udp-dns-icmp-only--dpkt--dns_icmp.pcap",
                 "pcapng-comments-multi-if--pcapplusplus--pcapng-example.pcapng",
                 "generated/ip-fragments.pcap", "generated/pcapng-unknown-link.pcapng",
                 "http-keepalive-cookies-gzip--pcapplusplus--http-packets2.pcap"):
        index = build_index(str(CAPTURES / name))
        texts += index.warnings + [c.orientation_reason for c in index.connections]
    return list(dict.fromkeys(texts))


MALFORMED_REQUESTS = (
    b"GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",  # a target with spaces
    b"GET /old\r\n\r\n",  # HTTP/0.9
    b"GET /x HTTP/one\r\nHost: x\r\n\r\n",  # not a version
    b"BROKEN\r\n\r\n",
    b"GET / HTTP/1.1\r\nNo colon here\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\n folded\r\nBad Name: 1\r\n\r\n",
    b"GET / HTTP/1.1\r\nX-Caf\xe9: \xff\x01\r\n\r\n",  # not UTF-8, control bytes, no Host
    b"G\x01T / HTTP/1.1\r\nHost: x\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
    b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc",  # the stream ends
    b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Long: " + b"a" * 9000 + b"\r\n",  # no head end
)
MALFORMED_RESPONSES = (
    b"HTTP/1.1 OK\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nbody",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n",
    b"HTTP/1.1 200 OK\r\nX: \x01\r\nTransfer-Encoding: chunked\r\n\r\n" + b"f" * 5000,
    b"HTTP/1.1 200 OK\r\n\r\nuntil close",
    b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n",
)


def problem_texts() -> list[str]:
    """What malformed messages get from the tolerant parser (capture) and the strict one."""
    texts: list[str] = []
    for kind, inputs in ((MessageKind.REQUEST, MALFORMED_REQUESTS),
                         (MessageKind.RESPONSE, MALFORMED_RESPONSES)):
        for data in inputs:
            for closed in (True, False):
                for parsed in parse_bytes(kind, data, closed=closed).messages:
                    texts += parsed.message.problems
            texts += [p for m in parse_messages(data, kind) for p in m.problems]
    gapped = parse_bytes(MessageKind.RESPONSE, b"")
    gapped.feed(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
    gapped.gap(4, "not in the capture")
    gapped.feed(b"xyz")
    gapped.feed(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab")
    gapped.gap(7, "packet 9 was cut to the snapshot length (7 payload bytes not captured)")
    gapped.finish(True)
    texts += [p for m in gapped.messages for p in m.message.problems]
    return list(dict.fromkeys(texts))


def _outermost(text: str) -> tuple[str, list[str]]:
    used: list[str] = []
    marked = translate_with(text, lambda entry: (used.append(entry), f"«{entry}»")[1])
    return marked, used


# --------------------------------------------------------------------------- the catalogue
def test_the_catalogue_holds_exactly_the_capture_readers_templates() -> None:
    assert _strings(catalogue_capture.SENTENCES, catalogue_capture.TEMPLATES) == set(
        messages.ALL)


def test_the_catalogue_holds_every_problem_the_http_parsers_write() -> None:
    catalogued = _strings(catalogue_http.PROBLEMS, catalogue_http.PROBLEM_TEMPLATES)
    assert set(problems.ALL) <= catalogued
    gap_reasons = catalogued - set(problems.ALL)  # the reasons net.http.streams gives a gap
    assert len(gap_reasons) == 3
    written = _strings_in([Path(streams.__file__)])
    assert sorted(r for r in gap_reasons if FIELD.sub("{}", r) not in written) == []


def _strings_in(paths: list[Path]) -> set[str]:
    """Every string literal of these Python files (f-strings too), each placeholder as {}."""
    found: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(re.sub(r"\{[^}]*\}", "{}", node.value))
            elif isinstance(node, ast.JoinedStr):
                found.add("".join(v.value if isinstance(v, ast.Constant) else "{}"
                                  for v in node.values))
    return found


def test_h11_still_words_its_refusals_as_catalogued() -> None:
    h11_says = _strings_in(sorted(Path(h11.__file__).parent.glob("_*.py")))
    entries = _strings(catalogue_http.H11_REFUSALS, catalogue_http.H11_REFUSAL_TEMPLATES)
    assert sorted(e for e in entries if FIELD.sub("{}", e) not in h11_says) == []


def test_the_operating_systems_reasons_are_its_own() -> None:
    assert {os.strerror(n) for n in (errno.ENOENT, errno.EISDIR, errno.EACCES)} == _strings(
        catalogue_capture.OS_REASONS)


def test_no_template_is_hidden_by_another() -> None:
    """Each template, filled in, is matched whole by itself: no shorter or looser template of
    any catalogue takes the sentence first."""
    for template in (str(t) for t in (*catalogue_capture.TEMPLATES,
                                      *catalogue_http.PROBLEM_TEMPLATES,
                                      *catalogue_http.H11_REFUSAL_TEMPLATES)):
        text = FIELD.sub("17", template)
        marked, used = _outermost(text)
        assert (marked[0], marked[-1], used[-1]) == ("«", "»", template)


# --------------------------------------------------------------------------- real inputs
def test_what_damaged_captures_get_is_each_one_catalogued_sentence(tmp_path: Path) -> None:
    texts = capture_texts(tmp_path)
    assert len(texts) >= 20
    for text in texts:
        assert translate_with(text, lambda entry: entry) == text
        # a pcapng cut short: the warning, then what scapy said, each one sentence
        warning, said, detail = text.partition(" Reader said: ")
        for sentence in (warning, said.strip() + " " + detail if said else ""):
            marked, _ = _outermost(sentence) if sentence else ("«»", [])
            assert marked.startswith("«") and marked.endswith("»"), sentence


def test_what_malformed_messages_get_is_each_one_catalogued_problem() -> None:
    texts = problem_texts()
    assert len(texts) >= 25
    for text in texts:
        assert translate_with(text, lambda entry: entry) == text
        marked, _ = _outermost(text)
        assert marked.startswith("«") and marked.endswith("»"), text


# --------------------------------------------------------------------------- analysis words
def test_every_analysis_token_has_english_words() -> None:
    assert set(ANOMALY_NAMES.values()) <= set(catalogue_capture.ANOMALY_WORDS)
    for token in ANOMALY_NAMES.values():
        assert re.fullmatch(r"[a-z][a-z -]*(ACK)?", anomaly_words(token)), token
    assert anomaly_words("duplicate_ack") == "duplicate ACK"
    assert anomaly_words("not a token") == "not a token"
    assert anomaly_list(["retransmission", "fast_retransmission", "duplicate_ack"]) == (
        "fast retransmission, duplicate ACK")
    assert anomaly_counts({"syn": 1, "retransmission": 2, "zero_window": 1, "out_of_order": 0}
                          ) == "retransmission ×2, zero window ×1"


@pytest.mark.usefixtures("zh_interface")
def test_every_analysis_token_has_chinese_words() -> None:
    chinese = {token: anomaly_words(token) for token in ANOMALY_NAMES.values()}
    assert [t for t, words in chinese.items() if not CJK.search(words)] == []
    assert chinese["duplicate_ack"] == "重复 ACK" and chinese["zero_window"] == "零窗口"
    assert anomaly_list(["retransmission", "fast_retransmission", "duplicate_ack"]) == (
        "快速重传、重复 ACK")


@pytest.mark.usefixtures("zh_interface")
def test_a_damaged_capture_and_a_malformed_message_read_in_chinese(tmp_path: Path) -> None:
    """What stays English is the file's or the message's own bytes, quoted (repr), and what
    scapy said; never a word of ours."""
    english = re.compile(r"\b[a-z]{3,}\b", re.ASCII)  # words of ours left English
    quoted = re.compile(r"(bytearray\()?b?'[^']*'\)?")
    left = {text: english.findall(quoted.sub("", translate_text(text)))
            for text in capture_texts(tmp_path) + problem_texts() if "Reader said" not in text}
    tokens = {"snaplen", "pcap", "pcapng", "gzip", "gunzip", "chunked"}  # names, as on the wire
    assert {t: words for t, words in left.items() if set(words) - tokens} == {}
