"""Iterate the packet records of a classic pcap or a pcapng file, in batches of numpy arrays.

Formats: classic pcap per draft-ietf-opsawg-pcap (24-byte file header, 16-byte record
headers, either byte order, magic 0xA1B2C3D4 = microsecond and 0xA1B23C4D = nanosecond
stamps) and pcapng per draft-ietf-opsawg-pcapng (blocks; per-interface link type and
``if_tsresol``).

pcapng is read with scapy's ``RawPcapNgReader``. Classic pcap records are walked here, on
6 MiB chunks read by a helper thread (double-buffered), instead of with scapy's
``RawPcapReader``: that reader builds a namedtuple and a bytes object per packet and needs
~1.8 s just to iterate a million packets (see bench/README.md), more than the whole 1 s
budget for indexing such a file. Both paths detect a file that is cut short (scapy's
readers stop silently) by comparing where reading stopped with the file size.
"""

from __future__ import annotations

import io
import logging
import os
import queue
import struct
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import numpy as np
from numpy.typing import NDArray

from simulator.models.limits import CAPTURE_RECORD
from simulator.net.capture import messages as say
from simulator.net.capture.errors import CaptureError, LoadCancelled

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

#: Largest packet Wireshark accepts in a record (WTAP_MAX_PACKET_SIZE_STANDARD; ``limits``).
MAX_RECORD = CAPTURE_RECORD
#: Slack after each buffer so vectorised header reads never index past its end.
PAD = 1024
CHUNK = 6 << 20

_PCAP_MAGICS: dict[bytes, tuple[str, float]] = {
    b"\xd4\xc3\xb2\xa1": ("<", 1e-6),
    b"\xa1\xb2\xc3\xd4": (">", 1e-6),
    b"\x4d\x3c\xb2\xa1": ("<", 1e-9),
    b"\xa1\xb2\x3c\x4d": (">", 1e-9),
}
_PCAPNG_MAGIC = b"\x0a\x0d\x0d\x0a"


@dataclass
class RecordBatch:
    """Consecutive packet records; ``data[pos[i]:pos[i]+caplen[i]]`` is packet i's bytes."""

    data: NDArray[np.uint8]
    base: int  # file offset of data[0]
    first_number: int  # 1-based packet number of the first record in the batch
    pos: NDArray[np.int64]
    caplen: NDArray[np.int64]
    wirelen: NDArray[np.int64]
    ts: NDArray[np.float64]
    linktype: NDArray[np.int32]


@dataclass
class ReadReport:
    """What the container reader learnt besides the packets themselves."""

    fmt: str = ""
    size: int = 0
    packets: int = 0
    snaplen: int = 0
    nanosecond: bool = False
    big_endian: bool = False
    interfaces: list[int] = field(default_factory=list)  # link type per interface
    comments: dict[int, str] = field(default_factory=dict)  # packet number -> comment
    warnings: list[str] = field(default_factory=list)


