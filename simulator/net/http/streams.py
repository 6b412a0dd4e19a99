"""Reassemble each direction's byte stream of a captured TCP connection.

Theory of operation
-------------------
TCP numbers every byte it sends (RFC 9293 §3.4): a segment with sequence number ``seq``
and ``len`` payload bytes carries bytes ``seq .. seq+len-1`` of its direction's stream; a SYN
takes one number before the first data byte (so the stream starts at ISN+1) and so does a FIN
after the last. A receiver puts segments back in *sequence* order, not arrival order (§3.10.7.4
"segment text"), keeps one copy of retransmitted bytes, and cannot deliver past a hole. This
module does the same with the capture's segments:

1. per direction, sequence numbers are unwrapped modulo 2**32 (§3.4, "sequence number
   arithmetic") into 64-bit offsets from the first byte of the stream (ISN+1 when the SYN was
   captured, else the lowest data sequence number seen: a capture that starts mid-connection);
2. the pieces are sorted by offset (capture order among equals); each piece contributes only
   the bytes beyond what is already assembled, so retransmissions and overlaps add nothing
   (the first copy wins, as in Wireshark's reassembly; a later copy with *different* bytes is
   noted);
3. bytes never captured (a lost segment, or a packet cut to the snapshot length) become a
   :class:`StreamGap`; the bytes around it are separate :class:`StreamRun`\\ s, so a parser
   never reads invented bytes.

Every assembled byte range remembers the packet that delivered it (:class:`ByteSource`). The
stream then answers the HTTP stage twice, once each way: ``pieces`` hands the parser the runs
and gaps in stream order, and ``deliveries`` takes the byte ranges of all the parsed messages
at once and says which packets carried each and when its first and last bytes were captured
(one bisect per range over the sorted sources, so thousands of pipelined messages cost no
rescans).

Payload bytes are read lazily, only for the connections asked for, from a memory map of the
capture file. The index does not record where the TCP header starts, so each packet's TCP
header is found by its first eight bytes, which the index knows exactly: source port,
destination port and raw sequence number (RFC 9293 §3.1). The data offset field then gives
the payload, and the IP length (the index's ``payload_len``) its end, which leaves out
Ethernet padding.
"""

from __future__ import annotations

import bisect
import os
import struct
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np

from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import CaptureIndex

FIN, SYN, RST = 0x01, 0x02, 0x04
_MOD = 1 << 32
_HALF = 1 << 31
#: A TCP header starts within this many bytes of the packet start (link + IP headers).
_HEADER_SEARCH = 512
_CHANGED = "The capture file changed on disk since it was opened."


@dataclass(frozen=True)
class StreamRun:
    """Contiguous assembled bytes: stream offsets ``offset .. offset+len(data)-1``."""

    offset: int
    data: bytes

    @property
    def end(self) -> int:
        return self.offset + len(self.data)


@dataclass(frozen=True)
class StreamGap:
    """Bytes of the stream that were sent but are not in the capture."""

    offset: int
    length: int
    reason: str


@dataclass(frozen=True)
class ByteSource:
    """The packet that delivered stream bytes ``offset .. offset+length-1`` (first copy)."""

    offset: int
    length: int
    packet: int
    time: float


@dataclass(frozen=True)
class Delivery:
    """How a byte range of a stream was captured: the packets that carried it and when."""

    packets: tuple[int, ...]  # packet numbers, sorted
    first_time: float | None  # when its first byte arrived (None: none of it captured)
    last_time: float | None  # when it was complete (its last byte arrived)


@dataclass(frozen=True)
class DirectionStream:
    """One direction of a connection: client → server (0) or server → client (1)."""

    connection: int
    direction: int
    runs: tuple[StreamRun, ...]
    gaps: tuple[StreamGap, ...]
    sources: tuple[ByteSource, ...]
    fin: bool  # the sender's FIN was captured, right after the last byte
    reset: bool  # the sender reset the connection
    end_time: float | None  # time of the direction's last segment
    retransmitted_bytes: int  # bytes that arrived again (retransmission or overlap)
    notes: tuple[str, ...]

    @property
    def length(self) -> int:
        """Stream offset just past the last byte (assembled or missing)."""
        ends = [r.end for r in self.runs] + [g.offset + g.length for g in self.gaps]
        return max(ends, default=0)

    @property
    def captured_bytes(self) -> int:
        return sum(len(r.data) for r in self.runs)

    @property
    def start(self) -> int:
        """Stream offset of the first byte (assembled or missing)."""
        return min([r.offset for r in self.runs] + [g.offset for g in self.gaps], default=0)

    @property
    def pieces(self) -> tuple[StreamRun | StreamGap, ...]:
        """The assembled runs and the gaps between them, in stream order."""
        return tuple(sorted((*self.runs, *self.gaps), key=lambda piece: piece.offset))

    def deliveries(self, ranges: Sequence[tuple[int, int]]) -> tuple[Delivery, ...]:
        """For each byte range ``start .. end-1``: the packets that delivered its bytes, and
        when the first and the last of them arrived."""
        offsets = [s.offset for s in self.sources]
        ends = [s.offset + s.length for s in self.sources]  # sorted too: sources do not overlap
        out = []
        for start, end in ranges:
            # The sources ending after ``start`` and starting before ``end``.
            hits = self.sources[bisect.bisect_right(ends, start) : bisect.bisect_left(offsets, end)]
            times = [s.time for s in hits]
            out.append(Delivery(tuple(sorted({s.packet for s in hits})),
                                min(times, default=None), max(times, default=None)))
        return tuple(out)

    def packets_between(self, start: int, end: int) -> tuple[int, ...]:
        """Numbers of the packets that delivered stream bytes ``start .. end-1``, sorted."""
        return self.deliveries([(start, end)])[0].packets


