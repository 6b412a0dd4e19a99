"""A lesson laid over the steps of its source: which narration, checkpoint and question
belongs to which step.

Theory of operation
-------------------
A lesson's source is a ``Timeline`` (scenario, capture: TCP and HTTP steps) or a
``CallChain`` (the classic Flask path, a live trace: frame events); either way the learner
moves a cursor over numbered steps. ``plan(lesson, source)`` runs every matcher of the
lesson over the steps once. A narration
whose matcher finds no step, two narrations on one step, or a checkpoint whose expected
states (RFC 9293 §3.3.2 names) differ from what the model shows at that step, are
``LessonError``s naming the lesson file and the line: a lesson that no longer fits its source
is caught when it is loaded (and by the tests), never shown wrong to a learner.

While playing, ``narration_at(i)`` gives the narration of step i, or the latest one before it
(marked as carried over), so the panel always has something to say; ``question_before(i)``
gives what to ask while the cursor is on step i - 1: an author's question if the lesson has
one for step i, else a generated predict-the-next-step question of the kinds the lesson
allows (``predict``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from simulator.models.lessons.lesson import Lesson, LessonError, Narration, Quiz
from simulator.models.lessons.match import StepMatcher
from simulator.models.lessons.predict import (
    Question,
    QuestionKind,
    chain_questions,
    questions_for_step,
)
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.call_chain import CallChain

Source = Timeline | CallChain


@dataclass(frozen=True)
class NarrationAt:
    narration: Narration
    step: int  # the step the narration belongs to
    exact: bool  # False: carried over from an earlier step


@dataclass(frozen=True)
class LessonPlan:
    lesson: Lesson
    source: Source
    narration_steps: tuple[int, ...]  # sorted step indices that have a narration
    narration_by_step: dict[int, Narration]
    quiz_by_step: dict[int, Quiz]

    @property
    def length(self) -> int:
        """How many steps the lesson's source has."""
        return len(self.source)

    @property
    def timeline(self) -> Timeline | None:
        return self.source if isinstance(self.source, Timeline) else None

    @property
    def chain(self) -> CallChain | None:
        return self.source if isinstance(self.source, CallChain) else None

    def narration_at(self, index: int) -> NarrationAt | None:
        if index in self.narration_by_step:
            return NarrationAt(self.narration_by_step[index], index, True)
        pos = bisect.bisect_right(self.narration_steps, index) - 1
        if pos < 0:
            return None
        step = self.narration_steps[pos]
        return NarrationAt(self.narration_by_step[step], step, False)

    def question_for_step(self, index: int) -> Question | None:
        """The question about step ``index`` (asked before it is shown), if any."""
        quiz = self.quiz_by_step.get(index)
        if quiz is not None:
            number = self.lesson.quizzes.index(quiz) + 1
            return Question(f"quiz:{self.lesson.name}:{number}", QuestionKind.QUIZ, index,
                            quiz.prompt, quiz.choices, quiz.answer, quiz.explain,
                            ", ".join(self.lesson.cites))
        if isinstance(self.source, CallChain):
            found = chain_questions(self.source, index, self.lesson.predict)
        else:
            found = questions_for_step(self.source, index, self.lesson.predict)
        return found[0] if found else None

    def question_before(self, cursor: int) -> Question | None:
        return self.question_for_step(cursor + 1)

    def question_steps(self) -> tuple[int, ...]:
        """Every step the learner will be asked about, in order (for 'n questions')."""
        return tuple(i for i in range(1, self.length)
                     if self.question_for_step(i) is not None)


def _find(matcher: StepMatcher, source: Source) -> int | None:
    if isinstance(source, CallChain):
        return matcher.find_event(source.events)
    return matcher.find(source.steps)


def plan(lesson: Lesson, source: Source) -> LessonPlan:
    where = f"{lesson.source.describe()} ({len(source)} steps)"
    by_step: dict[int, Narration] = {}
    for narration in lesson.narration:
        index = _find(narration.at, source)
        if index is None:
            raise LessonError(lesson.filename, narration.line,
                              f"no step matches {narration.at.describe()} in {where}")
        if index in by_step:
            other = by_step[index]
            raise LessonError(lesson.filename, narration.line,
                              f"{narration.at.describe()} is step {index}, which the narration "
                              f"at line {other.line} already describes")
        for who, state in narration.expect:
            assert isinstance(source, Timeline)  # the loader refuses 'expect' on a chain
            shown = source[index].snapshot(who).state
            if shown is not state:
                raise LessonError(lesson.filename, narration.line,
                                  f"checkpoint expects the {who} in {state.rfc_name} at step "
                                  f"{index}, but the model shows {shown.rfc_name}")
        by_step[index] = narration
    quiz_by_step: dict[int, Quiz] = {}
    for quiz in lesson.quizzes:
        index = _find(quiz.at, source)
        if index is None:
            raise LessonError(lesson.filename, quiz.line,
                              f"no step matches {quiz.at.describe()} in {where}")
        if index == 0:
            raise LessonError(lesson.filename, quiz.line,
                              "a question is asked before its step, and the first step has "
                              "nothing before it: name a later step")
        if index in quiz_by_step:
            raise LessonError(lesson.filename, quiz.line,
                              f"step {index} already has a question (line "
                              f"{quiz_by_step[index].line})")
        quiz_by_step[index] = quiz
    return LessonPlan(lesson, source, tuple(sorted(by_step)), by_step, quiz_by_step)
