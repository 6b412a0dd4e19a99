"""Where the fields of a pcap or pcapng file lie, read leniently so damaged files still map.

The mutators edit capture files field by field (a record's captured length, a block's total
length, an interface's link type), so they need the file's layout: every header field with its
offset, size and byte order, and every record or block with its extent. The walk stops
quietly where the bytes stop making sense; whatever was mapped before that point is kept.
Formats: classic pcap (draft-ietf-opsawg-pcap) and pcapng (draft-ietf-opsawg-pcapng).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

_PCAP_MAGICS = {
    b"\xd4\xc3\xb2\xa1": "<", b"\xa1\xb2\xc3\xd4": ">",
    b"\x4d\x3c\xb2\xa1": "<", b"\xa1\xb2\x3c\x4d": ">",
}
PCAPNG_MAGIC = b"\x0a\x0d\x0d\x0a"
#: A record claiming more than this is not walked past (the file may still hold more).
_WALK_LIMIT = 64 << 20


@dataclass(frozen=True)
class Field:
    """One header field: ``data[offset:offset + size]`` in byte order ``endian``."""

    name: str
    offset: int
    size: int  # 1, 2, 4 or 8 bytes
    endian: str  # "<" or ">"
    kind: str  # "length" | "linktype" | "time" | "magic" | "version" | "type" | "other"


@dataclass(frozen=True)
class Record:
    """A pcap record or a pcapng block: ``data[start:end]``; packet bytes at ``packet``."""

    start: int
    end: int
    kind: str  # "record" (pcap) or the pcapng block: "shb" "idb" "epb" "spb" "opb" "other"
    packet: int = -1  # offset of the packet bytes, -1 for a block without a packet
    caplen: int = 0


@dataclass
class Layout:
    """The file's format, its header fields and its records, as far as they could be walked."""

    fmt: str  # "pcap" | "pcapng" | "unknown"
    header_end: int = 0  # end of the pcap file header, or of the first pcapng block
    fields: list[Field] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    stop: int = 0  # where the walk stopped (== len(data) for a well-formed file)

    @property
    def packets(self) -> list[Record]:
        """The records that carry packet bytes."""
        return [r for r in self.records if r.packet >= 0]


def read_field(data: bytes | bytearray, f: Field) -> int:
    """The unsigned value of ``f`` in ``data``."""
    return int.from_bytes(data[f.offset:f.offset + f.size], "little" if f.endian == "<" else "big")


def write_field(data: bytearray, f: Field, value: int) -> None:
    """Store ``value`` (wrapped to the field's width) into ``f``."""
    value &= (1 << (8 * f.size)) - 1
    data[f.offset:f.offset + f.size] = value.to_bytes(f.size, "little" if f.endian == "<" else
                                                      "big")


def layout_of(data: bytes | bytearray) -> Layout:
    """Map ``data`` as pcap or pcapng; an unknown magic gives an empty ``"unknown"`` layout."""
    magic = bytes(data[:4])
    if magic in _PCAP_MAGICS and len(data) >= 24:
        return _pcap_layout(data, _PCAP_MAGICS[magic])
    if magic == PCAPNG_MAGIC:
        return _pcapng_layout(data)
    return Layout("unknown")


def _pcap_layout(data: bytes | bytearray, e: str) -> Layout:
    out = Layout("pcap", header_end=24)
    for name, off, size, kind in (("magic", 0, 4, "magic"), ("version_major", 4, 2, "version"),
                                  ("version_minor", 6, 2, "version"),
                                  ("thiszone", 8, 4, "time"), ("sigfigs", 12, 4, "other"),
                                  ("snaplen", 16, 4, "length"), ("linktype", 20, 4, "linktype")):
        out.fields.append(Field(f"pcap.{name}", off, size, e, kind))
    pos, n, number = 24, len(data), 0
    while pos + 16 <= n:
        number += 1
        caplen = struct.unpack_from(e + "I", data, pos + 8)[0]
        for name, off, kind in (("ts_sec", 0, "time"), ("ts_frac", 4, "time"),
                                ("caplen", 8, "length"), ("wirelen", 12, "length")):
            out.fields.append(Field(f"record[{number}].{name}", pos + off, 4, e, kind))
        end = pos + 16 + caplen
        if caplen > _WALK_LIMIT or end > n:
            break
        out.records.append(Record(pos, end, "record", pos + 16, caplen))
        pos = end
    out.stop = pos
    return out


