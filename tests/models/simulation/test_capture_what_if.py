"""What if a captured segment were lost: the TCP model, seeded from a replay, runs on.

The truth for a what-if is the model itself: a scenario run with a segment lost
(``build(name, drop_ids)``) is what TCP does with that loss from the start. So a scenario is
"captured at the client", replayed (``models.replay``), and the what-if of the replay must
give the scenario's own what-if, segment for segment, wherever the scenario's next user call
waits only for what the loss delays (its script calls the next action once the network is
quiet, a capture's application when it has received what it had received then).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.models.replay.engine import ObservedSegment, replay, replay_columns
from simulator.models.simulation.capture_what_if import (
    LOST_ALREADY,
    MAX_REPLAY_STEPS,
    NO_SEGMENT,
    TITLE,
    WhatIfFailed,
    WhatIfRefused,
    _Run,
    capture_what_if,
)
from simulator.models.simulation.scenarios import build
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.states import TcpState
from simulator.models.timeline.steps import Fate, StepKind, Timeline
from simulator.net.replay_document import capture_what_if_of, open_replay
from tests.models.replay.replay_streams import long_connection


def captured_at_client(timeline: Timeline) -> tuple[list[ObservedSegment], list[int]]:
    """What a capture on the client's interface shows (everything the client sent, what
    reached it), and each captured segment's id in the scenario."""
    seen = []
    for s in timeline.segments:
        if s.src == "client":
            seen.append((s.sent_at, s.id, ObservedSegment(s.sent_at, True, int(s.flags), s.seq,
                                                          s.ack, s.length, s.window)))
        elif s.fate is Fate.DELIVERED:
            assert s.end_at is not None
            seen.append((s.end_at, s.id, ObservedSegment(s.end_at, False, int(s.flags), s.seq,
                                                         s.ack, s.length, s.window)))
    seen.sort(key=lambda row: row[0])
    return [row[2] for row in seen], [row[1] for row in seen]


def on_the_wire(timeline: Timeline) -> list[tuple[float, str, str, int, int, str]]:
    """Every segment: when it left (to 0.1 ms: the replay orders a reply a microsecond after
    its cause), who sent it, flags, SEQ, length, and its fate."""
    return sorted((round(s.sent_at, 4), s.src, s.flags_text, s.seq, s.length, s.fate.name)
                  for s in timeline.segments)


def states(timeline: Timeline, side: str) -> list[str]:
    """The states a side went through; a capture cannot show the passive OPEN before LISTEN."""
    found = timeline.states(side)
    return found[1:] if found[:2] == ["CLOSED", "LISTEN"] else found


def occupies_sequence_space(name: str) -> list[int]:
    """The captured segments of a scenario that carry a SYN, data or a FIN."""
    observed, _ = captured_at_client(build(name))
    return [k for k, o in enumerate(observed)
            if o.length or o.flags & (int(Flags.SYN) | int(Flags.FIN))]


@pytest.mark.parametrize("k", occupies_sequence_space("handshake-teardown"))
def test_a_what_if_of_a_captured_scenario_is_the_scenario_s_own_what_if(k):
    """Lose the k-th captured SYN, data or FIN segment of handshake-teardown: the states
    both sides go through and every segment on the wire (time, sender, flags, SEQ, length,
    fate) are those of the scenario run with that segment lost."""
    scenario = build("handshake-teardown")
    observed, ids = captured_at_client(scenario)
    replayed, _ = replay(observed)
    what_if = capture_what_if(replayed, replayed.segments[k].sent_step)
    truth = build("handshake-teardown", frozenset({ids[k]}))
    for side in ("client", "server"):
        assert states(what_if.timeline, side) == states(truth, side)
    assert on_the_wire(what_if.timeline) == on_the_wire(truth)


def test_the_steps_before_the_fork_are_the_replay_s_and_the_seed_is_its_last_state():
    observed, _ = captured_at_client(build("handshake-teardown"))
    replayed, _ = replay(observed)
    request = next(s for s in replayed.segments if s.length == 101)
    what_if = capture_what_if(replayed, request.sent_step)
    fork = what_if.fork
    assert request.sent_step < fork <= request.end_step
    for k in range(fork):
        mine, theirs = what_if.timeline[k], replayed[k]
        assert (mine.time, mine.kind, mine.actor, mine.transitions, mine.client,
                mine.server, mine.explanation) == (theirs.time, theirs.kind, theirs.actor,
                                                   theirs.transitions, theirs.client,
                                                   theirs.server, theirs.explanation)
    first = what_if.timeline[fork]  # the loss: no endpoint acts, both as seeded
    assert first.kind is StepKind.LOSE
    for side in ("client", "server"):
        seeded, replay_had = first.snapshot(side), replayed[fork - 1].snapshot(side)
        assert (seeded.state, seeded.iss, seeded.irs, seeded.snd_una, seeded.snd_nxt,
                seeded.rcv_nxt) == (replay_had.state, replay_had.iss, replay_had.irs,
                                    replay_had.snd_una, replay_had.snd_nxt,
                                    replay_had.rcv_nxt)
    assert first.client.bytes_in_flight == 101  # the request waits on the queue (§3.10.7.4)


