"""Mutators of capture files: each edits a bytearray in place and says what it did.

Every mutator takes the random generator (the only source of choices, so a variant is
reproducible from its seed), the file's bytes and a :class:`Context` (the file's layout,
another file for splicing), and returns a :class:`Change`: a one-line description and the
byte offsets it touched (the pipeline dissects the packets there). Structure-aware mutators
use ``formats.layout_of``: header fields (pcap file header, record headers, pcapng block
lengths, interface link types, option lengths, timestamps) get values chosen to break
parsers (0, 1, all ones, just over the limits, the old value off by one or four, huge).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from simulator.fuzz.formats import Field, Layout, Record, layout_of, read_field, write_field


@dataclass(frozen=True)
class Change:
    """What a mutator did (one line) and the file offsets it touched."""

    text: str
    offsets: tuple[int, ...] = ()


@dataclass
class Context:
    """What a mutator may consult: the other corpus files (for splicing)."""

    others: tuple[tuple[str, bytes], ...] = ()


Mutator = Callable[[random.Random, bytearray, Context], Change | None]

LINK_TYPES = (0, 1, 6, 9, 12, 14, 101, 104, 105, 108, 113, 127, 147, 192, 228, 229, 239, 276,
              0xFFFF, 0x10001, 0xFFFFFFFF)
_BYTES = (0x00, 0x01, 0x7F, 0x80, 0xFF, 0x20, 0x0A, 0x0D, 0x45, 0x60, 0x86, 0xDD, 0x08)


def _interesting(rng: random.Random, f: Field, old: int, file_size: int) -> int:
    top = (1 << (8 * f.size)) - 1
    if f.kind == "linktype":
        return rng.choice(LINK_TYPES)
    common = [0, 1, 2, 3, 4, top, top - 1, top >> 1, (top >> 1) + 1, old + 1, old - 1,
              old + 4, old - 4, old * 2, old // 2, rng.randrange(top + 1), old ^ 0xFF]
    if f.kind == "length":
        common += [8, 12, 16, 28, 0xFFFF, 0x10000, 262_144, 262_145, 1 << 24, 1 << 28,
                   0x40000000, file_size, file_size - f.offset, old + 65536]
    elif f.kind == "time":
        common += [999_999, 1_000_000, 999_999_999, 1_000_000_000, 0x80000000, old - 3600,
                   old + 86400 * 365 * 100]
    elif f.kind == "type":
        common += [1, 2, 3, 5, 6, 0x0A0D0D0A, 0x80000001, 0x00000BAD, 0x40000BAD]
    elif f.kind == "magic":
        common += [0xA1B2C3D4, 0xD4C3B2A1, 0xA1B23C4D, 0x1A2B3C4D, 0x4D3C2B1A, 0x0A0D0D0A]
    elif f.kind == "version":
        common += [2, 4, 1, 0]
    return rng.choice(common) & top


def _layout(data: bytearray) -> Layout:
    return layout_of(data)


def bit_flips(rng: random.Random, data: bytearray, ctx: Context) -> Change | None:
    """Flip 1–16 random bits, half the time within the first 64 bytes or a record header."""
    if not data:
        return None
    lay = _layout(data)
    spots = [f.offset for f in lay.fields] or [0]
    offsets = []
    for _ in range(rng.choice((1, 1, 2, 4, 8, 16))):
        if rng.random() < 0.5:
            at = min(len(data) - 1, rng.choice(spots) + rng.randrange(8))
        else:
            at = rng.randrange(len(data))
        data[at] ^= 1 << rng.randrange(8)
        offsets.append(at)
    return Change(f"bit flips at {_short(offsets)}", tuple(offsets))


def byte_edits(rng: random.Random, data: bytearray, ctx: Context) -> Change | None:
    """Set 1–8 random bytes (or a run) to values parsers care about."""
    if not data:
        return None
    offsets = []
    for _ in range(rng.choice((1, 2, 4, 8))):
        at = rng.randrange(len(data))
        run = rng.choice((1, 1, 2, 4, 16))
        value = rng.choice(_BYTES)
        data[at:at + run] = bytes([value]) * len(data[at:at + run])
        offsets.append(at)
    return Change(f"bytes set at {_short(offsets)}", tuple(offsets))


def field_edit(rng: random.Random, data: bytearray, ctx: Context) -> Change | None:
    """Give one header field (length, link type, time, type, magic, version) an odd value."""
    lay = _layout(data)
    if not lay.fields:
        return None
    weights = {"length": 5, "linktype": 3, "time": 2, "type": 2, "magic": 1, "version": 1,
               "other": 1}
    chosen = rng.choices(lay.fields, [weights[f.kind] for f in lay.fields])[0]
    old = read_field(data, chosen)
    new = _interesting(rng, chosen, old, len(data))
    write_field(data, chosen, new)
    return Change(f"{chosen.name} {old:#x} → {new:#x}", (chosen.offset,))


def packet_header_edit(rng: random.Random, data: bytearray, ctx: Context) -> Change | None:
    """Edit a byte or 16-bit word within the first 80 bytes of a packet (L2–L4 headers)."""
    packets = [r for r in _layout(data).packets if r.caplen > 0]
    if not packets:
        return None
    rec = rng.choice(packets)
    at = rec.packet + rng.randrange(min(rec.caplen, 80))
    if at >= len(data):
        return None
    old = data[at]
    if rng.random() < 0.5 and at + 1 < len(data):
        word = rng.choice((0, 1, 0xFFFF, 0x8000, 0x7FFF, 20, 40, 60, 5, 0x0800, 0x86DD, 0x8100,
                           0x88A8, 0x8864))
        data[at:at + 2] = word.to_bytes(2, "big")
        return Change(f"packet at {rec.packet}: bytes {at - rec.packet}..+1 → {word:#06x}",
                      (at,))
    data[at] = rng.choice((*_BYTES, 0x40, 0x4F, 0x46, 0x06, 0x11, 0x2C, 0x00, 0xF0, 0x50, 0xA0))
    return Change(f"packet at {rec.packet}: byte {at - rec.packet} {old:#04x} → {data[at]:#04x}",
                  (at,))


def truncate(rng: random.Random, data: bytearray, ctx: Context) -> Change | None:
    """Cut the file at any byte, often just inside or next to a record boundary."""
    if len(data) < 2:
        return None
    lay = _layout(data)
    if lay.records and rng.random() < 0.5:
        rec = rng.choice(lay.records)
        cut = max(1, min(len(data) - 1, rng.choice((rec.start, rec.end)) +
                         rng.choice((-1, 1, 2, 4, 8, 12, 15, 16, 17, 27, 28))))
    else:
        cut = rng.randrange(1, len(data))
    size = len(data)
    del data[cut:]
    return Change(f"truncated at byte {cut} of {size}", (max(0, cut - 1),))


def _records(data: bytearray) -> list[Record]:
    return [r for r in _layout(data).records if r.kind != "shb"]


def duplicate_records(rng: random.Random, data: bytearray, ctx: Context) -> Change | None:
    """Copy a run of records elsewhere, or one record many times in a row."""
    recs = _records(data)
    if not recs:
        return None
    first = rng.randrange(len(recs))
    last = min(len(recs), first + rng.choice((1, 1, 2, 5, 20)))
    chunk = bytes(data[recs[first].start:recs[last - 1].end])
    times = rng.choice((1, 1, 2, 10, 300))
    where = rng.choice(recs).start if rng.random() < 0.5 else recs[last - 1].end
    if len(chunk) * times > 2 << 20:
        times = 1
    data[where:where] = chunk * times
    return Change(f"records {first + 1}..{last} copied {times}× to byte {where}", (where,))


def reorder_records(rng: random.Random, data: bytearray, ctx: Context) -> Change | None:
    """Swap two records, reverse a run of them, or shuffle a window."""
    recs = _records(data)
    if len(recs) < 2:
        return None
    a = rng.randrange(len(recs))
    b = min(len(recs), a + rng.choice((2, 3, 8, 50)))
    window = recs[a:b]
    pieces = [bytes(data[r.start:r.end]) for r in window]
    what = rng.randrange(3)
    if what == 0:
        pieces[0], pieces[-1] = pieces[-1], pieces[0]
    elif what == 1:
        pieces.reverse()
    else:
        rng.shuffle(pieces)
    if window[-1].end - window[0].start != sum(len(p) for p in pieces):
        return None  # not contiguous (a block between): leave the file as it was
    data[window[0].start:window[-1].end] = b"".join(pieces)
    how = ("swapped ends", "reversed", "shuffled")[what]
    return Change(f"records {a + 1}..{b} {how}", (window[0].start,))


def delete_records(rng: random.Random, data: bytearray, ctx: Context) -> Change | None:
    """Delete a run of records (pcapng: may delete interface or section blocks)."""
    lay = _layout(data)
    recs = lay.records
    if not recs:
        return None
    a = rng.randrange(len(recs))
    b = min(len(recs), a + rng.choice((1, 1, 3, 10)))
    del data[recs[a].start:recs[b - 1].end]
    return Change(f"records {a + 1}..{b} deleted ({recs[a].kind}…)", (max(0, recs[a].start - 1),))


def splice(rng: random.Random, data: bytearray, ctx: Context) -> Change | None:
    """The start of this file, then the rest of another (from a record or from its start)."""
    if not ctx.others:
        return None
    name, other = rng.choice(ctx.others)
    mine, theirs = _layout(data), layout_of(other)
    if mine.records and rng.random() < 0.7:
        cut = rng.choice(mine.records).end
    else:
        cut = rng.randrange(len(data) + 1)
    if theirs.records and rng.random() < 0.6:
        start = rng.choice(theirs.records).start
    elif rng.random() < 0.5:
        start = 0  # the whole other file, header and all
    else:
        start = rng.randrange(len(other) + 1)
    tail = other[start:start + (4 << 20)]
    data[cut:] = tail
    return Change(f"spliced at byte {cut} with {name} from byte {start}", (cut,))


def insert_block(rng: random.Random, data: bytearray, ctx: Context) -> Change | None:
    """Insert a made-up record or block: zero length, huge claims, unknown types, options."""
    lay = _layout(data)
    where = rng.choice([r.start for r in lay.records] + [lay.stop, len(data)])
    e: Literal["little", "big"] = "little"
    if lay.fmt == "pcapng":
        f = next((x for x in lay.fields if x.name.endswith("total_length")), None)
        e = "big" if f is not None and f.endian == ">" else "little"
        btype = rng.choice((6, 3, 1, 2, 5, 0x00000BAD, 0x0A0D0D0A, 0x80000001, 0))
        body = bytes(rng.choice((0, 4, 20, 28)))
        if rng.random() < 0.5:  # an option with a length that runs past the block
            body += rng.choice((1, 2, 0xBAD)).to_bytes(2, e) + rng.choice(
                (0xFFFF, 3, 100)).to_bytes(2, e)
        total = 12 + len(body)
        claim = rng.choice((total, total, 0, 8, 0xFFFFFFFC, total + 4, 13))
        block = btype.to_bytes(4, e) + claim.to_bytes(4, e) + body + total.to_bytes(4, e)
    else:
        e = "big" if lay.fields and lay.fields[0].endian == ">" else "little"
        caplen = rng.choice((0, 0, 1, 14, 0xFFFFFFFF, 262_145, 0x7FFFFFFF))
        wire = rng.choice((0, caplen, 60, 0xFFFFFFFF))
        payload = bytes(min(caplen, 64)) if caplen < 1000 else b""
        block = (rng.randrange(1 << 32).to_bytes(4, e) + rng.choice((0, 999_999, 10**9)).to_bytes(
            4, e) + caplen.to_bytes(4, e) + wire.to_bytes(4, e) + payload)
    data[where:where] = block
    return Change(f"made-up {lay.fmt} record of {len(block)} bytes inserted at byte {where}",
                  (where,))


def _short(offsets: list[int]) -> str:
    return ", ".join(str(o) for o in offsets[:6]) + (" …" if len(offsets) > 6 else "")


#: The capture mutators with their weights.
MUTATORS: tuple[tuple[Mutator, int], ...] = (
    (bit_flips, 5), (byte_edits, 3), (field_edit, 8), (packet_header_edit, 4), (truncate, 4),
    (duplicate_records, 2), (reorder_records, 2), (delete_records, 2), (splice, 2),
    (insert_block, 2),
)


def mutate(rng: random.Random, data: bytearray, ctx: Context, rounds: int) -> list[Change]:
    """Apply ``rounds`` mutators chosen by weight; returns the changes made."""
    changes = []
    funcs = [m for m, _ in MUTATORS]
    weights = [w for _, w in MUTATORS]
    for _ in range(rounds):
        for _attempt in range(4):
            change = rng.choices(funcs, weights)[0](rng, data, ctx)
            if change is not None:
                changes.append(change)
                break
    return changes
