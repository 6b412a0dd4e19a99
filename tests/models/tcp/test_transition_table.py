"""Every row of ``tcp.table.TRANSITIONS`` is exercised on real endpoints.

For each row we drive a ``TcpEndpoint`` (the one under test, "me") into ``row.state`` with
real user calls and segments from a real peer, then produce ``row.event`` — a user call, a
segment crafted from the peer's point of view, or a timer expiry — and check that exactly
that row fired, the new state is ``row.next`` and what went out matches ``row.send``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from simulator.models.tcp.endpoint import TcpEndpoint
from simulator.models.tcp.reaction import Reaction
from simulator.models.tcp.segment import Flags, Segment
from simulator.models.tcp.sequence import seq_add, seq_sub
from simulator.models.tcp.states import Send, TcpEvent, TcpState
from simulator.models.tcp.table import TRANSITIONS, Transition
from simulator.models.tcp.timers import TimerKind

S = TcpState
E = TcpEvent
F = Flags

ME_ISS = 1_000
PEER_ISS = 500_000


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


def _rcv(r: Rig, flags: Flags, seq: int, ack: int = 0, payload: bytes = b"") -> Reaction:
    return r.me.receive(r.seg(flags, seq, ack, payload), r.tick())


def _segment_event(r: Rig, row: Transition) -> Reaction:
    """Craft, from the peer's point of view, a segment ``me`` classifies as ``row.event``."""
    me, st, ev = r.me, row.state, row.event
    if st is S.CLOSED:
        flags = {E.RCV_SYN: F.SYN, E.RCV_SEGMENT: F.ACK, E.RCV_RST: F.RST}[ev]
        return _rcv(r, flags, 777, 888)
    if st is S.LISTEN:
        flags = {E.RCV_SYN: F.SYN, E.RCV_BAD_ACK: F.ACK, E.RCV_RST: F.RST,
                 E.RCV_SEGMENT: F.NONE}[ev]
        return _rcv(r, flags, PEER_ISS, 1234, b"x" if ev is E.RCV_SEGMENT else b"")
    assert me.snd_nxt is not None and me.snd_una is not None and me.iss is not None
    if st is S.SYN_SENT:
        good = me.snd_nxt
        if ev is E.RCV_SYN_ACK:
            return _rcv(r, F.SYN | F.ACK, PEER_ISS, good)
        if ev is E.RCV_SYN:
            return _rcv(r, F.SYN, PEER_ISS)
        if ev is E.RCV_RST:
            return _rcv(r, F.RST | F.ACK, 0, good)
        if ev is E.RCV_RST_IGNORED:
            return _rcv(r, F.RST | F.ACK, 0, me.iss)  # ACK does not cover our SYN
        if ev is E.RCV_BAD_ACK:
            return _rcv(r, F.ACK, PEER_ISS, seq_add(good, 10))
        if ev is E.RCV_SEGMENT:
            return _rcv(r, F.NONE, PEER_ISS, 0, b"data")
        raise AssertionError(ev)
    assert me.rcv_nxt is not None and me.irs is not None
    rn, sn, su = me.rcv_nxt, me.snd_nxt, me.snd_una
    if ev is E.RCV_SYN_ACK:  # SYN-RECEIVED, simultaneous open: the crossing SYN,ACK
        return _rcv(r, F.SYN | F.ACK, me.irs, sn)
    if ev is E.RCV_ACK_OF_SYN:
        return _rcv(r, F.ACK, rn, sn)
    if ev is E.RCV_ACK_OF_FIN:
        return _rcv(r, F.ACK, rn, sn)
    if ev is E.RCV_FIN_ACK_OF_FIN:
        return _rcv(r, F.FIN | F.ACK, rn, sn)
    if ev is E.RCV_FIN:
        if st is S.SYN_RECEIVED:  # the handshake's ACK carries a FIN
            return _rcv(r, F.FIN | F.ACK, rn, sn)
        if st is S.TIME_WAIT:  # the peer's FIN again (it did not get our last ACK)
            return _rcv(r, F.FIN | F.ACK, seq_sub(rn, 1), sn)
        return _rcv(r, F.FIN | F.ACK, rn, su)  # does not acknowledge a FIN of ours
    if ev is E.RCV_RST:
        return _rcv(r, F.RST, rn)
    if ev is E.RCV_RST_IN_WINDOW:
        return _rcv(r, F.RST, seq_add(rn, 100))
    if ev is E.RCV_RST_IGNORED:
        return _rcv(r, F.RST, seq_add(rn, 2**31))
    if ev is E.RCV_SYN:  # a SYN inside the window (fourth check)
        return _rcv(r, F.SYN | F.ACK, rn, su)
    if ev is E.RCV_OUT_OF_WINDOW:
        return _rcv(r, F.ACK, seq_sub(rn, 5000), su, b"old duplicate")
    if ev is E.RCV_BAD_ACK:
        return _rcv(r, F.ACK, rn, seq_add(sn, 1000))
    if ev is E.RCV_SEGMENT:
        if st is S.SYN_RECEIVED:
            return _rcv(r, F.NONE, rn)  # no ACK bit
        return _rcv(r, F.ACK, rn, su)  # a pure ACK that acknowledges nothing new
    raise AssertionError(ev)


