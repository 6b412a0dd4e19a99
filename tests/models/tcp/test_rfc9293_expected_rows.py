"""The transition table holds RFC 9293 §3.10's answers, typed here from the RFC's own text.

Every expectation below was written from RFC 9293 §3.10 "Event Processing" (with RFC 5961,
which §3.10.7.4 adopts, and RFC 6298 §5 for the retransmission timer), never read from
``simulator.models.tcp.table``. The rows follow the RFC's layout — OPEN, SEND, CLOSE, ABORT
(§3.10.1-§3.10.5), SEGMENT ARRIVES state by state and check by check (§3.10.7), Timeouts
(§3.10.8) — and group states exactly where the RFC lists several states under one bullet.

Where the RFC leaves a choice open, the row says so and cites the sentence that permits the
model's choice ("choice:" in the citation). Error texts are the RFC's strings without their
"error: " prefix.

Three tests hold the table and a real ``TcpEndpoint`` to these answers:

* the table has exactly these (state, event, guard) keys;
* each row's next state, what it sends and its error equal the typed answer;
* a real endpoint, driven into the state by ``tests.models.tcp.rig`` and given the event,
  ends in the typed next state and puts on the wire what the RFC's formula says
  (<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, <SEQ=SEG.ACK><CTL=RST>, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from simulator.models.tcp.reaction import Reaction
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.sequence import seq_add
from simulator.models.tcp.states import Send, TcpEvent, TcpState
from simulator.models.tcp.table import TRANSITIONS, lookup
from tests.models.tcp.rig import ME_ISS, SENT_DATA, exercise

S = TcpState
E = TcpEvent
F = Flags
N = Send

Key = tuple[TcpState, TcpEvent, str]


@dataclass(frozen=True)
class Expected:
    """One answer of RFC 9293 §3.10: in ``state``, on ``event`` (when ``guard`` holds), go to
    ``next`` and send ``send``; a refused user call returns ``error``."""

    state: TcpState
    event: TcpEvent
    guard: str
    next: TcpState
    send: Send
    error: str | None
    rfc: str

    @property
    def key(self) -> Key:
        return (self.state, self.event, self.guard)

    @property
    def id(self) -> str:
        return _name(self.key)


def _name(key: Key) -> str:
    """A readable test id: ``SYN-RECEIVED:RCV_RST[opened passively]`` (ASCII, so pytest
    prints it as it is and ``-k`` can select it)."""
    state, event, guard = key
    return f"{state.rfc_name}:{event.name}" + (f"[{guard}]" if guard else "")


SAME = None  # "if no state change is mentioned, the TCP connection stays in the same state"


def _rows(states: tuple[TcpState, ...], event: TcpEvent, nxt: TcpState | None, send: Send,
          rfc: str, *, guard: str = "", error: str | None = None) -> list[Expected]:
    """The RFC's answer for ``event`` in each of ``states`` (``SAME``: stays put)."""
    return [Expected(st, event, guard, st if nxt is SAME else nxt, send, error, rfc)
            for st in states]


# The RFC's groups of states, spelled out as §3.10 lists them.
AFTER_LISTEN = (S.SYN_SENT, S.SYN_RECEIVED, S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2,
                S.CLOSE_WAIT, S.CLOSING, S.LAST_ACK, S.TIME_WAIT)
SYNCHRONIZED = (S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSE_WAIT, S.CLOSING,
                S.LAST_ACK, S.TIME_WAIT)
OTHER_STATES = (S.SYN_RECEIVED, *SYNCHRONIZED)  # §3.10.7.4 "Other States"
OUR_FIN_SENT = (S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSING, S.LAST_ACK, S.TIME_WAIT)
#: States in which something we sent can still be unacknowledged, so the retransmission
#: timer can run (§3.10.8 "expires on a segment in the retransmission queue"): not
#: FIN-WAIT-2 or TIME-WAIT, where our FIN — the last thing we sent — is acknowledged.
AWAITING_ACK = (S.SYN_SENT, S.SYN_RECEIVED, S.ESTABLISHED, S.FIN_WAIT_1, S.CLOSE_WAIT,
                S.CLOSING, S.LAST_ACK)

