"""One real ``TcpEndpoint`` and a peer that exists only on paper.

The tests built on this module have their expected values worked out by hand: every segment
the peer "sends" is typed with the sequence numbers below, so each SEQ, ACK, window, state
and deadline a test expects is arithmetic on these constants and the RFC's rules, never the
output of a second endpoint or of the code under test.

The connection these helpers open, worked out once (RFC 9293 §3.10.1, §3.10.7.3):

    t=0.0  me   -> SYN      seq=1000            (SND.UNA=1000, SND.NXT=1001)
    t=0.1  peer -> SYN,ACK  seq=5000 ack=1001   window=1000, MSS=100
           me: IRS=5000, RCV.NXT=5001, SND.UNA=1001, SND.WND=1000, SND.WL1=5000,
               SND.WL2=1001; RTT sample R=0.1 s (RFC 6298 §2.2): SRTT=0.1, RTTVAR=0.05,
               RTO = max(1, 0.1 + max(0.001, 4·0.05)) = max(1, 0.3) = 1 s
    t=0.1  me   -> ACK      seq=1001 ack=5001
"""

from __future__ import annotations

from simulator.models.tcp.endpoint import TcpEndpoint
from simulator.models.tcp.reaction import Reaction
from simulator.models.tcp.segment import Flags, Segment
from simulator.models.tcp.states import TcpEvent, TcpState

F = Flags
S = TcpState
E = TcpEvent

ME_ISS = 1000
PEER_ISS = 5000
PEER_WINDOW = 1000
PEER_MSS = 100
#: after the handshake: SND.UNA = SND.NXT = ME_ISS + 1, RCV.NXT = PEER_ISS + 1
MY_NEXT = 1001
PEER_NEXT = 5001


def from_peer(flags: Flags, seq: int, ack: int = 0, payload: bytes = b"", *,
              window: int = PEER_WINDOW, mss: int | None = None) -> Segment:
    """A segment the paper peer sends to ``me``."""
    return Segment("peer", "me", seq % 2**32, ack % 2**32, flags, window, payload, mss)


def endpoint(**settings: object) -> TcpEndpoint:
    """``me``, closed, with ISS 1000 unless ``settings`` say otherwise."""
    kwargs: dict[str, object] = {"iss": ME_ISS, **settings}
    return TcpEndpoint("me", "peer", **kwargs)  # type: ignore[arg-type]


def opened_actively(*, synack_at: float = 0.1, peer_window: int = PEER_WINDOW,
                    peer_mss: int | None = PEER_MSS, **settings: object) -> TcpEndpoint:
    """``me`` after the handshake in the module docstring (ESTABLISHED)."""
    me = endpoint(**settings)
    me.open_active(0.0)
    me.receive(from_peer(F.SYN | F.ACK, PEER_ISS, ME_ISS + 1, window=peer_window,
                         mss=peer_mss), synack_at)
    assert me.state is S.ESTABLISHED
    return me


def opened_passively(**settings: object) -> TcpEndpoint:
    """``me`` listened, got the peer's SYN (seq 5000) at t=0, answered SYN,ACK seq=1000
    ack=5001, and the peer's ACK (seq 5001 ack 1001) arrived at t=0.1: ESTABLISHED."""
    me = endpoint(**settings)
    me.open_passive(0.0)
    me.receive(from_peer(F.SYN, PEER_ISS, mss=PEER_MSS), 0.0)
    me.receive(from_peer(F.ACK, PEER_NEXT, MY_NEXT), 0.1)
    assert me.state is S.ESTABLISHED
    return me


def events(reaction: Reaction) -> list[tuple[TcpState, TcpEvent, TcpState]]:
    """The rows that fired, as (state, event, next state)."""
    return [(t.state, t.event, t.next) for t in reaction.transitions]


def wire(reaction: Reaction) -> list[tuple[Flags, int, int, bytes]]:
    """What went out, as (flags, seq, ack, payload): the ladder a learner reads."""
    return [(s.flags, s.seq, s.ack, s.payload) for s in reaction.sent]
