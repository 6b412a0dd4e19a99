"""One number convention: at every step the ladder's label, the explanation's headline and
arithmetic, and the predict question and answer show the same sequence numbers, relative to
the step's own connection's ISNs or absolute as the R toggle says (RFC 9293 §3.4)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QTextDocument

from simulator.lessons import lesson_source, load_lessons
from simulator.models.lessons.predict import QuestionKind, questions_for_step
from simulator.models.simulation.scenarios import build
from simulator.models.tcp.phrase import Rendering, render
from simulator.models.timeline.steps import StepKind, Timeline
from simulator.ui.lessons.predict_panel import PredictPanel
from simulator.ui.tcp.explanation_panel import ExplanationPanel, step_html
from simulator.ui.tcp.ladder_view import LadderView

LABEL = re.compile(r"seq=(\d+)(?: ack=(\d+))?")


def _capture() -> Timeline:
    lesson = next(lesson for lesson in load_lessons() if lesson.source.kind.value == "capture")
    timeline = lesson_source(lesson.source)
    assert isinstance(timeline, Timeline)
    return timeline


TIMELINES = {
    "handshake-teardown": lambda: build("handshake-teardown"),
    "http10-per-request": lambda: build("http10-per-request"),
    "capture": _capture,
}


def _ladder_labels(qtbot, timeline: Timeline, relative: bool) -> dict[int, str]:
    view = LadderView()
    qtbot.addWidget(view)
    view.set_relative_numbers(relative)
    view.set_timeline(timeline)
    view.set_cursor(len(timeline) - 1)
    return {a.segment_id: a.label_text for a in view.all_arrow_items()}


def _plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def _number(value: str, absolute: str, relative: bool) -> str:
    """How an arithmetic line writes a number: relative with its absolute value beside."""
    return f"{value} (abs {absolute})" if relative and value != absolute else value


@pytest.mark.parametrize("relative", [True, False], ids=["relative", "absolute"])
@pytest.mark.parametrize("name", list(TIMELINES))
def test_ladder_explanation_and_predict_show_the_same_numbers(qtbot, name, relative):
    timeline = TIMELINES[name]()
    labels = _ladder_labels(qtbot, timeline, relative)
    absolute = _ladder_labels(qtbot, timeline, False)
    shown = Rendering(relative=relative)
    checked = 0
    for step in timeline:
        if step.kind is StepKind.HTTP:
            continue
        text = _plain(step_html(timeline, step, relative=relative))
        headline = text.splitlines()[1]
        if step.kind is StepKind.ARRIVE and step.segment is not None:
            label = labels[step.segment.id].split("  ")[0]
            assert label in headline, (step.index, label, headline)
            seq, ack = LABEL.search(label).groups()  # type: ignore[union-attr]
            abs_seq, abs_ack = LABEL.search(absolute[step.segment.id]).groups()  # type: ignore[union-attr]
            assert f"SEG.SEQ = {_number(seq, abs_seq, relative)}," in text, step.index
            if ack is not None:
                assert f"SEG.ACK = {_number(ack, abs_ack, relative)}" in text, step.index
            state = [q for q in questions_for_step(timeline, step.index)
                     if q.kind is QuestionKind.STATE]
            for question in state:
                assert label in render(question.prompt.en, shown), step.index
            checked += 1
        for seg_id in step.sent:
            label = labels[seg_id].split("  ")[0]
            seq, ack = LABEL.search(label).groups()  # type: ignore[union-attr]
            abs_seq, abs_ack = LABEL.search(absolute[seg_id]).groups()  # type: ignore[union-attr]
            sent = f"sent: SEQ = {_number(seq, abs_seq, relative)}"
            if ack is not None:
                sent += f", ACK = {_number(ack, abs_ack, relative)}"
            assert sent in text, (step.index, sent)
            numbers = [q for q in questions_for_step(timeline, step.index)
                       if q.kind is QuestionKind.NUMBERS and ack is not None]
            for question in numbers:
                answer = render(question.choices[question.answer].en, shown)
                assert answer == f"seq={seq} ack={ack}", step.index
                assert answer in render(question.explanation.en, shown)
            checked += 1
    assert checked > 10


def test_the_second_connection_counts_from_its_own_isns_everywhere(qtbot):
    """http10-per-request, step 41 (the second connection's last ACK): relative numbers are
    the second connection's, not the first's (the ladder once used the first ISNs)."""
    timeline = build("http10-per-request")
    step = timeline[40]
    assert step.connection == 1 and step.segment is not None
    label = _ladder_labels(qtbot, timeline, True)[step.segment.id]
    assert label.startswith("[ACK] seq=505 ack=110 len=0")
    panel = ExplanationPanel()
    qtbot.addWidget(panel)
    panel.set_timeline(timeline)
    panel.set_cursor(40)
    text = panel.toPlainText()
    assert "receives [ACK] seq=505 ack=110 len=0" in text
    assert f"SEG.SEQ = 505 (abs {step.segment.seq})" in text
    panel.set_relative_numbers(False)
    text = panel.toPlainText()
    assert f"receives [ACK] seq={step.segment.seq} ack={step.segment.ack} len=0" in text
    assert "(abs" not in text


def test_the_predict_panel_follows_the_toggle(qtbot):
    timeline = build("handshake-teardown")
    synack = next(s for s in timeline if s.kind is StepKind.ARRIVE and s.actor == "client")
    question = next(q for q in questions_for_step(timeline, synack.index)
                    if q.kind is QuestionKind.NUMBERS)
    panel = PredictPanel()
    qtbot.addWidget(panel)
    panel.set_question(question)
    right = panel.buttons[question.answer].text()
    assert right.endswith("seq=1 ack=1")
    assert "relative to each side's ISN" in panel.prompt.text()
    panel.set_relative_numbers(False)
    isn = timeline.isn
    assert panel.buttons[question.answer].text().endswith(
        f"seq={isn['client'] + 1} ack={isn['server'] + 1}")
    assert "absolute" in panel.prompt.text()
    panel.choose(question.answer)
    assert f"seq={isn['client'] + 1} ack={isn['server'] + 1}" in panel.explanation.text()


# Wire tokens, RFC 9293 names, socket calls and units: what stays as it is in Chinese.
KEPT = {"ABORT", "ACK", "B", "CLOSE", "CLOSE-WAIT", "CLOSED", "CLOSING", "ESTABLISHED", "FIN",
        "FIN-WAIT-", "IRS", "ISS", "LAST-ACK", "LISTEN", "MSL", "MSS", "OPEN", "PSH", "URG",
        "RCV.NXT", "RFC", "RST", "RTO", "RTT", "SEG.ACK", "SEG.LEN", "SEG.SEQ", "SEND", "SEQ",
        "SND.NXT", "SND.UNA", "SYN", "SYN-RECEIVED", "SYN-SENT", "TIME-WAIT", "WND", "ack",
        "connect", "len", "listen", "ms", "s", "seq", "t",
        # a capture's options: RFC 7323's and RFC 2018's names
        "SACK", "SEG.WND", "SND.WND", "TSecr", "TSval"}


@pytest.mark.usefixtures("zh_interface")
@pytest.mark.parametrize("relative", [True, False], ids=["relative", "absolute"])
def test_in_chinese_the_headline_and_arithmetic_keep_only_wire_tokens_and_rfc_names(relative):
    from simulator.models.simulation.scenarios import SCENARIOS
    from simulator.ui.tcp.explanation_panel import line_text
    from simulator.ui.text.model_text import phrase_text

    english = set()
    for timeline in [build(name) for name in SCENARIOS] + [_capture()]:
        for step in timeline:
            if step.layer != "tcp":
                continue
            e = step.explanation
            for text in (phrase_text(e.what, relative),
                         *(line_text(line, relative) for line in e.arithmetic)):
                english.update(set(re.findall(r"[A-Za-z][A-Za-z_.\-]*", text)) - KEPT)
    assert english == set()


def _table(text: str) -> list[str]:
    """The control blocks' cells as plain text lines, after the "RTO" heading."""
    lines = text.splitlines()
    return lines[lines.index("RTO") + 1:]


def test_the_control_blocks_follow_the_toggle_and_say_no_window_before_the_peers_syn(qtbot):
    timeline = _capture()
    step = timeline[2]  # the server sends its SYN,ACK; the client has not received it yet
    isn = timeline.isn
    cells = _table(_plain(step_html(timeline, step, relative=True)))
    client, server = cells[:7], cells[7:14]
    assert client[1:6] == ["SYN-SENT", "0", "1", "—", "—"]  # SND.WND not learnt yet
    assert server[1:6] == ["SYN-RECEIVED", "0", "1", "1", str(step.server.snd_wnd)]
    assert step.server.snd_wnd == timeline.segments[0].window  # the SYN's window, not 0
    cells = _table(_plain(step_html(timeline, step, relative=False)))
    assert cells[2:4] == [str(isn["client"]), str(isn["client"] + 1)]
    assert cells[7 + 4] == str(isn["client"] + 1)  # the server's RCV.NXT, in the client's space
