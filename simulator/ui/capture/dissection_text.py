"""The words of a dissected packet, as Wireshark writes them: layer titles and field rows.

``simulator.net.capture.packet_detail.dissect_packet`` gives the packet's layers, each with
its fields' display values (scapy's ``i2repr``) and byte and bit ranges. This module words
them: a Wireshark-style title per protocol layer ("Transmission Control Protocol, Src Port:
59856, Dst Port: 80, Flags: [PSH, ACK]") and a label and value per field ("Source Port:
59856", "Flags: 0x018 (PSH, ACK)"). Numbers shown next to names (ports, protocol numbers,
EtherTypes, flag bits) are read from the packet's own bits at the field's bit range, so they
always agree with the hex view. Header fields and their widths follow RFC 791 (IPv4),
RFC 8200 (IPv6), RFC 9293 §3.1 (TCP), RFC 768 (UDP), IEEE 802.1Q (VLAN tags); link types the
LINKTYPE registry (draft-ietf-opsawg-pcaplinktype).

Language: this text stays English in every interface language, as Wireshark keeps its
dissector text English in its translated interface; a learner can compare it with Wireshark
and the RFCs word for word. So nothing here is translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from simulator.net.capture.packet_detail import FieldInfo, LayerInfo

LINKTYPE_NAMES = {
    0: "BSD loopback (NULL)", 1: "Ethernet", 12: "Raw IP", 14: "Raw IP", 101: "Raw IP",
    108: "OpenBSD loopback", 113: "Linux cooked capture (SLL)",
    228: "Raw IPv4", 229: "Raw IPv6", 276: "Linux cooked capture v2 (SLL2)",
}

_IP = {"version": "Version", "ihl": "Header Length", "tos": "Differentiated Services Field",
       "len": "Total Length", "id": "Identification", "flags": "Flags",
       "frag": "Fragment Offset", "ttl": "Time to Live", "proto": "Protocol",
       "chksum": "Header Checksum", "src": "Source Address", "dst": "Destination Address",
       "options": "Options"}
_PORTS = {"sport": "Source Port", "dport": "Destination Port"}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "Ethernet": {"dst": "Destination", "src": "Source", "type": "Type"},
    "802.1Q": {"prio": "Priority", "dei": "Drop Eligible Indicator", "vlan": "VLAN ID",
               "type": "Type"},
    "IP": _IP,
    "IPv6": {"version": "Version", "tc": "Traffic Class", "fl": "Flow Label",
             "plen": "Payload Length", "nh": "Next Header", "hlim": "Hop Limit",
             "src": "Source Address", "dst": "Destination Address"},
    "TCP": {**_PORTS, "seq": "Sequence Number (raw)", "ack": "Acknowledgment Number (raw)",
            "dataofs": "Header Length", "reserved": "Reserved", "flags": "Flags",
            "window": "Window", "chksum": "Checksum", "urgptr": "Urgent Pointer",
            "options": "Options"},
    "UDP": {**_PORTS, "len": "Length", "chksum": "Checksum"},
    "HTTP Request": {"Http_Version": "HTTP Version"},
    "HTTP Response": {"Http_Version": "HTTP Version", "Status_Code": "Status Code",
                      "Reason_Phrase": "Reason Phrase"},
    "Raw": {"load": "Data"},
    "Padding": {"load": "Padding"},
    "Trailing bytes": {"load": "Bytes"},
}

#: TCP flag bits, lowest first, named as Wireshark lists them ("SYN, ACK").
TCP_FLAG_NAMES = ("FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS")

_WORD = re.compile(r"^[A-Za-z_][\w\-]*$")


def field_number(raw: bytes, bit_start: int, bit_end: int) -> int | None:
    """The unsigned number stored in bits ``[bit_start, bit_end)`` of ``raw`` (≤ 32 bits)."""
    width = bit_end - bit_start
    if not 0 < width <= 32 or bit_end > len(raw) * 8 or bit_start < 0:
        return None
    first, last = bit_start // 8, (bit_end + 7) // 8
    chunk = int.from_bytes(raw[first:last], "big")
    return (chunk >> (last * 8 - bit_end)) & ((1 << width) - 1)


def tcp_flag_names(bits: int) -> str:
    return ", ".join(name for i, name in enumerate(TCP_FLAG_NAMES) if bits >> i & 1)


def bit_pattern(raw: bytes, bit_start: int, bit_end: int) -> str:
    """The bytes holding a field, bits outside it as '.', grouped by four: '...0 0001 0010'."""
    first, last = bit_start // 8, (bit_end + 7) // 8
    chars = []
    for bit in range(first * 8, last * 8):
        if bit_start <= bit < bit_end and bit < len(raw) * 8:
            chars.append(str(raw[bit // 8] >> (7 - bit % 8) & 1))
        else:
            chars.append(".")
    return " ".join("".join(chars[i:i + 4]) for i in range(0, len(chars), 4))


_OPTION = re.compile(r"\('([^']+)', (None|b''|\([^()]*\)|[^()]*?)\)")


def options_text(shown: str) -> str:
    """scapy's option list "[('MSS', 1460), ('NOP', None)]" as "MSS 1460, NOP"."""
    items = []
    for name, value in _OPTION.findall(shown):
        if name == "Timestamp" and value.startswith("("):
            tsval, _, tsecr = value.strip("()").partition(", ")
            items.append(f"Timestamps (TSval {tsval}, TSecr {tsecr})")
        elif value in ("None", "b''"):
            items.append(name)
        else:
            items.append(f"{name} {value}")
    if not items:
        return shown
    return ", ".join(items) + ("" if shown.endswith(")]") else ", …")  # cut to _MAX_VALUE