def test_the_lost_request_is_retransmitted_after_one_rto_and_the_response_waits_for_it():
    """RFC 6298 §5.4: at the timeout the earliest unacknowledged segment is sent again;
    RTO is 1 s (§2.4's minimum). The server's application answers once the request is
    there, as long after it as in the capture."""
    observed, _ = captured_at_client(build("handshake-teardown"))
    replayed, _ = replay(observed)
    request = next(s for s in replayed.segments if s.length == 101)
    response = next(s for s in replayed.segments if s.length == 380)
    timeline = capture_what_if(replayed, request.sent_step).timeline
    lost = next(s for s in timeline if s.kind is StepKind.LOSE).segment
    assert lost.fate is Fate.LOST and lost.seq == request.seq
    again = next(s for s in timeline if s.kind is StepKind.TIMEOUT and s.segment
                 and s.segment.seq == request.seq)
    assert again.time == pytest.approx(request.sent_at + 1.0)
    assert again.segment.retransmission and again.segment.length == 101
    arrived = next(s for s in timeline if s.kind is StepKind.ARRIVE and s.segment
                   and s.segment.id == again.segment.id).time
    answered = next(s for s in timeline.segments if s.src == "server" and s.length == 380)
    assert answered.sent_at - arrived == pytest.approx(response.sent_at - request.end_at)


def test_a_syn_already_retransmitted_in_the_capture_backs_off_from_there():
    """lost-syn's capture shows the SYN sent at 0, 1 and 3 s; lose the third too and the
    next one waits 4 s (RTO doubled twice already, RFC 6298 §5.5), as the model does."""
    scenario = build("lost-syn")
    observed, ids = captured_at_client(scenario)
    replayed, _ = replay(observed)
    third = [k for k, o in enumerate(observed) if o.flags == int(Flags.SYN)][2]
    what_if = capture_what_if(replayed, replayed.segments[third].sent_step)
    syns = [round(s.sent_at, 6) for s in what_if.timeline.segments
            if s.src == "client" and s.flags == Flags.SYN]
    assert syns == [0.0, 1.0, 3.0, 7.0]
    truth = build("lost-syn", frozenset({ids[third]}))
    assert on_the_wire(what_if.timeline) == on_the_wire(truth)


def test_the_title_says_from_which_step_the_model_runs():
    observed, _ = captured_at_client(build("handshake-teardown"))
    replayed, _ = replay(observed)
    what_if = capture_what_if(replayed, replayed.segments[3].sent_step, packet=4)
    n = what_if.first_simulated_step
    assert n == what_if.fork + 1
    assert what_if.timeline.title == TITLE.format(title=replayed.title, segment="packet 4",
                                                  step=n)
    assert what_if.timeline.description.startswith(
        f"What-if from step {n}: steps 1 to {n - 1} are the capture as replayed")
    assert what_if.timeline.addresses == replayed.addresses


def test_losing_a_segment_of_the_what_if_too_is_the_same_run_up_to_it():
    observed, _ = captured_at_client(build("handshake-teardown"))
    replayed, _ = replay(observed)
    request = next(s for s in replayed.segments if s.length == 101)
    first = capture_what_if(replayed, request.sent_step)
    again = next(s for s in first.timeline if s.kind is StepKind.TIMEOUT and s.segment)
    second = capture_what_if(replayed, request.sent_step,
                             also_lost=frozenset({again.segment.id}))
    assert second.timeline.steps[:again.index] == first.timeline.steps[:again.index]
    lost = [s for s in second.timeline if s.kind is StepKind.LOSE]
    assert [s.segment.seq for s in lost] == [request.seq, request.seq]
    timeouts = [s.time for s in second.timeline if s.kind is StepKind.TIMEOUT and s.segment
                and s.segment.seq == request.seq]
    assert timeouts[1] - timeouts[0] == pytest.approx(2.0)  # RFC 6298 §5.5
    assert second.timeline[-1].client.state is TcpState.CLOSED