def _timeout_event(r: Rig, row: Transition) -> Reaction:
    if row.event is E.TIMEOUT_TIME_WAIT:
        return r.me.expire(TimerKind.TIME_WAIT, r.tick())
    if row.state in (S.ESTABLISHED, S.CLOSE_WAIT):
        r.me.send(b"unacknowledged", r.tick())  # something to retransmit
    assert r.me.rtx_queue, "nothing outstanding to retransmit"
    if row.event is E.TIMEOUT_RETRANSMISSION:
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


def _close(r: Rig, row: Transition, now: float) -> Reaction:
    if row.guard in ("data queued", "close queued"):  # SEND in SYN-RECEIVED queues (§3.10.2)
        r.me.send(b"queued", now)
    if row.guard == "close queued":
        r.me.close(now)  # queued until ESTABLISHED (§3.10.4)
    return r.me.close(now)


def _send(r: Rig, row: Transition, now: float) -> Reaction:
    if row.guard == "close queued":
        r.me.send(b"queued", now)
        r.me.close(now)
    return r.me.send(b"hello", now)


def _user_event(r: Rig, row: Transition) -> Reaction:
    now = r.tick()
    ev = row.event
    call: dict[TcpEvent, Callable[[], Reaction]] = {
        E.OPEN_ACTIVE: lambda: r.me.open_active(now),
        E.OPEN_PASSIVE: lambda: r.me.open_passive(now),
        E.SEND: lambda: _send(r, row, now),
        E.CLOSE: lambda: _close(r, row, now),
        E.ABORT: lambda: r.me.abort(now),
    }
    return call[ev]()


def exercise(row: Transition) -> Reaction:
    """Reach ``row.state`` (with ``row.guard``), then trigger ``row.event``."""
    r = reach(row.state, row.guard)
    kind = row.event.kind.name
    if kind == "USER":
        return _user_event(r, row)
    if kind == "TIMEOUT":
        return _timeout_event(r, row)
    return _segment_event(r, row)


def check(row: Transition, reaction: Reaction) -> None:
    assert reaction.transitions == (row,), [
        f"{t.state.name}-{t.event.name}-{t.guard}" for t in reaction.transitions]
    assert reaction.after.state is row.next
    assert reaction.error == row.error
    sent = reaction.sent
    if row.error is not None:
        assert sent == ()
        assert reaction.after.state is row.state
        return
    if row.send is Send.NOTHING:
        assert sent == ()
    elif row.send is Send.ACK:
        assert len(sent) == 1
        assert sent[0].flags == F.ACK and sent[0].payload == b""
        assert sent[0].seq == reaction.after.snd_nxt
        assert sent[0].ack == reaction.after.rcv_nxt
    elif row.send is Send.RST:
        assert len(sent) == 1 and F.RST in sent[0].flags
        assert not sent[0].payload
    elif row.send is Send.SYN:
        assert len(sent) == 1 and sent[0].flags == F.SYN
        assert sent[0].seq == reaction.after.iss
    elif row.send is Send.SYN_ACK:
        assert len(sent) == 1 and sent[0].flags == F.SYN | F.ACK
        assert sent[0].seq == reaction.after.iss
        assert sent[0].ack == reaction.after.rcv_nxt
    elif row.send is Send.FIN:
        assert F.FIN in sent[-1].flags and F.ACK in sent[-1].flags
        assert reaction.after.snd_nxt == seq_add(sent[-1].seq, 1)
    elif row.send is Send.DATA:
        assert sent and all(s.payload for s in sent)
        assert b"".join(s.payload for s in sent) == b"hello"
    elif row.send is Send.RETRANSMIT:
        assert len(sent) == 1 and reaction.retransmitted == (True,)
    else:  # pragma: no cover - a new Send kind needs a check here
        raise AssertionError(row.send)


