"""What the capture reader tells a learner, catalogued for ``lupdate``, and the words for
Wireshark's TCP analysis flags.

``simulator.net.capture`` has no Qt: its errors (a file that is no capture), its warnings (a
file cut short, packets cut to the snapshot length), how it oriented a connection and why a
packet could not be dissected are English sentences made from the templates of
``simulator.net.capture.messages``. They are listed here exactly (``SENTENCES`` without
values, ``TEMPLATES`` with ``{fields}``; a test keeps this list equal to that module's) and
registered in ``model_text``, so ``translate_text`` says any of them in the interface language,
values kept. ``OS_REASONS`` are the operating system's usual words for a file that cannot be
opened, which the reader quotes.

``tcp_anomalies`` marks segments with Wireshark's analysis tokens ("duplicate_ack",
"zero_window"): data, never shown as they are. :func:`anomaly_words` gives a token's words in
the interface language ("duplicate ACK", "重复 ACK") for every view that shows one (the
capture's table and packet details, the ladder, the explanation of a replayed step);
:func:`anomaly_list` joins several, :func:`anomaly_counts` says a connection's counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from simulator.models.lessons.text import Lang
from simulator.ui.text.i18n import current_language

# simulator/net/capture/messages.py: the sentences without values
SENTENCES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "The file is empty (0 bytes), so there are no packets to "
                      "show."),
    QT_TRANSLATE_NOOP("ModelText", "The file is gzip-compressed; decompress it first (gunzip)."),
    QT_TRANSLATE_NOOP("ModelText", "Could not tell TCP connections apart (hash collisions)."),
    QT_TRANSLATE_NOOP("ModelText", "The capture file changed on disk since it was opened."),
    QT_TRANSLATE_NOOP("ModelText", "a block is cut short"),
    QT_TRANSLATE_NOOP("ModelText", "The capture holds no packets."),
    QT_TRANSLATE_NOOP("ModelText", "There are no TCP packets in this capture, so there are no "
                      "connections."),
    QT_TRANSLATE_NOOP("ModelText", "client = sender of the SYN"),
    QT_TRANSLATE_NOOP("ModelText", "SYN not captured; client = receiver of the SYN-ACK"),
    QT_TRANSLATE_NOOP("ModelText", "no SYN captured; guessed client = sender of the first "
                      "packet"),
)

# the operating system's reason (strerror) quoted by "Cannot open the file: {reason}."
OS_REASONS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "No such file or directory"),
    QT_TRANSLATE_NOOP("ModelText", "Is a directory"),
    QT_TRANSLATE_NOOP("ModelText", "Permission denied"),
)

# simulator/net/capture/messages.py: the sentences with values, each plural form on its own
TEMPLATES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "Cannot open the file: {reason}."),
    QT_TRANSLATE_NOOP("ModelText", "The file is cut short inside the 24-byte pcap file header "
                      "(only {size} bytes), so it holds no packets."),
    QT_TRANSLATE_NOOP("ModelText", "The file is only {size} bytes long; that is not a capture "
                      "file."),
    QT_TRANSLATE_NOOP("ModelText", "This is not a pcap or pcapng capture file (it starts with "
                      "bytes {magic}, not a capture magic number)."),
    QT_TRANSLATE_NOOP("ModelText", "The pcapng file's first block (section header) is damaged: "
                      "{error}."),
    QT_TRANSLATE_NOOP("ModelText", "The capture's link type ({link_types}) is not supported; "
                      "supported link types are Ethernet, Linux cooked (SLL/SLL2), raw IP and BSD "
                      "loopback."),
    QT_TRANSLATE_NOOP("ModelText", "Cannot re-read the capture file: {reason}."),
    QT_TRANSLATE_NOOP("ModelText", "packet {number} is not in this capture (1..{count})"),
    QT_TRANSLATE_NOOP("ModelText", "could not locate the fields of {layer}"),
    QT_TRANSLATE_NOOP("ModelText", "scapy could not dissect this packet: {error}"),
    QT_TRANSLATE_NOOP("ModelText", "Reading stopped at byte {offset}: packet {number}'s record "
                      "header claims {claimed} captured bytes (at most {limit} make sense); kept "
                      "the {count} packet before it."),
    QT_TRANSLATE_NOOP("ModelText", "Reading stopped at byte {offset}: packet {number}'s record "
                      "header claims {claimed} captured bytes (at most {limit} make sense); kept "
                      "the {count} packets before it."),
    QT_TRANSLATE_NOOP("ModelText", "The file is cut short inside packet {number}'s record header "
                      "at byte {offset} ({present} bytes of it are present); kept the {count} "
                      "packet before it."),
    QT_TRANSLATE_NOOP("ModelText", "The file is cut short inside packet {number}'s record header "
                      "at byte {offset} ({present} bytes of it are present); kept the {count} "
                      "packets before it."),
    QT_TRANSLATE_NOOP("ModelText", "The file is cut short inside packet {number}'s data at byte "
                      "{offset} ({present} bytes of it are present); kept the {count} packet "
                      "before it."),
    QT_TRANSLATE_NOOP("ModelText", "The file is cut short inside packet {number}'s data at byte "
                      "{offset} ({present} bytes of it are present); kept the {count} packets "
                      "before it."),
    QT_TRANSLATE_NOOP("ModelText", "The file is cut short or damaged after packet {last}: reading "
                      "stopped at byte {offset} of {size} ({failure}); kept the {count} packet "
                      "before it."),
    QT_TRANSLATE_NOOP("ModelText", "The file is cut short or damaged after packet {last}: reading "
                      "stopped at byte {offset} of {size} ({failure}); kept the {count} packets "
                      "before it."),
    QT_TRANSLATE_NOOP("ModelText", "a block's length field says {length} bytes, which no block "
                      "can be (a multiple of 4 from 12 to {limit})"),
    QT_TRANSLATE_NOOP("ModelText", "a block's two length fields disagree ({first} and {last} "
                      "bytes)"),
    QT_TRANSLATE_NOOP("ModelText", "a block of type {type} is {length} bytes long, too short for "
                      "its fields"),
    QT_TRANSLATE_NOOP("ModelText", "a section header's byte-order magic is {magic}, not 1a 2b 3c "
                      "4d"),
    QT_TRANSLATE_NOOP("ModelText", "a packet names interface {interface}, which its section has "
                      "not described"),
    QT_TRANSLATE_NOOP("ModelText", "a packet block claims {caplen} captured bytes, more than its "
                      "{length}-byte block holds"),
    QT_TRANSLATE_NOOP("ModelText", "a packet block claims {caplen} captured bytes (at most "
                      "{limit} make sense)"),
    QT_TRANSLATE_NOOP("ModelText", "1 interface has link type {link_type} (not supported); its "
                      "{count} packet was skipped."),
    QT_TRANSLATE_NOOP("ModelText", "1 interface has link type {link_type} (not supported); its "
                      "{count} packets were skipped."),
    QT_TRANSLATE_NOOP("ModelText", "{interfaces} interfaces have link type {link_type} (not "
                      "supported); their {count} packet was skipped."),
    QT_TRANSLATE_NOOP("ModelText", "{interfaces} interfaces have link type {link_type} (not "
                      "supported); their {count} packets were skipped."),
    QT_TRANSLATE_NOOP("ModelText", "{count} packet was cut to the snapshot length (snaplen "
                      "{snaplen}); its payload bytes are missing (TCP lengths still come from the "
                      "IP header)."),
    QT_TRANSLATE_NOOP("ModelText", "{count} packets were cut to the snapshot length (snaplen "
                      "{snaplen}); their payload bytes are missing (TCP lengths still come from "
                      "the IP header)."),
    QT_TRANSLATE_NOOP("ModelText", "{count} packet was cut to the snapshot length; its payload "
                      "bytes are missing (TCP lengths still come from the IP header)."),
    QT_TRANSLATE_NOOP("ModelText", "{count} packets were cut to the snapshot length; their "
                      "payload bytes are missing (TCP lengths still come from the IP header)."),
    QT_TRANSLATE_NOOP("ModelText", "IP fragments: {count} packet was a fragment and not "
                      "reassembled; TCP inside fragments is not analysed."),
    QT_TRANSLATE_NOOP("ModelText", "IP fragments: {count} packets were fragments and not "
                      "reassembled; TCP inside fragments is not analysed."),
    QT_TRANSLATE_NOOP("ModelText", "{count} TCP packet (first: packet {first}) captured without a "
                      "complete TCP header: left out of the connections."),
    QT_TRANSLATE_NOOP("ModelText", "{count} TCP packets (first: packet {first}) captured without "
                      "a complete TCP header: left out of the connections."),
    QT_TRANSLATE_NOOP("ModelText", "Absurd timestamps on {count} packet (packet {numbers}; packet "
                      "{first} is dated year {year}); times and durations involving them are "
                      "meaningless."),
    QT_TRANSLATE_NOOP("ModelText", "Absurd timestamps on {count} packets (packets {numbers}; "
                      "packet {first} is dated year {year}); times and durations involving them "
                      "are meaningless."),
    QT_TRANSLATE_NOOP("ModelText", "Timestamps go backwards {count} time (first at packet "
                      "{first}); packets are kept in file order."),
    QT_TRANSLATE_NOOP("ModelText", "Timestamps go backwards {count} times (first at packet "
                      "{first}); packets are kept in file order."),
    QT_TRANSLATE_NOOP("ModelText", "no SYN captured; guessed server = endpoint with the lower "
                      "port ({port})"),
)

ANOMALY_CONTEXT = "TcpAnomaly"

#: ``simulator.net.capture.tcp_anomalies.ANOMALY_NAMES`` values → what a learner reads (the
#: names of Wireshark's expert notes, User's Guide 7.5 "TCP Analysis", in words).
ANOMALY_WORDS: dict[str, object] = {
    "retransmission": QT_TRANSLATE_NOOP("TcpAnomaly", "retransmission"),
    "fast_retransmission": QT_TRANSLATE_NOOP("TcpAnomaly", "fast retransmission"),
    "spurious_retransmission": QT_TRANSLATE_NOOP("TcpAnomaly", "spurious retransmission"),
    "out_of_order": QT_TRANSLATE_NOOP("TcpAnomaly", "out-of-order"),
    "duplicate_ack": QT_TRANSLATE_NOOP("TcpAnomaly", "duplicate ACK"),
    "zero_window": QT_TRANSLATE_NOOP("TcpAnomaly", "zero window"),
    "keep_alive": QT_TRANSLATE_NOOP("TcpAnomaly", "keep-alive"),
    "window_update": QT_TRANSLATE_NOOP("TcpAnomaly", "window update"),
    "zero_window_probe": QT_TRANSLATE_NOOP("TcpAnomaly", "zero-window probe"),
}
# Kinds of retransmission: with one of them, the plain "retransmission" flag says nothing more.
_RETRANSMISSION_KINDS = ("fast_retransmission", "spurious_retransmission")


def anomaly_words(token: str) -> str:
    """Wireshark's analysis token ("duplicate_ack") as words in the interface language
    ("duplicate ACK", "重复 ACK"); a string that is no such token comes back unchanged (so any
    note of a replayed step can go through it)."""
    words = ANOMALY_WORDS.get(token)
    return token if words is None else QCoreApplication.translate(ANOMALY_CONTEXT, str(words))


def anomaly_list(tokens: Iterable[str]) -> str:
    """Several tokens in words, in the order given: "fast retransmission, duplicate ACK",
    "快速重传、重复 ACK"; a plain "retransmission" is left out beside a fast or spurious one."""
    tokens = list(dict.fromkeys(tokens))
    if any(kind in tokens for kind in _RETRANSMISSION_KINDS):
        tokens = [t for t in tokens if t != "retransmission"]
    return _joined(anomaly_words(t) for t in tokens)


def anomaly_counts(counts: Mapping[str, int]) -> str:
    """A connection's flag counts (``Connection.counts``) in words, the analysis flags only:
    "retransmission ×3, duplicate ACK ×5"; empty when none is set."""
    return _joined(f"{anomaly_words(name)} ×{n}" for name, n in counts.items()
                   if n and name in ANOMALY_WORDS)


def _joined(parts: Iterable[str]) -> str:
    return (", " if current_language() is Lang.EN else "、").join(parts)


__all__ = ["ANOMALY_CONTEXT", "ANOMALY_WORDS", "OS_REASONS", "SENTENCES", "TEMPLATES",
           "anomaly_counts", "anomaly_list", "anomaly_words"]
