"""The TCP options the replay reads (RFC 9293 §3.1: MSS; RFC 7323: window scale and
timestamps; RFC 2018: SACK permitted and SACK blocks), frame by frame against tshark, and the
segments sent again, as the index finds them with numpy, against the model's own pure-Python
search. tshark is the outside truth (skipped when it is not installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from simulator.models.replay.resent import first_copies
from simulator.net.capture.connection_replay import observed_columns, observed_segments
from simulator.net.capture.index import build_index
from simulator.net.capture.packet_table import PF_TCP_OPTIONS
from simulator.net.capture.tcp_options import window_shift_of
from tests.net.conftest import CAPTURES, GENERATED

TSHARK = shutil.which("tshark")
KERNEL = CAPTURES.parent / "kernel"
FILES = sorted([*CAPTURES.glob("*.pcap"), *CAPTURES.glob("*.pcapng"),
                *GENERATED.glob("*.pcap*"), *KERNEL.glob("*/*.pcap")])
FIELDS = ("frame.number", "tcp.flags.syn", "tcp.options.mss_val", "tcp.options.wscale.shift",
          "tcp.options.sack_perm", "tcp.options.timestamp.tsval",
          "tcp.options.timestamp.tsecr", "tcp.options.sack_le", "tcp.options.sack_re",
          "tcp.window_size_scalefactor")


def _tshark(path: Path) -> dict[int, list[str]]:
    assert TSHARK is not None
    cmd = [TSHARK, "-n", "-r", str(path), "-o", "tcp.relative_sequence_numbers:FALSE",
           "-Y", "tcp", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"]
    for name in FIELDS:
        cmd += ["-e", name]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    rows = {}
    for line in out.splitlines():
        number, *values = line.split("\t")
        rows[int(number)] = values
    return rows


def _ints(text: str) -> list[int]:
    return [int(v, 0) for v in text.split(",") if v]


@pytest.mark.skipif(TSHARK is None, reason="tshark is not installed")
@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_every_segments_options_match_tshark(path: Path) -> None:
    """MSS, window shift and SACK permitted on SYNs; TSval/TSecr and SACK edges on every
    segment; and the window scale factor tshark applies to each segment's window."""
    truth = _tshark(path)
    index = build_index(str(path))
    differences = []
    seen = 0
    for conn in index.connections:
        shifts: dict[bool, int | None] = {}  # per sender, asked of the index once
        for segment in observed_segments(index, conn.id):
            row = truth.get(segment.packet)
            if row is None:
                continue
            seen += 1
            syn, mss, shift, sack_perm, tsval, tsecr, left, right, factor = row
            if syn == "1":
                got = (segment.mss, segment.window_scale, segment.sack_permitted)
                want = (int(mss) if mss else None, int(shift) if shift else None,
                        bool(sack_perm))
                if got != want:
                    differences.append((segment.packet, "SYN options", got, want))
            stamps = (segment.tsval, segment.tsecr)
            if stamps != ((int(tsval), int(tsecr)) if tsval else (None, None)):
                differences.append((segment.packet, "timestamps", stamps, (tsval, tsecr)))
            blocks = tuple(zip(_ints(left), _ints(right), strict=True))
            if segment.sack != blocks:
                differences.append((segment.packet, "SACK", segment.sack, blocks))
            if syn != "1" and factor and int(factor) > 0:
                if segment.from_client not in shifts:
                    shifts[segment.from_client] = window_shift_of(index, segment.packet)
                shift_of = shifts[segment.from_client]
                if 2 ** (shift_of or 0) != int(factor):
                    differences.append((segment.packet, "scale factor", shift_of, factor))
    assert bool(seen) == bool(truth)  # every file with TCP has its segments compared
    assert not differences, differences[:10]


def test_the_option_bit_marks_exactly_the_headers_longer_than_20_bytes() -> None:
    """The index keeps one bit per packet: set on a SYN with options, clear on the bench's
    optionless segments (the replay reads no option bytes for those)."""
    index = build_index(str(CAPTURES / "http-ooo-retrans-range--zeek--206_example_a.pcap"))
    rows = index.packet_rows(1)
    bits = index.packets["pflags"][rows] & PF_TCP_OPTIONS
    syn = (index.packets["flags"][rows] & 0x02) != 0
    assert bits[syn].all()
    columns = observed_columns(index, 1)
    assert set(columns.syn_options) == {i for i, s in enumerate(syn.tolist()) if s}


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_the_index_finds_the_segments_sent_again_as_the_model_does(path: Path) -> None:
    """``sent_again`` (numpy, for 100,000 segments) and ``resent.first_copies`` (pure
    Python) are the same search: every segment that carries sequence numbers sent before
    (RFC 9293 §3.4), with the segment that first carried them."""
    index = build_index(str(path))
    for conn in index.connections:
        columns = observed_columns(index, conn.id)
        plain = type(columns)(columns.time, columns.from_client, columns.flags, columns.seq,
                              columns.ack, columns.length, columns.window, columns.packet)
        assert columns.originals == first_copies(plain), (path.name, conn.id)
