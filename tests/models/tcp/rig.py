"""A test rig that drives a real ``TcpEndpoint`` into any state and produces any event.

The endpoint under test ("me") is taken into a state with real user calls and segments from
a real peer endpoint over a hand-operated wire (``reach``); then ``exercise`` produces one
(event, guard) — a user call, a segment crafted from the peer's point of view, or a timer
expiry — and returns the endpoint's ``Reaction``. The rig knows nothing of the table's
answers: it only knows how to make each RFC 9293 §3.10 event happen, so tests can hold the
reaction against an expectation of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.models.tcp.endpoint import TcpEndpoint
from simulator.models.tcp.reaction import Reaction
from simulator.models.tcp.segment import Flags, Segment
from simulator.models.tcp.sequence import seq_add, seq_sub
from simulator.models.tcp.states import EventKind, TcpEvent, TcpState
from simulator.models.tcp.timers import TimerKind

S = TcpState
E = TcpEvent
F = Flags

ME_ISS = 1_000
PEER_ISS = 500_000
#: What the SEND drivers hand to ``send`` (the bytes the data rows must put on the wire).
SENT_DATA = b"hello"


@dataclass
class Rig:
    """The endpoint under test, its real peer and a hand-operated wire between them."""

    me: TcpEndpoint
    peer: TcpEndpoint
    now: float = 0.0
    to_me: list[Segment] = field(default_factory=list)
    to_peer: list[Segment] = field(default_factory=list)

    def tick(self) -> float:
        self.now += 0.01
        return self.now

    def post(self, r: Reaction) -> Reaction:
        for seg in r.sent:
            (self.to_me if seg.dst == "me" else self.to_peer).append(seg)
        return r

    def me_do(self, call: str) -> Reaction:
        return self.post(getattr(self.me, call)(self.tick()))

    def peer_do(self, call: str) -> Reaction:
        return self.post(getattr(self.peer, call)(self.tick()))

    def pump(self) -> None:
        """Deliver everything, both ways, until the wire is empty."""
        while self.to_me or self.to_peer:
            if self.to_peer:
                self.post(self.peer.receive(self.to_peer.pop(0), self.tick()))
            if self.to_me:
                self.post(self.me.receive(self.to_me.pop(0), self.tick()))

    def deliver_to_me(self) -> None:
        while self.to_me:
            self.post(self.me.receive(self.to_me.pop(0), self.tick()))

    def seg(self, flags: Flags, seq: int, ack: int = 0, payload: bytes = b"",
            window: int = 65535) -> Segment:
        """A segment from the peer to me."""
        return Segment("peer", "me", seq % 2**32, ack % 2**32, flags, window, payload,
                       mss=1460 if F.SYN in flags else None)


def _new_rig() -> Rig:
    return Rig(TcpEndpoint("me", "peer", iss=ME_ISS), TcpEndpoint("peer", "me", iss=PEER_ISS))


def _established(r: Rig) -> None:
    r.peer_do("open_passive")
    r.me_do("open_active")
    r.pump()


def reach(state: TcpState, guard: str = "") -> Rig:
    """A rig whose ``me`` endpoint is in ``state`` (opened as ``guard`` says, if it matters)."""
    r = _new_rig()
    if state is S.CLOSED:
        pass
    elif state is S.LISTEN:
        r.me_do("open_passive")
    elif state is S.SYN_SENT:
        r.me_do("open_active")
        r.to_peer.clear()  # the SYN is still "in flight"
    elif state is S.SYN_RECEIVED:
        if guard == "opened actively":  # simultaneous open: my SYN is out, the peer's crosses
            r.me_do("open_active")
            r.to_peer.clear()
            r.post(r.me.receive(r.seg(F.SYN, PEER_ISS), r.tick()))
        else:
            r.me_do("open_passive")
            r.post(r.me.receive(r.seg(F.SYN, PEER_ISS), r.tick()))
        r.to_peer.clear()
    elif state is S.ESTABLISHED:
        _established(r)
    elif state is S.FIN_WAIT_1:
        _established(r)
        r.me_do("close")
        r.to_peer.clear()  # my FIN is not acknowledged
    elif state is S.FIN_WAIT_2:
        _established(r)
        r.me_do("close")
        r.pump()
    elif state is S.CLOSE_WAIT:
        _established(r)
        r.peer_do("close")
        r.pump()
    elif state is S.CLOSING:
        _established(r)
        r.me_do("close")
        r.peer_do("close")
        r.to_peer.clear()  # my FIN never reaches the peer, so its FIN does not ack mine
        r.deliver_to_me()
        r.to_peer.clear()
    elif state is S.LAST_ACK:
        _established(r)
        r.peer_do("close")
        r.pump()
        r.me_do("close")
        r.to_peer.clear()
    elif state is S.TIME_WAIT:
        _established(r)
        r.me_do("close")
        r.pump()
        r.peer_do("close")
        r.deliver_to_me()
        r.to_peer.clear()
    assert r.me.state is state, f"could not reach {state.name}: in {r.me.state.name}"
    if state is S.SYN_RECEIVED:
        assert r.me.passive is (guard != "opened actively")
    return r


def rcv(r: Rig, flags: Flags, seq: int, ack: int = 0, payload: bytes = b"") -> Reaction:
    """Hand ``me`` one segment from the peer."""
    return r.me.receive(r.seg(flags, seq, ack, payload), r.tick())


def _segment_event(r: Rig, st: TcpState, ev: TcpEvent) -> Reaction:
    """Craft, from the peer's point of view, a segment ``me`` (in ``st``) meets as ``ev``."""
    me = r.me
    if st is S.CLOSED:
        flags = {E.RCV_SYN: F.SYN, E.RCV_SEGMENT: F.ACK, E.RCV_RST: F.RST}[ev]
        return rcv(r, flags, 777, 888)
    if st is S.LISTEN:
        flags = {E.RCV_SYN: F.SYN, E.RCV_BAD_ACK: F.ACK, E.RCV_RST: F.RST,
                 E.RCV_SEGMENT: F.NONE}[ev]
        return rcv(r, flags, PEER_ISS, 1234, b"x" if ev is E.RCV_SEGMENT else b"")
    assert me.snd_nxt is not None and me.snd_una is not None and me.iss is not None
    if st is S.SYN_SENT:
        good = me.snd_nxt
        if ev is E.RCV_SYN_ACK:
            return rcv(r, F.SYN | F.ACK, PEER_ISS, good)
        if ev is E.RCV_SYN:
            return rcv(r, F.SYN, PEER_ISS)
        if ev is E.RCV_RST:
            return rcv(r, F.RST | F.ACK, 0, good)
        if ev is E.RCV_RST_IGNORED:
            return rcv(r, F.RST | F.ACK, 0, me.iss)  # ACK does not cover our SYN
        if ev is E.RCV_BAD_ACK:
            return rcv(r, F.ACK, PEER_ISS, seq_add(good, 10))
        if ev is E.RCV_SEGMENT:
            return rcv(r, F.NONE, PEER_ISS, 0, b"data")
        raise AssertionError(ev)
    assert me.rcv_nxt is not None and me.irs is not None
    rn, sn, su = me.rcv_nxt, me.snd_nxt, me.snd_una
    if ev is E.RCV_SYN_ACK:  # SYN-RECEIVED, simultaneous open: the crossing SYN,ACK
        return rcv(r, F.SYN | F.ACK, me.irs, sn)
    if ev is E.RCV_ACK_OF_SYN:
        return rcv(r, F.ACK, rn, sn)
    if ev is E.RCV_ACK_OF_FIN:
        return rcv(r, F.ACK, rn, sn)
    if ev is E.RCV_FIN_ACK_OF_FIN:
        return rcv(r, F.FIN | F.ACK, rn, sn)
    if ev is E.RCV_FIN:
        if st is S.SYN_RECEIVED:  # the handshake's ACK carries a FIN
            return rcv(r, F.FIN | F.ACK, rn, sn)
        if st is S.TIME_WAIT:  # the peer's FIN again (it did not get our last ACK)
            return rcv(r, F.FIN | F.ACK, seq_sub(rn, 1), sn)
        return rcv(r, F.FIN | F.ACK, rn, su)  # does not acknowledge a FIN of ours
    if ev is E.RCV_RST:
        return rcv(r, F.RST, rn)
    if ev is E.RCV_RST_IN_WINDOW:
        return rcv(r, F.RST, seq_add(rn, 100))
    if ev is E.RCV_RST_IGNORED:
        return rcv(r, F.RST, seq_add(rn, 2**31))
    if ev is E.RCV_SYN:  # a SYN inside the window (fourth check)
        return rcv(r, F.SYN | F.ACK, rn, su)
    if ev is E.RCV_OUT_OF_WINDOW:
        return rcv(r, F.ACK, seq_sub(rn, 5000), su, b"old duplicate")
    if ev is E.RCV_BAD_ACK:
        return rcv(r, F.ACK, rn, seq_add(sn, 1000))
    if ev is E.RCV_SEGMENT:
        if st is S.SYN_RECEIVED:
            return rcv(r, F.NONE, rn)  # no ACK bit
        return rcv(r, F.ACK, rn, su)  # a pure ACK that acknowledges nothing new
    raise AssertionError(ev)