class PacketBytes:
    """Reads the TCP payload of indexed packets from the capture file, packet by packet.

    Not a memory map: every page of a map that is read stays in the process's resident set,
    and reading the payloads of a large capture that way cost the whole file (983 MB for a
    million packets, issue 14); a read costs only the packet.
    """

    def __init__(self, index: CaptureIndex) -> None:
        self.index = index
        try:
            self._file: BinaryIO | None = open(index.path, "rb", buffering=0)  # noqa: SIM115
            self._size = os.fstat(self._file.fileno()).st_size
        except OSError as exc:
            raise CaptureError(f"Cannot re-read the capture file: {exc}.") from None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def payload(self, row: int, sport: int, dport: int, seq: int, length: int) -> bytes | None:
        """The captured TCP payload of packet row ``row`` (≤ ``length`` bytes), or None."""
        packets = self.index.packets
        return self.payload_at(int(packets["offset"][row]), int(packets["caplen"][row]),
                               sport, dport, seq, length)

    def payload_at(
        self, offset: int, caplen: int, sport: int, dport: int, seq: int, length: int
    ) -> bytes | None:
        """Like :meth:`payload`, for the packet at file ``offset`` with ``caplen`` bytes
        (None once the reader is closed)."""
        if self._file is None:
            return None
        if offset + caplen > self._size:
            raise CaptureError(_CHANGED)
        try:
            self._file.seek(offset)
            packet = self._file.read(caplen)
        except OSError as exc:
            raise CaptureError(f"Cannot re-read the capture file: {exc}.") from None
        if len(packet) < caplen:
            raise CaptureError(_CHANGED)
        at = packet.find(struct.pack("!HHI", sport, dport, seq), 0, _HEADER_SEARCH)
        if at < 0 or at + 13 > min(caplen, _HEADER_SEARCH):
            return None
        start = at + (packet[at + 12] >> 4) * 4
        end = min(start + length, caplen)
        return packet[start:end]  # empty if none of it was captured


@contextmanager
def packet_bytes(index: CaptureIndex) -> Iterator[PacketBytes]:
    reader = PacketBytes(index)
    try:
        yield reader
    finally:
        reader.close()


@dataclass
class _Piece:
    start: int
    data: bytes
    declared: int  # the segment's true payload length (IP length), ≥ len(data)
    packet: int
    time: float


def reassemble(
    index: CaptureIndex, conn_id: int, reader: PacketBytes | None = None
) -> tuple[DirectionStream, DirectionStream]:
    """Both directions of connection ``conn_id``: (client → server, server → client)."""
    if reader is None:
        with packet_bytes(index) as own:
            return reassemble(index, conn_id, own)
    conn = index.connections[conn_id]
    rows = index.packet_rows(conn_id)
    packets = index.packets
    direction = packets["direction"][rows]
    flags = packets["flags"][rows]
    seqs = packets["seq"][rows]
    lens = packets["payload_len"][rows]
    times = packets["time"][rows]
    offsets = packets["offset"][rows]
    caplens = packets["caplen"][rows]
    ports = ((conn.client_port, conn.server_port), (conn.server_port, conn.client_port))
    out = []
    for d in (0, 1):
        mine = np.flatnonzero(direction == d)
        out.append(
            _assemble_direction(
                conn_id, d, reader, ports[d],
                rows[mine].tolist(), flags[mine].tolist(), seqs[mine].tolist(),
                lens[mine].tolist(), times[mine].tolist(),
                offsets[mine].tolist(), caplens[mine].tolist(),
            )
        )
    return out[0], out[1]


