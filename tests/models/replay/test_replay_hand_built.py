"""Small captures written by hand, replayed, with every answer written out by hand (issue 17).

Each capture is a list of segments as a capture shows them (time, direction, flags, SEQ,
ACK, length, window). The expected steps, states, control blocks, ISNs, relative numbers
and sentences below were worked out on paper from RFC 9293 and the replay's documented
rules (``replay.engine``'s docstring: each segment is sent, then arrives or is lost; the
far side's events are half its round trip away from the capture point), never by running
the replay. The arithmetic is in the comments.

Conventions: the client's ISN is 1000 and the server's 5000 unless said otherwise, so
relative numbers are ``absolute − 1000`` and ``absolute − 5000``; times are seconds.
"""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest

from simulator.models.replay import engine
from simulator.models.replay.engine import (
    ObservedColumns,
    ObservedSegment,
    ReplayCancelled,
    replay,
    replay_columns,
)
from simulator.models.tcp.phrase import Rendering, render
from simulator.models.timeline.steps import Step, StepKind, Timeline

SYN, ACK, PSH, FIN, RST = 0x02, 0x10, 0x08, 0x01, 0x04
RELATIVE = Rendering(relative=True)
BESIDE = Rendering(relative=True, beside=True)
_VERB = {StepKind.USER: "sends", StepKind.ARRIVE: "receives", StepKind.LOSE: "loses"}