OPEN_ROWS = [
    *_rows((S.CLOSED,), E.OPEN_PASSIVE, S.LISTEN, N.NOTHING,
           "§3.10.1 CLOSED: 'If passive, enter the LISTEN state and return.'"),
    *_rows((S.CLOSED,), E.OPEN_ACTIVE, S.SYN_SENT, N.SYN,
           "§3.10.1 CLOSED: 'A SYN segment of the form <SEQ=ISS><CTL=SYN> is sent. Set "
           "SND.UNA to ISS, SND.NXT to ISS+1, enter SYN-SENT state'"),
    *_rows((S.LISTEN,), E.OPEN_ACTIVE, S.SYN_SENT, N.SYN,
           "§3.10.1 LISTEN: 'If the OPEN call is active ... change the connection from "
           "passive to active, select an ISS. Send a SYN segment ... Enter SYN-SENT'"),
    *_rows((S.LISTEN,), E.OPEN_PASSIVE, SAME, N.NOTHING,
           "choice: §3.10.1 LISTEN speaks only of an active OPEN; a second passive OPEN is "
           "answered as in every other state with a TCB: 'Return \"error: connection already "
           "exists\"'", error="connection already exists"),
    *_rows(AFTER_LISTEN, E.OPEN_ACTIVE, SAME, N.NOTHING,
           "§3.10.1 SYN-SENT ... TIME-WAIT: 'Return \"error: connection already exists\".'",
           error="connection already exists"),
    *_rows(AFTER_LISTEN, E.OPEN_PASSIVE, SAME, N.NOTHING,
           "§3.10.1 SYN-SENT ... TIME-WAIT: 'Return \"error: connection already exists\".'",
           error="connection already exists"),
]

SEND_ROWS = [
    *_rows((S.CLOSED,), E.SEND, SAME, N.NOTHING,
           "§3.10.2 CLOSED: 'Otherwise, return \"error: connection does not exist\".'",
           error="connection does not exist"),
    *_rows((S.LISTEN,), E.SEND, S.SYN_SENT, N.SYN,
           "§3.10.2 LISTEN: 'If the remote socket is specified, then change the connection "
           "from passive to active, select an ISS. Send a SYN segment ... Enter SYN-SENT'"),
    *_rows((S.SYN_SENT, S.SYN_RECEIVED), E.SEND, SAME, N.NOTHING,
           "§3.10.2 SYN-SENT, SYN-RECEIVED: 'Queue the data for transmission after "
           "entering ESTABLISHED state.'"),
    *_rows((S.SYN_RECEIVED,), E.SEND, SAME, N.NOTHING,
           "choice: after a CLOSE queued in SYN-RECEIVED ('CLOSE is an operation meaning \"I "
           "have no more data to send\"', §3.6) SEND gets the answer §3.10.2 gives once "
           "CLOSE was called: 'Return \"error: connection closing\" and do not service "
           "request.'", guard="close queued", error="connection closing"),
    *_rows((S.ESTABLISHED, S.CLOSE_WAIT), E.SEND, SAME, N.DATA,
           "§3.10.2 ESTABLISHED, CLOSE-WAIT: 'Segmentize the buffer and send it with a "
           "piggybacked acknowledgment (acknowledgment value = RCV.NXT).'"),
    *_rows(OUR_FIN_SENT, E.SEND, SAME, N.NOTHING,
           "§3.10.2 FIN-WAIT-1 ... TIME-WAIT: 'Return \"error: connection closing\" and do not "
           "service request.'", error="connection closing"),
]