def _assemble_direction(
    conn_id: int,
    d: int,
    reader: PacketBytes,
    ports: tuple[int, int],
    rows: list[int],
    flags: list[int],
    seqs: list[int],
    lens: list[int],
    times: list[float],
    offsets: list[int],
    caplens: list[int],
) -> DirectionStream:
    notes: list[str] = []
    # The stream's first byte: ISN+1 if the SYN was captured, else the first data segment.
    base_raw = next(((sq + 1) % _MOD for fl, sq in zip(flags, seqs, strict=True) if fl & SYN),
                    None)
    if base_raw is None:
        base_raw = next((sq for sq, ln, fl in zip(seqs, lens, flags, strict=True)
                         if ln and not fl & RST), seqs[0] if seqs else 0)
    last_raw, last_abs = base_raw, 0
    pieces: list[_Piece] = []
    fin_at: int | None = None
    reset = False

    def unwrap(raw: int) -> int:
        nonlocal last_raw, last_abs
        delta = (raw - last_raw) % _MOD
        if delta >= _HALF:
            delta -= _MOD
        last_raw, last_abs = raw, last_abs + delta
        return last_abs

    for row, fl, sq, ln, t, off, cap in zip(rows, flags, seqs, lens, times, offsets, caplens,
                                            strict=True):
        if fl & RST:
            reset = True  # any text in a RST is a diagnostic, not stream data (RFC 9293 §3.5.3)
            continue
        start = unwrap((sq + 1) % _MOD if fl & SYN else sq)
        if ln:
            data = reader.payload_at(off, cap, ports[0], ports[1], sq, ln)
            if data is None:
                notes.append(f"packet {row + 1}: TCP header not found; its payload is missing")
                data = b""
            pieces.append(_Piece(start, data, ln, row + 1, t))
        if fl & FIN:
            fin = start + ln
            fin_at = fin if fin_at is None else max(fin_at, fin)
    # A mid-stream capture may hold out-of-order data before the first segment seen.
    floor = min([0, *(p.start for p in pieces)])
    pieces.sort(key=lambda p: p.start)  # stable: capture order among equal offsets
    runs: list[StreamRun] = []
    gaps: list[StreamGap] = []
    sources: list[ByteSource] = []
    current = bytearray()
    run_start = floor
    cursor = floor
    cut_reason: str | None = None  # why the bytes after ``cursor`` are missing, if known
    retransmitted = 0
    for p in pieces:
        end = p.start + len(p.data)
        if p.start + p.declared <= cursor:  # all of it arrived before (declared ≥ len(data))
            retransmitted += p.declared
            _compare_overlap(p, current, run_start, notes)
            continue
        if p.start > cursor:
            if current:
                runs.append(StreamRun(run_start, bytes(current)))
            reason = cut_reason or "not in the capture (segment lost before the capture point "\
                "or never captured)"
            gaps.append(StreamGap(cursor, p.start - cursor, reason))
            current = bytearray()
            run_start = cursor = p.start
        if p.start < cursor:
            overlap = min(cursor, end) - p.start
            retransmitted += overlap
            _compare_overlap(p, current, run_start, notes)
        fresh = p.data[max(0, cursor - p.start):]
        if fresh:
            sources.append(ByteSource(cursor, len(fresh), p.packet, p.time))
            current += fresh
            cursor += len(fresh)
            cut_reason = None
        if len(p.data) < p.declared:  # cut short, and (not all resent) it ends past ``cursor``
            cut_reason = (f"packet {p.packet} was cut to the snapshot length "
                          f"({p.declared - len(p.data)} payload bytes not captured)")
    if current:
        runs.append(StreamRun(run_start, bytes(current)))
    stream_end = max([p.start + p.declared for p in pieces] + [fin_at or 0, cursor])
    if stream_end > cursor:
        gaps.append(StreamGap(cursor, stream_end - cursor,
                              cut_reason or "not in the capture"))
    return DirectionStream(
        connection=conn_id,
        direction=d,
        runs=tuple(runs),
        gaps=tuple(gaps),
        sources=tuple(sources),
        fin=fin_at is not None and fin_at == stream_end,
        reset=reset,
        end_time=max(times) if times else None,
        retransmitted_bytes=retransmitted,
        notes=tuple(notes),
    )


def _compare_overlap(p: _Piece, current: bytearray, run_start: int, notes: list[str]) -> None:
    """Note a retransmission whose bytes differ from the first copy (the first copy is kept).
    Pieces come in stream order, so ``p`` starts inside the run being assembled, ``current``
    (stream offsets ``run_start`` on)."""
    end = min(run_start + len(current), p.start + len(p.data))
    if current[p.start - run_start : end - run_start] != p.data[: end - p.start]:
        notes.append(f"packet {p.packet} resends stream bytes {p.start}..{end - 1} with "
                     "different content; the first copy is used")
