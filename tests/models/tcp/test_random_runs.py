"""Hypothesis-generated application behaviour over a lossy link.

A run is: random ISNs, MSSs and receive window, a random set of segment ids the link loses
(and a few it duplicates), and a random
sequence of user-level actions for the client and the server (listen / connect / send /
close / abort / wait). Afterwards each application that still has a connection closes it
(the "epilogue"), and ``sim.finish()`` lets every timer run out.

Each endpoint is opened at most once per run (a later OPEN on a CLOSED endpoint is
skipped), so each side has one connection incarnation and byte streams can be compared.
OPEN calls on an endpoint that is already open still happen (they exercise the error rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.models.simulation.network import Simulation
from simulator.models.tcp.control_block import TcbSnapshot
from simulator.models.tcp.sequence import seq_le
from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.models.tcp.table import TRANSITIONS
from simulator.models.timeline.steps import StepKind, Timeline

S = TcpState
SIDES = ("client", "server")

Action = tuple[str, str, float]  # (side, op, argument: byte count or seconds)

_user_op = st.tuples(st.sampled_from(SIDES),
                    st.sampled_from(["listen", "connect", "close", "close", "abort"]),
                    st.just(0.0))
_send = st.tuples(st.sampled_from(SIDES), st.just("send"), st.integers(0, 5000).map(float))
_wait = st.tuples(st.just("-"), st.just("wait"),
                  st.sampled_from([0.0, 0.01, 0.05, 0.1, 0.5, 1.0, 3.0, 10.0, 300.0]))
_settle = st.tuples(st.just("-"), st.just("settle"), st.just(0.0))
# sampled_from over strategies with repeats = a weighted choice (more sends and waiting)
_action = st.sampled_from([_user_op, _send, _send, _send, _wait, _wait, _settle]).flatmap(
    lambda strategy: strategy)


@st.composite
def runs(draw: st.DrawFn) -> dict[str, object]:
    # Opening moves are biased towards a connection, so that most runs do get somewhere.
    opening = draw(st.sampled_from([
        [("server", "listen", 0.0), ("client", "connect", 0.0)],
        [("client", "connect", 0.0), ("server", "connect", 0.0)],
        [("client", "connect", 0.0)],
        [],
    ]))
    return {
        "client_iss": draw(st.integers(0, 2**32 - 1)),
        "server_iss": draw(st.integers(0, 2**32 - 1)),
        "client_mss": draw(st.integers(64, 1460)),
        "server_mss": draw(st.integers(64, 1460)),
        "msl": draw(st.sampled_from([0.5, 2.0, 120.0])),
        "drop_ids": draw(st.frozensets(st.integers(0, 60), max_size=12)),
        "duplicate_ids": draw(st.frozensets(st.integers(0, 60), max_size=3)),
        "window": draw(st.sampled_from([65535, 65535, 3000, 700])),
        "actions": opening + draw(st.lists(_action, min_size=3, max_size=16)),
    }


@dataclass
class Run:
    sim: Simulation
    timeline: Timeline
    sent: dict[str, bytes] = field(default_factory=dict)
    opened: dict[str, bool] = field(default_factory=dict)


def _payload(side: str, n: int, offset: int) -> bytes:
    """Distinguishable bytes: each side's stream is a different counting pattern."""
    base = 0 if side == "client" else 128
    return bytes(base + (offset + i) % 127 for i in range(n))


def execute(params: dict[str, object]) -> Run:
    sim = Simulation(client_iss=params["client_iss"],  # type: ignore[arg-type]
                     server_iss=params["server_iss"],  # type: ignore[arg-type]
                     client_mss=params["client_mss"],  # type: ignore[arg-type]
                     server_mss=params["server_mss"],  # type: ignore[arg-type]
                     msl=params["msl"],  # type: ignore[arg-type]
                     drop_ids=params["drop_ids"],  # type: ignore[arg-type]
                     window=params.get("window", 65535))  # type: ignore[arg-type]
    sim.link.duplicate_ids = params.get("duplicate_ids", frozenset())  # type: ignore[assignment]
    actors = {"client": sim.client, "server": sim.server}
    sent = {"client": bytearray(), "server": bytearray()}
    opened = {"client": False, "server": False}
    actions: list[Action] = params["actions"]  # type: ignore[assignment]
    for side, op, arg in actions:
        if op == "wait":
            sim.wait(arg)
            continue
        if op == "settle":
            sim.settle()
            continue
        actor = actors[side]
        state = actor.endpoint.state
        if op in ("listen", "connect") and state is S.CLOSED and opened[side]:
            continue  # one incarnation per endpoint (see the module docstring)
        if op == "listen":
            actor.listen()
        elif op == "connect":
            actor.connect()
        elif op == "close":
            actor.close()
        elif op == "abort":
            actor.abort()
        elif op == "send":
            data = _payload(side, int(arg), len(sent[side]))
            if state is S.CLOSED and opened[side]:
                continue  # SEND on a closed endpoint is refused anyway; keep one stream
            actor.send(data)
            step = sim._steps[-1]
            if step.error is None:
                sent[side] += data
        if actor.endpoint.state is not S.CLOSED:
            opened[side] = True
    # Epilogue: every application that still has a connection closes it.
    for side in SIDES:
        if actors[side].endpoint.state not in (S.CLOSED, S.LISTEN):
            actors[side].close()
    sim.finish()
    return Run(sim, sim.timeline("random", "", ""),
               {k: bytes(v) for k, v in sent.items()}, opened)


