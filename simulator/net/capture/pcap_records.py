"""Iterate the packet records of a classic pcap or a pcapng file, in batches of numpy arrays.

Formats: classic pcap per draft-ietf-opsawg-pcap (24-byte file header, 16-byte record
headers, either byte order, magic 0xA1B2C3D4 = microsecond and 0xA1B23C4D = nanosecond
stamps) here, and pcapng in :mod:`~simulator.net.capture.pcapng_records`.

Both are walked by our own code on 6 MiB chunks that a helper thread reads (double-buffered,
:mod:`~simulator.net.capture.chunk_reader`), not by scapy's ``RawPcapReader`` and
``RawPcapNgReader``: those build a namedtuple and a bytes object per packet and need ~1.8 s
just to iterate a million packets (see bench/README.md), more than the whole 1 s budget for
indexing such a file. A file that is cut short is detected by where reading stopped.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Iterator

import numpy as np

from simulator.models.limits import CAPTURE_RECORD
from simulator.net.capture import messages as say
from simulator.net.capture.chunk_reader import CHUNK, ChunkReader
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.pcapng_records import read_pcapng
from simulator.net.capture.record_batch import (
    PAD,
    CancelFn,
    ProgressFn,
    ReadReport,
    RecordBatch,
    check_cancel,
)

__all__ = ["CHUNK", "MAX_RECORD", "PAD", "CancelFn", "ProgressFn", "ReadReport", "RecordBatch",
           "read_batches", "sniff_format"]

#: Largest packet Wireshark accepts in a record (WTAP_MAX_PACKET_SIZE_STANDARD; ``limits``).
MAX_RECORD = CAPTURE_RECORD

_PCAP_MAGICS: dict[bytes, tuple[str, float]] = {
    b"\xd4\xc3\xb2\xa1": ("<", 1e-6),
    b"\xa1\xb2\xc3\xd4": (">", 1e-6),
    b"\x4d\x3c\xb2\xa1": ("<", 1e-9),
    b"\xa1\xb2\x3c\x4d": (">", 1e-9),
}
_PCAPNG_MAGIC = b"\x0a\x0d\x0d\x0a"


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
        yield from read_pcapng(path, size, report, progress, should_cancel)



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
        reader = ChunkReader(f, lambda data: (*_walk(data, endian), False),
                             max(CHUNK, 4 * limit), start=24)
        reader.start()
        number = 1
        dt = np.dtype(endian + "u4")
        try:
            while True:
                check_cancel(should_cancel)
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