def sniff_format(path: str) -> tuple[str, int]:
    """Return ("pcap"|"pcapng", size) or raise :class:`CaptureError` for unusable files."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(24)
    except OSError as exc:
        raise CaptureError(say.CANNOT_OPEN.format(reason=exc.strerror or exc)) from None
    if size == 0:
        raise CaptureError(say.EMPTY_FILE)
    magic = head[:4]
    if magic in _PCAP_MAGICS:
        if size < 24:
            raise CaptureError(say.CUT_IN_FILE_HEADER.format(size=size))
        return "pcap", size
    if magic == _PCAPNG_MAGIC:
        return "pcapng", size
    if head[:2] == b"\x1f\x8b":
        raise CaptureError(say.GZIPPED)
    if len(magic) < 4:
        raise CaptureError(say.TOO_SHORT.format(size=size))
    raise CaptureError(say.NOT_A_CAPTURE.format(magic=magic.hex(" ")))


def read_batches(
    path: str,
    report: ReadReport,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> Iterator[RecordBatch]:
    """Yield the packet records of ``path`` in batches; problems go to ``report.warnings``."""
    fmt, size = sniff_format(path)
    report.fmt = fmt
    report.size = size
    if fmt == "pcap":
        yield from _read_pcap(path, size, report, progress, should_cancel)
    else:
        yield from _read_pcapng(path, size, report, progress, should_cancel)


def _check_cancel(should_cancel: CancelFn | None) -> None:
    if should_cancel is not None and should_cancel():
        raise LoadCancelled("Loading was cancelled.")


# --------------------------------------------------------------------------- classic pcap


def _walk(data: memoryview, endian: str) -> tuple[list[int], int]:
    """Walk record headers of ``data`` from 0; return (complete record offsets, stop offset).

    This loop is the only per-packet Python code for classic pcap, so it does the bare
    minimum (absurd lengths are checked afterwards, vectorised). The caplen field of the
    record at ``pos`` is read from one of four 32-bit views of the buffer (one per byte
    alignment), which is ~10 % faster than ``struct.unpack_from``.
    """
    n = len(data)
    fmt = "I" if endian == ("<" if sys.byteorder == "little" else ">") else ""
    out: list[int] = []
    append = out.append
    pos = 0
    if fmt and n >= 8:
        views = tuple(data[a : a + (n - a) // 4 * 4].cast("I") for a in range(4))
        try:
            while True:
                end = pos + 16 + views[pos & 3][(pos >> 2) + 2]
                if end > n:
                    break
                append(pos)
                pos = end
        except IndexError:  # fewer than 12 bytes left: a partial record header
            pass
        return out, pos
    unpack = struct.Struct(endian + "I").unpack_from
    try:
        while True:
            end = pos + 16 + unpack(data, pos + 8)[0]
            if end > n:
                break
            append(pos)
            pos = end
    except struct.error:  # fewer than 12 bytes left: a partial record header
        pass
    return out, pos


class _ChunkReader(threading.Thread):
    """Reads and walks the next chunk while the caller decodes the current one.

    Two buffers alternate: the thread fills and walks one (``readinto`` releases the GIL,
    and numpy releases it in the caller's vectorised decoding) while the caller holds the
    other. A record cut by the chunk end is carried to the start of the next buffer.
    """

    def __init__(self, f: io.BufferedReader, endian: str, chunk: int) -> None:
        super().__init__(name="pcap-reader", daemon=True)
        self.f = f
        self.endian = endian
        self.cap = chunk
        self.free: queue.Queue[NDArray[np.uint8]] = queue.Queue()
        self.full: queue.Queue[_Chunk | BaseException] = queue.Queue()
        self.stopping = threading.Event()
        for _ in range(2):
            self.free.put(np.zeros(chunk + PAD, dtype=np.uint8))

    def _take(self) -> NDArray[np.uint8] | None:
        while not self.stopping.is_set():
            try:
                return self.free.get(timeout=0.05)
            except queue.Empty:
                continue
        return None

    def run(self) -> None:
        try:
            buf = self._take()
            carry = 0
            file_off = 24
            while buf is not None:
                got = self.f.readinto(buf.data[carry : self.cap])
                n = carry + (got or 0)
                offsets, stop = _walk(buf.data[:n], self.endian)
                rest = n - stop
                done = not got or (rest == n and n >= self.cap)
                nxt = None
                if not done:
                    nxt = self._take()
                    if nxt is None:
                        return
                    nxt[:rest] = buf[stop:n]
                self.full.put(_Chunk(buf, file_off, n, offsets, stop, not got, done))
                buf, carry, file_off = nxt, rest, file_off + stop
        except BaseException as exc:  # handed to the caller, which re-raises it
            self.full.put(exc)

    def close(self) -> None:
        self.stopping.set()
        self.join()


@dataclass
class _Chunk:
    buf: NDArray[np.uint8]
    file_off: int  # file offset of buf[0]
    n: int  # valid bytes in buf
    offsets: list[int]  # complete records
    stop: int  # where the walk stopped
    eof: bool
    done: bool  # the reader thread has finished


def _read_pcap(
    path: str,
    size: int,
    report: ReadReport,
    progress: ProgressFn | None,
    should_cancel: CancelFn | None,
) -> Iterator[RecordBatch]:
    with open(path, "rb") as f:
        header = f.read(24)
        endian, scale = _PCAP_MAGICS[header[:4]]
        _vmaj, _vmin, _zone, _sig, snaplen, network = struct.unpack(endian + "HHiIII", header[4:])
        report.nanosecond = scale < 1e-6
        report.big_endian = endian == ">"
        report.snaplen = snaplen
        linktype = network & 0xFFFF  # upper bits carry the FCS length (pcap draft, 4.)
        report.interfaces = [linktype]
        limit = max(MAX_RECORD, min(snaplen, 1 << 24))
        reader = _ChunkReader(f, endian, max(CHUNK, 4 * limit))
        reader.start()
        number = 1
        dt = np.dtype(endian + "u4")
        try:
            while True:
                _check_cancel(should_cancel)
                item = reader.full.get()
                if isinstance(item, BaseException):
                    raise item
                buf, file_off, n, stop = item.buf, item.file_off, item.n, item.stop
                offsets = item.offsets
                absurd = False
                if offsets:
                    pos = np.asarray(offsets, dtype=np.int64)
                    hdr = buf[pos[:, None] + np.arange(16)].view(dt).reshape(-1, 4)
                    hdr = hdr.astype(np.int64)
                    caplen = hdr[:, 2]
                    too_big = np.flatnonzero(caplen > limit)
                    if len(too_big):  # an absurd length: stop at that record
                        absurd = True
                        k = int(too_big[0])
                        stop = int(pos[k])
                        pos, hdr, caplen = pos[:k], hdr[:k], caplen[:k]
                        offsets = offsets[:k]
                if not absurd and n - stop >= 16:
                    absurd = struct.unpack_from(endian + "I", buf.data, stop + 8)[0] > limit
                if len(offsets):
                    yield RecordBatch(
                        data=buf,
                        base=file_off,
                        first_number=number,
                        pos=pos + 16,
                        caplen=caplen,
                        wirelen=hdr[:, 3],
                        ts=hdr[:, 0] + hdr[:, 1] * scale,
                        linktype=np.full(len(pos), linktype, dtype=np.int32),
                    )
                    number += len(offsets)
                if progress is not None:
                    progress(min(file_off + n, size), size)
                if absurd:
                    (bad,) = struct.unpack_from(endian + "I", buf.data, stop + 8)
                    report.warnings.append(say.ABSURD_RECORD.say(
                        number - 1, offset=file_off + stop, number=number, claimed=bad,
                        limit=limit))
                    break
                rest = n - stop
                if item.done:
                    if rest:
                        cut = say.CUT_IN_RECORD_HEADER if rest < 16 else say.CUT_IN_RECORD_DATA
                        report.warnings.append(cut.say(
                            number - 1, number=number, offset=file_off + stop, present=rest))
                    break
                reader.free.put(buf)
        finally:
            reader.close()
    report.packets = number - 1


# --------------------------------------------------------------------------- pcapng


class _ScapyLogCollector(logging.Handler):
    """Collects scapy's reader warnings so they reach the user as index warnings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _BoundedReads:
    """The capture file, whose ``read(n)`` never asks for more than the file still holds.

    scapy's pcapng reader ``read()``s as many bytes as a block claims, and a file read
    allocates what is asked before reading: a block claiming 4 GiB in a 1 KB file cost 4 GiB
    (a MemoryError under a memory limit; found by ``python -m simulator.fuzz``). Capped, the
    short read makes scapy stop at that block, and the packets before it are kept.
    """

    def __init__(self, file: BinaryIO, size: int) -> None:
        self._file = file
        self._size = size
        self.name = file.name

    def read(self, n: int | None = -1) -> bytes:
        left = max(0, self._size - self._file.tell())
        return self._file.read(left if n is None or n < 0 else min(n, left))

    def __getattr__(self, name: str) -> Any:  # tell, seek, close, ...: the file's own
        return getattr(self._file, name)


def _read_pcapng(
    path: str,
    size: int,
    report: ReadReport,
    progress: ProgressFn | None,
    should_cancel: CancelFn | None,
) -> Iterator[RecordBatch]:
    from scapy.error import Scapy_Exception
    from scapy.utils import RawPcapNgReader

    data = np.zeros(size + PAD, dtype=np.uint8)
    with open(path, "rb") as fh:
        fh.readinto(data.data[:size])
    raw = data.data[:size]  # a view: no second copy of the file
    logger = logging.getLogger("scapy.runtime")
    collector = _ScapyLogCollector()
    logger.addHandler(collector)
    old_propagate = logger.propagate
    logger.propagate = False
    pos: list[int] = []
    caplen: list[int] = []
    wirelen: list[int] = []
    ts: list[float] = []
    links: list[int] = []
    stop_at = 0
    failure = ""
    try:
        file = open(path, "rb")  # noqa: SIM115 (the reader closes it)
        try:
            # (scapy types it str, but its open() takes a file object as well)
            reader = RawPcapNgReader(_BoundedReads(file, size))  # type: ignore[arg-type]
        except (Scapy_Exception, EOFError, OSError, struct.error) as exc:
            file.close()
            raise CaptureError(say.PCAPNG_HEADER_DAMAGED.format(error=exc)) from None
        try:
            stop_at = reader.f.tell()
            while True:
                if len(pos) % 4096 == 0:
                    _check_cancel(should_cancel)
                    if progress is not None:
                        progress(stop_at, size)
                try:
                    pkt, meta = reader._read_packet()
                except EOFError:
                    break
                except LoadCancelled:
                    raise
                except Exception as exc:  # scapy raises assorted errors on damaged blocks
                    failure = f"{type(exc).__name__}: {exc}"
                    break
                end = reader.f.tell()
                # Locate the packet bytes in the file: the block's trailing length field
                # gives its start; data sits 28 bytes in (EPB, PB) or 12 (SPB).
                (blen,) = struct.unpack_from(reader.endian + "I", raw, end - 4)
                start = end - blen
                btype = struct.unpack_from(reader.endian + "I", raw, start)[0] if start >= 0 else 0
                off = start + (12 if btype == 3 else 28)
                if start < 0 or raw[off : off + len(pkt)] != pkt:
                    failure = say.BLOCK_LENGTHS_DISAGREE
                    break
                stop_at = end
                pos.append(off)
                caplen.append(len(pkt))
                wirelen.append(int(meta.wirelen))
                links.append(int(meta.linktype))
                if meta.tshigh is None:
                    ts.append(0.0)
                else:
                    ts.append(((meta.tshigh << 32) | meta.tslow) / meta.tsresol)
                if meta.comments:
                    text = meta.comments[0] if isinstance(meta.comments, list) else meta.comments
                    if isinstance(text, bytes):
                        text = text.split(b"\x00", 1)[0].decode("utf-8", "replace")
                    report.comments[len(pos)] = str(text)
            report.interfaces = [int(i[0]) for i in reader.interfaces]
            reader.close()
        finally:
            logger.removeHandler(collector)
            logger.propagate = old_propagate
    except CaptureError:
        raise
    count = len(pos)
    if progress is not None:
        progress(size, size)
    if stop_at < size:
        # scapy prefixes repeated log lines with "more "; show each message once.
        detail = "; ".join(dict.fromkeys(m.removeprefix("more ") for m in collector.messages))
        extra = " " + say.READER_SAID.format(detail=detail) if detail else ""
        report.warnings.append(say.PCAPNG_CUT.say(
            count, last=count, offset=stop_at, size=size, failure=failure or say.BLOCK_CUT)
            + extra)
    report.packets = count
    if count:
        yield RecordBatch(
            data=data,
            base=0,
            first_number=1,
            pos=np.asarray(pos, dtype=np.int64),
            caplen=np.asarray(caplen, dtype=np.int64),
            wirelen=np.asarray(wirelen, dtype=np.int64),
            ts=np.asarray(ts, dtype=np.float64),
            linktype=np.asarray(links, dtype=np.int32),
        )