CLOSE_ROWS = [
    *_rows((S.CLOSED,), E.CLOSE, SAME, N.NOTHING,
           "§3.10.4 CLOSED: 'Otherwise, return \"error: connection does not exist\".'",
           error="connection does not exist"),
    *_rows((S.LISTEN,), E.CLOSE, S.CLOSED, N.NOTHING,
           "§3.10.4 LISTEN: 'Delete TCB, enter CLOSED state, and return.'"),
    *_rows((S.SYN_SENT,), E.CLOSE, S.CLOSED, N.NOTHING,
           "§3.10.4 SYN-SENT: 'Delete the TCB and return \"error: closing\" responses to any "
           "queued SENDs'"),
    *_rows((S.SYN_RECEIVED,), E.CLOSE, S.FIN_WAIT_1, N.FIN,
           "§3.10.4 SYN-RECEIVED: 'If no SENDs have been issued and there is no pending data "
           "to send, then form a FIN segment and send it, and enter FIN-WAIT-1 state'",
           guard="nothing queued"),
    *_rows((S.SYN_RECEIVED,), E.CLOSE, SAME, N.NOTHING,
           "§3.10.4 SYN-RECEIVED: '... otherwise, queue for processing after entering "
           "ESTABLISHED state.'", guard="data queued"),
    *_rows((S.SYN_RECEIVED,), E.CLOSE, SAME, N.NOTHING,
           "choice: a second CLOSE while the first is queued gets §3.10.4's answer for "
           "FIN-WAIT-1: 'Strictly speaking, this is an error and should receive an \"error: "
           "connection closing\" response.'", guard="close queued",
           error="connection closing"),
    *_rows((S.ESTABLISHED,), E.CLOSE, S.FIN_WAIT_1, N.FIN,
           "§3.10.4 ESTABLISHED: 'Queue this until all preceding SENDs have been "
           "segmentized, then form a FIN segment and send it. In any case, enter FIN-WAIT-1'"),
    *_rows((S.FIN_WAIT_1, S.FIN_WAIT_2), E.CLOSE, SAME, N.NOTHING,
           "§3.10.4 FIN-WAIT-1, FIN-WAIT-2: 'Strictly speaking, this is an error and should "
           "receive an \"error: connection closing\" response.' (choice: the strict answer, "
           "not 'ok')", error="connection closing"),
    *_rows((S.CLOSE_WAIT,), E.CLOSE, S.LAST_ACK, N.FIN,
           "§3.10.4 CLOSE-WAIT: 'Queue this request until all preceding SENDs have been "
           "segmentized; then send a FIN segment, enter LAST-ACK state.'"),
    *_rows((S.CLOSING, S.LAST_ACK, S.TIME_WAIT), E.CLOSE, SAME, N.NOTHING,
           "§3.10.4 CLOSING, LAST-ACK, TIME-WAIT: 'Respond with \"error: connection "
           "closing\".'", error="connection closing"),
]

ABORT_ROWS = [
    *_rows((S.CLOSED,), E.ABORT, SAME, N.NOTHING,
           "§3.10.5 CLOSED: 'Otherwise, return \"error: connection does not exist\".'",
           error="connection does not exist"),
    *_rows((S.LISTEN, S.SYN_SENT), E.ABORT, S.CLOSED, N.NOTHING,
           "§3.10.5 LISTEN, SYN-SENT: 'Delete the TCB, enter CLOSED state, and return.' "
           "(no reset: the peer has nothing to reset)"),
    *_rows((S.SYN_RECEIVED, S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSE_WAIT),
           E.ABORT, S.CLOSED, N.RST,
           "§3.10.5 SYN-RECEIVED ... CLOSE-WAIT: 'Send a reset segment: <SEQ=SND.NXT>"
           "<CTL=RST>' ... 'Delete the TCB, enter CLOSED state'"),
    *_rows((S.CLOSING, S.LAST_ACK, S.TIME_WAIT), E.ABORT, S.CLOSED, N.NOTHING,
           "§3.10.5 CLOSING, LAST-ACK, TIME-WAIT: 'Respond with \"ok\" and delete the TCB, "
           "enter CLOSED state, and return.' (no reset is sent)"),
]