_BLOCK_KINDS = {0x0A0D0D0A: "shb", 1: "idb", 6: "epb", 3: "spb", 2: "opb"}


def _pcapng_layout(data: bytes | bytearray) -> Layout:
    out = Layout("pcapng")
    pos, n, e, number = 0, len(data), "<", 0
    while pos + 12 <= n:
        if data[pos:pos + 4] == PCAPNG_MAGIC:
            bom = bytes(data[pos + 8:pos + 12])
            e = ">" if bom == b"\x1a\x2b\x3c\x4d" else "<"
        btype, total = struct.unpack_from(e + "II", data, pos)
        number += 1
        tag = f"block[{number}]"
        out.fields.append(Field(f"{tag}.type", pos, 4, e, "type"))
        out.fields.append(Field(f"{tag}.total_length", pos + 4, 4, e, "length"))
        kind = _BLOCK_KINDS.get(btype, "other")
        if total < 12 or total % 4 or total > _WALK_LIMIT or pos + total > n:
            break
        end = pos + total
        out.fields.append(Field(f"{tag}.total_length(trailing)", end - 4, 4, e, "length"))
        body = _block_fields(data, out, tag, kind, pos, end, e)
        packet, caplen = body if body is not None else (-1, 0)
        out.records.append(Record(pos, end, kind, packet, caplen))
        if number == 1:
            out.header_end = end
        pos = end
    out.stop = pos
    return out


def _block_fields(data: bytes | bytearray, out: Layout, tag: str, kind: str, pos: int,
                  end: int, e: str) -> tuple[int, int] | None:
    """Add a block's own fields and options; returns (packet offset, caplen) for packets."""
    specs: tuple[tuple[str, int, int, str], ...] = ()
    opts = -1
    packet: tuple[int, int] | None = None
    if kind == "shb":
        specs = (("byte_order_magic", 8, 4, "magic"), ("version_major", 12, 2, "version"),
                 ("version_minor", 14, 2, "version"), ("section_length", 16, 8, "length"))
        opts = pos + 24
    elif kind == "idb":
        specs = (("linktype", 8, 2, "linktype"), ("reserved", 10, 2, "other"),
                 ("snaplen", 12, 4, "length"))
        opts = pos + 16
    elif kind in ("epb", "opb"):
        specs = (("interface_id", 8, 4 if kind == "epb" else 2, "other"),
                 ("ts_high", 12, 4, "time"), ("ts_low", 16, 4, "time"),
                 ("caplen", 20, 4, "length"), ("wirelen", 24, 4, "length"))
        if pos + 28 <= end - 4:
            caplen = struct.unpack_from(e + "I", data, pos + 20)[0]
            packet = (pos + 28, caplen)
            opts = pos + 28 + caplen + (-caplen % 4)
    elif kind == "spb":
        specs = (("wirelen", 8, 4, "length"),)
        packet = (pos + 12, max(0, end - 4 - (pos + 12)))
    for name, off, size, fkind in specs:
        if pos + off + size <= end - 4:
            out.fields.append(Field(f"{tag}.{name}", pos + off, size, e, fkind))
    if opts >= 0:
        _option_fields(data, out, tag, opts, end - 4, e)
    return packet


def _option_fields(data: bytes | bytearray, out: Layout, tag: str, pos: int, end: int,
                   e: str) -> None:
    number = 0
    while pos + 4 <= end:
        number += 1
        code, length = struct.unpack_from(e + "HH", data, pos)
        out.fields.append(Field(f"{tag}.option[{number}].code", pos, 2, e, "type"))
        out.fields.append(Field(f"{tag}.option[{number}].length", pos + 2, 2, e, "length"))
        if code == 0:
            return
        pos += 4 + length + (-length % 4)


def pcap_file(records: list[tuple[float, bytes, int]], linktype: int = 1,
              snaplen: int = 262_144) -> bytes:
    """A classic little-endian microsecond pcap of (time, captured bytes, wire length)."""
    out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype)]
    for t, raw, wirelen in records:
        sec = int(t)
        usec = min(999_999, round((t - sec) * 1e6))
        out.append(struct.pack("<IIII", sec & 0xFFFFFFFF, usec, len(raw), wirelen))
        out.append(raw)
    return b"".join(out)
