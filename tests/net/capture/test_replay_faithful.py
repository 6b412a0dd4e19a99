"""A real capture replayed as it happened: the round trip from unambiguous samples, the
window scaled as the SYNs negotiated, every segment sent again labelled as tshark's
``tcp.analysis`` labels it (a fast retransmission is no retransmission timeout), every
annotation a sentence, and a simultaneous open replayed as one (issue 12, "Faithful replay
from either vantage point"). tshark 4.0 is the outside truth where it is installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from simulator.models.replay.lazy_timeline import ReplayTimeline
from simulator.models.tcp.states import TcpEvent
from simulator.models.timeline.steps import Fate, StepKind
from simulator.net.capture.connection_replay import replay_connection
from simulator.net.capture.index import build_index
from simulator.net.capture.tcp_anomalies import ANOMALY_NAMES
from tests.net.conftest import CAPTURES, GENERATED

TSHARK = shutil.which("tshark")
KERNEL = CAPTURES.parent / "kernel"
RANGE_206 = CAPTURES / "http-ooo-retrans-range--zeek--206_example_a.pcap"
FILES = sorted([*CAPTURES.glob("*.pcap"), *CAPTURES.glob("*.pcapng"),
                *KERNEL.glob("*/*.pcap")])
_replays: dict[tuple[Path, int], ReplayTimeline] = {}


def _replay(path: Path, conn: int) -> ReplayTimeline:
    if (path, conn) not in _replays:
        _replays[path, conn] = replay_connection(build_index(str(path)), conn)[0]
    return _replays[path, conn]


def _send_step(timeline: ReplayTimeline, packet: int) -> int:
    log = timeline.log
    i = next(k for k in range(len(log.columns)) if log.columns.packet[k] == packet)
    return log.step_of[2 * i]


# ---------------------------------------------------------------- 206_example, connection 1

def test_the_206_round_trip_is_timed_without_the_lost_syn_ack() -> None:
    """RFC 6298 §3 (Karn): the first SYN,ACK was lost (the client sent its SYN again three
    seconds later), so the round trip is timed from the second, as tshark's
    tcp.analysis.initial_rtt (0.3702 s) is; not from the first (3.372 s)."""
    _, info = replay_connection(build_index(str(RANGE_206)), 1)
    assert info.capture_point == "server"
    assert info.rtt == pytest.approx(0.3702, abs=0.002)
    timeline = _replay(RANGE_206, 1)
    assert timeline.link_delay == pytest.approx(0.185, abs=0.002)
    first_syn_ack = timeline[_send_step(timeline, 9)].segment
    assert first_syn_ack is not None and first_syn_ack.fate.name == "LOST"


def test_the_206_windows_are_scaled_as_the_syns_negotiated() -> None:
    """RFC 7323 §2.3: SND.WND = SEG.WND << the sender's shift (the server announced 8, the
    client 1), on every segment but a SYN: the client's SND.WND is 27 << 8 = 6912, not 27."""
    timeline = _replay(RANGE_206, 1)
    arrival = timeline.log.step_of[2 * 11 + 1]  # frame 51, the server's ACK of the request
    step = timeline[arrival]
    assert step.actor == "client" and step.segment is not None
    assert step.segment.window == 27
    assert step.client.snd_wnd == 6912
    assert "SND.WND = SEG.WND << 8 = 27 << 8 = 6912 (RFC 7323 §2.3)" in step.explanation.arithmetic
    syn_ack_arrival = timeline[timeline.log.step_of[2 * 3 + 1]]  # frame 48: a SYN, unscaled
    assert syn_ack_arrival.client.snd_wnd == 5840


@pytest.mark.parametrize(("frame", "kind"), [(103, "fast"), (246, "fast"), (188, "ooo"),
                                             (191, "ooo")])
def test_the_206_resends_are_labelled_as_tshark_labels_them(frame: int, kind: str) -> None:
    """A fast retransmission (RFC 5681 §3.2) and an out-of-order resend fire no
    retransmission-timeout row and say what they are."""
    timeline = _replay(RANGE_206, 1)
    step = timeline[_send_step(timeline, frame)]
    assert step.kind is StepKind.USER and not step.transitions
    assert "retransmission timeout" not in step.explanation.what
    expected = "a fast retransmission" if kind == "fast" else "Wireshark calls it out-of-order"
    assert expected in step.explanation.what


# ---------------------------------------------------------------- every capture, vs tshark

