"""Why a side sent sequence numbers again: what the send step of a resent segment says.

Wireshark's analysis (``tcp.analysis``, which the capture index reproduces and tests hold to
tshark) names a segment sent again a fast retransmission (after duplicate ACKs, RFC 5681
§3.2), a spurious one (the receiver had acknowledged it already), a plain retransmission
(what the retransmission timer does, RFC 6298 §5), out-of-order (too soon after later data to
be a retransmission), a keep-alive (RFC 9293 §3.8.4) or a zero-window probe (§3.8.6.1). The
replay labels each send step the same way, and only a retransmission timer's resend fires
the table's timeout row.

For segments written without that analysis (tests, scenarios replayed as captures) the
replay tells a fast retransmission by RFC 5681 §3.2's own rule: three duplicate ACKs for the
segment's first sequence number came back after it was first sent.

An out-of-order segment seen at its *receiver's* side (or in the middle of the path) that
carries no sequence numbers seen before was not sent late: the network delivered it late.
``send_kinds`` returns those apart, for the timing to place their send before the segments
that overtook them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from simulator.models.replay.observed import ObservedColumns
from simulator.models.tcp.segment import Flags

_ACK, _SYN, _FIN = int(Flags.ACK), int(Flags.SYN), int(Flags.FIN)
DUPACK_THRESHOLD = 3  # RFC 5681 §3.2


class SendKind(enum.Enum):
    TIMEOUT = "retransmission"
    FAST = "fast_retransmission"
    SPURIOUS = "spurious_retransmission"
    OUT_OF_ORDER = "out_of_order"
    KEEP_ALIVE = "keep_alive"
    PROBE = "zero_window_probe"


# Wireshark's tokens, most specific first
_BY_TOKEN = (SendKind.KEEP_ALIVE, SendKind.PROBE, SendKind.FAST, SendKind.SPURIOUS,
             SendKind.OUT_OF_ORDER, SendKind.TIMEOUT)


def send_kinds(c: ObservedColumns, originals: Mapping[int, int], point: str
               ) -> tuple[dict[int, SendKind], set[int]]:
    """(segment -> why it was sent again, segments the network reordered before the capture
    point saw them)."""
    kinds: dict[int, SendKind] = {}
    reordered: set[int] = set()
    if c.analysed:
        for i, tokens in c.annotations.items():
            kind = next((k for k in _BY_TOKEN if k.value in tokens), None)
            if kind is None:
                continue
            near = point == ("client" if c.from_client[i] else "server")
            if kind is SendKind.OUT_OF_ORDER and not near and i not in originals:
                reordered.add(i)  # an original the network delivered late
            else:
                kinds[i] = kind
        return kinds, reordered
    for copy, original in originals.items():
        kinds[copy] = (SendKind.FAST if _duplicate_acks(c, copy, original) >= DUPACK_THRESHOLD
                       else SendKind.TIMEOUT)
    return kinds, reordered


def _duplicate_acks(c: ObservedColumns, copy: int, original: int) -> int:
    """Pure ACKs from the peer repeating ``copy``'s first sequence number, between the
    original and the copy (RFC 5681 §2's duplicate ACK)."""
    fc, flags, acks, lengths = c.from_client, c.flags, c.ack, c.length
    mine, seq = bool(fc[copy]), c.seq[copy]
    count = 0
    for j in range(original + 1, copy):
        if bool(fc[j]) != mine and flags[j] & _ACK and not flags[j] & (_SYN | _FIN) \
                and not lengths[j] and acks[j] == seq:
            count += 1
    return count
