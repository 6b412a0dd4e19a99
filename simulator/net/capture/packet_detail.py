"""Full dissection of ONE packet with scapy, with the byte range of every field.

The index locates the packet (file offset + captured length, see ``capture.index``); this
module re-reads just those bytes and lets scapy dissect them, then recomputes where each
field lies by replaying scapy's own field parsing (``Field.getfield``) over the layer's
bytes. Bit fields (e.g. IPv4 version/IHL, TCP flags) get the bytes that contain them plus
their bit range. The result is a Wireshark-like tree for a detail pane and a hex view.
Link-layer numbers follow the LINKTYPE registry (draft-ietf-opsawg-pcaplinktype).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simulator.net.capture import messages as say
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import CaptureIndex

_MAX_VALUE = 200


@dataclass(frozen=True)
class FieldInfo:
    """One field: its display value and where its bytes are: ``raw[start:end]``."""

    name: str
    value: str
    start: int
    end: int
    bit_start: int  # absolute bit offset of the field in the packet
    bit_end: int


@dataclass(frozen=True)
class LayerInfo:
    """One protocol layer (Ethernet, IP, TCP, ...) with its fields, ``raw[start:end]``."""

    name: str
    start: int
    end: int
    fields: tuple[FieldInfo, ...]


@dataclass(frozen=True)
class PacketDetail:
    """The dissected packet: ``raw`` is what the file holds (``caplen`` bytes)."""

    number: int
    time: float
    caplen: int
    wirelen: int
    linktype: int
    raw: bytes
    layers: tuple[LayerInfo, ...]
    summary: str
    comment: str | None
    problem: str | None  # set when scapy could not dissect everything


def read_packet_bytes(index: CaptureIndex, number: int) -> bytes:
    """The captured bytes of packet ``number`` (1-based), re-read from the file."""
    if not 1 <= number <= index.packet_count:
        raise IndexError(say.NO_SUCH_PACKET.format(number=number, count=index.packet_count))
    row = index.packets.row(number - 1)
    try:
        with open(index.path, "rb") as f:
            f.seek(int(row["offset"]))
            data = f.read(int(row["caplen"]))
    except OSError as exc:
        raise CaptureError(say.CANNOT_REREAD.format(reason=exc.strerror or exc)) from None
    if len(data) != int(row["caplen"]):
        raise CaptureError(say.CHANGED_ON_DISK)
    return data


def preload_dissectors() -> None:
    """Import scapy's layer modules now (about 0.3 s, once per process), so the first packet
    the learner opens is as quick as the rest; the capture loader calls this in its thread."""
    _layer_class(1, b"")


def _layer_class(linktype: int, data: bytes) -> Any:
    # Importing the layer modules registers their link types and protocol bindings.
    import scapy.layers.http
    import scapy.layers.inet6
    import scapy.layers.l2
    import scapy.layers.ppp  # noqa: F401  (PPPoE session + PPP inside Ethernet)
    from scapy.config import conf
    from scapy.packet import Raw

    if linktype in (12, 14, 101, 228, 229):
        from scapy.layers.inet import IP
        from scapy.layers.inet6 import IPv6

        version = data[0] >> 4 if data else 0
        return IP if version == 4 else IPv6 if version == 6 else Raw
    return conf.l2types.num2layer.get(linktype, Raw)


def _consumed_bits(state: Any, total: int) -> int:
    if isinstance(state, tuple):
        rest, bits = state
        return (total - len(rest)) * 8 + int(bits)
    return (total - len(state)) * 8


def _short(text: str) -> str:
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def _walk_fields(layer: Any, data: bytes, base: int) -> tuple[list[FieldInfo], int] | None:
    """Replay ``getfield`` over ``data`` (the layer's bytes onwards); None if it diverges."""
    fields: list[FieldInfo] = []
    state: Any = data
    total = len(data)
    for fld in layer.fields_desc:
        start_bits = _consumed_bits(state, total)
        state, _ = fld.getfield(layer, state)
        end_bits = _consumed_bits(state, total)
        value = layer.getfieldval(fld.name)
        try:
            shown = str(fld.i2repr(layer, value))
        except Exception:  # a field's repr must never break the detail view
            shown = repr(value)
        fields.append(
            FieldInfo(
                name=fld.name,
                value=_short(shown),
                start=base + start_bits // 8,
                end=base + (end_bits + 7) // 8,
                bit_start=base * 8 + start_bits,
                bit_end=base * 8 + end_bits,
            )
        )
    consumed = _consumed_bits(state, total)
    if consumed % 8:
        return None
    return fields, consumed // 8


def _search_fields(layer: Any, data: bytes, base: int) -> tuple[list[FieldInfo], int]:
    """For layers with their own ``do_dissect`` (e.g. HTTP): find each value's bytes."""
    payload = layer.payload
    size = len(data) - (len(bytes(payload)) if payload else 0)
    size = max(0, min(size, len(data)))
    fields: list[FieldInfo] = []
    cursor = 0
    for fld in layer.fields_desc:
        value = layer.getfieldval(fld.name)
        if value is None:
            continue
        start, end = 0, size
        if isinstance(value, bytes) and value:
            # Prefer "Header-Name: value" (HTTP style), else the first occurrence after
            # the previous field, else anywhere in the layer.
            label = fld.name.replace("_", "-").lower().encode() + b": " + value.lower()
            at = data.lower().find(label, 0, size)
            if at >= 0:
                at += len(label) - len(value)
            else:
                at = data.find(value, cursor, size)
                if at < 0:
                    at = data.find(value, 0, size)
            if at >= 0:
                start, end = at, at + len(value)
                cursor = max(cursor, end)
        try:
            shown = str(fld.i2repr(layer, value))
        except Exception:  # a field's repr must never break the detail view
            shown = repr(value)
        fields.append(
            FieldInfo(fld.name, _short(shown), base + start, base + end,
                      (base + start) * 8, (base + end) * 8)
        )
    return fields, size


def dissect_packet(index: CaptureIndex, number: int) -> PacketDetail:
    """Dissect packet ``number`` (1-based) with scapy; never raises on odd packet bytes."""
    data = read_packet_bytes(index, number)
    row = index.packets.row(number - 1)
    linktype = int(row["linktype"])
    layers: list[LayerInfo] = []
    problem: str | None = None
    summary = ""
    from scapy.packet import Packet

    try:
        pkt = _layer_class(linktype, data)(data)
        summary = str(pkt.summary())
        offset = 0
        layer = pkt
        while layer is not None and layer.__class__.__name__ != "NoPayload":
            header = data[offset:]
            if type(layer).do_dissect is not Packet.do_dissect:
                walked: tuple[list[FieldInfo], int] | None = _search_fields(
                    layer, header, offset
                )
            else:
                walked = _walk_fields(layer, header, offset)
            name = str(getattr(layer, "name", layer.__class__.__name__))
            if walked is None:
                problem = say.FIELDS_NOT_LOCATED.format(layer=name)
                layers.append(LayerInfo(name, offset, len(data), ()))
                break
            fields, size = walked
            layers.append(LayerInfo(name, offset, offset + size, tuple(fields)))
            offset += size
            layer = layer.payload if layer.payload else None
        if offset < len(data) and problem is None:
            layers.append(
                LayerInfo(
                    "Trailing bytes",
                    offset,
                    len(data),
                    (FieldInfo("load", data[offset:].hex(), offset, len(data),
                               offset * 8, len(data) * 8),),
                )
            )
    except Exception as exc:  # scapy can raise anything on malformed bytes
        problem = say.NOT_DISSECTED.format(error=f"{type(exc).__name__}: {exc}")
        layers = [
            LayerInfo("Raw", 0, len(data), (FieldInfo("load", data.hex(), 0, len(data), 0,
                                                      len(data) * 8),))
        ]
    return PacketDetail(
        number=number,
        time=float(row["time"]),
        caplen=int(row["caplen"]),
        wirelen=int(row["wirelen"]),
        linktype=linktype,
        raw=data,
        layers=tuple(layers),
        summary=summary,
        comment=index.comments.get(number),
        problem=problem,
    )
