"""Predict works on a captured connection: the answers are what the capture shows."""

from __future__ import annotations

from simulator.lessons import lesson_source, load_lessons
from simulator.models.lessons.predict import QuestionKind, check, questions_for_step
from simulator.models.tcp.phrase import Rendering, render
from simulator.models.timeline.steps import Timeline


def test_questions_on_a_replayed_capture_match_the_captured_numbers():
    lesson = next(lesson for lesson in load_lessons() if lesson.source.kind.value == "capture")
    timeline = lesson_source(lesson.source)
    assert isinstance(timeline, Timeline)
    numbers = [q for i in range(len(timeline)) for q in questions_for_step(timeline, i)
               if q.kind is QuestionKind.NUMBERS]
    assert numbers
    for question in numbers:
        step = timeline[question.step]
        sent = next(s for s in timeline.segments if s.id == step.sent[0])
        seq = (sent.seq - timeline.isn[sent.src]) % 2**32
        ack = (sent.ack - timeline.isn[sent.dst]) % 2**32
        answer = question.choices[question.answer].en
        assert render(answer, Rendering(relative=True)) == f"seq={seq} ack={ack}"
        assert answer == f"seq={sent.seq} ack={sent.ack}"  # as a string: absolute
        assert check(question, question.answer).correct
