"""RFC 9293's event processing (§3.10) as one data table.

Theory of operation
-------------------
Every row says: in ``state``, when ``event`` happens (and, for the few events whose outcome
depends on how the connection was opened, when ``guard`` holds), go to ``next`` and put
``send`` on the wire. ``rule`` is the sentence a learner reads; ``rfc`` the section that
says so. ``error`` is set for user calls the RFC refuses ("connection closing", ...): the
state is unchanged and the call returns that error, as §3.10 prescribes.

The endpoint (``tcp.endpoint``) classifies what happened into a ``TcpEvent``, looks the
row up with ``lookup`` and applies it; the state-diagram view draws the same rows. A
(state, event) pair missing from the table never happens: classification only produces
events the RFC defines for that state, and tests check every row is reachable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from simulator.models.tcp.states import Send, TcpEvent, TcpState

S = TcpState
E = TcpEvent


@dataclass(frozen=True)
class Transition:
    state: TcpState
    event: TcpEvent
    next: TcpState
    send: Send
    rfc: str
    rule: str
    guard: str = ""
    error: str | None = None

    @property
    def key(self) -> tuple[TcpState, TcpEvent, str]:
        return (self.state, self.event, self.guard)

    @property
    def changes_state(self) -> bool:
        return self.state is not self.next


def _row(state: TcpState, event: TcpEvent, nxt: TcpState, send: Send, rfc: str, rule: str,
         guard: str = "", error: str | None = None) -> Transition:
    return Transition(state, event, nxt, send, rfc, rule, guard, error)


SYNCHRONIZED = (S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSE_WAIT, S.CLOSING,
                S.LAST_ACK, S.TIME_WAIT)
_AFTER_CLOSE = (S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSING, S.LAST_ACK, S.TIME_WAIT)

_CLOSED_ROWS = [
    _row(S.CLOSED, E.OPEN_PASSIVE, S.LISTEN, Send.NOTHING, "§3.10.1",
         "A passive OPEN creates a connection record and waits for a SYN."),
    _row(S.CLOSED, E.OPEN_ACTIVE, S.SYN_SENT, Send.SYN, "§3.10.1",
         "An active OPEN picks an initial sequence number (ISS) and sends SYN with SEQ=ISS; "
         "SND.UNA=ISS, SND.NXT=ISS+1."),
    _row(S.CLOSED, E.SEND, S.CLOSED, Send.NOTHING, "§3.10.2",
         "SEND on a connection that does not exist is refused.",
         error="connection does not exist"),
    _row(S.CLOSED, E.CLOSE, S.CLOSED, Send.NOTHING, "§3.10.4",
         "CLOSE on a connection that does not exist is refused.",
         error="connection does not exist"),
    _row(S.CLOSED, E.ABORT, S.CLOSED, Send.NOTHING, "§3.10.5",
         "ABORT on a connection that does not exist is refused.",
         error="connection does not exist"),
    _row(S.CLOSED, E.RCV_SYN, S.CLOSED, Send.RST, "§3.10.7.1",
         "Nobody listens on this port: a SYN is answered with RST "
         "<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (connection refused)."),
    _row(S.CLOSED, E.RCV_SEGMENT, S.CLOSED, Send.RST, "§3.10.7.1",
         "A segment for a connection that does not exist is answered with RST "
         "(<SEQ=SEG.ACK><CTL=RST> if it carried an ACK, else <SEQ=0><ACK=SEG.SEQ+SEG.LEN>)."),
    _row(S.CLOSED, E.RCV_RST, S.CLOSED, Send.NOTHING, "§3.10.7.1",
         "An RST arriving at a closed port is discarded: an RST is never answered."),
]

_LISTEN_ROWS = [
    _row(S.LISTEN, E.RCV_SYN, S.SYN_RECEIVED, Send.SYN_ACK, "§3.10.7.2",
         "A SYN arrives: IRS=SEG.SEQ, RCV.NXT=SEG.SEQ+1; pick ISS and reply "
         "<SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>; SND.UNA=ISS, SND.NXT=ISS+1."),
    _row(S.LISTEN, E.RCV_BAD_ACK, S.LISTEN, Send.RST, "§3.10.7.2",
         "Nothing has been sent yet, so any ACK is unacceptable: reply <SEQ=SEG.ACK><CTL=RST>."),
    _row(S.LISTEN, E.RCV_RST, S.LISTEN, Send.NOTHING, "§3.10.7.2",
         "An incoming RST is ignored in LISTEN."),
    _row(S.LISTEN, E.RCV_SEGMENT, S.LISTEN, Send.NOTHING, "§3.10.7.2",
         "Any other segment without SYN is dropped."),
    _row(S.LISTEN, E.SEND, S.SYN_SENT, Send.SYN, "§3.10.2",
         "SEND on a listening connection with a known peer turns it active: send SYN."),
    _row(S.LISTEN, E.CLOSE, S.CLOSED, Send.NOTHING, "§3.10.4",
         "CLOSE while listening deletes the connection record."),
    _row(S.LISTEN, E.ABORT, S.CLOSED, Send.NOTHING, "§3.10.5",
         "ABORT while listening deletes the connection record; nothing is sent."),
    _row(S.LISTEN, E.OPEN_ACTIVE, S.SYN_SENT, Send.SYN, "§3.10.1",
         "An active OPEN (with the peer's socket given) on a listening connection changes it "
         "from passive to active: pick ISS, send <SEQ=ISS><CTL=SYN>, SND.UNA=ISS, "
         "SND.NXT=ISS+1, enter SYN-SENT."),
    _row(S.LISTEN, E.OPEN_PASSIVE, S.LISTEN, Send.NOTHING, "§3.10.1",
         "A second passive OPEN: the connection is already listening; the call is refused.",
         error="connection already exists"),
]

_SYN_SENT_ROWS = [
    _row(S.SYN_SENT, E.RCV_SYN_ACK, S.ESTABLISHED, Send.ACK, "§3.10.7.3",
         "SYN,ACK acknowledges our SYN (SND.UNA < SEG.ACK =< SND.NXT): IRS=SEG.SEQ, "
         "RCV.NXT=SEG.SEQ+1, SND.UNA=SEG.ACK; the connection is established; send ACK."),
    _row(S.SYN_SENT, E.RCV_SYN, S.SYN_RECEIVED, Send.SYN_ACK, "§3.10.7.3",
         "A SYN without ACK while our own SYN is out: simultaneous open (figure 7). "
         "Reply <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>."),
    _row(S.SYN_SENT, E.RCV_RST, S.CLOSED, Send.NOTHING, "§3.10.7.3",
         "RST with an acceptable ACK: the peer refused the connection (\"connection reset\")."),
    _row(S.SYN_SENT, E.RCV_RST_IGNORED, S.SYN_SENT, Send.NOTHING, "§3.10.7.3",
         "An RST whose ACK does not acknowledge our SYN is dropped."),
    _row(S.SYN_SENT, E.RCV_BAD_ACK, S.SYN_SENT, Send.RST, "§3.10.7.3",
         "SEG.ACK does not acknowledge our SYN: reply <SEQ=SEG.ACK><CTL=RST> and drop it."),
    _row(S.SYN_SENT, E.RCV_SEGMENT, S.SYN_SENT, Send.NOTHING, "§3.10.7.3",
         "Neither SYN nor RST: the segment is dropped."),
    _row(S.SYN_SENT, E.SEND, S.SYN_SENT, Send.NOTHING, "§3.10.2",
         "Data is queued until the connection is established."),
    _row(S.SYN_SENT, E.CLOSE, S.CLOSED, Send.NOTHING, "§3.10.4",
         "CLOSE before the handshake completed deletes the connection record."),
    _row(S.SYN_SENT, E.ABORT, S.CLOSED, Send.NOTHING, "§3.10.5",
         "ABORT before the handshake completed deletes the connection record."),
    _row(S.SYN_SENT, E.OPEN_ACTIVE, S.SYN_SENT, Send.NOTHING, "§3.10.1",
         "OPEN on an existing connection is refused.", error="connection already exists"),
    _row(S.SYN_SENT, E.OPEN_PASSIVE, S.SYN_SENT, Send.NOTHING, "§3.10.1",
         "OPEN on an existing connection is refused.", error="connection already exists"),
    _row(S.SYN_SENT, E.TIMEOUT_RETRANSMISSION, S.SYN_SENT, Send.RETRANSMIT, "RFC 6298 §5",
         "No SYN,ACK before the retransmission timer expired: resend the SYN and double the "
         "RTO (exponential backoff, RFC 6298 §5.5)."),
    _row(S.SYN_SENT, E.TIMEOUT_USER, S.CLOSED, Send.NOTHING, "§3.8.3, §3.10.8",
         "The SYN went unanswered for R2 (at least 3 minutes for a SYN, MUST-23): give up "
         "(\"connection timed out\")."),
]

_SYN_RECEIVED_ROWS = [
    _row(S.SYN_RECEIVED, E.RCV_ACK_OF_SYN, S.ESTABLISHED, Send.NOTHING, "§3.10.7.4",
         "SND.UNA < SEG.ACK =< SND.NXT: our SYN is acknowledged, the connection is "
         "established."),
    _row(S.SYN_RECEIVED, E.RCV_FIN, S.CLOSE_WAIT, Send.ACK, "§3.10.7.4",
         "The ACK of our SYN also carries the peer's FIN: the fifth check (ACK) establishes "
         "the connection, the eighth (FIN) enters CLOSE-WAIT; RCV.NXT advances past the FIN "
         "and it is acknowledged."),
    _row(S.SYN_RECEIVED, E.RCV_BAD_ACK, S.SYN_RECEIVED, Send.RST, "§3.10.7.4",
         "The ACK does not acknowledge our SYN: reply <SEQ=SEG.ACK><CTL=RST>."),
    _row(S.SYN_RECEIVED, E.RCV_SYN_ACK, S.ESTABLISHED, Send.ACK, "§3.10.7.4, figure 7",
         "Simultaneous open: the peer's SYN,ACK. Its SYN (SEG.SEQ = IRS) lies before RCV.NXT "
         "and is trimmed off as a duplicate (first check); what remains begins at RCV.NXT "
         "and its ACK acknowledges our SYN: ESTABLISHED (figure 7). The duplicate SYN is "
         "answered with an ACK <SEQ=SND.NXT><ACK=RCV.NXT>."),
    _row(S.SYN_RECEIVED, E.RCV_OUT_OF_WINDOW, S.SYN_RECEIVED, Send.ACK, "§3.10.7.4",
         "The segment's sequence number is outside the receive window (e.g. a duplicate SYN): "
         "answer with an ACK <SEQ=SND.NXT><ACK=RCV.NXT> and drop it."),
    _row(S.SYN_RECEIVED, E.RCV_SYN, S.LISTEN, Send.NOTHING, "§3.10.7.4",
         "A SYN inside the window (fourth check) after a passive OPEN: return to LISTEN.",
         guard="opened passively"),
    _row(S.SYN_RECEIVED, E.RCV_SYN, S.SYN_RECEIVED, Send.ACK, "§3.10.7.4 (RFC 5961 §4)",
         "A SYN inside the window (fourth check) after an active OPEN: handled as in the "
         "synchronized states, with a challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT>; the SYN is "
         "dropped.", guard="opened actively"),
    _row(S.SYN_RECEIVED, E.RCV_RST, S.LISTEN, Send.NOTHING, "§3.10.7.4",
         "RST in SYN-RECEIVED after a passive OPEN: go back to LISTEN.",
         guard="opened passively"),
    _row(S.SYN_RECEIVED, E.RCV_RST, S.CLOSED, Send.NOTHING, "§3.10.7.4",
         "RST in SYN-RECEIVED after an active OPEN: the connection was refused.",
         guard="opened actively"),
    _row(S.SYN_RECEIVED, E.RCV_RST_IN_WINDOW, S.SYN_RECEIVED, Send.ACK,
         "§3.10.7.4 (RFC 5961 §3.2)",
         "RST inside the window but not at RCV.NXT: send a challenge ACK and drop it."),
    _row(S.SYN_RECEIVED, E.RCV_RST_IGNORED, S.SYN_RECEIVED, Send.NOTHING, "§3.10.7.4",
         "An RST outside the receive window is dropped."),
    _row(S.SYN_RECEIVED, E.RCV_SEGMENT, S.SYN_RECEIVED, Send.NOTHING, "§3.10.7.4",
         "A segment without ACK is dropped until the handshake completes."),
    _row(S.SYN_RECEIVED, E.SEND, S.SYN_RECEIVED, Send.NOTHING, "§3.10.2",
         "Data is queued until the connection is established."),
    _row(S.SYN_RECEIVED, E.SEND, S.SYN_RECEIVED, Send.NOTHING, "§3.10.2",
         "SEND after CLOSE (queued until ESTABLISHED) is refused.", guard="close queued",
         error="connection closing"),
    _row(S.SYN_RECEIVED, E.CLOSE, S.SYN_RECEIVED, Send.NOTHING, "§3.10.4",
         "CLOSE was already called (it is queued until ESTABLISHED).", guard="close queued",
         error="connection closing"),
    _row(S.SYN_RECEIVED, E.CLOSE, S.FIN_WAIT_1, Send.FIN, "§3.10.4",
         "CLOSE with no SEND issued and nothing queued: send FIN and enter FIN-WAIT-1.",
         guard="nothing queued"),
    _row(S.SYN_RECEIVED, E.CLOSE, S.SYN_RECEIVED, Send.NOTHING, "§3.10.4",
         "CLOSE with data queued: the CLOSE is queued too, for processing once ESTABLISHED "
         "is reached (then the data goes out, then the FIN).", guard="data queued"),
    _row(S.SYN_RECEIVED, E.ABORT, S.CLOSED, Send.RST, "§3.10.5",
         "ABORT: send <SEQ=SND.NXT><CTL=RST> and delete the connection."),
    _row(S.SYN_RECEIVED, E.OPEN_ACTIVE, S.SYN_RECEIVED, Send.NOTHING, "§3.10.1",
         "OPEN on an existing connection is refused.", error="connection already exists"),
    _row(S.SYN_RECEIVED, E.OPEN_PASSIVE, S.SYN_RECEIVED, Send.NOTHING, "§3.10.1",
         "OPEN on an existing connection is refused.", error="connection already exists"),
    _row(S.SYN_RECEIVED, E.TIMEOUT_RETRANSMISSION, S.SYN_RECEIVED, Send.RETRANSMIT,
         "RFC 6298 §5", "Our SYN,ACK was not acknowledged in time: resend it, double the RTO."),
    _row(S.SYN_RECEIVED, E.TIMEOUT_USER, S.CLOSED, Send.NOTHING, "§3.8.3, §3.10.8",
         "Our SYN,ACK went unacknowledged for R2 (at least 3 minutes for a SYN, MUST-23): "
         "give up."),
]


def _synchronized_common(state: TcpState) -> list[Transition]:
    """Rows every synchronized state shares: RST handling (with RFC 5961's checks, which
    RFC 9293 §3.10.7.4 adopts), SYN and unacceptable segments, ABORT and OPEN."""
    rst_next_rule = (
        "RST with SEG.SEQ = RCV.NXT exactly: the peer reset the connection; delete it."
        if state not in (S.CLOSING, S.LAST_ACK, S.TIME_WAIT)
        else "RST with SEG.SEQ = RCV.NXT: delete the connection (enter CLOSED)."
    )
    abort_sends = Send.NOTHING if state in (S.CLOSING, S.LAST_ACK, S.TIME_WAIT) else Send.RST
    abort_rule = (
        "ABORT: send <SEQ=SND.NXT><CTL=RST>, flush the queues and delete the connection."
        if abort_sends is Send.RST
        else "ABORT after our FIN: just delete the connection; nothing is sent."
    )
    return [
        _row(state, E.RCV_RST, S.CLOSED, Send.NOTHING, "§3.10.7.4", rst_next_rule),
        _row(state, E.RCV_RST_IN_WINDOW, state, Send.ACK, "§3.10.7.4 (RFC 5961 §3.2)",
             "RST inside the window but not at RCV.NXT: send a challenge ACK and drop it."),
        _row(state, E.RCV_RST_IGNORED, state, Send.NOTHING, "§3.10.7.4",
             "RST outside the receive window: drop it silently."),
        _row(state, E.RCV_SYN, state, Send.ACK, "§3.10.7.4 (RFC 5961 §4)",
             "SYN on a synchronized connection: send a challenge ACK and drop the segment."
             if state is not S.TIME_WAIT else
             "SYN in TIME-WAIT: RFC 9293 lets an implementation reopen the connection from "
             "TIME-WAIT for a newer SYN (MAY-2; with timestamps, RFC 6191), as Linux does. "
             "This model does not: it sends a challenge ACK (RFC 5961 §4) and drops the SYN."),
        _row(state, E.RCV_OUT_OF_WINDOW, state, Send.ACK, "§3.10.7.4",
             "Unacceptable sequence number (old duplicate or beyond the window): "
             "reply <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and drop it."),
        _row(state, E.RCV_BAD_ACK, state, Send.ACK, "§3.10.7.4 (RFC 5961 §5)",
             "SEG.ACK is not acceptable: above SND.NXT it acknowledges something not yet "
             "sent; below SND.UNA − MAX.SND.WND it is too old to be real. Send an ACK and "
             "drop the segment."),
        _row(state, E.ABORT, S.CLOSED, abort_sends, "§3.10.5", abort_rule),
        _row(state, E.OPEN_ACTIVE, state, Send.NOTHING, "§3.10.1",
             "OPEN on an existing connection is refused.", error="connection already exists"),
        _row(state, E.OPEN_PASSIVE, state, Send.NOTHING, "§3.10.1",
             "OPEN on an existing connection is refused.", error="connection already exists"),
    ]


def _retransmit_rows(state: TcpState, what: str) -> list[Transition]:
    return [
        _row(state, E.TIMEOUT_RETRANSMISSION, state, Send.RETRANSMIT, "RFC 6298 §5",
             f"The retransmission timer expired before {what} was acknowledged: resend the "
             "oldest unacknowledged segment and double the RTO (RFC 6298 §5.4-5.5)."),
        _row(state, E.TIMEOUT_USER, S.CLOSED, Send.NOTHING, "§3.8.3, §3.10.8",
             "The same segment went unacknowledged for R2 (at least 100 s, SHLD-11): give up "
             "and delete the connection (\"connection aborted due to user timeout\")."),
    ]


def _closing_refusals(state: TcpState) -> list[Transition]:
    return [
        _row(state, E.SEND, state, Send.NOTHING, "§3.10.2",
             "SEND after our own CLOSE is refused.", error="connection closing"),
        _row(state, E.CLOSE, state, Send.NOTHING, "§3.10.4",
             "CLOSE was already called.", error="connection closing"),
    ]


_ESTABLISHED_ROWS = [
    _row(S.ESTABLISHED, E.RCV_SEGMENT, S.ESTABLISHED, Send.NOTHING, "§3.10.7.4",
         "An acceptable segment: process its ACK (SND.UNA advances) and its data "
         "(RCV.NXT advances and an ACK is sent)."),
    _row(S.ESTABLISHED, E.RCV_FIN, S.CLOSE_WAIT, Send.ACK, "§3.10.7.4",
         "The peer's FIN: it has no more data. RCV.NXT advances past the FIN; send ACK and "
         "tell the application (end of stream). We may still send (half-close)."),
    _row(S.ESTABLISHED, E.SEND, S.ESTABLISHED, Send.DATA, "§3.10.2",
         "Segment the data (at most the MSS per segment, within the peer's window) and send."),
    _row(S.ESTABLISHED, E.CLOSE, S.FIN_WAIT_1, Send.FIN, "§3.10.4",
         "CLOSE: after the queued data, send FIN (it occupies one sequence number); enter "
         "FIN-WAIT-1."),
    *_retransmit_rows(S.ESTABLISHED, "the data"),
    *_synchronized_common(S.ESTABLISHED),
]

_FIN_WAIT_1_ROWS = [
    _row(S.FIN_WAIT_1, E.RCV_ACK_OF_FIN, S.FIN_WAIT_2, Send.NOTHING, "§3.10.7.4",
         "Our FIN is acknowledged (SEG.ACK = SND.NXT): enter FIN-WAIT-2 and wait for the "
         "peer's FIN."),
    _row(S.FIN_WAIT_1, E.RCV_FIN, S.CLOSING, Send.ACK, "§3.10.7.4",
         "The peer's FIN arrives before the ACK of ours: both closed at once (simultaneous "
         "close, figure 13). ACK it and enter CLOSING."),
    _row(S.FIN_WAIT_1, E.RCV_FIN_ACK_OF_FIN, S.TIME_WAIT, Send.ACK, "§3.10.7.4",
         "The peer's FIN also acknowledges ours: ACK it, enter TIME-WAIT, start the 2·MSL "
         "timer."),
    _row(S.FIN_WAIT_1, E.RCV_SEGMENT, S.FIN_WAIT_1, Send.NOTHING, "§3.10.7.4",
         "Data may still arrive after our FIN: accept and acknowledge it."),
    *_closing_refusals(S.FIN_WAIT_1),
    *_retransmit_rows(S.FIN_WAIT_1, "our FIN"),
    *_synchronized_common(S.FIN_WAIT_1),
]

_FIN_WAIT_2_ROWS = [
    _row(S.FIN_WAIT_2, E.RCV_FIN, S.TIME_WAIT, Send.ACK, "§3.10.7.4",
         "The peer's FIN: ACK it, enter TIME-WAIT and start the 2·MSL timer."),
    _row(S.FIN_WAIT_2, E.RCV_SEGMENT, S.FIN_WAIT_2, Send.NOTHING, "§3.10.7.4",
         "Half-close: the peer may keep sending after our FIN; accept and acknowledge."),
    *_closing_refusals(S.FIN_WAIT_2),
    *_synchronized_common(S.FIN_WAIT_2),
]

_CLOSE_WAIT_ROWS = [
    _row(S.CLOSE_WAIT, E.RCV_SEGMENT, S.CLOSE_WAIT, Send.NOTHING, "§3.10.7.4",
         "The peer has closed its direction: only its ACKs matter now (data after FIN is "
         "ignored)."),
    _row(S.CLOSE_WAIT, E.SEND, S.CLOSE_WAIT, Send.DATA, "§3.10.2",
         "Half-close: our direction is still open, so we may keep sending."),
    _row(S.CLOSE_WAIT, E.CLOSE, S.LAST_ACK, Send.FIN, "§3.10.4",
         "CLOSE: send our FIN after the queued data and enter LAST-ACK."),
    *_retransmit_rows(S.CLOSE_WAIT, "the data"),
    *_synchronized_common(S.CLOSE_WAIT),
]

_CLOSING_ROWS = [
    _row(S.CLOSING, E.RCV_ACK_OF_FIN, S.TIME_WAIT, Send.NOTHING, "§3.10.7.4",
         "Our FIN is acknowledged: enter TIME-WAIT and start the 2·MSL timer."),
    _row(S.CLOSING, E.RCV_SEGMENT, S.CLOSING, Send.NOTHING, "§3.10.7.4",
         "A segment that does not acknowledge our FIN: nothing changes."),
    *_closing_refusals(S.CLOSING),
    *_retransmit_rows(S.CLOSING, "our FIN"),
    *_synchronized_common(S.CLOSING),
]

_LAST_ACK_ROWS = [
    _row(S.LAST_ACK, E.RCV_ACK_OF_FIN, S.CLOSED, Send.NOTHING, "§3.10.7.4",
         "The last ACK: our FIN is acknowledged; delete the connection."),
    _row(S.LAST_ACK, E.RCV_SEGMENT, S.LAST_ACK, Send.NOTHING, "§3.10.7.4",
         "A segment that does not acknowledge our FIN: keep waiting."),
    *_closing_refusals(S.LAST_ACK),
    *_retransmit_rows(S.LAST_ACK, "our FIN"),
    *_synchronized_common(S.LAST_ACK),
]

_TIME_WAIT_ROWS = [
    _row(S.TIME_WAIT, E.RCV_FIN, S.TIME_WAIT, Send.ACK, "§3.10.7.4",
         "A retransmitted FIN (our last ACK was lost): acknowledge it again and restart the "
         "2·MSL timer. This is why TIME-WAIT exists."),
    _row(S.TIME_WAIT, E.RCV_SEGMENT, S.TIME_WAIT, Send.NOTHING, "§3.10.7.4",
         "Nothing else is expected in TIME-WAIT; the segment is dropped."),
    _row(S.TIME_WAIT, E.TIMEOUT_TIME_WAIT, S.CLOSED, Send.NOTHING, "§3.10.8",
         "2·MSL passed: no old duplicate can still be in the network. Delete the connection."),
    *_closing_refusals(S.TIME_WAIT),
    *_synchronized_common(S.TIME_WAIT),
]

TRANSITIONS: tuple[Transition, ...] = (
    *_CLOSED_ROWS, *_LISTEN_ROWS, *_SYN_SENT_ROWS, *_SYN_RECEIVED_ROWS, *_ESTABLISHED_ROWS,
    *_FIN_WAIT_1_ROWS, *_FIN_WAIT_2_ROWS, *_CLOSE_WAIT_ROWS, *_CLOSING_ROWS, *_LAST_ACK_ROWS,
    *_TIME_WAIT_ROWS,
)

_INDEX: dict[tuple[TcpState, TcpEvent, str], Transition] = {t.key: t for t in TRANSITIONS}
assert len(_INDEX) == len(TRANSITIONS), "duplicate (state, event, guard) rows"


class NoTransition(LookupError):
    """Raised only for a programming error: classification produced an undefined event."""


def lookup(state: TcpState, event: TcpEvent, guard: str = "") -> Transition:
    try:
        return _INDEX[(state, event, guard)]
    except KeyError:
        raise NoTransition(f"no row for {state.name} × {event.name} [{guard}]") from None


def has_row(state: TcpState, event: TcpEvent) -> bool:
    return any(k[0] is state and k[1] is event for k in _INDEX)


def state_changing_arcs() -> Iterator[Transition]:
    """The rows that move between two different states: the arcs of RFC 9293 figure 5."""
    return (t for t in TRANSITIONS if t.changes_state)