CLOSED_ARRIVALS = [
    *_rows((S.CLOSED,), E.RCV_SYN, SAME, N.RST,
           "§3.10.7.1: 'An incoming segment not containing a RST causes a RST to be sent in "
           "response.' (a SYN: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>)"),
    *_rows((S.CLOSED,), E.RCV_SEGMENT, SAME, N.RST,
           "§3.10.7.1: 'An incoming segment not containing a RST causes a RST to be sent in "
           "response.' (with ACK: <SEQ=SEG.ACK><CTL=RST>)"),
    *_rows((S.CLOSED,), E.RCV_RST, SAME, N.NOTHING,
           "§3.10.7.1: 'An incoming segment containing a RST is discarded.'"),
]

LISTEN_ARRIVALS = [
    *_rows((S.LISTEN,), E.RCV_RST, SAME, N.NOTHING,
           "§3.10.7.2 first: 'An incoming RST should be ignored. Return.'"),
    *_rows((S.LISTEN,), E.RCV_BAD_ACK, SAME, N.RST,
           "§3.10.7.2 second: 'Any acknowledgment is bad if it arrives on a connection still "
           "in the LISTEN state.' ... '<SEQ=SEG.ACK><CTL=RST>'"),
    *_rows((S.LISTEN,), E.RCV_SYN, S.SYN_RECEIVED, N.SYN_ACK,
           "§3.10.7.2 third: 'a SYN segment sent of the form: <SEQ=ISS><ACK=RCV.NXT>"
           "<CTL=SYN,ACK>' ... 'The connection state should be changed to SYN-RECEIVED.'"),
    *_rows((S.LISTEN,), E.RCV_SEGMENT, SAME, N.NOTHING,
           "§3.10.7.2 fourth: 'This should not be reached. Drop the segment and return.'"),
]

SYN_SENT_ARRIVALS = [
    *_rows((S.SYN_SENT,), E.RCV_BAD_ACK, SAME, N.RST,
           "§3.10.7.3 first: 'If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset' "
           "<SEQ=SEG.ACK><CTL=RST> 'and discard the segment.'"),
    *_rows((S.SYN_SENT,), E.RCV_RST_IGNORED, SAME, N.NOTHING,
           "§3.10.7.3: '(unless the RST bit is set, if so drop the segment and return)'; "
           "second: 'Otherwise (no ACK), drop the segment and return.'"),
    *_rows((S.SYN_SENT,), E.RCV_RST, S.CLOSED, N.NOTHING,
           "§3.10.7.3 second: 'If the ACK was acceptable, then signal to the user \"error: "
           "connection reset\", drop the segment, enter CLOSED state'"),
    *_rows((S.SYN_SENT,), E.RCV_SYN_ACK, S.ESTABLISHED, N.ACK,
           "§3.10.7.3 fourth: 'If SND.UNA > ISS (our SYN has been ACKed), change the "
           "connection state to ESTABLISHED, form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT>"
           "<CTL=ACK> and send it.'"),
    *_rows((S.SYN_SENT,), E.RCV_SYN, S.SYN_RECEIVED, N.SYN_ACK,
           "§3.10.7.3 fourth: 'Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment "
           "<SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it.'"),
    *_rows((S.SYN_SENT,), E.RCV_SEGMENT, SAME, N.NOTHING,
           "§3.10.7.3 fifth: 'if neither of the SYN or RST bits is set, then drop the "
           "segment and return.'"),
]

