"""The eleven TCP connection states of RFC 9293 §3.3.2, and the events that move them.

Events are of three kinds (RFC 9293 §3.10, "Event Processing"): user calls (OPEN, SEND,
CLOSE, ABORT), segment arrivals, and timeouts. A segment arrival is classified into one of
the ``RCV_*`` kinds by the endpoint (see ``tcp.classification.classify_arrival``) before the
transition table is consulted, so the table stays a plain mapping from (state, event) to what
happens.
"""

from __future__ import annotations

import enum


class TcpState(enum.Enum):
    """RFC 9293 §3.3.2 states. ``.name`` uses underscores, ``.rfc_name`` the RFC's hyphens."""

    CLOSED = "CLOSED"
    LISTEN = "LISTEN"
    SYN_SENT = "SYN-SENT"
    SYN_RECEIVED = "SYN-RECEIVED"
    ESTABLISHED = "ESTABLISHED"
    FIN_WAIT_1 = "FIN-WAIT-1"
    FIN_WAIT_2 = "FIN-WAIT-2"
    CLOSE_WAIT = "CLOSE-WAIT"
    CLOSING = "CLOSING"
    LAST_ACK = "LAST-ACK"
    TIME_WAIT = "TIME-WAIT"

    @property
    def rfc_name(self) -> str:
        return self.value

    @property
    def synchronized(self) -> bool:
        """ESTABLISHED and every state after it (RFC 9293 §3.5.2 "synchronized states")."""
        return self not in (TcpState.CLOSED, TcpState.LISTEN, TcpState.SYN_SENT,
                            TcpState.SYN_RECEIVED)


class EventKind(enum.Enum):
    USER = "user call"
    SEGMENT = "segment arrives"
    TIMEOUT = "timeout"


class TcpEvent(enum.Enum):
    """Everything that can happen to one endpoint; ``kind`` says which of the three sorts."""

    # user calls, RFC 9293 §3.10.1-§3.10.5
    OPEN_ACTIVE = ("active OPEN", EventKind.USER)
    OPEN_PASSIVE = ("passive OPEN", EventKind.USER)
    SEND = ("SEND", EventKind.USER)
    CLOSE = ("CLOSE", EventKind.USER)
    ABORT = ("ABORT", EventKind.USER)
    # segment arrivals, classified per RFC 9293 §3.10.7
    RCV_SYN = ("rcv SYN", EventKind.SEGMENT)
    RCV_SYN_ACK = ("rcv SYN,ACK", EventKind.SEGMENT)
    RCV_ACK_OF_SYN = ("rcv ACK of SYN", EventKind.SEGMENT)
    RCV_ACK_OF_FIN = ("rcv ACK of FIN", EventKind.SEGMENT)
    RCV_FIN = ("rcv FIN", EventKind.SEGMENT)
    RCV_FIN_ACK_OF_FIN = ("rcv FIN + ACK of FIN", EventKind.SEGMENT)
    RCV_SEGMENT = ("rcv data/ACK", EventKind.SEGMENT)
    RCV_RST = ("rcv RST", EventKind.SEGMENT)
    RCV_RST_IN_WINDOW = ("rcv RST (in window, not exact)", EventKind.SEGMENT)
    RCV_RST_IGNORED = ("rcv RST (not acceptable)", EventKind.SEGMENT)
    RCV_OUT_OF_WINDOW = ("rcv unacceptable seq", EventKind.SEGMENT)
    RCV_BAD_ACK = ("rcv unacceptable ACK", EventKind.SEGMENT)
    # timeouts, RFC 9293 §3.10.8 and RFC 6298 §5
    TIMEOUT_RETRANSMISSION = ("retransmission timeout", EventKind.TIMEOUT)
    TIMEOUT_USER = ("user timeout (gave up)", EventKind.TIMEOUT)
    TIMEOUT_TIME_WAIT = ("2·MSL timeout", EventKind.TIMEOUT)

    def __init__(self, label: str, kind: EventKind) -> None:
        self.label = label
        self.kind = kind


class Send(enum.Enum):
    """What a transition puts on the wire (the right-hand side of the RFC's figure 5 arcs)."""

    NOTHING = "—"
    SYN = "SYN"
    SYN_ACK = "SYN,ACK"
    ACK = "ACK"
    FIN = "FIN"
    RST = "RST"
    DATA = "data"
    RETRANSMIT = "retransmit"