def _synchronized(snap: TcbSnapshot) -> bool:
    return snap.state.synchronized


def check_run(run: Run) -> None:
    tl = run.timeline
    rows = set(TRANSITIONS)
    ever_synchronized = {"client": False, "server": False}
    for step in tl:
        # (a) every user call, arrival and timeout is explained by a table row
        if step.kind is not StepKind.LOSE:
            assert step.transitions, f"step {step.index} fired no row"
        for fired in step.transitions:
            assert fired.row in rows
        c, s = step.client, step.server
        for side, snap in (("client", c), ("server", s)):
            ever_synchronized[side] |= _synchronized(snap)
            if snap.snd_una is not None:
                assert snap.snd_nxt is not None and seq_le(snap.snd_una, snap.snd_nxt)
        # (b) seq/ack never desynchronise: each side's RCV.NXT lies within the other's
        # [SND.UNA, SND.NXT]; with nothing unacknowledged they are equal.
        if _synchronized(c) and _synchronized(s):
            for snd, rcv in ((c, s), (s, c)):
                assert snd.snd_una is not None and snd.snd_nxt is not None
                assert rcv.rcv_nxt is not None
                assert seq_le(snd.snd_una, rcv.rcv_nxt), (step.index, snd, rcv)
                assert seq_le(rcv.rcv_nxt, snd.snd_nxt), (step.index, snd, rcv)
                if snd.bytes_in_flight == 0:
                    assert rcv.rcv_nxt == snd.snd_nxt
    # (b) delivered data is a byte-exact, in-order prefix of what the peer's app sent
    for side, peer in (("client", "server"), ("server", "client")):
        got = bytes(run.sim._endpoint(side).delivered)
        assert run.sent[peer].startswith(got), (side, len(got), len(run.sent[peer]))
    # (c) the run ends closed
    for side in SIDES:
        final = tl.steps[-1].snapshot(side).state if tl.steps else S.CLOSED
        assert final is run.sim._endpoint(side).state
        if final is S.CLOSED:
            continue
        if final is S.LISTEN:
            assert not ever_synchronized[side], f"{side} back in LISTEN after a connection"
            continue
        # The only other RFC-sanctioned end: FIN-WAIT-2 has no timer in RFC 9293, so if the
        # peer gave up (user timeout) or its RST was lost, nothing ever arrives again.
        peer = "server" if side == "client" else "client"
        assert final is S.FIN_WAIT_2, f"{side} ended in {final.name}"
        assert run.sim._endpoint(peer).state is S.CLOSED
        peer_gave_up = any(f.endpoint == peer and f.row.event in (
            TcpEvent.TIMEOUT_USER, TcpEvent.ABORT) for st_ in tl for f in st_.transitions)
        assert peer_gave_up or any(seg.fate.name == "LOST" for seg in tl.segments)


@settings(max_examples=400, deadline=None)
@given(runs())
def test_random_runs_keep_seq_ack_in_step_and_end_closed(params: dict[str, object]) -> None:
    """'Ends closed' means, after the epilogue and ``finish()``, for each endpoint:

    * CLOSED (TIME-WAIT has expired, or it was reset, or it gave up by user timeout); or
    * LISTEN, only if that endpoint never reached a synchronized state (a listener that
      never got a SYN, or whose half-open SYN-RECEIVED was reset back to LISTEN, §3.10.7.4);
    * FIN-WAIT-2, only if the peer is CLOSED and went away without a FIN reaching us
      (it gave up, aborted, or segments were lost): RFC 9293 has no FIN-WAIT-2 timer.
    """
    check_run(execute(params))


def test_random_run_machinery_sees_data() -> None:
    """A fixed run through ``execute`` delivers both streams (guards the harness itself)."""
    run = execute({"client_iss": 2**32 - 2, "server_iss": 7, "client_mss": 100,
                   "server_mss": 1460, "msl": 2.0, "drop_ids": frozenset({3, 6}),
                   "actions": [("server", "listen", 0.0), ("client", "connect", 0.0),
                               ("-", "settle", 0.0), ("client", "send", 1000.0),
                               ("server", "send", 2000.0), ("-", "wait", 10.0)]})
    check_run(run)
    assert bytes(run.sim.server.endpoint.delivered) == run.sent["client"]
    assert len(run.sent["client"]) == 1000
    assert bytes(run.sim.client.endpoint.delivered) == run.sent["server"]
    assert run.sim.client.endpoint.state is S.CLOSED
    assert run.sim.server.endpoint.state is S.CLOSED


def test_queued_data_and_fin_still_go_out_after_simultaneous_close() -> None:
    """Found by the random runs: CLOSE with data still waiting for window, then the peer's
    FIN crosses ours (FIN-WAIT-1 -> CLOSING). The rest of the data and our FIN must still be
    sent when the window opens (§3.10.4); the connection used to hang in CLOSING."""
    run = execute({"client_iss": 0, "server_iss": 0, "client_mss": 64, "server_mss": 64,
                   "msl": 0.5, "drop_ids": frozenset(), "window": 700,
                   "actions": [("server", "listen", 0.0), ("client", "connect", 0.0),
                               ("-", "wait", 0.1), ("client", "send", 701.0)]})
    check_run(run)
    assert "CLOSING" in run.timeline.states("client")
    assert bytes(run.sim.server.endpoint.delivered) == run.sent["client"]
    assert len(run.sent["client"]) == 701
    assert run.sim.client.endpoint.state is S.CLOSED
