"""A step's time, actor and fired events, read without building the step (the ladder's break
bands word themselves from them at every seek), are the built step's own: for every
scenario, and for every connection of real captures replayed through the model."""

from __future__ import annotations

import pytest

from simulator.models.simulation.scenarios import SCENARIOS, build
from simulator.models.tcp.states import TcpEvent
from simulator.models.timeline.steps import Timeline
from simulator.net.capture.connection_replay import replay_connection
from simulator.net.capture.index import build_index
from tests.paths import CAPTURES


def _built(timeline: Timeline, k: int) -> tuple[float, str, frozenset[TcpEvent]]:
    step = timeline.steps[k]
    return step.time, step.actor, frozenset(t.row.event for t in step.transitions)


def _read(timeline: Timeline, k: int) -> tuple[float, str, frozenset[TcpEvent]]:
    actor, events = timeline.step_events(k)
    return timeline.step_time(k), actor, events


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_a_scenarios_step_facts_are_its_steps(name: str) -> None:
    timeline = build(name)
    assert [_read(timeline, k) for k in range(len(timeline))] == \
        [_built(timeline, k) for k in range(len(timeline))]


@pytest.mark.parametrize("capture", [
    "http-retrans-rst-keepalive--zeek--m57-long-49583-80.pcap",
    "http-ooo-retrans-range--zeek--206_example_a.pcap",
    "tcp-syn-rst-refused--chrissanders--tcp_refuseconnection.pcapng",
    "http-gzip-simultaneous-close--zeek--get-gzip.pcap",
])
def test_a_replayed_captures_step_facts_are_its_steps(capture: str) -> None:
    index = build_index(str(CAPTURES / capture))
    seen: set[TcpEvent] = set()
    for conn in index.connections:
        timeline, _ = replay_connection(index, conn.id)
        # read before building (the log answers), then compare with the built steps
        read = [_read(timeline, k) for k in range(len(timeline))]
        assert read == [_built(timeline, k) for k in range(len(timeline))]
        seen.update(e for _, _, events in read for e in events)
    assert seen  # rows fired: the comparison covered events, not only empty steps
    if "retrans" in capture:  # the timer a break band names
        assert TcpEvent.TIMEOUT_RETRANSMISSION in seen