def test_steps_that_cannot_be_lost_are_refused_in_one_sentence():
    observed, _ = captured_at_client(build("handshake-teardown"))
    replayed, _ = replay(observed)
    what_if = capture_what_if(replayed, replayed.segments[3].sent_step).timeline
    for step in (what_if[-1], next(s for s in what_if if s.kind is StepKind.LOSE)):
        with pytest.raises(WhatIfRefused, match=NO_SEGMENT):  # the 2·MSL timeout, a loss
            capture_what_if(what_if, step.index)
    lost = next(s for s in build("lost-syn").segments if s.fate is Fate.LOST)
    with pytest.raises(WhatIfRefused, match=LOST_ALREADY):
        capture_what_if(build("lost-syn"), lost.sent_step)
    long, _ = replay_columns(long_connection(MAX_REPLAY_STEPS // 2 + 1))
    with pytest.raises(WhatIfRefused, match=f"up to {MAX_REPLAY_STEPS} steps"):
        capture_what_if(long, 10)


def test_a_failure_inside_the_model_is_one_sentence_with_its_cause_kept(monkeypatch):
    """Whatever goes wrong in a what-if reaches the CLI and the window as WhatIfFailed (one
    sentence); the error itself stays its __cause__, so a real bug is not hidden."""
    observed, _ = captured_at_client(build("handshake-teardown"))
    replayed, _ = replay(observed)

    def broken(self: _Run) -> None:
        raise KeyError(99)

    monkeypatch.setattr(_Run, "seed", broken)
    with pytest.raises(WhatIfFailed, match="could not be simulated") as failed:
        capture_what_if(replayed, replayed.segments[3].sent_step)
    assert isinstance(failed.value.__cause__, KeyError)


KERNEL = Path(__file__).resolve().parents[2] / "data" / "kernel"


@pytest.mark.parametrize("capture, drop", [
    ("lost-data/client.pcap", 0),  # the server's first 1,460 bytes never reached the client
    ("half-close-lost-request/server.pcap", 2),  # the request is seen only retransmitted
])
def test_data_lost_before_the_capture_point_counts_as_sent(capture, drop):
    """The applications' SENDs and the retransmission queue come from the sequence space, not
    from the first copies seen: the what-if delivers everything and closes both sides (it
    used to stall ESTABLISHED, or close without sending the request)."""
    opened = open_replay(str(KERNEL / capture), None)
    what_if = capture_what_if_of(opened, drop)
    last = what_if.timeline[-1]
    assert (last.snapshot("client").state, last.snapshot("server").state) == (
        TcpState.CLOSED, TcpState.CLOSED)
    replay = opened.timeline
    for side, peer in (("client", "server"), ("server", "client")):
        sent = max(s.seq + s.length for s in replay.segments if s.src == peer and s.length
                   and s.sent_step >= what_if.fork) - (replay.isn[peer] + 1)
        assert last.snapshot(side).bytes_delivered == sent  # all of it, in order


def test_data_lost_upstream_and_unacknowledged_at_the_fork_is_retransmitted():
    """lost-data at the client, losing the client's ACK: at the fork the server's first
    1,460 bytes are unacknowledged and were never seen; the seed queues them for
    retransmission (RFC 9293 §3.10.7.4), so the connection still closes."""
    what_if = capture_what_if_of(open_replay(str(KERNEL / "lost-data/client.pcap"), None), 6)
    last = what_if.timeline[-1]
    assert (last.snapshot("client").state, last.snapshot("server").state) == (
        TcpState.CLOSED, TcpState.CLOSED)


def test_data_held_out_of_order_at_the_fork_is_seeded_into_the_receiver():
    """fast-retransmit at the server, losing the retransmission that fills the hole: the
    client holds the 5 segments after it (ep.out_of_order, from the replay up to the fork),
    so one retransmission brings RCV.NXT to the end and the connection closes within a few
    seconds (it used to crawl through 6 RTO backoffs, two minutes)."""
    what_if = capture_what_if_of(
        open_replay(str(KERNEL / "fast-retransmit/server.pcap"), None), 14)
    simulated = what_if.timeline.steps[what_if.fork:]
    assert sum(s.kind is StepKind.TIMEOUT and s.segment is not None for s in simulated) == 1
    closed = next(s for s in simulated if s.snapshot("server").state is TcpState.CLOSED)
    assert closed.time - what_if.timeline[what_if.fork].time < 10


def test_a_syn_resent_in_the_capture_gives_up_r2_after_its_first_resend() -> None:
    """RFC 9293 §3.8.3: R2 for a SYN is at least 3 minutes (180 s here) of retransmitting
    "the same segment". lost-syn's capture shows the SYN at 0, 1 and 3 s: its first resend
    was at 1 s. Lose the third and every later copy: RTO 4, 8, 16, 32, then 60 (the cap,
    RFC 6298 §2.5) puts copies at 7, 15, 31, 63 and 123 s; the timer at 183 s finds
    182 s ≥ 180 s since the first resend and gives up (counted from the what-if's own first
    resend, 7 s, it would resend at 183 and give up at 243)."""
    observed, _ = captured_at_client(build("lost-syn"))
    replayed, _ = replay(observed)
    third = [k for k, o in enumerate(observed) if o.flags == int(Flags.SYN)][2]
    lost: frozenset[int] = frozenset()
    for _ in range(12):
        what_if = capture_what_if(replayed, replayed.segments[third].sent_step,
                                  also_lost=lost)
        delivered = [s.id for s in what_if.timeline.segments if s.src == "client"
                     and s.flags == Flags.SYN and s.fate is Fate.DELIVERED]
        if not delivered:
            break
        lost |= set(delivered)
    syns = [round(s.sent_at, 6) for s in what_if.timeline.segments
            if s.src == "client" and s.flags == Flags.SYN]
    assert syns == [0.0, 1.0, 3.0, 7.0, 15.0, 31.0, 63.0, 123.0]
    end = what_if.timeline[-1]
    assert end.client.state is TcpState.CLOSED
    assert end.time == pytest.approx(183.0)
