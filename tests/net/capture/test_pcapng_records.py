"""The pcapng reader, against two readers nobody here wrote: scapy's ``RawPcapNgReader`` on
the public captures, and tshark on hand-built files that use what the format allows (both byte
orders, several sections and interfaces, if_tsresol and if_tsoffset, simple and obsolete
packet blocks, comments, blocks it must step over). Then damage: what is kept before it and the
sentence that says where reading stopped; and memory that does not grow with the file."""

from __future__ import annotations

import shutil
import struct
import subprocess
import tracemalloc
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.net.capture import pcapng_records
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import build_index
from simulator.net.capture.pcap_records import ReadReport, read_batches
from tests.paths import CAPTURES

TSHARK = shutil.which("tshark")
PUBLIC = sorted(CAPTURES.glob("*.pcapng"))


@dataclass(frozen=True)
class Packet:
    data: bytes
    wirelen: int
    ts: float
    linktype: int
    offset: int  # where its bytes are in the file


def read(path: Path) -> tuple[list[Packet], ReadReport]:
    report = ReadReport()
    out = []
    for b in read_batches(str(path), report):
        for i in range(len(b.pos)):
            start = int(b.pos[i])
            out.append(Packet(bytes(b.data[start : start + int(b.caplen[i])]), int(b.wirelen[i]),
                              float(b.ts[i]), int(b.linktype[i]), b.base + start))
    return out, report


# --------------------------------------------------------------------------- writing pcapng
def option(code: int, value: bytes, e: str) -> bytes:
    return struct.pack(e + "HH", code, len(value)) + value + b"\0" * (-len(value) % 4)


def options(items: list[tuple[int, bytes]], e: str) -> bytes:
    if not items:
        return b""
    return b"".join(option(c, v, e) for c, v in items) + struct.pack(e + "HH", 0, 0)


def block(kind: int, body: bytes, e: str) -> bytes:
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack(e + "II", kind, n) + body + struct.pack(e + "I", n)


def shb(e: str, opts: list[tuple[int, bytes]] | None = None) -> bytes:
    body = struct.pack(e + "IHHq", 0x1A2B3C4D, 1, 0, -1) + options(opts or [], e)
    return block(0x0A0D0D0A, body, e)


def idb(e: str, linktype: int = 1, snaplen: int = 0, tsresol: int | None = None,
        tsoffset: int | None = None) -> bytes:
    opts = []
    if tsresol is not None:
        opts.append((9, bytes([tsresol])))
    if tsoffset is not None:
        opts.append((14, struct.pack(e + "q", tsoffset)))
    return block(1, struct.pack(e + "HHI", linktype, 0, snaplen) + options(opts, e), e)


def epb(e: str, data: bytes, stamp: int, interface: int = 0, wirelen: int | None = None,
        comment: str | None = None) -> bytes:
    body = struct.pack(e + "IIIII", interface, stamp >> 32, stamp & 0xFFFFFFFF, len(data),
                       len(data) if wirelen is None else wirelen)
    body += data + b"\0" * (-len(data) % 4)
    body += options([(1, comment.encode())] if comment else [], e)
    return block(6, body, e)


def nrb(e: str) -> bytes:
    """A name resolution block: 10.0.0.1 is "host"."""
    return block(4, struct.pack(e + "HH", 1, 9) + b"\x0a\x00\x00\x01host\0\0\0\0"
                 + struct.pack(e + "HH", 0, 0), e)


def spb(e: str, data: bytes, wirelen: int | None = None) -> bytes:
    """A simple packet block: only the original length; the data is what the snaplen kept."""
    return block(3, struct.pack(e + "I", len(data) if wirelen is None else wirelen) + data, e)


def pb(e: str, data: bytes, stamp: int, interface: int = 0) -> bytes:
    body = struct.pack(e + "HHIIII", interface, 0, stamp >> 32, stamp & 0xFFFFFFFF, len(data),
                       len(data))
    return block(2, body + data, e)


def frame(n: int) -> bytes:
    """An Ethernet frame of ``42 + n % 50`` bytes whose bytes say which one it is."""
    return bytes(12) + b"\x08\x00" + bytes([n % 256]) * (28 + n % 50)