@pytest.fixture(params=["inline", "general"])
def both_paths(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The replay classifies the common ACK and data segments inline and every other one
    through ``TcpEndpoint.classify`` (``replay.engine``); "general" sends every segment the
    second way. The answers written in a test hold for both."""
    if request.param == "general":
        monkeypatch.setattr(engine, "_SYN_FIN_RST", 0xFFFF)


def seg(time: float, from_client: bool, flags: int, seq: int, ack: int, length: int = 0, *,
        window: int = 502, **options: object) -> ObservedSegment:
    return ObservedSegment(time, from_client, flags, seq, ack, length, window,
                           **options)  # type: ignore[arg-type]


def story(timeline: Timeline) -> list[str]:
    """Each step as one line: when, who, what, which segment, the rows that fired."""
    lines = []
    for step in timeline:
        assert step.segment is not None
        rows = ", ".join(f"{t.row.state.name} {t.row.event.name} > {t.row.next.name}"
                         for t in step.transitions) or "no row"
        lines.append(f"{step.time:.4f} {step.actor} {_VERB[step.kind]} "
                     f"#{step.segment.id}: {rows}")
    return lines


def tcb(step: Step, side: str, isn: dict[str, int]) -> str:
    """One side's control block after the step, its numbers relative to the ISNs given
    (written in the test, not taken from the replay)."""
    s = step.snapshot(side)
    peer = "server" if side == "client" else "client"

    def rel(value: int | None, base: int) -> str:
        return "-" if value is None else str((value - base) % 2**32)

    return (f"{s.state.name} una={rel(s.snd_una, isn[side])} nxt={rel(s.snd_nxt, isn[side])} "
            f"rcv={rel(s.rcv_nxt, isn[peer])} wnd={s.snd_wnd}")


def what(step: Step) -> str:
    return render(step.explanation.what, RELATIVE)


def arithmetic(step: Step) -> list[str]:
    return [render(line, BESIDE) for line in step.explanation.arithmetic]


ISN = {"client": 1000, "server": 5000}

# A clean connection captured at the client: handshake, a 20-byte request, a 100-byte
# response, the client closes first. The SYN → SYN,ACK took 100 ms and SYN,ACK → ACK
# 0.1 ms, so the round trip lies before the SYN,ACK: captured at the client, whose events
# are at the capture's times; the server's are 0.1 / 2 = 0.05 s away (sent 0.05 s before
# the capture saw them arrive, received 0.05 s after the capture saw them leave).
CLEAN = [
    seg(0.0, True, SYN, 1000, 0, window=64240),            # 0
    seg(0.1, False, SYN | ACK, 5000, 1001, window=65160),  # 1
    seg(0.1001, True, ACK, 1001, 5001),                    # 2
    seg(0.11, True, PSH | ACK, 1001, 5001, 20),            # 3 the request
    seg(0.21, False, ACK, 5001, 1021, window=509),         # 4 1001 + 20 = 1021
    seg(0.22, False, PSH | ACK, 5001, 1021, 100, window=509),  # 5 the response
    seg(0.2201, True, ACK, 1021, 5101, window=501),        # 6 5001 + 100 = 5101
    seg(0.3, True, FIN | ACK, 1021, 5101, window=501),     # 7
    seg(0.4, False, FIN | ACK, 5101, 1022, window=509),    # 8 the FIN counts 1: 1022
    seg(0.4001, True, ACK, 1022, 5102, window=501),        # 9
]


@pytest.mark.usefixtures("both_paths")
def test_a_clean_connection_goes_through_every_state_both_sides_went_through() -> None:
    """RFC 9293 §3.5 (figure 6 handshake) and §3.6 (figure 12 close). Times: the client's
    steps are the capture's; a client segment reaches the server 0.05 s after it was
    captured, a server segment left 0.05 s before (e.g. #4: 0.21 − 0.05 = 0.16; #8:
    0.40 − 0.05 = 0.35, just after #7 reached the server at 0.30 + 0.05)."""
    timeline, info = replay(CLEAN)
    assert story(timeline) == [
        "0.0000 client sends #0: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0500 server receives #0: LISTEN RCV_SYN > SYN_RECEIVED",
        "0.0500 server sends #1: no row",  # the SYN,ACK the row before decided
        "0.1000 client receives #1: SYN_SENT RCV_SYN_ACK > ESTABLISHED",
        "0.1001 client sends #2: no row",
        "0.1100 client sends #3: ESTABLISHED SEND > ESTABLISHED",
        "0.1501 server receives #2: SYN_RECEIVED RCV_ACK_OF_SYN > ESTABLISHED",
        "0.1600 server receives #3: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.1600 server sends #4: no row",
        "0.1700 server sends #5: ESTABLISHED SEND > ESTABLISHED",
        "0.2100 client receives #4: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.2200 client receives #5: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.2201 client sends #6: no row",
        "0.2701 server receives #6: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.3000 client sends #7: ESTABLISHED CLOSE > FIN_WAIT_1",
        "0.3500 server receives #7: ESTABLISHED RCV_FIN > CLOSE_WAIT",
        "0.3500 server sends #8: CLOSE_WAIT CLOSE > LAST_ACK",
        "0.4000 client receives #8: FIN_WAIT_1 RCV_FIN_ACK_OF_FIN > TIME_WAIT",
        "0.4001 client sends #9: no row",
        "0.4501 server receives #9: LAST_ACK RCV_ACK_OF_FIN > CLOSED",
    ]
    assert timeline.states("client") == ["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1",
                                         "TIME_WAIT"]
    assert timeline.states("server") == ["LISTEN", "SYN_RECEIVED", "ESTABLISHED",
                                         "CLOSE_WAIT", "LAST_ACK", "CLOSED"]
    assert timeline.initial_states == (("client", "CLOSED"), ("server", "LISTEN"))
    assert info.opened == "handshake"
    assert info.capture_point == "client"
    assert info.capture_point_reason == ("SYN → SYN,ACK took 100.0 ms, SYN,ACK → ACK 0.1 ms: "
                                         "the round trip lies before the SYN,ACK")
    assert timeline.description == (
        f"Replayed from a capture: {len(CLEAN)} segments, captured at the client ("
        f"{info.capture_point_reason}); the server's states are inferred.")
    assert info.rtt == 0.1  # 0 (the client's own) + 0.1 (SYN at 0 → SYN,ACK at 0.1)
    assert info.rtt_source == "handshake"
    assert (info.unseen_segments, info.lost_segments) == (0, 0)
    assert not any(step.notes for step in timeline)  # nothing held, unseen or inferred
    assert info.window_shift == (None, None)  # no SYN carried a window scale
    assert timeline.link_delay == 0.05
    assert timeline.duration == 0.4501


def test_each_side_numbers_count_from_its_own_isn() -> None:
    """RFC 9293 §3.4: ISS is the sender's first SEQ, IRS the peer's. The client's ISN is its
    SYN's SEQ (1000), the server's its SYN,ACK's (5000): not each other's."""
    timeline, _ = replay(CLEAN)
    assert timeline.isn == {"client": 1000, "server": 5000}
    after = [timeline[k] for k in (3, 6)]  # each side once ESTABLISHED
    assert (after[0].client.iss, after[0].client.irs) == (1000, 5000)
    assert (after[1].server.iss, after[1].server.irs) == (5000, 1000)


@pytest.mark.usefixtures("both_paths")
def test_a_clean_connection_shows_the_control_blocks_the_rfc_prescribes() -> None:
    """§3.10.1 (OPEN: SND.UNA = ISS, SND.NXT = ISS + 1), §3.10.7.2/3 (SYN: RCV.NXT = IRS + 1;
    SND.UNA = SEG.ACK), §3.10.7.4 (RCV.NXT + SEG.LEN; the FIN counts 1). SND.WND: a SYN's
    window as it is (64240 and 65160), then each ACK's (no scaling: no SYN offered it)."""
    timeline, _ = replay(CLEAN)
    client = [tcb(step, "client", ISN) for step in timeline]
    server = [tcb(step, "server", ISN) for step in timeline]
    assert client == [
        "SYN_SENT una=0 nxt=1 rcv=- wnd=0",        # 0 sends SYN
        "SYN_SENT una=0 nxt=1 rcv=- wnd=0",
        "SYN_SENT una=0 nxt=1 rcv=- wnd=0",
        "ESTABLISHED una=1 nxt=1 rcv=1 wnd=65160",  # 3 SYN,ACK: RCV.NXT = 0 + 1
        "ESTABLISHED una=1 nxt=1 rcv=1 wnd=65160",
        "ESTABLISHED una=1 nxt=21 rcv=1 wnd=65160",  # 5 SND.NXT = 1 + 20
        "ESTABLISHED una=1 nxt=21 rcv=1 wnd=65160",
        "ESTABLISHED una=1 nxt=21 rcv=1 wnd=65160",
        "ESTABLISHED una=1 nxt=21 rcv=1 wnd=65160",
        "ESTABLISHED una=1 nxt=21 rcv=1 wnd=65160",
        "ESTABLISHED una=21 nxt=21 rcv=1 wnd=509",  # 10 ACK 21: SND.UNA = 21
        "ESTABLISHED una=21 nxt=21 rcv=101 wnd=509",  # 11 RCV.NXT = 1 + 100
        "ESTABLISHED una=21 nxt=21 rcv=101 wnd=509",
        "ESTABLISHED una=21 nxt=21 rcv=101 wnd=509",
        "FIN_WAIT_1 una=21 nxt=22 rcv=101 wnd=509",  # 14 the FIN: SND.NXT = 21 + 1
        "FIN_WAIT_1 una=21 nxt=22 rcv=101 wnd=509",
        "FIN_WAIT_1 una=21 nxt=22 rcv=101 wnd=509",
        "TIME_WAIT una=22 nxt=22 rcv=102 wnd=509",  # 17 FIN,ACK: both + 1
        "TIME_WAIT una=22 nxt=22 rcv=102 wnd=509",
        "TIME_WAIT una=22 nxt=22 rcv=102 wnd=509",
    ]
    assert server == [
        "LISTEN una=- nxt=- rcv=- wnd=0",
        "SYN_RECEIVED una=- nxt=- rcv=1 wnd=64240",  # 1 RCV.NXT = IRS + 1; the SYN's window
        "SYN_RECEIVED una=0 nxt=1 rcv=1 wnd=64240",  # 2 sends SYN,ACK: ISS = 5000
        "SYN_RECEIVED una=0 nxt=1 rcv=1 wnd=64240",
        "SYN_RECEIVED una=0 nxt=1 rcv=1 wnd=64240",
        "SYN_RECEIVED una=0 nxt=1 rcv=1 wnd=64240",
        "ESTABLISHED una=1 nxt=1 rcv=1 wnd=502",  # 6 the ACK of its SYN
        "ESTABLISHED una=1 nxt=1 rcv=21 wnd=502",  # 7 RCV.NXT = 1 + 20
        "ESTABLISHED una=1 nxt=1 rcv=21 wnd=502",
        "ESTABLISHED una=1 nxt=101 rcv=21 wnd=502",  # 9 SND.NXT = 1 + 100
        "ESTABLISHED una=1 nxt=101 rcv=21 wnd=502",
        "ESTABLISHED una=1 nxt=101 rcv=21 wnd=502",
        "ESTABLISHED una=1 nxt=101 rcv=21 wnd=502",
        "ESTABLISHED una=101 nxt=101 rcv=21 wnd=501",  # 13 ACK 101
        "ESTABLISHED una=101 nxt=101 rcv=21 wnd=501",
        "CLOSE_WAIT una=101 nxt=101 rcv=22 wnd=501",  # 15 the FIN: RCV.NXT = 21 + 1
        "LAST_ACK una=101 nxt=102 rcv=22 wnd=501",  # 16 its own FIN
        "LAST_ACK una=101 nxt=102 rcv=22 wnd=501",
        "LAST_ACK una=101 nxt=102 rcv=22 wnd=501",
        "CLOSED una=102 nxt=102 rcv=22 wnd=501",  # 19 the ACK of its FIN
    ]


def test_a_clean_connection_is_explained_in_relative_numbers() -> None:
    """What the learner reads, numbers relative (Wireshark's default): 1000 → 0 and
    5000 → 0; the far side's steps say they are inferred."""
    timeline, _ = replay(CLEAN)
    assert what(timeline[0]) == (
        "Client calls active OPEN: CLOSED → SYN-SENT; sends [SYN] — the capture shows it "
        "sending [SYN] seq=0 len=0.")
    assert arithmetic(timeline[0]) == [
        "ISS = 0 (abs 1000) (chosen by the sender; seen in the capture)",
        "SND.NXT = ISS + 1 = 1 (abs 1001)",
        "sent: SEQ = 0 (abs 1000), SEG.LEN = 0 data (SYN counts 1) = 1, WND = 64240"]
    assert what(timeline[2]) == (
        "Server sends [SYN, ACK] seq=0 ack=1 len=0 in SYN-RECEIVED; no transition (an "
        "acknowledgement, or a reply the table already decided). (Inferred: the capture was "
        "taken at the client.)")
    assert arithmetic(timeline[3]) == [
        "arrived: SEG.SEQ = 0 (abs 5000), SEG.LEN = 0 data (SYN counts 1) = 1, "
        "SEG.ACK = 1 (abs 1001)",
        "IRS = SEG.SEQ = 0 (abs 5000)",
        "RCV.NXT = SEG.SEQ + 1 = 0 + 1 = 1 (abs 5001)",
        "SND.UNA = SEG.ACK: 0 → 1 (abs 1001)"]
    assert what(timeline[9]).startswith("Server calls SEND: stays ESTABLISHED; sends "
                                         "[PSH, ACK +100 B] — the capture shows it sending "
                                         "[PSH, ACK] seq=1 ack=21 len=100.")
    assert arithmetic(timeline[11])[-1] == "RCV.NXT = 1 + 100 = 101 (abs 5101)"
    assert what(timeline[17]) == (
        "Client receives [FIN, ACK] seq=101 ack=22 len=0 in FIN-WAIT-1 (rcv FIN + ACK of FIN): "
        "FIN-WAIT-1 → TIME-WAIT; sends nothing.")
    assert "(Inferred" not in what(timeline[17])  # the client's own step: seen, not inferred


def test_a_connection_captured_at_the_server_puts_the_clients_events_half_a_round_trip_away(
) -> None:
    """At the server, SYN → SYN,ACK takes nothing and SYN,ACK → ACK the round trip (100 ms):
    captured at the server. The client sent its SYN 0.05 s before the server got it
    (−0.05) and got the SYN,ACK 0.05 s after it left (0.0001 + 0.05 = 0.0501)."""
    segments = [
        seg(0.0, True, SYN, 1000, 0, window=64240),
        seg(0.0001, False, SYN | ACK, 5000, 1001, window=65160),
        seg(0.1001, True, ACK, 1001, 5001),
        seg(0.1002, True, FIN | ACK, 1001, 5001),
        seg(0.1003, False, FIN | ACK, 5001, 1002),
        seg(0.2003, True, ACK, 1002, 5002),
    ]
    timeline, info = replay(segments)
    assert info.capture_point == "server"
    assert info.capture_point_reason == ("SYN → SYN,ACK took 0.1 ms, SYN,ACK → ACK 100.0 ms: "
                                         "the round trip lies after the SYN,ACK")
    assert timeline.description.endswith(
        "captured at the server (SYN → SYN,ACK took 0.1 ms, SYN,ACK → ACK 100.0 ms: the round "
        "trip lies after the SYN,ACK); the client's states are inferred.")
    assert info.rtt == pytest.approx(0.1, abs=1e-9)  # 0.1001 − 0.0001; the server's own: 0
    assert story(timeline) == [
        "-0.0500 client sends #0: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0000 server receives #0: LISTEN RCV_SYN > SYN_RECEIVED",
        "0.0001 server sends #1: no row",
        "0.0501 client receives #1: SYN_SENT RCV_SYN_ACK > ESTABLISHED",
        "0.0501 client sends #2: no row",  # 0.1001 − 0.05
        "0.0502 client sends #3: ESTABLISHED CLOSE > FIN_WAIT_1",
        "0.1001 server receives #2: SYN_RECEIVED RCV_ACK_OF_SYN > ESTABLISHED",
        "0.1002 server receives #3: ESTABLISHED RCV_FIN > CLOSE_WAIT",
        "0.1003 server sends #4: CLOSE_WAIT CLOSE > LAST_ACK",
        "0.1503 client receives #4: FIN_WAIT_1 RCV_FIN_ACK_OF_FIN > TIME_WAIT",
        "0.1503 client sends #5: no row",
        "0.2003 server receives #5: LAST_ACK RCV_ACK_OF_FIN > CLOSED",
    ]
    assert "(Inferred: the capture was taken at the server.)" in what(timeline[0])
    assert "(Inferred" not in what(timeline[1])


# ---------------------------------------------------------------- handshake copies sent again

def test_a_lost_syn_ends_in_a_loss_and_its_copy_is_a_retransmission_timeout() -> None:
    """Captured at the client: its SYN at 0 got no answer and was sent again at 3 s; the
    SYN,ACK came 0.1 s after the copy. Had the first SYN arrived, the server would have
    answered at ~0.1 and resent its SYN,ACK on its own 1 s timer (RFC 6298 §2.1) by 1.1 s:
    nothing came, so the first copy is the one lost (``losses``). The copy fires the
    retransmission-timeout row of SYN-SENT (RFC 6298 §5.4). Karn (RFC 6298 §3): the
    SYN,ACK may answer either SYN, so the server's round trip is timed from the request
    (3.2 → 3.3: 0.1 s), the client's from the handshake (3.1 → 3.1001)."""
    segments = [
        seg(0.0, True, SYN, 1000, 0, window=64240),              # 0 lost
        seg(3.0, True, SYN, 1000, 0, window=64240),              # 1
        seg(3.1, False, SYN | ACK, 5000, 1001, window=65160),   # 2
        seg(3.1001, True, ACK, 1001, 5001),                      # 3
        seg(3.2, True, PSH | ACK, 1001, 5001, 20),               # 4
        seg(3.3, False, ACK, 5001, 1021, window=509),            # 5
    ]
    timeline, info = replay(segments)
    assert story(timeline) == [
        "0.0000 client sends #0: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0250 network loses #0: no row",  # halfway to the server: 0.05 / 2
        "3.0000 client sends #1: SYN_SENT TIMEOUT_RETRANSMISSION > SYN_SENT",
        "3.0500 server receives #1: LISTEN RCV_SYN > SYN_RECEIVED",
        "3.0500 server sends #2: no row",
        "3.1000 client receives #2: SYN_SENT RCV_SYN_ACK > ESTABLISHED",
        "3.1001 client sends #3: no row",
        "3.1501 server receives #3: SYN_RECEIVED RCV_ACK_OF_SYN > ESTABLISHED",
        "3.2000 client sends #4: ESTABLISHED SEND > ESTABLISHED",
        "3.2500 server receives #4: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "3.2500 server sends #5: no row",
        "3.3000 client receives #5: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
    ]
    assert info.capture_point == "client"
    assert info.rtt == pytest.approx(0.1, abs=1e-9)
    assert info.rtt_source == "handshake, data"  # the client's side, the server's side
    assert info.lost_segments == 1
    assert [s.fate.name for s in timeline.segments] == ["LOST"] + ["DELIVERED"] * 5
    assert [s.retransmission for s in timeline.segments] == [False, True] + [False] * 4
    # the ladder draws each segment from its send step to its arrival (or loss) step
    assert [(s.sent_step, s.end_step) for s in timeline.segments] == [
        (0, 1), (2, 3), (4, 5), (6, 7), (8, 9), (10, 11)]
    loss = timeline[1]
    assert loss.actor == "network" and loss.kind is StepKind.LOSE
    assert render(loss.explanation.what, RELATIVE) == "The network loses the client's [SYN] seq=0."
    assert list(loss.explanation.arithmetic) == [
        "segment #0 never reaches the server",
        "the client sent it again, and no ACK from the server covered it before that copy "
        "arrived"]
    assert loss.explanation.rfc == "RFC 9293 §3.8.1, RFC 6298 §5"
    assert what(timeline[2]).startswith("Client's retransmission timeout")


def _lost_syn_ack(*, duplicate_syn: bool) -> list[ObservedSegment]:
    """Captured at the server: its first SYN,ACK (at 0.0001) never reached the client."""
    if duplicate_syn:  # the client's SYN timer (1 s) fired first: its SYN again
        return [
            seg(0.0, True, SYN, 1000, 0, window=64240),                 # 0
            seg(0.0001, False, SYN | ACK, 5000, 1001, window=65160),   # 1 lost
            seg(1.0, True, SYN, 1000, 0, window=64240),                 # 2
            seg(1.0001, False, SYN | ACK, 5000, 1001, window=65160),   # 3 answers #2
            seg(1.1001, True, ACK, 1001, 5001),                         # 4
        ]
    # the server's timer fired first: its SYN,ACK again; the ACK echoes that copy's TSval
    return [
        seg(0.0, True, SYN, 1000, 0, window=64240, tsval=100, tsecr=0),                # 0
        seg(0.0001, False, SYN | ACK, 5000, 1001, window=65160, tsval=900, tsecr=100),  # 1
        seg(1.0001, False, SYN | ACK, 5000, 1001, window=65160, tsval=1900, tsecr=100),
        seg(1.1001, True, ACK, 1001, 5001, tsval=1200, tsecr=1900),                    # 3
    ]


def test_a_syn_ack_sent_again_on_the_servers_timer_is_a_retransmission_timeout() -> None:
    """RFC 6298 §5.4 (the SYN,ACK's timer) and RFC 7323 §4.1: the client's ACK echoes the
    second copy's TSval (1900), so the first never arrived ("later copy echoed") and the
    round trip is the second copy → ACK: 1.1001 − 1.0001 = 0.1 (plus the server's own,
    SYN → SYN,ACK, 0.0001 s; captured at the server it counts 0). The client is 0.05 s
    away: the lost copy ends halfway, 0.0001 + 0.025."""
    timeline, info = replay(_lost_syn_ack(duplicate_syn=False))
    assert story(timeline) == [
        "-0.0500 client sends #0: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0000 server receives #0: LISTEN RCV_SYN > SYN_RECEIVED",
        "0.0001 server sends #1: no row",
        "0.0251 network loses #1: no row",
        "1.0001 server sends #2: SYN_RECEIVED TIMEOUT_RETRANSMISSION > SYN_RECEIVED",
        "1.0501 client receives #2: SYN_SENT RCV_SYN_ACK > ESTABLISHED",
        "1.0501 client sends #3: no row",
        "1.1001 server receives #3: SYN_RECEIVED RCV_ACK_OF_SYN > ESTABLISHED",
    ]
    assert info.capture_point == "server"
    assert info.rtt == pytest.approx(0.1, abs=1e-9)
    assert info.lost_segments == 1
    assert list(timeline[3].explanation.arithmetic)[1] == (
        "the client's answer echoes the timestamp of a later copy: it never got this one "
        "(RFC 7323 §4.1)")
    assert timeline[3].explanation.rfc == "RFC 7323 §4.1"


def test_a_syn_ack_answering_a_duplicate_syn_is_no_retransmission_timeout() -> None:
    """The client's SYN came again at 1.0 (its timer: a SYN-SENT retransmission timeout);
    in SYN-RECEIVED a duplicate SYN lies before RCV.NXT and is answered with an ACK
    (§3.10.7.4, first check), which the SYN,ACK at 1.0001 carries: a reply, not the
    server's timer. The client sending its SYN again after the SYN,ACK could have reached
    it (0.0001 + 0.1 < 1.0) shows it never got the first SYN,ACK ("peer SYN again")."""
    timeline, info = replay(_lost_syn_ack(duplicate_syn=True))
    assert story(timeline) == [
        "-0.0500 client sends #0: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0000 server receives #0: LISTEN RCV_SYN > SYN_RECEIVED",
        "0.0001 server sends #1: no row",
        "0.0251 network loses #1: no row",
        "0.9500 client sends #2: SYN_SENT TIMEOUT_RETRANSMISSION > SYN_SENT",
        "1.0000 server receives #2: SYN_RECEIVED RCV_OUT_OF_WINDOW > SYN_RECEIVED",
        "1.0001 server sends #3: no row",
        "1.0501 client receives #3: SYN_SENT RCV_SYN_ACK > ESTABLISHED",
        "1.0501 client sends #4: no row",
        "1.1001 server receives #4: SYN_RECEIVED RCV_ACK_OF_SYN > ESTABLISHED",
    ]
    assert info.lost_segments == 1
    assert list(timeline[3].explanation.arithmetic)[1] == (
        "the client sent its own SYN again: it never got this segment")


# ---------------------------------------------------------------- data lost and sent again

HANDSHAKE = [
    seg(0.0, True, SYN, 1000, 0, window=64240),             # 0
    seg(0.1, False, SYN | ACK, 5000, 1001, window=65160),  # 1
    seg(0.1001, True, ACK, 1001, 5001),                     # 2
]
_HANDSHAKE_STORY = [
    "0.0000 client sends #0: CLOSED OPEN_ACTIVE > SYN_SENT",
    "0.0500 server receives #0: LISTEN RCV_SYN > SYN_RECEIVED",
    "0.0500 server sends #1: no row",
    "0.1000 client receives #1: SYN_SENT RCV_SYN_ACK > ESTABLISHED",
    "0.1001 client sends #2: no row",
    "0.1501 server receives #2: SYN_RECEIVED RCV_ACK_OF_SYN > ESTABLISHED",
]


@pytest.mark.usefixtures("both_paths")
def test_data_resent_after_one_duplicate_ack_is_a_retransmission_timeout() -> None:
    """Captured at the client. #3 (bytes 1–100) never arrived: #4 (101–200) did, and the
    server's ACK repeating 1 (same ACK, same window as its last: a duplicate ACK, RFC 5681
    §2) says the server lacked #3. One duplicate ACK is below the three of fast retransmit
    (RFC 5681 §3.2), so the copy 1 s later is the retransmission timer's (RFC 6298 §5.4).
    The server holds #4 beyond RCV.NXT (§3.10.7.4) until the copy fills the gap."""
    segments = [*HANDSHAKE,
                seg(0.2, True, PSH | ACK, 1001, 5001, 100),        # 3 lost
                seg(0.2001, True, PSH | ACK, 1101, 5001, 100),     # 4
                seg(0.3002, False, ACK, 5001, 1001, window=65160),  # 5 duplicate ACK
                seg(1.2, True, PSH | ACK, 1001, 5001, 100),        # 6 the copy of #3
                seg(1.3, False, ACK, 5001, 1201, window=65160)]     # 7 1001 + 200
    timeline, info = replay(segments)
    assert story(timeline) == [
        *_HANDSHAKE_STORY,
        "0.2000 client sends #3: ESTABLISHED SEND > ESTABLISHED",
        "0.2001 client sends #4: ESTABLISHED SEND > ESTABLISHED",
        "0.2250 network loses #3: no row",  # 0.2 + 0.05 / 2
        "0.2501 server receives #4: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.2502 server sends #5: no row",
        "0.3002 client receives #5: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "1.2000 client sends #6: ESTABLISHED TIMEOUT_RETRANSMISSION > ESTABLISHED",
        "1.2500 server receives #6: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "1.2500 server sends #7: no row",
        "1.3000 client receives #7: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
    ]
    assert (info.lost_segments, info.unseen_segments) == (1, 0)
    held, filled = timeline[9], timeline[13]
    assert tcb(held, "server", ISN) == "ESTABLISHED una=1 nxt=1 rcv=1 wnd=502"
    assert arithmetic(held)[1] == (
        "out of order: expected 1 (abs 1001), got 101 (abs 1101); held, and the ACK repeats "
        "RCV.NXT (a duplicate ACK)")
    assert tcb(filled, "server", ISN) == "ESTABLISHED una=1 nxt=1 rcv=201 wnd=502"
    assert arithmetic(filled)[1:] == ["RCV.NXT = 1 + 200 = 201 (abs 1201)",
                                      "100 held out-of-order bytes now delivered"]
    assert arithmetic(timeline[8])[1] == (
        "the server's duplicate ACKs (1) kept asking for 1, and the client sent it again")
    assert timeline[8].explanation.rfc == "RFC 5681 §3.2"
    assert what(timeline[12]).startswith("Client's retransmission timeout")
    assert "the capture shows it sending [PSH, ACK] seq=1 ack=1 len=100" in what(timeline[12])


@pytest.mark.usefixtures("both_paths")
def test_data_resent_after_three_duplicate_acks_is_a_fast_retransmission_not_a_timeout() -> None:
    """RFC 5681 §3.2: after three duplicate ACKs (#7–#9 repeat 1001 with the same window)
    the sender resends at once: no timer expired, so no row fires and the step says it is
    a fast retransmission. The loss step counts the three."""
    segments = [*HANDSHAKE,
                seg(0.2, True, PSH | ACK, 1001, 5001, 100),         # 3 lost
                seg(0.2001, True, PSH | ACK, 1101, 5001, 100),      # 4
                seg(0.2002, True, PSH | ACK, 1201, 5001, 100),      # 5
                seg(0.2003, True, PSH | ACK, 1301, 5001, 100),      # 6
                seg(0.3001, False, ACK, 5001, 1001, window=65160),  # 7 duplicate ACK 1
                seg(0.3002, False, ACK, 5001, 1001, window=65160),  # 8 2
                seg(0.3003, False, ACK, 5001, 1001, window=65160),  # 9 3
                seg(0.3004, True, PSH | ACK, 1001, 5001, 100),      # 10 the copy of #3
                seg(0.4004, False, ACK, 5001, 1401, window=65160)]  # 11 1001 + 400
    timeline, info = replay(segments)
    resend = next(s for s in timeline if s.kind is StepKind.USER and s.segment is not None
                  and s.segment.id == 10)
    assert not resend.transitions
    assert what(resend) == (
        "Client resends [PSH, ACK] seq=1 ack=1 len=100 without waiting for its timer: a fast "
        "retransmission, after duplicate ACKs asked for these bytes again.")
    assert resend.explanation.rfc == "RFC 5681 §3.2"
    assert resend.segment is not None and resend.segment.retransmission
    loss = next(s for s in timeline if s.kind is StepKind.LOSE)
    assert loss.segment is not None and loss.segment.id == 3
    assert arithmetic(loss)[1] == (
        "the server's duplicate ACKs (3) kept asking for 1, and the client sent it again")
    assert info.lost_segments == 1
    last = timeline[len(timeline) - 1]
    assert tcb(last, "client", ISN) == "ESTABLISHED una=401 nxt=401 rcv=1 wnd=65160"
    assert tcb(last, "server", ISN) == "ESTABLISHED una=1 nxt=1 rcv=401 wnd=502"


# ---------------------------------------------------------------- resets and a closed side

def test_a_syn_to_a_port_nobody_listens_on_is_answered_with_a_reset() -> None:
    """§3.10.7.1: in CLOSED a SYN is answered with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>;
    §3.10.7.3: in SYN-SENT an RST whose ACK acknowledges the SYN resets the connection.
    The server answered with a reset, so it starts CLOSED (no LISTEN), and the reset is the
    table's reply, not an ABORT. No handshake to time the capture point by; the round trip
    comes from the data samples (the SYN answered 0.1 s later), all on the server's side."""
    segments = [seg(0.0, True, SYN, 1000, 0, window=64240),
                seg(0.1, False, RST | ACK, 0, 1001, window=0)]
    timeline, info = replay(segments)
    assert story(timeline) == [
        "0.0000 client sends #0: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0500 server receives #0: CLOSED RCV_SYN > CLOSED",
        "0.0500 server sends #1: no row",
        "0.1000 client receives #1: SYN_SENT RCV_RST > CLOSED",
    ]
    assert timeline.initial_states == (("client", "CLOSED"), ("server", "CLOSED"))
    assert tcb(timeline[3], "client", ISN) == "CLOSED una=0 nxt=1 rcv=- wnd=0"
    assert timeline[3].client.irs is None  # a reset carries no SYN: no IRS
    assert info.capture_point == "unknown"
    assert info.capture_point_reason == "no complete handshake to time"
    assert info.rtt == 0.1
    assert info.rtt_source == "data"
    # the RST's SEQ counts in nobody's space (a closed port has no ISS): shown as it is
    assert what(timeline[3]).startswith("Client receives [RST, ACK] seq=0 ack=1 len=0 in "
                                        "SYN-SENT")


@pytest.mark.usefixtures("both_paths")
def test_an_abort_resets_the_peer_and_data_crossing_it_reaches_a_closed_side() -> None:
    """Captured at the client. §3.10.5: ABORT in ESTABLISHED sends <SEQ=SND.NXT><CTL=RST>
    and enters CLOSED; the server's data, sent at 0.27 − 0.05 = 0.22 before the RST reached
    it at 0.25, arrives at a CLOSED client: §3.10.7.1 answers it with <SEQ=SEG.ACK><CTL=RST>
    (#5, the table's reply: no ABORT). The RST at SEG.SEQ = RCV.NXT closes the server
    (§3.10.7.4, RFC 5961 §3.2); the second RST reaches a CLOSED server and is dropped."""
    segments = [*HANDSHAKE,
                seg(0.2, True, RST | ACK, 1001, 5001, window=0),  # 3 the client aborts
                seg(0.27, False, PSH | ACK, 5001, 1001, 10),  # 4 the server's data
                seg(0.2701, True, RST, 1001, 0, window=0)]    # 5 the closed port's answer
    timeline, _ = replay(segments)
    assert story(timeline) == [
        *_HANDSHAKE_STORY,
        "0.2000 client sends #3: ESTABLISHED ABORT > CLOSED",
        "0.2200 server sends #4: ESTABLISHED SEND > ESTABLISHED",
        "0.2500 server receives #3: ESTABLISHED RCV_RST > CLOSED",
        "0.2700 client receives #4: CLOSED RCV_SEGMENT > CLOSED",
        "0.2701 client sends #5: no row",
        "0.3201 server receives #5: CLOSED RCV_RST > CLOSED",
    ]
    assert timeline.states("client") == ["CLOSED", "SYN_SENT", "ESTABLISHED", "CLOSED"]
    assert timeline.states("server") == ["LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSED"]
    # the reset deletes the connection; its window (0) is no window the server sends into
    assert tcb(timeline[8], "server", ISN) == "CLOSED una=1 nxt=11 rcv=1 wnd=502"


# ---------------------------------------------------------------- joined mid-stream

WINDOW_UNKNOWN = 2**30  # RFC 7323 §2.3's largest window: no SYN told the scale
# A capture that starts after the handshake: tshark 4.0.17 -o
# tcp.relative_sequence_numbers:TRUE numbers these four frames (written with scapy, same
# ports and numbers) seq/ack: 1/1, 1/21, 1/21, 21/101: each side's first SEQ counts 1.
MIDSTREAM = [
    seg(0.0, True, PSH | ACK, 1000, 5000, 20),                 # 0
    seg(0.05, False, ACK, 5000, 1020, window=509),             # 1
    seg(0.06, False, PSH | ACK, 5000, 1020, 100, window=509),  # 2
    seg(0.07, True, ACK, 1020, 5100),                          # 3
]
MID_ISN = {"client": 999, "server": 4999}


@pytest.mark.usefixtures("both_paths")
def test_a_capture_joined_mid_stream_counts_both_sides_from_one_as_wireshark_does() -> None:
    """Without SYNs the relative numbers start at 1 on each side's first segment (ISN =
    1000 − 1 and 5000 − 1), as tshark's do; both sides are assumed ESTABLISHED. The round
    trips come from data: the server's 0.05 (the request at 0 acknowledged at 0.05), the
    client's 0.01 (the response at 0.06 acknowledged at 0.07); the capture point is
    unknown, so each side's events are half its own away: the client's 0.005 s, the
    server's 0.025 s."""
    timeline, info = replay(MIDSTREAM)
    assert timeline.isn == MID_ISN
    assert timeline.initial_states == (("client", "ESTABLISHED"), ("server", "ESTABLISHED"))
    assert info.opened == "midstream"
    assert info.capture_point == "unknown"
    assert info.rtt == pytest.approx(0.06, abs=1e-9)
    assert info.rtt_source == "data"
    assert story(timeline) == [
        "-0.0050 client sends #0: ESTABLISHED SEND > ESTABLISHED",
        "0.0250 server receives #0: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.0250 server sends #1: no row",
        "0.0350 server sends #2: ESTABLISHED SEND > ESTABLISHED",
        "0.0550 client receives #1: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.0650 client receives #2: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.0650 client sends #3: no row",
        "0.0950 server receives #3: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
    ]
    labels = [what(step).split(" — ")[-1] if step.kind is StepKind.USER else what(step)
              for step in timeline]
    assert "sending [PSH, ACK] seq=1 ack=1 len=20" in labels[0]   # tshark: 1 / 1
    assert "[ACK] seq=1 ack=21 len=0" in labels[2]                 # 1 / 21
    assert "sending [PSH, ACK] seq=1 ack=21 len=100" in labels[3]  # 1 / 21
    assert "[ACK] seq=21 ack=101 len=0" in labels[6]               # 21 / 101
    assert list(timeline[0].notes) == [
        "the capture starts mid-connection: both sides are assumed ESTABLISHED, numbers are "
        "relative to the first segment seen"]
    assert not any(step.notes for step in list(timeline)[1:])
    assert info.unseen_segments == 0


@pytest.mark.usefixtures("both_paths")
def test_a_capture_joined_mid_stream_starts_each_control_block_at_relative_one() -> None:
    """Before the first step: SND.UNA = SND.NXT = the side's first SEQ (relative 1), RCV.NXT
    = the peer's (1), ISS and IRS the two bases; SND.WND unknown (2**30) until an ACK
    tells it."""
    timeline, _ = replay(MIDSTREAM)
    first = timeline[0]
    assert (first.client.iss, first.client.irs) == (999, 4999)
    assert tcb(first, "client", MID_ISN) == f"ESTABLISHED una=1 nxt=21 rcv=1 wnd={WINDOW_UNKNOWN}"
    assert tcb(first, "server", MID_ISN) == f"ESTABLISHED una=1 nxt=1 rcv=1 wnd={WINDOW_UNKNOWN}"
    assert (first.server.iss, first.server.irs) == (4999, 999)
    assert [tcb(step, "client", MID_ISN) for step in list(timeline)[4:6]] == [
        "ESTABLISHED una=21 nxt=21 rcv=1 wnd=509",   # #1 ACKs 21 with window 509
        "ESTABLISHED una=21 nxt=21 rcv=101 wnd=509"]  # #2 brings 100 bytes: 1 + 100
    last = timeline[len(timeline) - 1]
    assert tcb(last, "server", MID_ISN) == "ESTABLISHED una=101 nxt=101 rcv=21 wnd=502"


@pytest.mark.usefixtures("both_paths")
def test_mid_stream_numbers_count_from_the_ack_that_came_first() -> None:
    """Wireshark numbers the server from the client's first ACK (5000 − 1) when that came
    before the server's first segment: tshark 4.0.17 shows these frames seq/ack 1/1,
    101/21, 21/201. The server had sent 5000–5099 unseen: it starts with SND.UNA = 1 and
    SND.NXT = 101, RCV.NXT = the client's first SEQ; the client, whose RCV.NXT is 1, fills
    the 100-byte gap from its own next ACK (201): one unseen segment. (The replay used to
    count the server from its own first SEQ, showing the client's ACK as 4294967197, and
    started its RCV.NXT at its later ACK, dropping the request as a duplicate.)"""
    segments = [seg(0.0, True, PSH | ACK, 1000, 5000, 20),
                seg(0.05, False, PSH | ACK, 5100, 1020, 100, window=509),
                seg(0.1, True, ACK, 1020, 5200)]
    timeline, info = replay(segments)
    assert timeline.isn == MID_ISN
    assert tcb(timeline[0], "server", MID_ISN) == (
        f"ESTABLISHED una=1 nxt=101 rcv=1 wnd={WINDOW_UNKNOWN}")
    # round trips: the server's 0.05 (#0 → #1), the client's 0.05 (#1 → #2): 0.025 each way
    assert story(timeline) == [
        "-0.0250 client sends #0: ESTABLISHED SEND > ESTABLISHED",
        "0.0250 server receives #0: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.0250 server sends #1: ESTABLISHED SEND > ESTABLISHED",
        "0.0750 client receives #1: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.0750 client sends #2: no row",
        "0.1250 server receives #2: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
    ]
    assert "sending [PSH, ACK] seq=1 ack=1 len=20" in what(timeline[0])
    assert "sending [PSH, ACK] seq=101 ack=21 len=100" in what(timeline[2])
    assert "[ACK] seq=21 ack=201 len=0" in what(timeline[4])
    assert tcb(timeline[1], "server", MID_ISN).startswith("ESTABLISHED una=1 nxt=101 rcv=21")
    assert info.unseen_segments == 1
    assert list(timeline[3].notes) == [
        "100 bytes before this segment were never seen (an unseen or lost segment)"]
    assert tcb(timeline[3], "client", MID_ISN) == "ESTABLISHED una=21 nxt=21 rcv=201 wnd=509"
    assert tcb(timeline[5], "server", MID_ISN) == "ESTABLISHED una=201 nxt=201 rcv=21 wnd=502"


# ---------------------------------------------------------------- what the capture never saw

@pytest.mark.usefixtures("both_paths")
def test_a_capture_of_one_direction_infers_the_bytes_the_other_side_sent_unseen() -> None:
    """Only the client's segments: tshark 4.0.17 numbers them seq/ack 1/1, 21/101, 51/301
    (the server counts from the client's first ACK, 5000 − 1). A receiver acknowledges only
    what arrived (§3.10.7.4), so the server sent 100 and then 200 bytes the capture never
    saw: its SND.NXT follows each ACK (no "unacceptable ACK"), and the client's data is
    accepted. No answers, no round trip: every event at its capture time."""
    segments = [seg(0.0, True, PSH | ACK, 1000, 5000, 20),
                seg(0.1, True, PSH | ACK, 1020, 5100, 30),
                seg(0.2, True, ACK, 1050, 5300)]
    timeline, info = replay(segments)
    assert timeline.isn == MID_ISN
    assert story(timeline) == [
        "0.0000 client sends #0: ESTABLISHED SEND > ESTABLISHED",
        "0.0000 server receives #0: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.1000 client sends #1: ESTABLISHED SEND > ESTABLISHED",
        "0.1000 server receives #1: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.2000 client sends #2: no row",
        "0.2000 server receives #2: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
    ]
    assert [what(step).split("sending ")[-1] for step in list(timeline)[::2]] == [
        "[PSH, ACK] seq=1 ack=1 len=20.", "[PSH, ACK] seq=21 ack=101 len=30.",
        "Client sends [ACK] seq=51 ack=301 len=0 in ESTABLISHED; no transition (an "
        "acknowledgement, or a reply the table already decided)."]
    assert (info.unseen_segments, info.rtt, info.capture_point) == (2, None, "unknown")
    assert [list(step.notes) for step in list(timeline)[1:]] == [
        [], [], ["100 bytes this ACK acknowledges were never seen sent (an unseen segment)"],
        [], ["200 bytes this ACK acknowledges were never seen sent (an unseen segment)"]]
    assert arithmetic(timeline[2])[0] == "RCV.NXT = 1 + 100 = 101 (abs 5100)"  # the client's
    assert [tcb(step, "server", MID_ISN) for step in list(timeline)[1::2]] == [
        "ESTABLISHED una=1 nxt=1 rcv=21 wnd=502",
        "ESTABLISHED una=101 nxt=101 rcv=51 wnd=502",
        "ESTABLISHED una=301 nxt=301 rcv=51 wnd=502"]
    assert "SND.NXT = 1 + 100 = 101 (abs 5100)" in arithmetic(timeline[3])


@pytest.mark.usefixtures("both_paths")
def test_an_ack_beyond_any_window_the_peer_offered_is_an_unacceptable_ack() -> None:
    """The SYNs carried options but no window scale (RFC 7323 §2.2: no scaling), so the client
    offered at most 65535 bytes and the server cannot have 70000 in flight unseen. SEG.ACK >
    SND.NXT: "send an ACK, drop the segment" (§3.10.7.4): the request is not accepted
    (RCV.NXT stays 1). 1448 bytes ahead fit the window: sent unseen, the data accepted."""
    handshake = [seg(0.0, True, SYN, 1000, 0, window=64240, mss=1460),
                 seg(0.1, False, SYN | ACK, 5000, 1001, window=65160, mss=1460),
                 HANDSHAKE[2]]

    def replayed(ack: int) -> tuple[Timeline, int]:
        timeline, info = replay([*handshake, seg(0.2, True, PSH | ACK, 1001, ack, 20)])
        return timeline, info.unseen_segments

    # the largest window is 65535 (no scaling): 65535 bytes can be in flight, 65536 cannot
    assert story(replayed(5001 + 65535)[0])[-1].endswith("RCV_SEGMENT > ESTABLISHED")
    assert story(replayed(5001 + 65536)[0])[-1].endswith("RCV_BAD_ACK > ESTABLISHED")
    # ... and the same bound the other way: the server's ACK of the client's bytes
    for beyond, row in ((65535, "RCV_SEGMENT"), (65536, "RCV_BAD_ACK")):
        timeline, _ = replay([*handshake, seg(0.2, False, ACK, 5001, 1001 + beyond)])
        assert story(timeline)[-1] == f"0.2000 client receives #3: ESTABLISHED {row} > ESTABLISHED"
    bad, unseen = replayed(5001 + 70000)
    assert story(bad)[-1] == "0.2500 server receives #3: ESTABLISHED RCV_BAD_ACK > ESTABLISHED"
    assert tcb(bad[len(bad) - 1], "server", ISN) == "ESTABLISHED una=1 nxt=1 rcv=1 wnd=502"
    assert unseen == 0
    good, unseen = replayed(5001 + 1448)
    assert story(good)[-1] == (
        "0.2500 server receives #3: ESTABLISHED RCV_SEGMENT > ESTABLISHED")
    assert tcb(good[len(good) - 1], "server", ISN) == (
        "ESTABLISHED una=1449 nxt=1449 rcv=21 wnd=502")
    assert list(good[len(good) - 1].notes) == [
        "1448 bytes this ACK acknowledges were never seen sent (an unseen segment)"]
    assert unseen == 1


@pytest.mark.usefixtures("both_paths")
def test_bytes_missing_before_a_segment_count_as_one_unseen_segment_per_gap() -> None:
    """Mid-stream, two gaps in the server's data (#1 starts 100 bytes after the client's
    ACK of 5000; #2 another 50 after #1's end), each filled unseen as the client's next ACK
    shows (it acknowledges past them): two unseen segments, never fewer than none."""
    segments = [seg(0.0, True, ACK, 1000, 5000),
                seg(0.01, False, PSH | ACK, 5100, 1000, 100, window=509),  # 5000–5099 unseen
                seg(0.02, False, PSH | ACK, 5250, 1000, 10, window=509),   # 5200–5249 unseen
                seg(0.03, True, ACK, 1000, 5260)]
    timeline, info = replay(segments)
    assert info.unseen_segments == 2
    notes = [n for step in timeline for n in step.notes if "never seen" in n]
    assert notes == ["100 bytes before this segment were never seen (an unseen or lost segment)",
                     "50 bytes before this segment were never seen (an unseen or lost segment)"]
    last = timeline[len(timeline) - 1]
    assert tcb(last, "client", MID_ISN) == "ESTABLISHED una=1 nxt=1 rcv=261 wnd=509"


# ---------------------------------------------------------------- window scaling (RFC 7323)

def _scaled(client_shift: int | None, server_shift: int | None) -> list[ObservedSegment]:
    return [seg(0.0, True, SYN, 1000, 0, window=64240, mss=1460, window_scale=client_shift),
            seg(0.1, False, SYN | ACK, 5000, 1001, window=65160, mss=1460,
                window_scale=server_shift),
            seg(0.1001, True, ACK, 1001, 5001, window=502),
            seg(0.21, False, ACK, 5001, 1001, window=509)]


@pytest.mark.usefixtures("both_paths")
def test_windows_are_scaled_by_the_senders_shift_once_both_syns_offered_it() -> None:
    """RFC 7323 §2.2-2.3: both SYNs carried the option, so every later window counts
    SEG.WND << the sender's shift: the client's 502 << 7 = 64256 at the server, the
    server's 509 << 8 = 130304 at the client; a SYN's own window is never scaled (64240,
    65160)."""
    timeline, info = replay(_scaled(7, 8))
    assert info.window_shift == (7, 8)
    windows = [(step.client.snd_wnd, step.server.snd_wnd) for step in timeline]
    assert windows == [(0, 0), (0, 64240), (0, 64240), (65160, 64240), (65160, 64240),
                       (65160, 64256), (65160, 64256), (130304, 64256)]
    assert "SND.WND = SEG.WND << 8 = 509 << 8 = 130304 (RFC 7323 §2.3)" in arithmetic(
        timeline[7])
    assert "SND.WND = SEG.WND << 7 = 502 << 7 = 64256 (RFC 7323 §2.3)" in arithmetic(
        timeline[5])


def test_a_retried_syn_without_the_option_keeps_the_scaling_the_first_one_agreed() -> None:
    """Windows retries its last SYNs without options. Here the first SYN (shift 7) was
    answered by a SYN,ACK (shift 8) that was lost; the client's retry carries no window
    scale, and the server answers it with its SYN,ACK again. The connection the server made
    from the first SYN scales (RFC 7323 §2.2: the option is fixed by the SYN that opened
    it), so the client's 502 means 502 << 7 = 64256 at the server."""
    segments = [seg(0.0, True, SYN, 1000, 0, window=64240, mss=1460, window_scale=7),
                seg(0.0001, False, SYN | ACK, 5000, 1001, window=65160, mss=1460,
                    window_scale=8),
                seg(1.0, True, SYN, 1000, 0, window=64240, mss=1460),
                seg(1.0001, False, SYN | ACK, 5000, 1001, window=65160, mss=1460,
                    window_scale=8),
                seg(1.1, True, ACK, 1001, 5001, window=502)]
    timeline, info = replay(segments)
    assert info.window_shift == (7, 8)
    assert timeline[len(timeline) - 1].server.snd_wnd == 64256


def test_a_shift_above_fourteen_is_taken_as_fourteen() -> None:
    """RFC 7323 §2.3: a shift.cnt above 14 MUST be used as 14: 509 << 14 = 8339456."""
    timeline, info = replay(_scaled(7, 15))
    assert info.window_shift == (7, 14)
    assert timeline[7].client.snd_wnd == 8339456


def test_no_scaling_unless_both_syns_offered_it() -> None:
    """RFC 7323 §2.2: the option only takes effect when both SYNs carry it; a shift of 0
    offered by both is scaling by 1."""
    for client_shift, server_shift in ((7, None), (None, 8)):
        timeline, info = replay(_scaled(client_shift, server_shift))
        assert info.window_shift == (None, None)
        assert (timeline[7].client.snd_wnd, timeline[7].server.snd_wnd) == (509, 502)
    timeline, info = replay(_scaled(0, 0))
    assert info.window_shift == (0, 0)
    assert (timeline[7].client.snd_wnd, timeline[7].server.snd_wnd) == (509, 502)


def test_a_reset_answering_an_unacceptable_ack_in_syn_received_is_no_abort() -> None:
    """§3.10.7.4, SYN-RECEIVED: an ACK that does not acknowledge our SYN (5002, beyond
    SND.NXT = 5001) is answered with <SEQ=SEG.ACK><CTL=RST>: the server's reset is that
    reply (no ABORT row, it stays SYN-RECEIVED); the client, ESTABLISHED, takes the reset
    at SEG.SEQ = RCV.NXT (its own ACK of 5002 moved RCV.NXT there) and closes."""
    segments = [*HANDSHAKE[:2],
                seg(0.1001, True, ACK, 1001, 5002),           # 2 acknowledges one too many
                seg(0.2002, False, RST, 5002, 0, window=0)]   # 3 <SEQ=SEG.ACK><CTL=RST>
    timeline, _ = replay(segments)
    assert story(timeline)[4:] == [
        "0.1001 client sends #2: no row",
        "0.1501 server receives #2: SYN_RECEIVED RCV_BAD_ACK > SYN_RECEIVED",
        "0.1502 server sends #3: no row",
        "0.2002 client receives #3: ESTABLISHED RCV_RST > CLOSED",
    ]
    assert timeline.states("server") == ["LISTEN", "SYN_RECEIVED"]


# ---------------------------------------------------------------- progress and cancel

def test_a_long_replay_reports_its_progress_every_16384_steps_and_can_be_cancelled() -> None:
    """The window's progress bar: 10,000 segments are 20,000 steps, reported at step 0 and
    step 16384; a callback raising ReplayCancelled stops the replay (the Cancel button), and
    the garbage collector, paused during the pass, is running again afterwards."""
    from tests.models.replay.replay_streams import long_connection

    columns = long_connection(10_000)
    calls: list[tuple[int, int]] = []
    replay_columns(columns, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 20_000), (16_384, 20_000)]

    def cancel(done: int, total: int) -> None:
        if done:
            raise ReplayCancelled

    with pytest.raises(ReplayCancelled):
        replay_columns(columns, progress=cancel)
    assert gc.isenabled()
    gc.disable()
    try:
        replay(CLEAN)
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def test_a_capture_without_its_analysis_is_labelled_by_the_replay_itself() -> None:
    """Segments written by hand carry no Wireshark analysis (``analysed`` False): a token
    there is ignored, and the replay's own rule decides (one duplicate ACK: a timeout)."""
    segments = [*HANDSHAKE, seg(0.2, True, PSH | ACK, 1001, 5001, 100),
                seg(1.2, True, PSH | ACK, 1001, 5001, 100,
                    annotations=("fast_retransmission",)),
                seg(1.3, False, ACK, 5001, 1101, window=65160)]
    timeline, _ = replay(segments)
    resend = next(s for s in timeline if s.kind is StepKind.USER and s.segment is not None
                  and s.segment.id == 4)
    assert [t.row.event.name for t in resend.transitions] == ["TIMEOUT_RETRANSMISSION"]
    analysed = replay_columns(replace(ObservedColumns.of(segments), analysed=True))[0]
    resend = next(s for s in analysed if s.kind is StepKind.USER and s.segment is not None
                  and s.segment.id == 4)
    assert not resend.transitions
    assert "a fast retransmission" in what(resend)


# ---------------------------------------------------------------- closing, with copies sent again

@pytest.mark.usefixtures("both_paths")
def test_a_fin_sent_again_in_fin_wait_1_is_a_retransmission_timeout() -> None:
    """Captured at the client: its FIN at 0.2 got no answer and went again at 1.2 (RFC 6298
    §5.4: FIN-WAIT-1's retransmission timeout). The server's ACK echoes the second copy's
    TSval (RFC 7323 §4.1), so the first never arrived: the server enters CLOSE-WAIT only
    at 1.25. The rest is figure 12's close: ACK of FIN → FIN-WAIT-2, the server's FIN →
    TIME-WAIT (§3.10.7.4)."""
    segments = [*HANDSHAKE,
                seg(0.2, True, FIN | ACK, 1001, 5001, tsval=200, tsecr=0),        # 3 lost
                seg(1.2, True, FIN | ACK, 1001, 5001, tsval=1200, tsecr=0),       # 4
                seg(1.3, False, ACK, 5001, 1002, window=509, tsval=9, tsecr=1200),  # 5
                seg(1.4, False, FIN | ACK, 5001, 1002, window=509),               # 6
                seg(1.4001, True, ACK, 1002, 5002)]                               # 7
    timeline, info = replay(segments)
    assert story(timeline) == [
        *_HANDSHAKE_STORY,
        "0.2000 client sends #3: ESTABLISHED CLOSE > FIN_WAIT_1",
        "0.2250 network loses #3: no row",
        "1.2000 client sends #4: FIN_WAIT_1 TIMEOUT_RETRANSMISSION > FIN_WAIT_1",
        "1.2500 server receives #4: ESTABLISHED RCV_FIN > CLOSE_WAIT",
        "1.2500 server sends #5: no row",
        "1.3000 client receives #5: FIN_WAIT_1 RCV_ACK_OF_FIN > FIN_WAIT_2",
        "1.3500 server sends #6: CLOSE_WAIT CLOSE > LAST_ACK",
        "1.4000 client receives #6: FIN_WAIT_2 RCV_FIN > TIME_WAIT",
        "1.4001 client sends #7: no row",
        "1.4501 server receives #7: LAST_ACK RCV_ACK_OF_FIN > CLOSED",
    ]
    assert info.lost_segments == 1


@pytest.mark.usefixtures("both_paths")
def test_data_sent_again_in_close_wait_is_a_retransmission_timeout() -> None:
    """Captured at the server (SYN,ACK → ACK is the 0.1 s round trip; the client is 0.05 s
    away). The client closed first; the server, in CLOSE-WAIT, may still SEND (§3.10.2):
    its 100 bytes at 0.2 were lost (the client's ACK echoes the copy at 1.2) and the copy
    is CLOSE-WAIT's retransmission timeout."""
    segments = [
        seg(0.0, True, SYN, 1000, 0, window=64240),                              # 0
        seg(0.0001, False, SYN | ACK, 5000, 1001, window=65160),                 # 1
        seg(0.1001, True, ACK, 1001, 5001),                                      # 2
        seg(0.1002, True, FIN | ACK, 1001, 5001),                                # 3
        seg(0.1003, False, ACK, 5001, 1002, window=509),                         # 4
        seg(0.2, False, PSH | ACK, 5001, 1002, 100, window=509, tsval=2, tsecr=0),  # 5 lost
        seg(1.2, False, PSH | ACK, 5001, 1002, 100, window=509, tsval=12, tsecr=0),  # 6
        seg(1.3001, True, ACK, 1002, 5101, tsval=7, tsecr=12),                   # 7
        seg(1.3002, False, FIN | ACK, 5101, 1002, window=509),                   # 8
        seg(1.4002, True, ACK, 1002, 5102),                                      # 9
    ]
    timeline, info = replay(segments)
    assert info.capture_point == "server"
    assert story(timeline) == [
        "-0.0500 client sends #0: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0000 server receives #0: LISTEN RCV_SYN > SYN_RECEIVED",
        "0.0001 server sends #1: no row",
        "0.0501 client receives #1: SYN_SENT RCV_SYN_ACK > ESTABLISHED",
        "0.0501 client sends #2: no row",
        "0.0502 client sends #3: ESTABLISHED CLOSE > FIN_WAIT_1",
        "0.1001 server receives #2: SYN_RECEIVED RCV_ACK_OF_SYN > ESTABLISHED",
        "0.1002 server receives #3: ESTABLISHED RCV_FIN > CLOSE_WAIT",
        "0.1003 server sends #4: no row",
        "0.1503 client receives #4: FIN_WAIT_1 RCV_ACK_OF_FIN > FIN_WAIT_2",
        "0.2000 server sends #5: CLOSE_WAIT SEND > CLOSE_WAIT",
        "0.2250 network loses #5: no row",  # 0.2 + 0.05 / 2
        "1.2000 server sends #6: CLOSE_WAIT TIMEOUT_RETRANSMISSION > CLOSE_WAIT",
        "1.2500 client receives #6: FIN_WAIT_2 RCV_SEGMENT > FIN_WAIT_2",
        "1.2501 client sends #7: no row",
        "1.3001 server receives #7: CLOSE_WAIT RCV_SEGMENT > CLOSE_WAIT",
        "1.3002 server sends #8: CLOSE_WAIT CLOSE > LAST_ACK",
        "1.3502 client receives #8: FIN_WAIT_2 RCV_FIN > TIME_WAIT",
        "1.3502 client sends #9: no row",
        "1.4002 server receives #9: LAST_ACK RCV_ACK_OF_FIN > CLOSED",
    ]
    assert info.lost_segments == 1


@pytest.mark.usefixtures("both_paths")
def test_a_fin_sent_again_in_closing_is_a_retransmission_timeout() -> None:
    """A simultaneous close (RFC 9293 figure 13) captured at the client: the FINs cross (the
    server's left at 0.24 − 0.05 = 0.19, before the client's reached it at 0.25), each side
    goes FIN-WAIT-1 → CLOSING; the server's ACK of the client's FIN never came, so the
    client resent its FIN from CLOSING on its timer; the server, by then in TIME-WAIT,
    acknowledges the retransmitted FIN again (§3.10.7.4)."""
    segments = [*HANDSHAKE,
                seg(0.2, True, FIN | ACK, 1001, 5001),                 # 3
                seg(0.24, False, FIN | ACK, 5001, 1001, window=509),   # 4
                seg(0.2401, True, ACK, 1002, 5002),                    # 5
                seg(1.2, True, FIN | ACK, 1001, 5002),                 # 6 its FIN again
                seg(1.3, False, ACK, 5002, 1002, window=509)]          # 7
    timeline, _ = replay(segments)
    assert story(timeline) == [
        *_HANDSHAKE_STORY,
        "0.1900 server sends #4: ESTABLISHED CLOSE > FIN_WAIT_1",
        "0.2000 client sends #3: ESTABLISHED CLOSE > FIN_WAIT_1",
        "0.2400 client receives #4: FIN_WAIT_1 RCV_FIN > CLOSING",
        "0.2401 client sends #5: no row",
        "0.2500 server receives #3: FIN_WAIT_1 RCV_FIN > CLOSING",
        "0.2901 server receives #5: CLOSING RCV_ACK_OF_FIN > TIME_WAIT",
        "1.2000 client sends #6: CLOSING TIMEOUT_RETRANSMISSION > CLOSING",
        "1.2500 server receives #6: TIME_WAIT RCV_FIN > TIME_WAIT",
        "1.2500 server sends #7: no row",
        "1.3000 client receives #7: CLOSING RCV_ACK_OF_FIN > TIME_WAIT",
    ]


@pytest.mark.usefixtures("both_paths")
def test_without_any_syn_options_a_window_may_have_been_scaled() -> None:
    """Segments written without their options (no SYN says whether RFC 7323 scaling was on)
    leave the window unknown, up to 2**30 (§2.3): 70000 bytes acknowledged beyond what the
    server was seen sending can have been in flight, sent unseen. Joined mid-stream, the
    same holds even when the SYN options are known."""
    timeline, info = replay([*HANDSHAKE, seg(0.2, True, PSH | ACK, 1001, 5001 + 70000, 20)])
    assert story(timeline)[-1] == "0.2500 server receives #3: ESTABLISHED RCV_SEGMENT > ESTABLISHED"
    assert info.unseen_segments == 1
    assert timeline[0].client.rcv_wnd == WINDOW_UNKNOWN
    timeline, _ = replay(_scaled(None, None))
    assert timeline[0].client.rcv_wnd == 65535
    timeline, _ = replay(_scaled(7, 8))
    assert timeline[0].client.rcv_wnd == 65535 << 7


@pytest.mark.usefixtures("both_paths")
def test_with_windows_scaled_as_many_bytes_as_the_scaled_window_can_go_unseen() -> None:
    """RFC 7323 §2.3: with shifts 7 (client) and 8 (server) the client may offer up to
    65535 << 7 = 8388480 bytes and the server 65535 << 8 = 16776960. So the server can have
    100000 bytes in flight the capture never saw (the client acknowledges them), and the
    client 200000 (the server acknowledges them): both accepted, both unseen."""
    segments = [*_scaled(7, 8),
                seg(0.3, True, PSH | ACK, 1001, 5001 + 100_000, 20),              # 4
                seg(0.4, False, ACK, 5001 + 100_000, 1001 + 200_000, window=509)]  # 5
    timeline, info = replay(segments)
    assert story(timeline)[-3:] == [
        "0.3500 server receives #4: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.3500 server sends #5: no row",
        "0.4000 client receives #5: ESTABLISHED RCV_SEGMENT > ESTABLISHED"]
    assert info.unseen_segments == 2
    assert [n for step in timeline for n in step.notes] == [
        "100000 bytes this ACK acknowledges were never seen sent (an unseen segment)",
        "199980 bytes this ACK acknowledges were never seen sent (an unseen segment)"]  # − 20


def test_a_server_whose_syn_ack_the_capture_missed_had_still_been_listening() -> None:
    """Only a reset as the server's first answer says nobody listened (§3.10.7.1); here its
    first captured segment is an ACK (the SYN,ACK was not captured), so it starts in LISTEN
    and the SYN takes it to SYN-RECEIVED (§3.10.7.2)."""
    segments = [seg(0.0, True, SYN, 1000, 0, window=64240),
                seg(0.1001, True, ACK, 1001, 5001),
                seg(0.21, False, ACK, 5001, 1001, window=509)]
    timeline, _ = replay(segments)
    assert timeline.initial_states == (("client", "CLOSED"), ("server", "LISTEN"))
    arrival = next(line for line in story(timeline) if "server receives #0" in line)
    assert arrival.endswith("server receives #0: LISTEN RCV_SYN > SYN_RECEIVED")


@pytest.mark.usefixtures("both_paths")
def test_a_fin_that_overtook_lost_data_is_held_until_the_copy_fills_the_gap() -> None:
    """Captured at the server: its 100 bytes at 0.2 were lost (the client's duplicate ACK
    repeats 5001), its FIN right after arrived first. §3.10.7.4: the FIN is processed only
    in sequence (eighth check), so the client holds it, still ESTABLISHED; when the copy
    sent at 1.2 (one duplicate ACK: the timer's) fills the gap, RCV.NXT passes the data and
    the held FIN at once: 5001 + 100 + 1 = 5102; that arrival is the one that brings the FIN
    (rcv FIN), and the client enters CLOSE-WAIT."""
    segments = [
        seg(0.0, True, SYN, 1000, 0, window=64240),                   # 0
        seg(0.0001, False, SYN | ACK, 5000, 1001, window=65160),      # 1
        seg(0.1001, True, ACK, 1001, 5001),                           # 2
        seg(0.2, False, PSH | ACK, 5001, 1001, 100, window=509),      # 3 lost
        seg(0.2001, False, FIN | ACK, 5101, 1001, window=509),        # 4 arrives first
        seg(0.3002, True, ACK, 1001, 5001),                           # 5 duplicate ACK
        seg(1.2, False, PSH | ACK, 5001, 1001, 100, window=509),      # 6 the copy of #3
        seg(1.3001, True, ACK, 1001, 5102),                           # 7
        seg(1.3002, True, FIN | ACK, 1001, 5102),                     # 8
        seg(1.3003, False, ACK, 5102, 1002, window=509),              # 9
    ]
    timeline, info = replay(segments)
    assert story(timeline) == [
        "-0.0500 client sends #0: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0000 server receives #0: LISTEN RCV_SYN > SYN_RECEIVED",
        "0.0001 server sends #1: no row",
        "0.0501 client receives #1: SYN_SENT RCV_SYN_ACK > ESTABLISHED",
        "0.0501 client sends #2: no row",
        "0.1001 server receives #2: SYN_RECEIVED RCV_ACK_OF_SYN > ESTABLISHED",
        "0.2000 server sends #3: ESTABLISHED SEND > ESTABLISHED",
        "0.2001 server sends #4: ESTABLISHED CLOSE > FIN_WAIT_1",
        "0.2250 network loses #3: no row",
        "0.2501 client receives #4: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.2502 client sends #5: no row",
        "0.3002 server receives #5: FIN_WAIT_1 RCV_SEGMENT > FIN_WAIT_1",
        "1.2000 server sends #6: FIN_WAIT_1 TIMEOUT_RETRANSMISSION > FIN_WAIT_1",
        "1.2500 client receives #6: ESTABLISHED RCV_FIN > CLOSE_WAIT",  # reaches the FIN
        "1.2501 client sends #7: no row",
        "1.2502 client sends #8: CLOSE_WAIT CLOSE > LAST_ACK",
        "1.3001 server receives #7: FIN_WAIT_1 RCV_ACK_OF_FIN > FIN_WAIT_2",
        "1.3002 server receives #8: FIN_WAIT_2 RCV_FIN > TIME_WAIT",
        "1.3003 server sends #9: no row",
        "1.3503 client receives #9: LAST_ACK RCV_ACK_OF_FIN > CLOSED",
    ]
    assert info.lost_segments == 1
    held, filled = timeline[9], timeline[13]
    assert arithmetic(held)[-1] == (
        "out of order: expected 1 (abs 5001), got 101 (abs 5101); held, and the ACK repeats "
        "RCV.NXT (a duplicate ACK)")
    assert tcb(held, "client", ISN) == "ESTABLISHED una=1 nxt=1 rcv=1 wnd=509"
    assert list(filled.notes) == [
        "the gap is filled: the FIN held since it arrived out of order is processed now"]
    assert tcb(filled, "client", ISN) == "CLOSE_WAIT una=1 nxt=1 rcv=102 wnd=509"


@pytest.mark.parametrize(("token", "headline"), [
    ("out_of_order", "Client sends [PSH, ACK] seq=1 ack=1 len=100 again less than a round trip "
                     "after later data: Wireshark calls it out-of-order; no retransmission "
                     "timer expired."),
    ("zero_window_probe", "Client probes the peer's zero window with [PSH, ACK] seq=1 ack=1 "
                          "len=100."),
    ("keep_alive", "Client sends a keep-alive [PSH, ACK] seq=1 ack=1 len=100: a byte it had "
                   "sent before, to learn whether the peer is still there."),
    ("fast_retransmission", "Client resends [PSH, ACK] seq=1 ack=1 len=100 without waiting "
                            "for its timer: a fast retransmission, after duplicate ACKs asked "
                            "for these bytes again."),
])
def test_bytes_sent_again_that_no_timer_sent_fire_no_timeout_row(token: str,
                                                                  headline: str) -> None:
    """Wireshark's analysis (the index's tokens, ``analysed``): an out-of-order resend
    (RFC 6675), a zero-window probe (§3.8.6.1), a keep-alive (§3.8.4) and a fast
    retransmission (RFC 5681 §3.2) are sent again without the retransmission timer, so
    no row fires and the step says which it was; a plain retransmission is the timer's."""
    def resend_step(tokens: tuple[str, ...]) -> Step:
        segments = [*HANDSHAKE, seg(0.2, True, PSH | ACK, 1001, 5001, 100),
                    seg(0.2001, True, PSH | ACK, 1101, 5001, 100),
                    seg(0.2002, True, PSH | ACK, 1001, 5001, 100, annotations=tokens)]
        timeline, _ = replay_columns(replace(ObservedColumns.of(segments), analysed=True))
        return next(s for s in timeline if s.kind is StepKind.USER and s.segment is not None
                    and s.segment.id == 5)

    step = resend_step((token,))
    assert not step.transitions
    assert what(step) == headline
    timed = resend_step(("retransmission",))
    assert [t.row.event.name for t in timed.transitions] == ["TIMEOUT_RETRANSMISSION"]


@pytest.mark.usefixtures("both_paths")
def test_a_server_closing_before_its_syn_ack_is_acknowledged_goes_to_fin_wait_1() -> None:
    """§3.10.4, CLOSE in SYN-RECEIVED with nothing sent or queued: send a FIN and enter
    FIN-WAIT-1. Captured at the client: the server's FIN (0.1002) left at 0.0502, before
    the client's ACK (0.1001) reached it at 0.1501; that ACK acknowledges its SYN but not
    its FIN (5001 < 5002: FIN-WAIT-1 stays), the next one both (→ FIN-WAIT-2)."""
    segments = [*HANDSHAKE,
                seg(0.1002, False, FIN | ACK, 5001, 1001, window=509),  # 3
                seg(0.1003, True, ACK, 1001, 5002),                     # 4
                seg(0.2, True, FIN | ACK, 1001, 5002),                  # 5
                seg(0.3, False, ACK, 5002, 1002, window=509)]           # 6
    timeline, _ = replay(segments)
    assert story(timeline) == [
        "0.0000 client sends #0: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0500 server receives #0: LISTEN RCV_SYN > SYN_RECEIVED",
        "0.0500 server sends #1: no row",
        "0.0502 server sends #3: SYN_RECEIVED CLOSE > FIN_WAIT_1",
        "0.1000 client receives #1: SYN_SENT RCV_SYN_ACK > ESTABLISHED",
        "0.1001 client sends #2: no row",
        "0.1002 client receives #3: ESTABLISHED RCV_FIN > CLOSE_WAIT",
        "0.1003 client sends #4: no row",
        "0.1501 server receives #2: FIN_WAIT_1 RCV_SEGMENT > FIN_WAIT_1",
        "0.1503 server receives #4: FIN_WAIT_1 RCV_ACK_OF_FIN > FIN_WAIT_2",
        "0.2000 client sends #5: CLOSE_WAIT CLOSE > LAST_ACK",
        "0.2500 server receives #5: FIN_WAIT_2 RCV_FIN > TIME_WAIT",
        "0.2500 server sends #6: no row",
        "0.3000 client receives #6: LAST_ACK RCV_ACK_OF_FIN > CLOSED",
    ]
    assert timeline[3].transitions[0].row.guard == "nothing queued"


def test_a_simultaneous_open_replays_as_figure_7_and_keeps_the_capture_points_times() -> None:
    """RFC 9293 figure 7, captured at the client: both SYNs cross (the server's left at
    0.05 − 0.05 = 0, before the client's reached it), each side goes SYN-SENT → SYN-RECEIVED
    on the other's SYN and answers with a SYN,ACK (the table's reply, no timeout: the
    client's repeats its SYN's number but is no retransmission), and each enters
    ESTABLISHED on the other's SYN,ACK. The server, which sent a SYN of its own, never
    listened. At the capture point events keep the capture's times: the server's SYN,ACK
    reaches the client at 0.1, before the client's ACK (0.1001); it answers the client's
    first SYN (arrived 0.05), not the client's SYN,ACK repeating that SYN's number (the
    replay used to wait for that copy and show the SYN,ACK arriving after the ACK)."""
    options = {"mss": 1460, "window_scale": 7}
    segments = [seg(0.0, True, SYN, 1000, 0, window=64240, **options),             # 0
                seg(0.05, False, SYN, 5000, 0, window=65160, **options),           # 1
                seg(0.0501, True, SYN | ACK, 1000, 5001, window=64240, **options),  # 2
                seg(0.1, False, SYN | ACK, 5000, 1001, window=65160, **options),   # 3
                seg(0.1001, True, ACK, 1001, 5001)]                                 # 4
    timeline, _ = replay(segments)
    assert timeline.initial_states == (("client", "CLOSED"), ("server", "CLOSED"))
    assert story(timeline) == [
        "0.0000 client sends #0: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0000 server sends #1: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0500 server receives #0: SYN_SENT RCV_SYN > SYN_RECEIVED",
        "0.0500 client receives #1: SYN_SENT RCV_SYN > SYN_RECEIVED",
        "0.0500 server sends #3: no row",  # just after #0 arrived (0.1 − 0.05)
        "0.0501 client sends #2: no row",
        "0.1000 client receives #3: SYN_RECEIVED RCV_SYN_ACK > ESTABLISHED",
        "0.1001 server receives #2: SYN_RECEIVED RCV_SYN_ACK > ESTABLISHED",
        "0.1001 client sends #4: no row",
        "0.1501 server receives #4: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
    ]
    # a SYN's window is never scaled (RFC 7323 §2.2), the ACK's is: 502 << 7 = 64256
    assert [timeline[k].snapshot(side).snd_wnd for k, side in
            ((3, "client"), (6, "client"), (7, "server"), (9, "server"))] == [
        65160, 65160, 64240, 64256]


@pytest.mark.usefixtures("both_paths")
def test_data_after_a_lost_segment_is_held_even_without_a_duplicate_ack() -> None:
    """Captured at the client: #3 was lost (the server's ACK echoes the copy's TSval 120,
    RFC 7323 §4.1), #4 reached the server first, and the server sent nothing until the
    copy arrived. #4 lies beyond RCV.NXT where a lost segment starts: held until the copy
    fills the gap (§3.10.7.4), not taken for bytes the capture missed (no unseen
    segment)."""
    segments = [*HANDSHAKE,
                seg(0.2, True, PSH | ACK, 1001, 5001, 100, tsval=20, tsecr=0),       # 3 lost
                seg(0.2001, True, PSH | ACK, 1101, 5001, 100, tsval=21, tsecr=0),    # 4
                seg(1.2, True, PSH | ACK, 1001, 5001, 100, tsval=120, tsecr=0),      # 5
                seg(1.3, False, ACK, 5001, 1201, window=65160, tsval=7, tsecr=120)]  # 6
    timeline, info = replay(segments)
    assert story(timeline)[6:] == [
        "0.2000 client sends #3: ESTABLISHED SEND > ESTABLISHED",
        "0.2001 client sends #4: ESTABLISHED SEND > ESTABLISHED",
        "0.2250 network loses #3: no row",
        "0.2501 server receives #4: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "1.2000 client sends #5: ESTABLISHED TIMEOUT_RETRANSMISSION > ESTABLISHED",
        "1.2500 server receives #5: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "1.2500 server sends #6: no row",
        "1.3000 client receives #6: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
    ]
    assert (info.lost_segments, info.unseen_segments) == (1, 0)
    assert [list(timeline[k].notes) for k in (9, 11)] == [
        ["out of order: expected 1001, got 1101; held, and the ACK repeats RCV.NXT (a "
         "duplicate ACK)"], ["100 held out-of-order bytes now delivered"]]


def test_a_second_reset_from_a_side_already_closed_fires_no_row() -> None:
    """§3.10.5: ABORT deletes the connection; a stack that sends a second RST (some send
    RST,ACK then RST) has nothing left to abort, so the second fires no row (the table's
    CLOSED ABORT would be a user's call refused, which nobody made)."""
    segments = [*HANDSHAKE, seg(0.2, True, RST | ACK, 1001, 5001),
                seg(0.2001, True, RST, 1001, 0, window=0)]
    timeline, _ = replay(segments)
    assert story(timeline)[6:] == [
        "0.2000 client sends #3: ESTABLISHED ABORT > CLOSED",
        "0.2001 client sends #4: no row",
        "0.2500 server receives #3: ESTABLISHED RCV_RST > CLOSED",
        "0.2501 server receives #4: CLOSED RCV_RST > CLOSED",
    ]


def test_a_capture_opening_on_the_peers_bare_reset_starts_each_side_at_its_own_numbers() -> None:
    """Mid-stream, the server's RST (no ACK) comes first: it numbers the server (5000 − 1)
    but acknowledges nothing, so the client's control block starts from its own first
    segment (SND.UNA = SND.NXT = 1000, relative 1), and its RCV.NXT from the server's
    base + 1 (5000)."""
    timeline, _ = replay([seg(0.0, False, RST, 5000, 0, window=0),
                          seg(0.1, True, PSH | ACK, 1000, 5000, 10)])
    assert timeline.isn == MID_ISN
    assert tcb(timeline[0], "client", MID_ISN) == (
        f"ESTABLISHED una=1 nxt=1 rcv=1 wnd={WINDOW_UNKNOWN}")
    assert story(timeline)[0] == "0.0000 server sends #0: ESTABLISHED ABORT > CLOSED"


@pytest.mark.usefixtures("both_paths")
def test_part_of_a_gap_acknowledged_by_the_receiver_arrived_unseen_and_the_rest_is_held() -> None:
    """Captured at the client, which missed the server's bytes 5001-5200 (a capture drop).
    #3 (5201-5300) arrives beyond RCV.NXT (5001); the client's next ACK (5101) says 5001-5100
    arrived unseen (one unseen segment: RCV.NXT = 5101) and 5101-5200 did not, so #3 is held
    (§3.10.7.4); #5 brings 5101-5200 — bytes the server had sent before (its SND.NXT was
    already 5301): its timer's resend — and the held 100 bytes go with it: RCV.NXT 5301."""
    segments = [*HANDSHAKE,
                seg(0.2002, False, PSH | ACK, 5201, 1001, 100, window=509),  # 3
                seg(0.2003, True, ACK, 1001, 5101),                          # 4
                seg(0.3, False, PSH | ACK, 5101, 1001, 100, window=509),     # 5
                seg(0.3001, True, ACK, 1001, 5301)]                          # 6
    timeline, info = replay(segments)
    assert story(timeline)[6:] == [
        "0.1502 server sends #3: ESTABLISHED SEND > ESTABLISHED",
        "0.2002 client receives #3: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.2003 client sends #4: no row",
        "0.2500 server sends #5: ESTABLISHED TIMEOUT_RETRANSMISSION > ESTABLISHED",
        "0.2503 server receives #4: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.3000 client receives #5: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.3001 client sends #6: no row",
        "0.3501 server receives #6: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
    ]
    assert info.unseen_segments == 1
    assert list(timeline[7].notes) == [
        "100 bytes before this segment were never seen (an unseen or lost segment)",
        "out of order: expected 5101, got 5201; held, and the ACK repeats RCV.NXT (a "
        "duplicate ACK)"]
    assert tcb(timeline[7], "client", ISN) == "ESTABLISHED una=1 nxt=1 rcv=101 wnd=509"
    assert list(timeline[11].notes) == ["100 held out-of-order bytes now delivered"]
    assert tcb(timeline[11], "client", ISN) == "ESTABLISHED una=1 nxt=1 rcv=301 wnd=509"


def test_a_held_fin_that_the_receivers_own_ack_covers_was_processed() -> None:
    """Captured at the client, which missed the server's last 100 bytes (a capture drop):
    the FIN arrives beyond RCV.NXT and is held (the duplicate ACK 5001 shows the gap); the
    client's ACK of 5102 then shows the bytes and the FIN arrived (5001 + 100 + 1): it
    processed the FIN (§3.10.7.4, eighth check) and was in CLOSE-WAIT, so its own FIN is
    a passive close (CLOSE-WAIT → LAST-ACK → CLOSED), the server's an active one."""
    segments = [*HANDSHAKE,
                seg(0.2002, False, FIN | ACK, 5101, 1001, window=509),  # 3
                seg(0.2003, True, ACK, 1001, 5001),                     # 4 the gap
                seg(0.3, True, ACK, 1001, 5102),                        # 5 gap and FIN
                seg(0.31, True, FIN | ACK, 1001, 5102),                 # 6
                seg(0.41, False, ACK, 5102, 1002, window=509)]          # 7
    timeline, _ = replay(segments)
    assert timeline.states("client") == ["CLOSED", "SYN_SENT", "ESTABLISHED", "CLOSE_WAIT",
                                         "LAST_ACK", "CLOSED"]
    assert timeline.states("server") == ["LISTEN", "SYN_RECEIVED", "ESTABLISHED",
                                         "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT"]
    step = next(k for k in range(len(timeline)) if story(timeline)[k].startswith(
        "0.3000 client sends #5"))
    assert story(timeline)[step] == "0.3000 client sends #5: ESTABLISHED RCV_FIN > CLOSE_WAIT"
    assert list(timeline[step].notes) == [
        "100 bytes this ACK acknowledges arrived unseen (an unseen segment)",
        "the gap is filled: the FIN held since it arrived out of order is processed now"]
    assert "0.3100 client sends #6: CLOSE_WAIT CLOSE > LAST_ACK" in story(timeline)


def test_a_held_fin_passed_by_the_receivers_own_fin_is_processed_before_its_close() -> None:
    """As above, but the client's first word after the gap is its own FIN, ACK 5102: the
    ACK says the server's FIN was processed first (CLOSE-WAIT), so the client's CLOSE is
    the passive one, CLOSE-WAIT → LAST-ACK, two rows in one step, the FIN's first."""
    segments = [*HANDSHAKE,
                seg(0.2002, False, FIN | ACK, 5101, 1001, window=509),  # 3
                seg(0.2003, True, ACK, 1001, 5001),                     # 4 the gap
                seg(0.31, True, FIN | ACK, 1001, 5102),                 # 5 gap, FIN, its FIN
                seg(0.41, False, ACK, 5102, 1002, window=509)]          # 6
    timeline, _ = replay(segments)
    assert ("0.3100 client sends #5: ESTABLISHED RCV_FIN > CLOSE_WAIT, "
            "CLOSE_WAIT CLOSE > LAST_ACK") in story(timeline)
    assert timeline.states("client")[-2:] == ["LAST_ACK", "CLOSED"]
    # the server's FIN acknowledged and the client's FIN in one segment: one row
    assert timeline.states("server")[-2:] == ["FIN_WAIT_1", "TIME_WAIT"]


@pytest.mark.parametrize(("flags", "rows"), [
    (RST | ACK, "ESTABLISHED RCV_FIN > CLOSE_WAIT, CLOSE_WAIT ABORT > CLOSED"),
    (RST, "ESTABLISHED ABORT > CLOSED"),
])
def test_a_reset_acknowledging_a_held_fin_says_it_was_processed_only_with_the_ack_bit(
        flags: int, rows: str) -> None:
    """As above, the client holding the server's FIN beyond a gap, but its next word is a
    reset with the acknowledgement field 5102. With the ACK bit, that field says the gap
    and the FIN arrived: the FIN was processed, then the abort. Without it the field means
    nothing (RFC 9293 §3.1: "If the ACK control bit is set this field contains the value
    of the next sequence number the sender of the segment is expecting"): a plain abort."""
    segments = [*HANDSHAKE,
                seg(0.2002, False, FIN | ACK, 5101, 1001, window=509),  # 3
                seg(0.2003, True, ACK, 1001, 5001),                     # 4 the gap
                seg(0.31, True, flags, 1001, 5102, window=0)]           # 5
    timeline, _ = replay(segments)
    assert f"0.3100 client sends #5: {rows}" in story(timeline)


def test_an_ack_showing_a_gap_arrived_unseen_keeps_holding_what_lies_beyond_it() -> None:
    """Captured at the client, which holds the server's 5101-5200 and 5301-5400 beyond two
    gaps (its duplicate ACKs repeat 5001). Its ACK of 5201 then says 5001-5100 arrived
    where the capture did not see it (100 bytes, one unseen segment): RCV.NXT 5201, the held
    5101-5200 is behind it, 5301-5400 still held. The server's resend of 5201-5300 fills the
    second gap and releases the held 100 bytes: RCV.NXT 5401 (relative 401)."""
    segments = [*HANDSHAKE,
                seg(0.2002, False, PSH | ACK, 5101, 1001, 100, window=509),  # 3
                seg(0.2003, True, ACK, 1001, 5001),                          # 4
                seg(0.2004, False, PSH | ACK, 5301, 1001, 100, window=509),  # 5
                seg(0.2005, True, ACK, 1001, 5001),                          # 6
                seg(0.3, True, ACK, 1001, 5201),                             # 7
                seg(0.4, False, PSH | ACK, 5201, 1001, 100, window=509),     # 8
                seg(0.4001, True, ACK, 1001, 5401)]                          # 9
    timeline, info = replay(segments)
    lines = story(timeline)
    acked = lines.index("0.3000 client sends #7: no row")
    assert list(timeline[acked].notes) == [
        "100 bytes this ACK acknowledges arrived unseen (an unseen segment)"]
    assert tcb(timeline[acked], "client", ISN) == "ESTABLISHED una=1 nxt=1 rcv=201 wnd=509"
    filled = lines.index("0.4000 client receives #8: ESTABLISHED RCV_SEGMENT > ESTABLISHED")
    assert list(timeline[filled].notes) == ["100 held out-of-order bytes now delivered"]
    assert tcb(timeline[filled], "client", ISN) == "ESTABLISHED una=1 nxt=1 rcv=401 wnd=509"
    assert info.unseen_segments == 1


@pytest.mark.usefixtures("both_paths")
def test_an_ack_max_snd_wnd_behind_snd_una_is_still_acceptable_and_one_further_is_not(
) -> None:
    """RFC 5961 §5 (RFC 9293 §3.10.7.4, fifth check): an ACK is acceptable in
    SND.UNA − MAX.SND.WND =< SEG.ACK =< SND.NXT. The client sent 80000 bytes (SND.UNA 81001
    once acknowledged); MAX.SND.WND is 65535 (no window scaling). ACK 81001 − 65535 = 15466
    is the oldest acceptable one; 15465 is too old: dropped with an ACK (RCV_BAD_ACK)."""
    segments = [*_scaled(None, None)[:3],
                seg(0.2, True, PSH | ACK, 1001, 5001, 40000),           # 3
                seg(0.3, False, ACK, 5001, 41001, window=509),         # 4
                seg(0.31, True, PSH | ACK, 41001, 5001, 40000),        # 5
                seg(0.41, False, ACK, 5001, 81001, window=509),        # 6
                seg(0.42, False, ACK, 5001, 15466, window=509),        # 7
                seg(0.43, False, ACK, 5001, 15465, window=509)]        # 8
    timeline, _ = replay(segments)
    assert story(timeline)[-2:] == [
        "0.4200 client receives #7: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.4300 client receives #8: ESTABLISHED RCV_BAD_ACK > ESTABLISHED"]


@pytest.mark.usefixtures("both_paths")
@pytest.mark.parametrize(("length", "row"), [(65545, "RCV_SEGMENT"),
                                              (65546, "RCV_OUT_OF_WINDOW")])
def test_a_segment_reaching_one_byte_past_the_receive_window_is_not_acceptable(
        length: int, row: str) -> None:
    """§3.10.7.4's acceptability test for data: the first or the last byte must lie in
    RCV.NXT =< x < RCV.NXT + RCV.WND. The server has 1001-1010 (RCV.NXT 1011, RCV.WND 65535,
    no scaling); a resend from 1001 of 65545 bytes ends at 66545 = 1011 + 65534, inside;
    one byte longer ends at 1011 + 65535, outside, and its first byte is below RCV.NXT."""
    segments = [*_scaled(None, None)[:3],
                seg(0.2, True, PSH | ACK, 1001, 5001, 10),         # 3
                seg(0.3, False, ACK, 5001, 1011, window=509),      # 4
                seg(0.4, True, PSH | ACK, 1001, 5001, length)]     # 5
    timeline, _ = replay(segments)
    assert story(timeline)[-1] == f"0.4500 server receives #5: ESTABLISHED {row} > ESTABLISHED"


def test_the_common_acks_and_data_are_replayed_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Speed (issue 14): the replay classifies ACK and data segments arriving in ESTABLISHED,
    CLOSE-WAIT or FIN-WAIT-2, in order and acknowledging nothing unsent, inline; only the
    handshake, the FINs and the arrivals in other states go through the general path. An
    ACK below SND.NXT and an old copy below RCV.NXT are inline too. ACK and data segments
    are sent inline; SYNs, FINs and resets through sender_rows."""
    general: list[int] = []
    sent_generally: list[int] = []
    receive, send = engine._Replayer.receiver_rows, engine._Replayer.sender_rows

    def received(self: engine._Replayer, side: object, i: int) -> tuple[object, ...]:
        general.append(i)
        return receive(self, side, i)  # type: ignore[arg-type]

    def sent(self: engine._Replayer, side: object, i: int) -> tuple[object, ...]:
        sent_generally.append(i)
        return send(self, side, i)  # type: ignore[arg-type]

    monkeypatch.setattr(engine._Replayer, "receiver_rows", received)
    monkeypatch.setattr(engine._Replayer, "sender_rows", sent)
    segments = [*_scaled(None, None)[:3],
                seg(0.2, True, PSH | ACK, 1001, 5001, 100),             # 3 data
                seg(0.2001, True, PSH | ACK, 1101, 5001, 100),          # 4 data
                seg(0.3, False, ACK, 5001, 1101, window=509),           # 5 below SND.NXT
                seg(0.3001, False, ACK, 5001, 1201, window=509),        # 6
                seg(0.5, True, PSH | ACK, 1001, 5001, 100),             # 7 an old copy
                seg(0.6, False, ACK, 5001, 1201, window=509),           # 8 its answer
                seg(0.7, True, FIN | ACK, 1201, 5001),                  # 9
                seg(0.8, False, ACK, 5001, 1202, window=509),           # 10 at FIN-WAIT-1
                seg(0.81, False, PSH | ACK, 5001, 1202, 50, window=509),  # 11 at FIN-WAIT-2
                seg(0.91, True, ACK, 1202, 5051),                       # 12 at CLOSE-WAIT
                seg(1.2, False, FIN | ACK, 5051, 1202, window=509),     # 13
                seg(1.3, True, ACK, 1202, 5052)]                        # 14 at LAST-ACK
    timeline, _ = replay(segments)
    assert timeline.states("client")[-1] == "TIME_WAIT"
    assert sorted(general) == [0, 1, 2, 9, 10, 13, 14]
    assert sorted(sent_generally) == [0, 1, 9, 13]  # the SYNs and FINs


@pytest.mark.parametrize(("flags", "notes", "unseen"), [
    (RST | ACK, ["out of order: expected 5001, got 5101; held, and the ACK repeats RCV.NXT "
                 "(a duplicate ACK)"], 0),
    (RST, ["100 bytes before this segment were never seen (an unseen or lost segment)"], 1),
])
def test_whether_a_gap_arrived_unseen_is_read_from_a_reset_only_with_the_ack_bit(
        flags: int, notes: list[str], unseen: int) -> None:
    """Captured at the client: the server's 5101-5200 arrives beyond RCV.NXT (5001) and the
    client's next segment is a reset with the acknowledgement field 5001. With the ACK bit
    that is RCV.NXT: the gap had not arrived, the segment is held. Without it the field
    means nothing (§3.1), no later ACK tells, and the gap counts as one unseen segment."""
    segments = [*HANDSHAKE,
                seg(0.2002, False, PSH | ACK, 5101, 1001, 100, window=509),  # 3
                seg(0.2003, True, flags, 1001, 5001, window=0)]              # 4
    timeline, info = replay(segments)
    arrival = story(timeline).index(
        "0.2002 client receives #3: ESTABLISHED RCV_SEGMENT > ESTABLISHED")
    assert list(timeline[arrival].notes) == notes
    assert info.unseen_segments == unseen


@pytest.mark.usefixtures("both_paths")
def test_a_fin_held_beyond_two_gaps_is_processed_only_when_the_second_fills() -> None:
    """Captured at the client: the server's 5101-5200 and its FIN (5301) arrive beyond two
    gaps, 5001-5100 and 5201-5300; both are held (the duplicate ACKs repeat 5001). The copy
    of 5001-5100 fills the first gap and releases the held 100 bytes: RCV.NXT 5201, the FIN
    still waits. The copy of 5201-5300 reaches it: RCV.NXT 5301, then the FIN (eighth
    check): 5302, CLOSE-WAIT."""
    segments = [*HANDSHAKE,
                seg(0.2002, False, PSH | ACK, 5101, 1001, 100, window=509),  # 3
                seg(0.2003, True, ACK, 1001, 5001),                          # 4
                seg(0.2004, False, FIN | ACK, 5301, 1001, window=509),       # 5
                seg(0.2005, True, ACK, 1001, 5001),                          # 6
                seg(0.4, False, PSH | ACK, 5001, 1001, 100, window=509),     # 7
                seg(0.4001, True, ACK, 1001, 5201),                          # 8
                seg(0.6, False, PSH | ACK, 5201, 1001, 100, window=509),     # 9
                seg(0.6001, True, ACK, 1001, 5302)]                          # 10
    timeline, _ = replay(segments)
    lines = story(timeline)
    first = lines.index("0.4000 client receives #7: ESTABLISHED RCV_SEGMENT > ESTABLISHED")
    assert list(timeline[first].notes) == ["100 held out-of-order bytes now delivered"]
    assert tcb(timeline[first], "client", ISN) == "ESTABLISHED una=1 nxt=1 rcv=201 wnd=509"
    second = lines.index("0.6000 client receives #9: ESTABLISHED RCV_FIN > CLOSE_WAIT")
    assert list(timeline[second].notes) == [
        "the gap is filled: the FIN held since it arrived out of order is processed now"]
    assert tcb(timeline[second], "client", ISN) == "CLOSE_WAIT una=1 nxt=1 rcv=302 wnd=509"


def test_a_reset_in_syn_received_after_a_passive_open_returns_to_listen() -> None:
    """§3.10.7.4, SYN-RECEIVED: "If this connection was initiated with a passive OPEN
    (i.e., came from the LISTEN state), then return this connection to LISTEN state." The
    client aborted (an RST at SEG.SEQ = RCV.NXT, 1001) before its ACK."""
    timeline, _ = replay([*HANDSHAKE[:2], seg(0.1001, True, RST, 1001, 0, window=0)])
    assert story(timeline)[4:] == ["0.1001 client sends #2: ESTABLISHED ABORT > CLOSED",
                                   "0.1501 server receives #2: SYN_RECEIVED RCV_RST > LISTEN"]
    assert timeline.states("server") == ["LISTEN", "SYN_RECEIVED", "LISTEN"]


@pytest.mark.parametrize(("seq", "row"), [
    (1011, "RCV_RST_IN_WINDOW"),  # RFC 5961 §3.2: in the window, not at RCV.NXT
    (1001 + 70_000, "RCV_RST_IGNORED"),  # §3.10.7.4 first check: outside the window
])
def test_a_reset_not_at_rcv_nxt_changes_nothing(seq: int, row: str) -> None:
    """RFC 5961 §3.2: a reset in the window but not exactly at RCV.NXT (a blind reset
    attempt) is answered with a challenge ACK and dropped; one outside the window (65535:
    the SYNs carried no window scale) is dropped. Either way the server stays ESTABLISHED
    with its control block as it was (SND.WND 502, not the reset's 0)."""
    timeline, _ = replay([*_scaled(None, None)[:3],
                          seg(0.2, True, RST | ACK, seq, 5001, window=0)])
    assert story(timeline)[-1] == f"0.2500 server receives #3: ESTABLISHED {row} > ESTABLISHED"
    assert tcb(timeline[len(timeline) - 1], "server", ISN) == (
        "ESTABLISHED una=1 nxt=1 rcv=1 wnd=502")


@pytest.mark.usefixtures("both_paths")
def test_a_held_fin_reached_by_a_segment_that_also_acknowledges_our_fin_ends_in_time_wait(
) -> None:
    """Captured at the server, both sides closing at once (figure 13) while the server's
    last 100 bytes are lost: the client, in FIN-WAIT-1, holds the server's FIN (it arrived
    before those bytes, §3.10.7.4) and repeats its ACK of 5001; the server, in CLOSING,
    resends the bytes on its timer, now acknowledging the client's FIN (1002). That copy
    fills the gap, brings the held FIN and acknowledges the client's own: FIN + ACK of FIN,
    FIN-WAIT-1 → TIME-WAIT in one row (the FIN processed once, not twice)."""
    segments = [
        seg(0.0, True, SYN, 1000, 0, window=64240),                 # 0
        seg(0.0001, False, SYN | ACK, 5000, 1001, window=65160),    # 1
        seg(0.1001, True, ACK, 1001, 5001),                         # 2
        seg(0.19, False, PSH | ACK, 5001, 1001, 100, window=509),   # 3 lost
        seg(0.1901, False, FIN | ACK, 5101, 1001, window=509),      # 4
        seg(0.2, True, FIN | ACK, 1001, 5001),                      # 5 sent at 0.15
        seg(0.2902, True, ACK, 1002, 5001),                         # 6 duplicate ACK
        seg(1.19, False, PSH | ACK, 5001, 1002, 100, window=509),   # 7 the copy of #3
        seg(1.2902, True, ACK, 1002, 5102),                         # 8
    ]
    timeline, info = replay(segments)
    assert story(timeline)[6:] == [
        "0.1500 client sends #5: ESTABLISHED CLOSE > FIN_WAIT_1",
        "0.1900 server sends #3: ESTABLISHED SEND > ESTABLISHED",
        "0.1901 server sends #4: ESTABLISHED CLOSE > FIN_WAIT_1",
        "0.2000 server receives #5: FIN_WAIT_1 RCV_FIN > CLOSING",
        "0.2150 network loses #3: no row",
        "0.2401 client receives #4: FIN_WAIT_1 RCV_SEGMENT > FIN_WAIT_1",
        "0.2402 client sends #6: no row",
        "0.2902 server receives #6: CLOSING RCV_SEGMENT > CLOSING",
        "1.1900 server sends #7: CLOSING TIMEOUT_RETRANSMISSION > CLOSING",
        "1.2400 client receives #7: FIN_WAIT_1 RCV_FIN_ACK_OF_FIN > TIME_WAIT",
        "1.2402 client sends #8: no row",
        "1.2902 server receives #8: CLOSING RCV_ACK_OF_FIN > TIME_WAIT",
    ]
    assert info.lost_segments == 1
    assert list(timeline[15].notes) == [
        "the gap is filled: the FIN held since it arrived out of order is processed now"]


def test_segments_reaching_a_closed_side_count_no_unseen_bytes() -> None:
    """After its ABORT the client is CLOSED: two data segments the server sent before the
    reset reached it each draw a reset (§3.10.7.1), the second lying beyond the first
    changes nothing — a closed side has no RCV.NXT to measure gaps from."""
    segments = [*HANDSHAKE, seg(0.2, True, RST | ACK, 1001, 5001, window=0),
                seg(0.27, False, PSH | ACK, 5001, 1001, 10),
                seg(0.2701, True, RST, 1001, 0, window=0),
                seg(0.28, False, PSH | ACK, 5011, 1001, 10),
                seg(0.2801, True, RST, 1001, 0, window=0)]
    timeline, info = replay(segments)
    assert [line for line in story(timeline) if "client receives" in line][-2:] == [
        "0.2700 client receives #4: CLOSED RCV_SEGMENT > CLOSED",
        "0.2800 client receives #6: CLOSED RCV_SEGMENT > CLOSED"]
    assert info.unseen_segments == 0
    assert not any(step.notes for step in timeline)


@pytest.mark.usefixtures("both_paths")
def test_whether_a_gap_arrived_unseen_is_read_from_the_receivers_next_ack_only() -> None:
    """Captured at the client, which missed the server's first 100 bytes. Its request (#3,
    ACK 5001) left just before #4 arrived, so it says nothing about #4; the ACK it sent next
    (5201) covers #4: the gap arrived unseen (one unseen segment), and #4 is taken in order,
    not held: RCV.NXT 5001 → 5101 → 5201."""
    segments = [*HANDSHAKE, seg(0.2001, True, PSH | ACK, 1001, 5001, 10),
                seg(0.2002, False, PSH | ACK, 5101, 1001, 100, window=509),
                seg(0.2003, True, ACK, 1011, 5201)]
    timeline, info = replay(segments)
    assert story(timeline)[6:10] == [
        "0.1502 server sends #4: ESTABLISHED SEND > ESTABLISHED",
        "0.2001 client sends #3: ESTABLISHED SEND > ESTABLISHED",
        "0.2002 client receives #4: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.2003 client sends #5: no row"]
    assert info.unseen_segments == 1
    assert list(timeline[8].notes) == [
        "100 bytes before this segment were never seen (an unseen or lost segment)"]
    assert tcb(timeline[8], "client", ISN) == "ESTABLISHED una=1 nxt=11 rcv=201 wnd=509"


@pytest.mark.usefixtures("both_paths")
def test_the_receivers_next_ack_is_its_own_even_when_the_peer_sends_in_between() -> None:
    """As the partial gap above, with the server sending (#6, at 0.3003) between #4's
    arrival and the client's next ACK (#5, 5101): that ACK, not the server's segment, says
    5001-5100 arrived unseen and 5101-5200 did not, so #4 is held until #6 brings them."""
    segments = [*HANDSHAKE, seg(0.2, True, PSH | ACK, 1001, 5001, 10),
                seg(0.3002, False, PSH | ACK, 5201, 1011, 100, window=509),  # 4
                seg(0.3004, True, ACK, 1011, 5101),                          # 5
                seg(0.3503, False, PSH | ACK, 5101, 1011, 100, window=509),  # 6 sent 0.3003
                seg(0.3506, True, ACK, 1011, 5301)]                          # 7
    timeline, info = replay(segments)
    assert story(timeline)[9:13] == [
        "0.3002 client receives #4: ESTABLISHED RCV_SEGMENT > ESTABLISHED",
        "0.3003 server sends #6: ESTABLISHED TIMEOUT_RETRANSMISSION > ESTABLISHED",
        "0.3004 client sends #5: no row",
        "0.3503 client receives #6: ESTABLISHED RCV_SEGMENT > ESTABLISHED"]
    assert info.unseen_segments == 1
    assert list(timeline[9].notes) == [
        "100 bytes before this segment were never seen (an unseen or lost segment)",
        "out of order: expected 5101, got 5201; held, and the ACK repeats RCV.NXT (a "
        "duplicate ACK)"]
    assert [tcb(timeline[k], "client", ISN) for k in (9, 12)] == [
        "ESTABLISHED una=11 nxt=11 rcv=101 wnd=509", "ESTABLISHED una=11 nxt=11 rcv=301 wnd=509"]


@pytest.mark.usefixtures("both_paths")
def test_with_two_gaps_the_second_held_segment_waits_for_the_second_copy() -> None:
    """Captured at the client: #3 and #5 were lost (duplicate ACKs for 1001, then for 1201,
    RFC 5681 §2), #4 and #6 held by the server (§3.10.7.4). The copy of #3 releases #4
    (RCV.NXT 1 + 100 + 100 = 201) while #6 stays held; the copy of #5 releases it
    (201 + 100 + 100 = 401)."""
    segments = [*HANDSHAKE,
                seg(0.2, True, PSH | ACK, 1001, 5001, 100),         # 3 lost
                seg(0.2001, True, PSH | ACK, 1101, 5001, 100),      # 4
                seg(0.2002, True, PSH | ACK, 1201, 5001, 100),      # 5 lost
                seg(0.2003, True, PSH | ACK, 1301, 5001, 100),      # 6
                seg(0.3002, False, ACK, 5001, 1001, window=65160),  # 7 duplicate ACKs
                seg(0.3004, False, ACK, 5001, 1001, window=65160),  # 8
                seg(1.2, True, PSH | ACK, 1001, 5001, 100),         # 9 the copy of #3
                seg(1.3, False, ACK, 5001, 1201, window=65160),     # 10 duplicate ACKs
                seg(1.3002, False, ACK, 5001, 1201, window=65160),  # 11
                seg(1.3003, True, PSH | ACK, 1201, 5001, 100),      # 12 the copy of #5
                seg(1.4003, False, ACK, 5001, 1401, window=65160)]  # 13
    timeline, info = replay(segments)
    assert (info.lost_segments, info.unseen_segments) == (2, 0)
    assert [s.fate.name for s in timeline.segments][3:7] == ["LOST", "DELIVERED", "LOST",
                                                             "DELIVERED"]
    released = [(step.index, tcb(step, "server", ISN)) for step in timeline
                if "100 held out-of-order bytes now delivered" in step.notes]
    assert released == [(19, "ESTABLISHED una=1 nxt=1 rcv=201 wnd=502"),
                        (25, "ESTABLISHED una=1 nxt=1 rcv=401 wnd=502")]
    assert story(timeline)[19] == "1.2500 server receives #9: ESTABLISHED RCV_SEGMENT > ESTABLISHED"
    assert story(timeline)[25] == (
        "1.3503 server receives #12: ESTABLISHED RCV_SEGMENT > ESTABLISHED")


@pytest.mark.usefixtures("both_paths")
def test_data_without_the_ack_bit_is_dropped_in_a_synchronized_state() -> None:
    """§3.10.7.4, fifth check: "if the ACK bit is off drop the segment and return" — the
    server's RCV.NXT stays 1 (its ACK at 0.3 says so too: 1001), as the simulated endpoint
    drops it. (The replay used to take the 20 bytes in: RCV.NXT 21.)"""
    segments = [*HANDSHAKE, seg(0.2, True, PSH, 1001, 0, 20),
                seg(0.3, False, ACK, 5001, 1001, window=509)]
    timeline, _ = replay(segments)
    arrival = timeline[7]
    assert story(timeline)[7] == "0.2500 server receives #3: ESTABLISHED RCV_SEGMENT > ESTABLISHED"
    assert list(arrival.notes) == ["segment without ACK dropped"]
    assert tcb(arrival, "server", ISN) == "ESTABLISHED una=1 nxt=1 rcv=1 wnd=502"


def test_data_without_the_ack_bit_reaching_syn_received_is_dropped() -> None:
    """The fifth check holds in SYN-RECEIVED too (§3.10.7.4: "if the ACK bit is off drop
    the segment and return"): the client's 20 bytes without ACK leave the server's RCV.NXT
    at 1 (relative); the server's SYN,ACK sent again acknowledges 1001 all the same."""
    segments = [*HANDSHAKE[:2], seg(0.2, True, PSH, 1001, 0, 20),
                seg(0.3, False, SYN | ACK, 5000, 1001, window=65160)]
    timeline, _ = replay(segments)
    arrival = story(timeline).index(
        "0.2500 server receives #2: SYN_RECEIVED RCV_SEGMENT > SYN_RECEIVED")
    assert list(timeline[arrival].notes) == ["segment without ACK dropped"]
    assert tcb(timeline[arrival], "server", ISN) == "SYN_RECEIVED una=0 nxt=1 rcv=1 wnd=64240"


# A connection refused (RST,ACK to the first SYN), then the client's next attempt (ISS 2000)
# answered with a SYN,ACK: the server started listening in between.
REFUSED_THEN_ANSWERED = [seg(0.0, True, SYN, 1000, 0, window=64240),
                         seg(0.1, False, RST | ACK, 0, 1001, window=0),
                         seg(1.0, True, SYN, 2000, 0, window=64240),
                         seg(1.1, False, SYN | ACK, 5000, 2001, window=65160)]


def test_a_server_that_refused_a_syn_and_answers_the_next_had_started_listening() -> None:
    """A connection refused (RST,ACK to the first SYN), then the server starts listening and
    the client's next attempt (ISS 2000) succeeds. The server meets the second SYN in
    CLOSED as far as the capture can tell; its SYN,ACK (ACK 2001) says it was listening by
    then: SYN-RECEIVED with RCV.NXT 2001, and the client's ACK completes the handshake."""
    segments = [*REFUSED_THEN_ANSWERED, seg(1.2, True, ACK, 2001, 5001)]
    timeline, _ = replay(segments)
    lines = story(timeline)
    answer = next(k for k, line in enumerate(lines) if " server sends #3: " in line)
    assert list(timeline[answer].notes) == [
        "it answers a SYN, so it was listening by then (it had refused an earlier one)"]
    assert tcb(timeline[answer], "server", {"client": 2000, "server": 5000}) == (
        "SYN_RECEIVED una=0 nxt=1 rcv=1 wnd=0")
    assert timeline[answer].snapshot("server").irs == 2000
    assert lines[-1].endswith("server receives #4: SYN_RECEIVED RCV_ACK_OF_SYN > ESTABLISHED")
    assert timeline.states("server") == ["CLOSED", "SYN_RECEIVED", "ESTABLISHED"]


@pytest.mark.parametrize(("seq", "length"), [(90000, 0), (1001, 20)])
def test_a_syn_reaching_an_established_side_is_answered_and_changes_nothing(
        seq: int, length: int) -> None:
    """RFC 5961 §4 (RFC 9293 §3.10.7.4, fourth check): a SYN in a synchronized state is
    answered with a challenge ACK and dropped, whatever its sequence number: a new attempt
    from the same port far beyond RCV.NXT counts no bytes unseen, and one at RCV.NXT
    carrying 20 bytes does not deliver them. The server's RCV.NXT stays 1001 (relative 1)."""
    segments = [*HANDSHAKE, seg(0.3, True, SYN, seq, 0, length, window=64240)]
    timeline, info = replay(segments)
    arrival = len(timeline) - 1
    assert story(timeline)[arrival] == (
        "0.3500 server receives #3: ESTABLISHED RCV_SYN > ESTABLISHED")
    assert list(timeline[arrival].notes) == []
    assert tcb(timeline[arrival], "server", ISN) == "ESTABLISHED una=1 nxt=1 rcv=1 wnd=502"
    assert info.unseen_segments == 0


def test_a_syn_sent_again_in_syn_received_is_a_retransmission_timeout() -> None:
    """A simultaneous open (figure 7) in which the client's first SYN was lost (it sends
    the same SYN again: the evidence) and the server's SYN took the client to SYN-RECEIVED
    first: nothing but its timer sends that SYN again (RFC 6298 §5.4), so the copy at 1 s
    is the retransmission-timeout row of SYN-RECEIVED."""
    options = {"mss": 1460, "window_scale": 7}
    segments = [seg(0.0, True, SYN, 1000, 0, window=64240, **options),              # 0
                seg(0.05, False, SYN, 5000, 0, window=65160, **options),            # 1
                seg(1.0, True, SYN, 1000, 0, window=64240, **options),              # 2
                seg(1.0001, True, SYN | ACK, 1000, 5001, window=64240, **options),  # 3
                seg(1.1, False, SYN | ACK, 5000, 1001, window=65160, **options),    # 4
                seg(1.1001, True, ACK, 1001, 5001)]                                 # 5
    timeline, info = replay(segments)
    assert story(timeline)[:5] == [
        "0.0000 client sends #0: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0000 network loses #0: no row",
        "0.0500 server sends #1: CLOSED OPEN_ACTIVE > SYN_SENT",
        "0.0500 client receives #1: SYN_SENT RCV_SYN > SYN_RECEIVED",
        "1.0000 client sends #2: SYN_RECEIVED TIMEOUT_RETRANSMISSION > SYN_RECEIVED"]
    assert info.lost_segments == 1


def test_a_capture_opening_on_the_syn_ack_takes_the_servers_iss_from_it() -> None:
    """The client's SYN was not captured, so the replay joins mid-stream; the server's first
    segment is its SYN,ACK, whose SEQ is its ISS (RFC 9293 §3.4): ISS 5000, as the client's
    IRS, and the server's data counts from 1 (Wireshark's relative numbers do the same)."""
    segments = [seg(0.0, False, SYN | ACK, 5000, 1001, window=65160),
                seg(0.05, True, ACK, 1001, 5001),
                seg(0.1, False, PSH | ACK, 5001, 1001, 100, window=509),
                seg(0.15, True, ACK, 1001, 5101)]
    timeline, info = replay(segments)
    assert info.opened == "midstream"
    first = timeline[0]
    assert (first.snapshot("server").iss, first.snapshot("client").irs) == (5000, 5000)
    assert what(timeline[len(timeline) - 1]).startswith(
        "Server receives [ACK] seq=1 ack=101 len=0 in ESTABLISHED")


def test_a_server_that_started_listening_returns_to_listen_when_the_client_resets() -> None:
    """As above (refused, then the server answers the next SYN): its SYN,ACK shows it had
    been opened passively, so when the client resets instead of acknowledging, it returns to
    LISTEN (§3.10.7.4, SYN-RECEIVED: "If this connection was initiated with a passive OPEN
    ... return this connection to LISTEN state"), not CLOSED."""
    segments = [*REFUSED_THEN_ANSWERED, seg(1.2, True, RST, 2001, 0, window=0)]
    timeline, _ = replay(segments)
    assert story(timeline)[-1].endswith("server receives #4: SYN_RECEIVED RCV_RST > LISTEN")


def test_a_held_fin_passed_after_the_side_has_reset_fires_no_row() -> None:
    """Found by fuzzing: the client holds the server's FIN beyond a gap, resets, and only
    then sends an ACK passing it. A closed side has no row for a FIN (§3.10.7.4 applies to
    the states that take one), so nothing fires and the replay does not fail."""
    segments = [*HANDSHAKE,
                seg(0.2002, False, FIN | ACK, 5101, 1001, window=509),  # 3
                seg(0.2003, True, ACK, 1001, 5001),                     # 4 the gap
                seg(0.25, True, RST, 1001, 0, window=0),                # 5
                seg(0.3, True, ACK, 1001, 5102)]                        # 6
    timeline, _ = replay(segments)
    assert next(line for line in story(timeline) if "client sends #6" in line).endswith(
        "client sends #6: no row")
    assert timeline.states("client")[-1] == "CLOSED"
