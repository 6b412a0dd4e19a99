"""Each connection of a timeline counts from its own ISNs; a segment sent without an ISS
counts in no space (RFC 9293 §3.4, §3.10.7.1)."""

from __future__ import annotations

from simulator.models.simulation.scenarios import build
from simulator.models.tcp.phrase import Rendering, english
from simulator.models.timeline.json_form import timeline_json
from simulator.models.timeline.ladder_text import mermaid
from simulator.models.timeline.numbers import (
    connection_isn,
    segment_label,
    sender_had_iss,
)
from simulator.models.timeline.steps import StepKind

RELATIVE = Rendering(relative=True)


def test_every_connection_of_http10_starts_at_zero_and_one():
    timeline = build("http10-per-request")
    assert len(timeline.connections) == 3
    for info in timeline.connections:
        isn = connection_isn(timeline, info.number)
        assert isn == {"client": info.client_isn, "server": info.server_isn}
        syn, synack = [s for s in timeline.segments if s.connection == info.number][:2]
        assert segment_label(timeline, syn).text(RELATIVE) == "[SYN] seq=0 len=0"
        assert segment_label(timeline, synack).text(RELATIVE) == "[SYN, ACK] seq=0 ack=1 len=0"


def test_a_closed_ports_rst_counts_in_no_space_but_acknowledges_the_clients():
    timeline = build("connection-refused")
    rst = timeline.segments[1]
    assert not sender_had_iss(timeline.steps, rst.sent_step, rst.src, rst.connection)
    assert segment_label(timeline, rst).text(RELATIVE) == "[RST, ACK] seq=0 ack=1 len=0"
    arrival = timeline[rst.end_step]
    assert "arrived: SEG.SEQ = 0, " in arrival.explanation.arithmetic[0]


def test_an_aborts_rst_counts_from_the_isn_of_the_connection_it_deletes():
    timeline = build("abort")
    rst = timeline.segments[-1]
    assert rst.flags_text == "RST" and timeline[rst.sent_step].client.iss is None
    assert sender_had_iss(timeline.steps, rst.sent_step, "client", 0)
    assert segment_label(timeline, rst).text(RELATIVE) == "[RST] seq=102 len=0"
    assert "client->>server: [RST] seq=102 len=0" in mermaid(timeline)


def test_the_json_export_keeps_the_english_with_absolute_numbers():
    timeline = build("handshake-teardown")
    step = next(s for s in timeline if s.kind is StepKind.ARRIVE and s.actor == "client")
    exported = timeline_json(timeline)["steps"][step.index]["explanation"]
    server = timeline.isn["server"]
    assert f"RCV.NXT = SEG.SEQ + 1 = {server} + 1 = {server + 1}" in exported["arithmetic"]
    assert exported["what"].startswith(f"Client receives [SYN, ACK] seq={server} ")
    assert all(type(line) is str for line in exported["arithmetic"])
    assert exported["what"] == english(step.explanation.what)