def _timeout_event(r: Rig, st: TcpState, ev: TcpEvent) -> Reaction:
    if ev is E.TIMEOUT_TIME_WAIT:
        return r.me.expire(TimerKind.TIME_WAIT, r.tick())
    if st in (S.ESTABLISHED, S.CLOSE_WAIT):
        r.me.send(b"unacknowledged", r.tick())  # something to retransmit
    assert r.me.rtx_queue, "nothing outstanding to retransmit"
    if ev is E.TIMEOUT_RETRANSMISSION:
        return r.me.expire(TimerKind.RETRANSMISSION, r.tick())
    # The user timeout: keep letting the retransmission timer expire at its deadline until
    # R2 has passed (RFC 9293 §3.8.3).
    while True:
        deadline = r.me.next_timer()
        assert deadline is not None
        r.now = deadline[0]
        reaction = r.me.expire(TimerKind.RETRANSMISSION, r.now)
        if reaction.transition.event is E.TIMEOUT_USER:
            return reaction


def _close(r: Rig, guard: str, now: float) -> Reaction:
    if guard in ("data queued", "close queued"):  # SEND in SYN-RECEIVED queues (§3.10.2)
        r.me.send(b"queued", now)
    if guard == "close queued":
        r.me.close(now)  # queued until ESTABLISHED (§3.10.4)
    return r.me.close(now)


def _send(r: Rig, guard: str, now: float) -> Reaction:
    if guard == "close queued":
        r.me.send(b"queued", now)
        r.me.close(now)
    return r.me.send(SENT_DATA, now)


def _user_event(r: Rig, ev: TcpEvent, guard: str) -> Reaction:
    now = r.tick()
    call: dict[TcpEvent, Callable[[], Reaction]] = {
        E.OPEN_ACTIVE: lambda: r.me.open_active(now),
        E.OPEN_PASSIVE: lambda: r.me.open_passive(now),
        E.SEND: lambda: _send(r, guard, now),
        E.CLOSE: lambda: _close(r, guard, now),
        E.ABORT: lambda: r.me.abort(now),
    }
    return call[ev]()


def exercise(state: TcpState, event: TcpEvent, guard: str = "") -> Reaction:
    """Reach ``state`` (opened as ``guard`` says), then make ``event`` happen."""
    r = reach(state, guard)
    if event.kind is EventKind.USER:
        return _user_event(r, event, guard)
    if event.kind is EventKind.TIMEOUT:
        return _timeout_event(r, state, event)
    return _segment_event(r, state, event)