# §3.10.7.4, check by check, for SYN-RECEIVED and the synchronized states.
OTHER_STATE_ARRIVALS = [
    # First, check sequence number.
    *_rows(OTHER_STATES, E.RCV_OUT_OF_WINDOW, SAME, N.ACK,
           "§3.10.7.4 first: 'If an incoming segment is not acceptable, an acknowledgment "
           "should be sent in reply' <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> 'drop the "
           "unacceptable segment and return.'"),
    # Second, check the RST bit (RFC 5961 §3's three checks, which §3.10.7.4 adopts).
    *_rows(OTHER_STATES, E.RCV_RST_IGNORED, SAME, N.NOTHING,
           "§3.10.7.4 second, 1): 'If the RST bit is set and the sequence number is outside "
           "the current receive window, silently drop the segment.'"),
    *_rows(OTHER_STATES, E.RCV_RST_IN_WINDOW, SAME, N.ACK,
           "§3.10.7.4 second, 3) (RFC 5961 §3.2): '... yet is within the current receive "
           "window, TCP endpoints MUST send an acknowledgment (challenge ACK)' and 'MUST "
           "drop the unacceptable segment'"),
    *_rows((S.SYN_RECEIVED,), E.RCV_RST, S.LISTEN, N.NOTHING,
           "§3.10.7.4 second, SYN-RECEIVED: 'If this connection was initiated with a passive "
           "OPEN ... then return this connection to LISTEN state and return.'",
           guard="opened passively"),
    *_rows((S.SYN_RECEIVED,), E.RCV_RST, S.CLOSED, N.NOTHING,
           "§3.10.7.4 second, SYN-RECEIVED: 'If this connection was initiated with an active "
           "OPEN ... the connection was refused' ... 'enter the CLOSED state'",
           guard="opened actively"),
    *_rows((S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSE_WAIT), E.RCV_RST, S.CLOSED,
           N.NOTHING,
           "§3.10.7.4 second, ESTABLISHED ... CLOSE-WAIT: 'Users should also receive an "
           "unsolicited general \"connection reset\" signal. Enter the CLOSED state'"),
    *_rows((S.CLOSING, S.LAST_ACK, S.TIME_WAIT), E.RCV_RST, S.CLOSED, N.NOTHING,
           "§3.10.7.4 second, CLOSING, LAST-ACK, TIME-WAIT: 'If the RST bit is set, then "
           "enter the CLOSED state, delete the TCB, and return.'"),
    # Fourth, check the SYN bit.
    *_rows((S.SYN_RECEIVED,), E.RCV_SYN, S.LISTEN, N.NOTHING,
           "§3.10.7.4 fourth, SYN-RECEIVED: 'If the connection was initiated with a passive "
           "OPEN, then return this connection to the LISTEN state and return.'",
           guard="opened passively"),
    *_rows((S.SYN_RECEIVED,), E.RCV_SYN, SAME, N.ACK,
           "§3.10.7.4 fourth, SYN-RECEIVED: 'Otherwise, handle per the directions for "
           "synchronized states below.' — a challenge ACK (RFC 5961 §4)",
           guard="opened actively"),
    *_rows((S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSE_WAIT, S.CLOSING, S.LAST_ACK),
           E.RCV_SYN, SAME, N.ACK,
           "§3.10.7.4 fourth (RFC 5961 §4): 'if the SYN bit is set, irrespective of the "
           "sequence number, TCP endpoints MUST send a \"challenge ACK\"' <SEQ=SND.NXT>"
           "<ACK=RCV.NXT><CTL=ACK>"),
    *_rows((S.TIME_WAIT,), E.RCV_SYN, SAME, N.ACK,
           "choice: §3.10.7.4 fourth's challenge ACK holds in TIME-WAIT too ('in these "
           "synchronized states'); reopening from TIME-WAIT is optional (§3.6: 'it MAY "
           "accept a new SYN ... (MAY-2)') and not modelled"),
    # Fifth, check the ACK field.
    *_rows((S.SYN_RECEIVED,), E.RCV_SEGMENT, SAME, N.NOTHING,
           "§3.10.7.4 fifth: 'if the ACK bit is off, drop the segment and return'"),
    *_rows((S.SYN_RECEIVED,), E.RCV_ACK_OF_SYN, S.ESTABLISHED, N.NOTHING,
           "§3.10.7.4 fifth, SYN-RECEIVED: 'If SND.UNA < SEG.ACK =< SND.NXT, then enter "
           "ESTABLISHED state' (a bare ACK carries no text to acknowledge)"),
    *_rows((S.SYN_RECEIVED,), E.RCV_BAD_ACK, SAME, N.RST,
           "§3.10.7.4 fifth, SYN-RECEIVED: 'If the segment acknowledgment is not "
           "acceptable, form a reset segment <SEQ=SEG.ACK><CTL=RST> and send it.'; §3.5.2 "
           "(2): in a non-synchronized state 'a reset is sent' and 'The connection remains "
           "in the same state.'"),
    *_rows((S.SYN_RECEIVED,), E.RCV_SYN_ACK, S.ESTABLISHED, N.ACK,
           "choice, figure 7 (simultaneous open): 'SYN-RECEIVED <-- <SEQ=300><ACK=101>"
           "<CTL=SYN,ACK>' makes it ESTABLISHED; §3.10.7.4 first: 'trimming off any "
           "portions that lie outside the window (including SYN ...)' — the old SYN is "
           "acknowledged <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, the rest acks our SYN"),
    *_rows(SYNCHRONIZED, E.RCV_BAD_ACK, SAME, N.ACK,
           "§3.10.7.4 fifth (RFC 5961 §5): 'All incoming segments whose ACK value doesn't "
           "satisfy the above condition MUST be discarded and an ACK sent back.'; "
           "ESTABLISHED: 'If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then "
           "send an ACK, drop the segment'"),
    *_rows((S.ESTABLISHED, S.CLOSE_WAIT), E.RCV_SEGMENT, SAME, N.NOTHING,
           "§3.10.7.4 fifth, ESTABLISHED (CLOSE-WAIT: 'Do the same processing'): 'If the ACK "
           "is a duplicate (SEG.ACK =< SND.UNA), it can be ignored.' (an ACK for data goes "
           "out only with text, seventh check)"),
    *_rows((S.FIN_WAIT_1,), E.RCV_ACK_OF_FIN, S.FIN_WAIT_2, N.NOTHING,
           "§3.10.7.4 fifth, FIN-WAIT-1: 'if the FIN segment is now acknowledged, then enter "
           "FIN-WAIT-2'"),
    *_rows((S.FIN_WAIT_1, S.FIN_WAIT_2), E.RCV_SEGMENT, SAME, N.NOTHING,
           "§3.10.7.4 fifth, FIN-WAIT-1/-2: 'In addition to the processing for the "
           "ESTABLISHED state' — a duplicate ACK 'can be ignored'"),
    *_rows((S.CLOSING,), E.RCV_ACK_OF_FIN, S.TIME_WAIT, N.NOTHING,
           "§3.10.7.4 fifth, CLOSING: 'if the ACK acknowledges our FIN, then enter the "
           "TIME-WAIT state'"),
    *_rows((S.CLOSING,), E.RCV_SEGMENT, SAME, N.NOTHING,
           "§3.10.7.4 fifth, CLOSING: '... otherwise, ignore the segment.'"),
    *_rows((S.LAST_ACK,), E.RCV_ACK_OF_FIN, S.CLOSED, N.NOTHING,
           "§3.10.7.4 fifth, LAST-ACK: 'If our FIN is now acknowledged, delete the TCB, "
           "enter the CLOSED state, and return.'"),
    *_rows((S.LAST_ACK,), E.RCV_SEGMENT, SAME, N.NOTHING,
           "§3.10.7.4 fifth, LAST-ACK: 'The only thing that can arrive in this state is an "
           "acknowledgment of our FIN.' (anything else changes nothing)"),
    *_rows((S.TIME_WAIT,), E.RCV_FIN, SAME, N.ACK,
           "§3.10.7.4 fifth, TIME-WAIT: 'The only thing that can arrive in this state is a "
           "retransmission of the remote FIN. Acknowledge it, and restart the 2 MSL "
           "timeout.'"),
    *_rows((S.TIME_WAIT,), E.RCV_SEGMENT, SAME, N.NOTHING,
           "§3.10.7.4 fifth, TIME-WAIT: only a retransmitted FIN is acknowledged; seventh: "
           "'Ignore the segment text.'"),
    # Eighth, check the FIN bit: 'advance RCV.NXT over the FIN, and send an acknowledgment
    # for the FIN.'
    *_rows((S.SYN_RECEIVED, S.ESTABLISHED), E.RCV_FIN, S.CLOSE_WAIT, N.ACK,
           "§3.10.7.4 eighth, SYN-RECEIVED, ESTABLISHED: 'Enter the CLOSE-WAIT state.' and "
           "'send an acknowledgment for the FIN'"),
    *_rows((S.FIN_WAIT_1,), E.RCV_FIN_ACK_OF_FIN, S.TIME_WAIT, N.ACK,
           "§3.10.7.4 eighth, FIN-WAIT-1: 'If our FIN has been ACKed (perhaps in this "
           "segment), then enter TIME-WAIT, start the time-wait timer'"),
    *_rows((S.FIN_WAIT_1,), E.RCV_FIN, S.CLOSING, N.ACK,
           "§3.10.7.4 eighth, FIN-WAIT-1: '... otherwise, enter the CLOSING state.'"),
    *_rows((S.FIN_WAIT_2,), E.RCV_FIN, S.TIME_WAIT, N.ACK,
           "§3.10.7.4 eighth, FIN-WAIT-2: 'Enter the TIME-WAIT state. Start the time-wait "
           "timer'"),
]

