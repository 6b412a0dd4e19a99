"""The transmission control block (TCB) of one endpoint, RFC 9293 §3.3.1.

The TCB holds what one side remembers about its connection: the send sequence variables
(ISS, SND.UNA, SND.NXT, SND.WND, SND.WL1, SND.WL2), the receive sequence variables (IRS,
RCV.NXT, RCV.WND), the peer's MSS, the data waiting to be sent, the retransmission queue
with its RFC 6298 estimator, and the deadlines of the two timers. Sequence numbers are kept
modulo 2**32 (see ``sequence``).

``TcpEndpoint`` is a ``TransmissionControlBlock``: the rule modules (``classification``,
``sending``, ``user_calls``, ``arrival``, ``timers``) read and update these variables, and
``snapshot`` freezes them into the ``TcbSnapshot`` a learner inspects.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.models.tcp.rto import RtoEstimator
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.sequence import seq_add, seq_sub
from simulator.models.tcp.states import TcpState

DEFAULT_MSS = 1460
DEFAULT_PEER_MSS = 536  # RFC 9293 §3.7.1: assume 536 when the peer sent no MSS option
DEFAULT_WINDOW = 65535
DEFAULT_MSL = 120.0  # RFC 9293 §3.4.2: MSL is 2 minutes
#: RFC 9293 §3.8.3: R1 at least 3 retransmissions (SHLD-10); R2 at least 100 s (SHLD-11), and
#: for a SYN long enough to retransmit it for at least 3 minutes (MUST-23).
R1_RETRANSMISSIONS = 3
R2_DATA = 100.0
R2_SYN = 180.0


@dataclass(frozen=True)
class TcbSnapshot:
    """What a learner may inspect of one endpoint at one instant (RFC 9293 §3.3.1)."""

    name: str
    state: TcpState
    iss: int | None
    irs: int | None
    snd_una: int | None
    snd_nxt: int | None
    snd_wnd: int
    rcv_nxt: int | None
    rcv_wnd: int
    rto: float
    srtt: float | None
    retries: int
    bytes_in_flight: int
    bytes_queued: int
    bytes_delivered: int
    retransmission_deadline: float | None
    time_wait_deadline: float | None


@dataclass
class UnackedSegment:
    """A sent segment waiting for its acknowledgement (the retransmission queue)."""

    seq: int
    flags: Flags
    payload: bytes
    sent_at: float
    retransmitted: bool = False
    # When it was first sent again: R2 counts the retransmission of this same segment
    # (RFC 9293 §3.8.3), not the time it waited behind others in the queue.
    first_resent_at: float | None = None

    @property
    def seg_len(self) -> int:
        return len(self.payload) + (1 if Flags.SYN in self.flags else 0) + (
            1 if Flags.FIN in self.flags else 0)

    @property
    def end(self) -> int:
        return seq_add(self.seq, self.seg_len)


class TransmissionControlBlock:
    """One side's connection state. ``name`` and ``peer`` label segments ("client", "server").

    The constructor's settings (the ISS to use, our MSS, RCV.WND, MSL, how many
    retransmissions before giving up) and the bytes delivered to the application outlive
    the connection; ``forget_connection`` resets everything else.
    """

    def __init__(self, name: str, peer: str, *, iss: int, mss: int = DEFAULT_MSS,
                 window: int = DEFAULT_WINDOW, msl: float = DEFAULT_MSL,
                 r2_data: float = R2_DATA, r2_syn: float = R2_SYN) -> None:
        self.name = name
        self.peer = peer
        self.state = TcpState.CLOSED
        self.iss_choice = iss % 2**32
        self.local_mss = mss
        self.msl = msl
        self.r2_data = r2_data  # §3.8.3 (d): the application may set R2 (MUST-21)
        self.r2_syn = r2_syn
        self.rcv_wnd = window
        self.delivered = bytearray()  # what the application has read; kept across CLOSED
        self.forget_connection()

    def forget_connection(self) -> None:
        """Every connection variable back to its value before OPEN (the state is unchanged)."""
        self.iss: int | None = None
        self.irs: int | None = None
        self.snd_una: int | None = None
        self.snd_nxt: int | None = None
        self.snd_wnd = 0
        self.max_snd_wnd = 0  # MAX.SND.WND, the largest window the peer offered (RFC 5961 §5)
        self.snd_wl1 = 0
        self.snd_wl2 = 0
        self.rcv_nxt: int | None = None
        self.peer_mss = DEFAULT_PEER_MSS
        self.passive = False
        self.send_queue = bytearray()
        self.close_requested = False
        self.close_queued = False  # CLOSE in SYN-RECEIVED with data queued (§3.10.4)
        self.fin_seq: int | None = None
        self.fin_held: int | None = None  # the peer's FIN, arrived out of order and held
        self.syn_timed_out = False  # our SYN (or SYN,ACK) was retransmitted (RFC 6298 §5.7)
        self.rtx_queue: list[UnackedSegment] = []
        self.rto = RtoEstimator()
        self.retries = 0
        self.rtx_deadline: float | None = None
        self.time_wait_deadline: float | None = None
        self.dupacks = 0
        self.out_of_order: dict[int, bytes] = {}

    def snapshot(self) -> TcbSnapshot:
        in_flight = (seq_sub(self.snd_nxt, self.snd_una)
                     if self.snd_nxt is not None and self.snd_una is not None else 0)
        return TcbSnapshot(
            name=self.name, state=self.state, iss=self.iss, irs=self.irs,
            snd_una=self.snd_una, snd_nxt=self.snd_nxt, snd_wnd=self.snd_wnd,
            rcv_nxt=self.rcv_nxt, rcv_wnd=self.rcv_wnd, rto=self.rto.rto, srtt=self.rto.srtt,
            retries=self.retries, bytes_in_flight=in_flight,
            bytes_queued=len(self.send_queue), bytes_delivered=len(self.delivered),
            retransmission_deadline=self.rtx_deadline,
            time_wait_deadline=self.time_wait_deadline,
        )

    @property
    def send_mss(self) -> int:
        """Largest payload per segment: the smaller of ours and the peer's MSS (§3.7.1)."""
        return min(self.local_mss, self.peer_mss)