def rich_file() -> bytes:
    """Two sections in two byte orders; four interfaces; every kind of packet block; blocks to
    step over (name resolution, interface statistics, a local-use type)."""
    first = [shb("<"), idb("<"), nrb("<"),
             idb("<", linktype=101, tsresol=9, tsoffset=1000)]
    first += [epb("<", frame(0), 1_700_000_000_123_456),
              epb("<", frame(1), 1_700_000_000_987_654_321, interface=1, comment="second one"),
              block(5, struct.pack("<III", 0, 0, 0), "<"),  # interface statistics
              pb("<", frame(2), 1_700_000_001_000_000),
              epb("<", frame(3)[:40], 1_700_000_002_000_000, wirelen=1514),
              block(0x80000001, b"local use", "<")]
    second = [shb(">"), idb(">", snaplen=50, tsresol=0x80 | 20),
              spb(">", (frame(4) * 2)[:50], wirelen=92),
              epb(">", frame(5), (1_700_000_003 << 20) | 0x80000),
              idb(">", linktype=1, tsresol=3), epb(">", frame(6), 1_700_000_004_250, interface=1)]
    return b"".join(first + second)


def tshark_frames(path: Path) -> list[tuple[Decimal | None, int, int, str]]:
    assert TSHARK is not None
    out = subprocess.run(
        [TSHARK, "-n", "-r", str(path), "-T", "fields", "-e", "frame.time_epoch", "-e",
         "frame.len", "-e", "frame.cap_len", "-e", "frame.comment"],
        capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        stamp, wire, cap, comment = line.split("\t")
        rows.append((Decimal(stamp) if stamp else None, int(wire), int(cap), comment))
    return rows


# --------------------------------------------------------------------------- agreement
@pytest.mark.parametrize("path", PUBLIC, ids=lambda p: p.name[:40])
def test_public_captures_read_as_scapy_reads_them(path: Path) -> None:
    from scapy.utils import RawPcapNgReader

    ours, report = read(path)
    theirs = []
    with RawPcapNgReader(str(path)) as reader:
        for data, meta in reader:
            ts = ((meta.tshigh << 32) | meta.tslow) / meta.tsresol
            theirs.append((data, int(meta.wirelen), ts, int(meta.linktype)))
    assert [(p.data, p.wirelen, p.ts, p.linktype) for p in ours] == theirs
    whole = path.read_bytes()
    assert all(whole[p.offset : p.offset + len(p.data)] == p.data for p in ours)
    assert report.warnings == []


@pytest.mark.skipif(TSHARK is None, reason="tshark is not installed")
def test_every_kind_of_block_as_tshark_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "rich.pcapng"
    path.write_bytes(rich_file())
    ours, report = read(path)
    theirs = tshark_frames(path)
    assert len(ours) == len(theirs) == 7
    for mine, (stamp, wire, cap, _comment) in zip(ours, theirs, strict=True):
        assert (len(mine.data), mine.wirelen) == (cap, wire)
        if stamp is None:  # a simple packet block has no time; we show 0
            assert mine.ts == 0.0
        else:
            assert abs(Decimal(mine.ts) - stamp) < Decimal("1e-6"), (mine.ts, stamp)
    assert [p.data[14] for p in ours] == [0, 1, 2, 3, 4, 5, 6]
    assert ours[4].data == (frame(4) * 2)[:50]  # the SPB, cut to its interface's snaplen
    assert [p.linktype for p in ours] == [1, 101, 1, 1, 1, 1, 1]
    assert report.interfaces == [1, 101, 1, 1]
    assert report.comments == {2: "second one"} and theirs[1][3] == "second one"
    assert report.warnings == []
    whole = path.read_bytes()
    assert all(whole[p.offset : p.offset + len(p.data)] == p.data for p in ours)


def test_big_packets_across_chunk_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks cut by the reader's chunk ends come out whole, in order, in both byte orders."""
    monkeypatch.setattr(pcapng_records, "CHUNK", 8192)
    parts = [shb("<"), idb("<")]
    parts += [epb("<", frame(n) * (1 + n % 30), n) for n in range(300)]
    parts += [shb(">"), idb(">")] + [epb(">", frame(n), n) for n in range(300, 400)]
    path = tmp_path / "chunks.pcapng"
    path.write_bytes(b"".join(parts))
    ours, report = read(path)
    assert [p.data for p in ours] == [frame(n) * (1 + n % 30) for n in range(300)] + [
        frame(n) for n in range(300, 400)]
    assert report.warnings == []


# --------------------------------------------------------------------------- damage
def _packet_block_ends(data: bytes) -> list[int]:
    """Where each packet block ends, walking the hand-built little-endian file."""
    ends, pos = [], 0
    while pos < len(data):
        kind, n = struct.unpack_from("<II", data, pos)
        pos += n
        if kind in (2, 3, 6):
            ends.append(pos)
    return ends


def little_file() -> bytes:
    return b"".join([shb("<"), idb("<")] + [epb("<", frame(n), n, comment="c" * (n % 3))
                                            for n in range(20)])


@settings(max_examples=80, deadline=None)
@given(cut=st.integers(min_value=0, max_value=len(little_file())))
def test_a_cut_keeps_every_packet_before_it(tmp_path_factory: pytest.TempPathFactory,
                                            cut: int) -> None:
    data = little_file()
    path = tmp_path_factory.mktemp("cut") / "cut.pcapng"
    path.write_bytes(data[:cut])
    try:
        ours, report = read(path)
    except CaptureError as exc:
        assert cut < 28 + len(idb("<")) or "first block" in str(exc)
        assert cut < 28, exc
        return
    ends = _packet_block_ends(data)
    assert len(ours) == sum(1 for e in ends if e <= cut)
    assert [p.data for p in ours] == [frame(n) for n in range(len(ours))]
    if cut in [28, 28 + len(idb("<")), *ends]:
        assert report.warnings == []
    else:
        (warning,) = report.warnings
        assert f"after packet {len(ours)}: reading stopped at byte" in warning
        assert "(a block is cut short)" in warning


@pytest.mark.parametrize(("damage", "kept", "reason"), [
    (lambda d, at: d[:at + 4] + struct.pack("<I", 13) + d[at + 8:], 3,
     "a block's length field says 13 bytes, which no block can be"),
    (lambda d, at: d[:at + 4] + struct.pack("<I", 8) + d[at + 8:], 3,
     "a block's length field says 8 bytes"),
    (lambda d, at: d[:at + 8] + struct.pack("<I", 7) + d[at + 12:], 3,
     "a packet names interface 7, which its section has not described"),
    (lambda d, at: d[:at + 20] + struct.pack("<I", 4000) + d[at + 24:], 3,
     "a packet block claims 4000 captured bytes, more than its"),
    (lambda d, at: d[:at + 20] + struct.pack("<I", 1 << 30) + d[at + 24:], 3,
     "a packet block claims 1073741824 captured bytes (at most 262144 make sense)"),
    (lambda d, at: d[:at + 4] + struct.pack("<I", 1 << 31) + d[at + 8:], 3,
     "a block's length field says 2147483648 bytes"),
    (lambda d, at: d[:at] + shb("<")[:8] + b"\x00\x00\x00\x00" + d[at + 12:], 3,
     "a section header's byte-order magic is 00 00 00 00, not 1a 2b 3c 4d"),
])
def test_damage_stops_reading_there_and_says_why(tmp_path: Path, damage, kept: int,
                                                  reason: str) -> None:
    data = little_file()
    at = _packet_block_ends(data)[kept - 1]  # the block after the third packet
    path = tmp_path / "damaged.pcapng"
    path.write_bytes(damage(data, at))
    ours, report = read(path)
    assert [p.data for p in ours] == [frame(n) for n in range(kept)]
    (warning,) = report.warnings
    assert warning.startswith(f"The file is cut short or damaged after packet {kept}: "
                              f"reading stopped at byte {at} of ")
    assert reason in warning


def test_trailing_length_that_disagrees(tmp_path: Path) -> None:
    data = bytearray(little_file())
    end = _packet_block_ends(bytes(data))[5]
    data[end - 4 : end] = struct.pack("<I", 999)
    path = tmp_path / "trailer.pcapng"
    path.write_bytes(bytes(data))
    ours, report = read(path)
    assert len(ours) == 5
    assert "a block's two length fields disagree" in report.warnings[0]


REST = idb("<") + epb("<", frame(0), 0)


@pytest.mark.parametrize(("data", "says"), [
    (shb("<")[:8] + b"\x01\x02\x03\x04" + shb("<")[12:] + REST, "magic is 01 02 03 04"),
    (shb("<")[:4] + struct.pack("<I", 30) + shb("<")[8:] + REST, "says 30 bytes"),
    (shb("<")[:20] + REST, "two length fields disagree (28 and 20 bytes)"),
    (shb("<")[:20], "a block is cut short"),
    (shb("<")[:10], "a block is cut short"),
])
def test_a_damaged_section_header_is_an_error(tmp_path: Path, data: bytes, says: str) -> None:
    path = tmp_path / "head.pcapng"
    path.write_bytes(data)
    with pytest.raises(CaptureError, match="first block \\(section header\\) is damaged") as err:
        build_index(str(path))
    assert says in str(err.value)


@settings(max_examples=150, deadline=None)
@given(noise=st.binary(max_size=400), at=st.integers(min_value=0, max_value=2000))
def test_any_bytes_give_packets_or_a_capture_error(tmp_path_factory: pytest.TempPathFactory,
                                                   noise: bytes, at: int) -> None:
    data = little_file()
    at = min(at, len(data))
    path = tmp_path_factory.mktemp("noise") / "noise.pcapng"
    path.write_bytes(data[:at] + noise + data[at + len(noise):])
    try:
        ours, report = read(path)
    except CaptureError:
        return
    whole = path.read_bytes()
    assert all(whole[p.offset : p.offset + len(p.data)] == p.data for p in ours)
    assert len(report.warnings) <= 1


# --------------------------------------------------------------------------- memory
def test_memory_stays_flat_on_a_large_file(tmp_path: Path) -> None:
    """A 48 MB file is read with two 6 MiB chunks, not held whole (the old reader's 48 MB)."""
    one = epb("<", frame(7) * 20, 1)
    path = tmp_path / "large.pcapng"
    with path.open("wb") as f:
        f.write(shb("<") + idb("<"))
        f.write(one * (48_000_000 // len(one)))
    tracemalloc.start()
    try:
        count = sum(len(b.pos) for b in read_batches(str(path), ReadReport()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 48_000_000 // len(one)
    assert peak < 20 << 20, peak
    assert np.isclose(path.stat().st_size, 48_000_000, rtol=0.01)


# --------------------------------------------------------------------------- corners
def test_a_big_endian_obsolete_packet_block_names_its_interface(tmp_path: Path) -> None:
    """PB's interface is a 16-bit field followed by 16 bits of drops: in a big-endian section
    it is the high half of the 32-bit word."""
    data = shb(">") + idb(">", linktype=1) + idb(">", linktype=101) + pb(">", frame(1), 5,
                                                                        interface=1)
    path = tmp_path / "pb.pcapng"
    path.write_bytes(data)
    ours, report = read(path)
    assert [p.linktype for p in ours] == [101] and ours[0].data == frame(1)
    assert report.warnings == []


def test_options_before_a_comment_and_unpadded_lengths(tmp_path: Path) -> None:
    """§3.5: each option's value is padded to 32 bits; the comment may come after others
    (epb_flags, a hash) and need not end on a word; a NUL ends it early."""
    e = "<"
    opts = options([(2, struct.pack("<I", 1)), (3, b"\x02" + bytes(16)),  # flags, a hash
                    (1, b"seen twice\x00ignored"), (1, b"a second comment")], e)
    body = struct.pack("<IIIII", 0, 0, 7, len(frame(2)), len(frame(2))) + frame(2)
    body += b"\0" * (-len(body) % 4) + opts
    path = tmp_path / "opts.pcapng"
    path.write_bytes(shb(e) + idb(e) + block(6, body, e) + epb(e, frame(3), 8, comment="x"))
    ours, report = read(path)
    assert [p.data for p in ours] == [frame(2), frame(3)]
    assert report.comments == {1: "seen twice", 2: "x"}


def test_an_option_longer_than_its_block_is_not_read(tmp_path: Path) -> None:
    e = "<"
    body = struct.pack("<IIIII", 0, 0, 7, len(frame(2)), len(frame(2))) + frame(2)
    body += b"\0" * (-len(body) % 4) + struct.pack("<HH", 1, 400) + b"cut"
    path = tmp_path / "long-option.pcapng"
    path.write_bytes(shb(e) + idb(e) + block(6, body, e))
    ours, report = read(path)
    assert [p.data for p in ours] == [frame(2)] and report.comments == {}


@pytest.mark.parametrize(("tsresol", "units"), [
    (6, 10**6), (9, 10**9), (0x80 | 20, 2**20), (19, 10**19),
    (40, 10**19),  # past what 64 bits count: taken as 10^-19 s
    (0x80 | 90, 2**63),  # likewise 2^-63 s
])
def test_every_timestamp_unit_reads_without_overflow(tmp_path: Path, tsresol: int,
                                                     units: int) -> None:
    stamp = 0xFFFF_FFFF_FFFF_FFF0
    path = tmp_path / "units.pcapng"
    path.write_bytes(shb("<") + idb("<", tsresol=tsresol) + epb("<", frame(0), stamp))
    ((packet,), report) = read(path)
    assert packet.ts == pytest.approx(stamp // units + (stamp % units) / units, rel=1e-12)
    assert report.warnings == []


@pytest.mark.parametrize(("kind", "length", "says"), [
    (6, 28, "a block of type 0x6 is 28 bytes long, too short for its fields"),
    (1, 16, "a block of type 0x1 is 16 bytes long, too short for its fields"),
    (3, 12, "a block of type 0x3 is 12 bytes long, too short for its fields"),
])
def test_a_block_too_short_for_its_type_stops_reading(tmp_path: Path, kind: int, length: int,
                                                      says: str) -> None:
    e = "<"
    short = struct.pack("<II", kind, length) + bytes(length - 12) + struct.pack("<I", length)
    path = tmp_path / "short.pcapng"
    path.write_bytes(shb(e) + idb(e) + epb(e, frame(0), 1) + short + epb(e, frame(1), 2))
    ours, report = read(path)
    assert [p.data for p in ours] == [frame(0)]
    (warning,) = report.warnings
    assert says in warning


def test_a_second_section_in_the_other_byte_order_with_a_damaged_length(
        tmp_path: Path) -> None:
    """The walker follows a section header into big-endian before it reads the length."""
    second = bytearray(shb(">") + idb(">") + epb(">", frame(1), 1))
    second[4:8] = struct.pack(">I", 30)
    path = tmp_path / "second.pcapng"
    path.write_bytes(shb("<") + idb("<") + epb("<", frame(0), 1) + bytes(second))
    ours, report = read(path)
    assert [p.data for p in ours] == [frame(0)]
    assert "a block's length field says 30 bytes" in report.warnings[0]


# --------------------------------------------------------------------------- the report

@pytest.mark.parametrize("e", ["<", ">"])
def test_the_report_says_the_byte_order_the_packets_and_the_interfaces(tmp_path: Path,
                                                                      e: str) -> None:
    path = tmp_path / "order.pcapng"
    path.write_bytes(shb(e) + idb(e, linktype=1) + idb(e, linktype=101)
                     + b"".join(epb(e, frame(k), k, interface=k % 2) for k in range(5)))
    packets, report = read(path)
    assert len(packets) == report.packets == 5
    assert report.big_endian is (e == ">")
    assert report.interfaces == [1, 101]
    assert [p.linktype for p in packets] == [1, 101, 1, 101, 1]


def test_a_simple_packet_block_keeps_what_its_block_holds(tmp_path: Path) -> None:
    """pcapng §4.4: an SPB's captured length is the least of its original length, the
    snapshot length of interface 0 (an SPB always belongs to it) and the room in its
    block."""
    data = frame(3)[:40]  # a multiple of four: no padding in the block
    path = tmp_path / "spb.pcapng"
    path.write_bytes(shb("<") + idb("<") + spb("<", data, wirelen=1500)
                     + idb("<", snaplen=24) + epb("<", frame(0), 0)  # (a second interface)
                     + spb("<", data))
    packets, _ = read(path)
    assert [len(p.data) for p in packets] == [40, len(frame(0)), 40]  # the block's room
    assert packets[0].wirelen == 1500 and packets[2].wirelen == 40
    assert packets[0].data == packets[2].data == data  # (interface 1's snaplen is not its)


def test_progress_climbs_to_the_whole_file_and_cancel_stops_the_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.net.capture.errors import LoadCancelled

    monkeypatch.setattr(pcapng_records, "CHUNK", 4096)  # several chunks for a small file
    path = tmp_path / "many.pcapng"
    path.write_bytes(shb("<") + idb("<") + b"".join(epb("<", frame(k % 7), k)
                                                    for k in range(400)))
    size = path.stat().st_size
    seen: list[tuple[int, int]] = []
    report = ReadReport()
    count = sum(len(b.pos) for b in read_batches(str(path), report,
                                                  lambda done, total: seen.append((done, total))))
    assert count == 400
    assert len(seen) > 3 and seen[-1] == (size, size)
    assert all(total == size for _, total in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and seen[0][0] > 0
    calls = 0

    def cancel_after_two() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    got = 0
    with pytest.raises(LoadCancelled):
        for b in read_batches(str(path), ReadReport(), should_cancel=cancel_after_two):
            got += len(b.pos)
    assert 0 < got < 400  # stopped part-way, after what it had read
