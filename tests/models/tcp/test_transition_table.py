"""Every row of ``tcp.table.TRANSITIONS`` is exercised on real endpoints.

For each row we drive a ``TcpEndpoint`` (the one under test, "me") into ``row.state`` with
real user calls and segments from a real peer, then produce ``row.event`` — a user call, a
segment crafted from the peer's point of view, or a timer expiry — and check that exactly
that row fired, the new state is ``row.next`` and what went out matches ``row.send``.
"""

from __future__ import annotations

import pytest

from simulator.models.tcp.reaction import Reaction
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.sequence import seq_add
from simulator.models.tcp.states import Send, TcpState
from simulator.models.tcp.table import TRANSITIONS, Transition
from tests.models.tcp.rig import SENT_DATA, rcv, reach
from tests.models.tcp.rig import exercise as exercise_event

S = TcpState
F = Flags


def exercise(row: Transition) -> Reaction:
    """Reach ``row.state`` (with ``row.guard``), then trigger ``row.event``."""
    return exercise_event(row.state, row.event, row.guard)


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
        assert b"".join(s.payload for s in sent) == SENT_DATA
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
    syn = rcv(r, F.SYN, 4242)
    (rst,) = syn.sent
    assert rst.flags == F.RST | F.ACK and rst.seq == 0 and rst.ack == 4243
    with_ack = rcv(r, F.ACK, 4242, 999)
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
    reaction = rcv(r, F.RST, r.me.rcv_nxt)
    assert reaction.after.state is S.LISTEN
    assert r.me.next_timer() is None and not r.me.rtx_queue
    again = rcv(r, F.SYN, 9_000)  # a fresh SYN starts a clean handshake
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
    reaction = rcv(r, F.FIN | F.ACK, rn, ack, b"tail")
    assert bytes(r.me.delivered).endswith(b"tail")
    assert reaction.after.rcv_nxt == seq_add(rn, 5)
    assert reaction.sent[-1].ack == seq_add(rn, 5)
