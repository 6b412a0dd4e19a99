"""Every sentence the capture reader says to a learner, as English templates with ``{fields}``.

The reader raises :class:`~simulator.net.capture.errors.CaptureError` and fills
``CaptureIndex.warnings`` (and a connection's ``orientation_reason``, a packet's dissection
problem) with these sentences, their fields filled in; nothing else it says reaches the window.
There is no Qt here, so the window says them in the interface language by matching a sentence
against the same templates, catalogued for translation in
``simulator/ui/text/catalogue_capture.py`` (a test keeps the two lists equal): keeping the
templates in one place is what makes that match reliable. Where English needs a plural the
sentence is a :class:`Forms` pair, so each form is one whole template (Chinese needs one).
Values are numbers, byte offsets and the file's own bytes, or text a library wrote (the
operating system's reason, scapy's dissection complaint), which stays as it was.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Forms:
    """One sentence in its singular and plural form; ``say`` picks by ``count``."""

    one: str
    many: str

    def say(self, count: int, **values: object) -> str:
        return (self.one if count == 1 else self.many).format(count=count, **values)


# ----------------------------------------------------------------- errors: nothing usable
# pcap_records.sniff_format
CANNOT_OPEN = "Cannot open the file: {reason}."
EMPTY_FILE = "The file is empty (0 bytes), so there are no packets to show."
CUT_IN_FILE_HEADER = ("The file is cut short inside the 24-byte pcap file header (only {size} "
                      "bytes), so it holds no packets.")
GZIPPED = "The file is gzip-compressed; decompress it first (gunzip)."
TOO_SHORT = "The file is only {size} bytes long; that is not a capture file."
NOT_A_CAPTURE = ("This is not a pcap or pcapng capture file (it starts with bytes {magic}, not "
                 "a capture magic number).")
# pcapng_records: the section header block cannot be read (``error``: a reason below)
PCAPNG_HEADER_DAMAGED = "The pcapng file's first block (section header) is damaged: {error}."
# capture_warnings.check_link_types
NO_SUPPORTED_LINK_TYPE = ("The capture's link type ({link_types}) is not supported; supported "
                          "link types are Ethernet, Linux cooked (SLL/SLL2), raw IP and BSD "
                          "loopback.")
# index.build_index
HASH_COLLISIONS = "Could not tell TCP connections apart (hash collisions)."
# packet_detail: one packet read again for its dissection
CANNOT_REREAD = "Cannot re-read the capture file: {reason}."
CHANGED_ON_DISK = "The capture file changed on disk since it was opened."
NO_SUCH_PACKET = "packet {number} is not in this capture (1..{count})"
FIELDS_NOT_LOCATED = "could not locate the fields of {layer}"
NOT_DISSECTED = "scapy could not dissect this packet: {error}"

# ----------------------------------------------------------------- warnings: partly usable
# pcap_records: classic pcap records
ABSURD_RECORD = Forms(
    "Reading stopped at byte {offset}: packet {number}'s record header claims {claimed} "
    "captured bytes (at most {limit} make sense); kept the {count} packet before it.",
    "Reading stopped at byte {offset}: packet {number}'s record header claims {claimed} "
    "captured bytes (at most {limit} make sense); kept the {count} packets before it.")
CUT_IN_RECORD_HEADER = Forms(
    "The file is cut short inside packet {number}'s record header at byte {offset} ({present} "
    "bytes of it are present); kept the {count} packet before it.",
    "The file is cut short inside packet {number}'s record header at byte {offset} ({present} "
    "bytes of it are present); kept the {count} packets before it.")
CUT_IN_RECORD_DATA = Forms(
    "The file is cut short inside packet {number}'s data at byte {offset} ({present} bytes of "
    "it are present); kept the {count} packet before it.",
    "The file is cut short inside packet {number}'s data at byte {offset} ({present} bytes of "
    "it are present); kept the {count} packets before it.")
# pcapng_records: pcapng blocks (``failure`` is one of the reasons below)
PCAPNG_CUT = Forms(  # ``last`` is ``count``: a template names each field once
    "The file is cut short or damaged after packet {last}: reading stopped at byte {offset} "
    "of {size} ({failure}); kept the {count} packet before it.",
    "The file is cut short or damaged after packet {last}: reading stopped at byte {offset} "
    "of {size} ({failure}); kept the {count} packets before it.")
BLOCK_CUT = "a block is cut short"
BLOCK_LENGTH_IMPOSSIBLE = ("a block's length field says {length} bytes, which no block can be "
                           "(a multiple of 4 from 12 to {limit})")
BLOCK_LENGTHS_DISAGREE = "a block's two length fields disagree ({first} and {last} bytes)"
BLOCK_TOO_SHORT = "a block of type {type} is {length} bytes long, too short for its fields"
BYTE_ORDER_DAMAGED = "a section header's byte-order magic is {magic}, not 1a 2b 3c 4d"
UNKNOWN_INTERFACE = "a packet names interface {interface}, which its section has not described"
PACKET_OVERFLOWS_BLOCK = ("a packet block claims {caplen} captured bytes, more than its "
                          "{length}-byte block holds")
PACKET_TOO_LARGE = "a packet block claims {caplen} captured bytes (at most {limit} make sense)"
# capture_warnings
ONE_INTERFACE_UNSUPPORTED = Forms(
    "1 interface has link type {link_type} (not supported); its {count} packet was skipped.",
    "1 interface has link type {link_type} (not supported); its {count} packets were skipped.")
INTERFACES_UNSUPPORTED = Forms(
    "{interfaces} interfaces have link type {link_type} (not supported); their {count} packet "
    "was skipped.",
    "{interfaces} interfaces have link type {link_type} (not supported); their {count} packets "
    "were skipped.")
NO_PACKETS = "The capture holds no packets."
SNAPLEN_CUT = Forms(
    "{count} packet was cut to the snapshot length (snaplen {snaplen}); its payload bytes are "
    "missing (TCP lengths still come from the IP header).",
    "{count} packets were cut to the snapshot length (snaplen {snaplen}); their payload bytes "
    "are missing (TCP lengths still come from the IP header).")
SNAPSHOT_CUT = Forms(  # pcapng: each interface has its own snapshot length
    "{count} packet was cut to the snapshot length; its payload bytes are missing (TCP lengths "
    "still come from the IP header).",
    "{count} packets were cut to the snapshot length; their payload bytes are missing (TCP "
    "lengths still come from the IP header).")
FRAGMENTS = Forms(
    "IP fragments: {count} packet was a fragment and not reassembled; TCP inside fragments is "
    "not analysed.",
    "IP fragments: {count} packets were fragments and not reassembled; TCP inside fragments is "
    "not analysed.")
TCP_HEADER_CUT = Forms(
    "{count} TCP packet (first: packet {first}) captured without a complete TCP header: left "
    "out of the connections.",
    "{count} TCP packets (first: packet {first}) captured without a complete TCP header: left "
    "out of the connections.")
ABSURD_TIMESTAMPS = Forms(
    "Absurd timestamps on {count} packet (packet {numbers}; packet {first} is dated year "
    "{year}); times and durations involving them are meaningless.",
    "Absurd timestamps on {count} packets (packets {numbers}; packet {first} is dated year "
    "{year}); times and durations involving them are meaningless.")
BACKWARDS = Forms(
    "Timestamps go backwards {count} time (first at packet {first}); packets are kept in file "
    "order.",
    "Timestamps go backwards {count} times (first at packet {first}); packets are kept in file "
    "order.")
# index
NO_TCP = "There are no TCP packets in this capture, so there are no connections."

# ----------------------------------------------------------------- tcp_streams: who is the client
CLIENT_SENT_SYN = "client = sender of the SYN"
CLIENT_GOT_SYN_ACK = "SYN not captured; client = receiver of the SYN-ACK"
GUESS_FIRST_SENDER = "no SYN captured; guessed client = sender of the first packet"
GUESS_LOWER_PORT = "no SYN captured; guessed server = endpoint with the lower port ({port})"


def _templates() -> tuple[str, ...]:
    out: list[str] = []
    for name, value in globals().items():
        if name.isupper() and isinstance(value, Forms):
            out += [value.one, value.many]
        elif name.isupper() and isinstance(value, str):
            out.append(value)
    return tuple(out)


#: Every template above, each form of a pair on its own (what the catalogue must hold).
ALL: tuple[str, ...] = _templates()