def _row_id(row: Transition) -> str:
    return f"{row.state.name}-{row.event.name}-{row.guard}"


@pytest.mark.parametrize("row", TRANSITIONS, ids=_row_id)
def test_row_fires_on_a_real_endpoint(row: Transition) -> None:
    check(row, exercise(row))


def test_every_row_of_the_table_is_exercised() -> None:
    """Independent of test order: run every row's driver and compare with the table."""
    exercised: set[Transition] = set()
    failures: list[str] = []
    for row in TRANSITIONS:
        try:
            reaction = exercise(row)
            check(row, reaction)
        except AssertionError as exc:
            failures.append(f"{_row_id(row)}: {exc}")
            continue
        exercised.update(reaction.transitions)
    assert not failures, "\n".join(failures)
    assert exercised == set(TRANSITIONS)


def test_row_ids_are_unique() -> None:
    ids = [_row_id(row) for row in TRANSITIONS]
    assert len(ids) == len(set(ids))


def test_rst_for_closed_port_fields_follow_rfc_3_10_7_1() -> None:
    r = reach(S.CLOSED)
    syn = _rcv(r, F.SYN, 4242)
    (rst,) = syn.sent
    assert rst.flags == F.RST | F.ACK and rst.seq == 0 and rst.ack == 4243
    with_ack = _rcv(r, F.ACK, 4242, 999)
    (rst,) = with_ack.sent
    assert rst.flags == F.RST and rst.seq == 999


def test_abort_rst_carries_snd_nxt() -> None:
    r = reach(S.ESTABLISHED)
    snd_nxt = r.me.snd_nxt
    (rst,) = r.me.abort(r.tick()).sent
    assert rst.flags == F.RST and rst.seq == snd_nxt


def test_rst_in_passive_syn_received_returns_to_a_clean_listen() -> None:
    """§3.10.7.4: back to LISTEN, retransmission queue flushed — no SYN,ACK timer is left
    running (it used to fire in LISTEN, where the table has no timeout row)."""
    r = reach(S.SYN_RECEIVED, "opened passively")
    assert r.me.rcv_nxt is not None
    reaction = _rcv(r, F.RST, r.me.rcv_nxt)
    assert reaction.after.state is S.LISTEN
    assert r.me.next_timer() is None and not r.me.rtx_queue
    again = _rcv(r, F.SYN, 9_000)  # a fresh SYN starts a clean handshake
    (syn_ack,) = again.sent
    assert syn_ack.flags == F.SYN | F.ACK and syn_ack.ack == 9_001
    assert len(r.me.rtx_queue) == 1


@pytest.mark.parametrize("state", [S.ESTABLISHED, S.FIN_WAIT_1, S.FIN_WAIT_2])
def test_data_riding_on_a_fin_is_delivered_before_the_fin(state: TcpState) -> None:
    """§3.10.7.4: text (seventh) is processed before the FIN bit (eighth); RCV.NXT ends past
    the data and the FIN, and the ACK says so."""
    r = reach(state)
    assert r.me.rcv_nxt is not None and r.me.snd_nxt is not None
    rn = r.me.rcv_nxt
    ack = r.me.snd_una if state is S.FIN_WAIT_1 else r.me.snd_nxt
    assert ack is not None
    reaction = _rcv(r, F.FIN | F.ACK, rn, ack, b"tail")
    assert bytes(r.me.delivered).endswith(b"tail")
    assert reaction.after.rcv_nxt == seq_add(rn, 5)
    assert reaction.sent[-1].ack == seq_add(rn, 5)