def _tshark_labels(path: Path) -> dict[int, set[str]]:
    assert TSHARK is not None
    fields = ("retransmission", "fast_retransmission", "spurious_retransmission",
              "out_of_order", "keep_alive")
    cmd = [TSHARK, "-n", "-r", str(path), "-Y", "tcp.analysis.flags", "-T", "fields",
           "-e", "frame.number"]
    for name in fields:
        cmd += ["-e", f"tcp.analysis.{name}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    labels = {}
    for line in out.splitlines():
        number, *values = line.split("\t")
        labels[int(number)] = {name for name, v in zip(fields, values, strict=True) if v}
    return labels


@pytest.mark.skipif(TSHARK is None, reason="tshark is not installed")
@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_every_resend_is_labelled_as_tshark_labels_it(path: Path) -> None:
    """Where tshark says fast retransmission, out-of-order or keep-alive, the send step
    fires no retransmission-timeout row; where it says a plain retransmission sent by the
    side the capture was taken at, in a state with a timer, the timeout row fires."""
    labels = _tshark_labels(path)
    index = build_index(str(path))
    wrong = []
    for conn in index.connections:
        timeline = _replay(path, conn.id)
        columns = timeline.log.columns
        for i in range(len(columns)):
            tags = labels.get(columns.packet[i], set())
            if not tags & {"retransmission", "out_of_order", "keep_alive"}:
                continue
            step = timeline[timeline.log.step_of[2 * i]]
            timeout = any(t.row.event is TcpEvent.TIMEOUT_RETRANSMISSION
                          for t in step.transitions)
            untimed = tags & {"fast_retransmission", "out_of_order", "keep_alive"}
            if untimed and timeout:
                wrong.append((columns.packet[i], sorted(tags), "timeout row"))
            if "fast_retransmission" in tags and "fast retransmission" not in step.explanation.what:
                wrong.append((columns.packet[i], sorted(tags), step.explanation.what))
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_no_analysis_token_is_shown_as_it_is(path: Path) -> None:
    """Wireshark's analysis reaches the learner as sentences, never as its tokens
    ("retransmission", "duplicate_ack") nor as tshark's field names."""
    tokens = set(ANOMALY_NAMES.values())
    index = build_index(str(path))
    for conn in index.connections:
        for step in _replay(path, conn.id):
            lines = (*step.explanation.arithmetic, *step.notes)
            assert not [line for line in lines if line in tokens or "tcp.analysis" in line]


# ---------------------------------------------------------------- simultaneous open

SIMULTANEOUS = [KERNEL / "simultaneous-open" / "client.pcap",
                KERNEL / "simultaneous-open" / "server.pcap",
                GENERATED / "simultaneous-open.pcap"]


@pytest.mark.parametrize("path", SIMULTANEOUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_simultaneous_open_replays_as_one(path: Path) -> None:
    """RFC 9293 Figure 7: both SYNs cross, each side goes SYN-SENT → SYN-RECEIVED; a
    SYN,ACK is the answer to the peer's SYN, not a retransmission timeout, and no SYN
    arrives at a side still CLOSED."""
    timeline = _replay(path, 0)
    for side in ("client", "server"):
        states = timeline.states(side)
        assert states[:3] == ["CLOSED", "SYN_SENT", "SYN_RECEIVED"], (side, states)
    for step in timeline:
        for fired in step.transitions:
            assert fired.row.event is not TcpEvent.TIMEOUT_RETRANSMISSION, step.index
            assert not (fired.row.state.name == "CLOSED"
                        and fired.row.event is TcpEvent.RCV_SYN), step.index
        assert not re.search(r"\[SYN\].* in CLOSED", str(step.explanation.what))


# ---------------------------------------------------------------- the kernel's drops

KERNEL_RUNS = sorted(p.name for p in KERNEL.iterdir() if (p / "truth.json").exists())


@pytest.mark.parametrize("name", KERNEL_RUNS)
def test_the_frames_the_relay_dropped_are_the_ones_shown_lost(name: str) -> None:
    """Captured at the end that sent them, the frames the relay dropped (truth.json) are
    shown lost, and no other segment is: a loss only where the evidence puts it."""
    truth = json.loads((KERNEL / name / "truth.json").read_text())
    for end in ("client", "server"):
        dropped = {d[f"{end}_capture_packet"] for d in truth["dropped"]
                   if f"{end}_capture_packet" in d}
        timeline = _replay(KERNEL / name / f"{end}.pcap", 0)
        columns = timeline.log.columns
        shown = {columns.packet[s.id] for s in timeline.segments if s.fate is Fate.LOST}
        assert shown == dropped, (end, sorted(shown), sorted(dropped))


def test_the_capture_point_is_timed_from_the_copies_that_got_through() -> None:
    """206_example connection 1 lost its first SYN,ACK: the learner reads why the capture was
    taken at the server from the copies the ACK answers (SYN → SYN,ACK 0.5 ms, SYN,ACK → ACK
    ~370 ms, tshark's initial RTT), not from the lost copy (3,372 ms)."""
    _, info = replay_connection(build_index(str(RANGE_206)), 1)
    assert info.capture_point == "server"
    shown = re.findall(r"([0-9]+\.[0-9]) ms", info.capture_point_reason)
    assert [float(x) for x in shown] == [pytest.approx(0.5, abs=0.2),
                                         pytest.approx(369.7, abs=1.0)]
    assert "3372" not in info.capture_point_reason