TIMEOUT_ROWS = [
    *_rows(AWAITING_ACK, E.TIMEOUT_RETRANSMISSION, SAME, N.RETRANSMIT,
           "§3.10.8: 'send the segment at the front of the retransmission queue again, "
           "reinitialize the retransmission timer' (RFC 6298 §5.4-5.5: the earliest "
           "unacknowledged segment, RTO doubled)"),
    *_rows(AWAITING_ACK, E.TIMEOUT_USER, S.CLOSED, N.NOTHING,
           "§3.10.8: 'For any state if the user timeout expires, flush all queues ... delete "
           "the TCB, enter the CLOSED state' (§3.8.3: reached at R2)"),
    *_rows((S.TIME_WAIT,), E.TIMEOUT_TIME_WAIT, S.CLOSED, N.NOTHING,
           "§3.10.8: 'If the time-wait timeout expires on a connection, delete the TCB, "
           "enter the CLOSED state, and return.'"),
]

EXPECTED: tuple[Expected, ...] = (
    *OPEN_ROWS, *SEND_ROWS, *CLOSE_ROWS, *ABORT_ROWS, *CLOSED_ARRIVALS, *LISTEN_ARRIVALS,
    *SYN_SENT_ARRIVALS, *OTHER_STATE_ARRIVALS, *TIMEOUT_ROWS,
)

