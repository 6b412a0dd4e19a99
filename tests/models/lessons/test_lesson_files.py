"""Every shipped lesson loads, fits its source and plays to its end in both languages."""

from __future__ import annotations

import pytest

from simulator.lessons import lesson_plan, load_lessons
from simulator.models.lessons.lesson import SYLLABUS_SIZE, SourceKind
from simulator.models.lessons.text import LANGS

LESSONS = load_lessons()
# The live-trace lessons serve the demo app on 127.0.0.1: build each source once per module.
_PLANS: dict[str, object] = {}


def _plan(name: str):
    if name not in _PLANS:
        _PLANS[name] = lesson_plan(next(lesson for lesson in LESSONS if lesson.name == name))
    return _PLANS[name]


def test_every_syllabus_question_has_a_lesson_in_syllabus_order():
    questions = [lesson.syllabus for lesson in LESSONS]
    assert questions == sorted(questions)
    assert set(questions) == set(range(1, SYLLABUS_SIZE + 1))


def test_the_tcp_lesson_has_its_chinese_title():
    titles = {lesson.title.zh_CN for lesson in LESSONS if lesson.syllabus == 4}
    assert "TCP 三次握手与四次挥手" in titles


def test_every_lesson_cites_an_rfc_or_pep():
    for lesson in LESSONS:
        assert lesson.cites and all(c.startswith(("RFC ", "PEP ")) for c in lesson.cites)


def test_lessons_use_scenarios_captures_and_call_chains():
    kinds = {lesson.source.kind for lesson in LESSONS}
    assert kinds == set(SourceKind)


@pytest.mark.parametrize("name", [lesson.name for lesson in LESSONS])
def test_lesson_plays_to_its_end_in_both_languages(name):
    plan = _plan(name)
    lesson = plan.lesson
    assert len(plan.narration_steps) == len(lesson.narration)  # every narration found a step
    for lang in LANGS:
        assert lesson.title.get(lang).strip() and lesson.summary.get(lang).strip()
        seen = set()
        for index in range(plan.length):
            at = plan.narration_at(index)
            if index >= plan.narration_steps[0]:
                assert at is not None, f"step {index} has no narration"
                assert at.narration.text.get(lang).strip()
                seen.add(at.step)
                assert at.exact == (index in plan.narration_by_step)
            question = plan.question_for_step(index)
            if question is not None:
                assert question.prompt.get(lang).strip()
                assert all(choice.get(lang).strip() for choice in question.choices)
                assert question.explanation.get(lang).strip()
        assert seen == set(plan.narration_steps)


@pytest.mark.parametrize("name", [lesson.name for lesson in LESSONS])
def test_chinese_text_is_chinese_and_english_text_is_not(name):
    lesson = _plan(name).lesson
    for narration in lesson.narration:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in narration.text.zh_CN)
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in narration.text.en)


@pytest.mark.parametrize("name", [lesson.name for lesson in LESSONS])
def test_every_lesson_asks_questions_and_authored_ones_come_first(name):
    plan = _plan(name)
    assert plan.question_steps()
    for step, quiz in plan.quiz_by_step.items():
        question = plan.question_for_step(step)
        assert question is not None and question.prompt == quiz.prompt