def field_label(layer: str, name: str) -> str:
    """A field's name as Wireshark shows it: "Source Port" for TCP's ``sport``."""
    label = FIELD_LABELS.get(layer, {}).get(name)
    if label:
        return label
    if layer.startswith("HTTP"):
        return name.replace("_", "-")  # User_Agent -> User-Agent (a header's own name)
    return name


def _enum_name(text: str) -> str:
    # scapy names EtherTypes without their own name "n_802_1Q"; show "802.1Q".
    return text[2:].replace("_", ".") if text.startswith("n_") else text


def field_value(layer: str, f: FieldInfo, raw: bytes) -> str:
    """A field's value as a learner reads it: names with their numbers, hex where usual."""
    width = f.bit_end - f.bit_start
    number = field_number(raw, f.bit_start, f.bit_end)
    size = f.end - f.start
    if f.name == "load":
        return f"{size} bytes: {f.value}" if size else "(empty)"
    if f.name == "options" and layer in ("IP", "TCP"):
        return f"{size} bytes: {options_text(f.value)}" if size else "none"
    if number is None:
        return f.value
    if layer == "TCP" and f.name == "flags":
        names = tcp_flag_names(number)
        return f"0x{number:03x} ({names})" if names else f"0x{number:03x}"
    if f.name == "flags":
        return f"0x{number:x} ({f.value})" if f.value else f"0x{number:x}"
    if f.name in ("ihl", "dataofs"):
        return f"{number * 4} bytes ({number})"
    if f.name == "chksum":
        return f"0x{number:0{max(1, width // 4)}x}"
    if width <= 16 and _WORD.match(f.value) and f.value != str(number):
        # A named number (port, EtherType, protocol): show the name and the number.
        shown = f"0x{number:0{width // 4}x}" if width >= 16 else str(number)
        if f.name in ("sport", "dport"):
            return f"{number} ({f.value})"
        return f"{_enum_name(f.value)} ({shown})"
    return f.value


def _port(values: dict[str, tuple[FieldInfo, int | None]], name: str) -> str:
    info, number = values.get(name, (None, None))
    if number is not None:
        return str(number)
    return info.value if info is not None else "?"


def _text(values: dict[str, tuple[FieldInfo, int | None]], name: str) -> str:
    info = values.get(name)
    return info[0].value if info is not None else "?"


def _tcp_title(v: dict[str, tuple[FieldInfo, int | None]]) -> str:
    flags = v.get("flags", (None, None))[1]
    shown = f", Flags: [{tcp_flag_names(flags)}]" if flags is not None else ""
    return (f"Transmission Control Protocol, Src Port: {_port(v, 'sport')}, "
            f"Dst Port: {_port(v, 'dport')}{shown}")


_TitleRule = Callable[[dict[str, tuple[FieldInfo, int | None]]], str]
LAYER_TITLES: dict[str, _TitleRule] = {
    "Ethernet": lambda v: f"Ethernet II, Src: {_text(v, 'src')}, Dst: {_text(v, 'dst')}",
    "802.1Q": lambda v: f"802.1Q Virtual LAN, VLAN ID: {_port(v, 'vlan')}",
    "IP": lambda v: (f"Internet Protocol Version 4, Src: {_text(v, 'src')}, "
                     f"Dst: {_text(v, 'dst')}"),
    "IPv6": lambda v: (f"Internet Protocol Version 6, Src: {_text(v, 'src')}, "
                       f"Dst: {_text(v, 'dst')}"),
    "TCP": _tcp_title,
    "HTTP 1": lambda v: "Hypertext Transfer Protocol",
    "HTTP Request": lambda v: (f"HTTP Request: {_text(v, 'Method')} {_text(v, 'Path')} "
                               f"{_text(v, 'Http_Version')}"),
    "HTTP Response": lambda v: (f"HTTP Response: {_text(v, 'Http_Version')} "
                                f"{_text(v, 'Status_Code')} {_text(v, 'Reason_Phrase')}"),
    "UDP": lambda v: (f"User Datagram Protocol, Src Port: {_port(v, 'sport')}, "
                      f"Dst Port: {_port(v, 'dport')}"),
}


def layer_title(layer: LayerInfo, raw: bytes) -> str:
    """A layer's row, Wireshark-style: its protocol's name and the fields that tell it apart
    ("Internet Protocol Version 4, Src: …, Dst: …"), or its size for payload and padding."""
    rule = LAYER_TITLES.get(layer.name)
    if rule is not None:
        values = {f.name: (f, field_number(raw, f.bit_start, f.bit_end)) for f in layer.fields}
        return rule(values)
    if layer.name in ("Raw", "Padding", "Trailing bytes"):
        size = layer.end - layer.start
        return f"{'Data' if layer.name == 'Raw' else layer.name} ({size} bytes)"
    return layer.name