def test_each_rfc_answer_is_typed_once() -> None:
    keys = [e.key for e in EXPECTED]
    assert len(keys) == len(set(keys))


def test_the_table_answers_exactly_the_events_rfc_9293_describes() -> None:
    """Nothing missing (an RFC event the model would crash on), nothing extra (a row the
    state diagram would draw that the RFC does not have)."""
    expected = {e.key for e in EXPECTED}
    table = {row.key for row in TRANSITIONS}
    assert not expected - table, f"missing from the table: {sorted(map(_name, expected - table))}"
    assert not table - expected, f"not in RFC 9293 §3.10: {sorted(map(_name, table - expected))}"


@pytest.mark.parametrize("exp", EXPECTED, ids=lambda e: e.id)
def test_the_table_row_gives_the_rfc_answer(exp: Expected) -> None:
    row = lookup(*exp.key)
    assert (row.next, row.send, row.error) == (exp.next, exp.send, exp.error), exp.rfc


@pytest.mark.parametrize("exp", EXPECTED, ids=lambda e: e.id)
def test_a_real_endpoint_gives_the_rfc_answer(exp: Expected) -> None:
    reaction = exercise(exp.state, exp.event, exp.guard)
    assert [t.key for t in reaction.transitions] == [exp.key], "the rig produced another event"
    assert reaction.after.state is exp.next, exp.rfc
    assert reaction.error == exp.error, exp.rfc
    _check_wire(exp, reaction)


