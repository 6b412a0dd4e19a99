"""A replayed capture explains its steps as a capture, not as the simulator: the ISNs were
chosen by the senders' own stacks, and the windows come from the captured segments."""

from __future__ import annotations

from simulator.lessons import lesson_source, load_lessons
from simulator.models.tcp.phrase import Rendering, render
from simulator.models.tcp.segment import Flags
from simulator.models.timeline.steps import StepKind, Timeline


def _capture() -> Timeline:
    lesson = next(lesson for lesson in load_lessons() if lesson.source.kind.value == "capture")
    timeline = lesson_source(lesson.source)
    assert isinstance(timeline, Timeline)
    return timeline


def test_a_captured_iss_was_chosen_by_the_sender_not_by_our_generator():
    timeline = _capture()
    lines = [line for step in timeline for line in step.explanation.arithmetic
             if line.startswith("ISS = ")]
    assert len(lines) == 2  # one per side, where each sends its SYN
    assert all(line.endswith("(chosen by the sender; seen in the capture)") for line in lines)
    assert not any("6528" in line for line in lines)
    relative = [render(line, Rendering(relative=True, beside=True)) for line in lines]
    assert relative[0] == (f"ISS = 0 (abs {timeline.isn['client']}) (chosen by the sender; "
                           "seen in the capture)")


def test_snd_wnd_is_the_window_of_the_peers_syn_once_it_has_arrived():
    """The capture lesson showed SND.WND = 0 from the SYN,ACK to the first data: the replay
    did not learn the window a SYN carries, as the simulated endpoint does."""
    timeline = _capture()
    for step in timeline:
        if step.kind is StepKind.ARRIVE and step.segment is not None \
                and Flags.SYN in step.segment.flags:
            assert step.snapshot(step.actor).snd_wnd == step.segment.window
    for step in timeline:
        for side in ("client", "server"):
            snapshot = step.snapshot(side)
            if snapshot.irs is not None:
                assert snapshot.snd_wnd > 0, (step.index, side)