def _check_wire(exp: Expected, reaction: Reaction) -> None:
    """What went on the wire, field by field, as the RFC's formula for ``exp.send`` says."""
    sent, before, after, arrived = reaction.sent, reaction.before, reaction.after, reaction.arrived
    if exp.send is N.NOTHING:
        assert sent == (), exp.rfc
        return
    if exp.send is N.ACK:  # <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
        assert arrived is not None and before.snd_nxt is not None
        (ack,) = sent
        assert (ack.flags, ack.payload) == (F.ACK, b""), exp.rfc
        assert ack.seq == before.snd_nxt
        if exp.event in (E.RCV_FIN, E.RCV_FIN_ACK_OF_FIN, E.RCV_SYN_ACK):
            # RCV.NXT moved past the SYN or FIN (a retransmitted FIN: already past it)
            assert ack.ack == seq_add(arrived.seq, arrived.seg_len)
        else:  # a challenge ACK or an unacceptable segment: RCV.NXT unchanged
            assert ack.ack == before.rcv_nxt
        assert ack.ack == after.rcv_nxt
    elif exp.send is N.RST:
        (rst,) = sent
        assert rst.payload == b""
        if exp.event is E.ABORT:  # §3.10.5 <SEQ=SND.NXT><CTL=RST>
            assert (rst.flags, rst.seq) == (F.RST, before.snd_nxt)
        elif arrived is not None and arrived.has(F.ACK):  # <SEQ=SEG.ACK><CTL=RST>
            assert (rst.flags, rst.seq) == (F.RST, arrived.ack)
        else:  # §3.10.7.1 <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
            assert arrived is not None
            assert (rst.flags, rst.seq, rst.ack) == (
                F.RST | F.ACK, 0, seq_add(arrived.seq, arrived.seg_len))
    elif exp.send is N.SYN:  # <SEQ=ISS><CTL=SYN>; SND.UNA=ISS, SND.NXT=ISS+1
        (syn,) = sent
        assert (syn.flags, syn.seq) == (F.SYN, ME_ISS)
        assert (after.snd_una, after.snd_nxt) == (ME_ISS, ME_ISS + 1)
    elif exp.send is N.SYN_ACK:  # <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, RCV.NXT=SEG.SEQ+1
        assert arrived is not None
        (syn_ack,) = sent
        assert (syn_ack.flags, syn_ack.seq) == (F.SYN | F.ACK, ME_ISS)
        assert syn_ack.ack == after.rcv_nxt == seq_add(arrived.seq, 1)
    elif exp.send is N.FIN:  # after the queued data, a FIN taking one sequence number
        assert before.snd_nxt is not None
        *data, fin = sent
        assert F.FIN in fin.flags and all(F.FIN not in s.flags for s in data)
        assert fin.seq == seq_add(before.snd_nxt, sum(len(s.payload) for s in data))
        assert after.snd_nxt == seq_add(fin.seq, 1)
    elif exp.send is N.DATA:  # segmentized, each with the piggybacked ACK = RCV.NXT
        assert sent and all(F.ACK in s.flags and s.ack == after.rcv_nxt for s in sent)
        assert sent[0].seq == before.snd_nxt
        assert b"".join(s.payload for s in sent) == SENT_DATA
    elif exp.send is N.RETRANSMIT:  # RFC 6298 §5.4: the earliest unacknowledged segment
        (again,) = sent
        assert reaction.retransmitted == (True,)
        assert again.seq == before.snd_una
        assert after.rto == 2 * before.rto  # §5.5: RTO <- RTO * 2
    else:  # pragma: no cover - a new Send kind needs its formula here
        raise AssertionError(exp.send)
