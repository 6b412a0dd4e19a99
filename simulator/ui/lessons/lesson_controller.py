"""Glue between the Player and the three lesson widgets: open a lesson, follow the cursor,
ask before each step, keep the score.

The controller holds which lesson is open (its ``LessonPlan``), the language of the lesson
text (``set_language``: titles, narration, questions come from the lesson files in that
language; the widgets' own words follow Qt's translators, which the main window switches
with it), and the ScoreBook; the widgets show what it hands them and report the learner's
input. In predict mode, when playback reaches a step that has a question about the *next*
step, the Player is paused so the learner can answer first; ``Continue`` steps forward.
Answers are remembered for this run (stepping back shows them answered) and scored once per
question in the ScoreBook, which ``ScoreStore`` keeps between runs.

A lesson on a WSGI call chain (the classic Flask path, a live trace) is not played by the
Player (which plays Timelines): the controller emits ``chain_opened(chain, step)`` for the
call-chain view, follows that view through ``set_cursor`` and asks it to move on with
``advance_requested``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from simulator.lessons import SourceError, find_lesson, lesson_source, load_lessons
from simulator.models.lessons.lesson import Lesson, LessonError, Narration
from simulator.models.lessons.plan import LessonPlan, plan
from simulator.models.lessons.predict import Verdict
from simulator.models.lessons.score import ScoreBook
from simulator.models.lessons.text import Lang
from simulator.models.timeline.steps import Timeline
from simulator.ui.common.player import Player
from simulator.ui.lessons.lesson_browser import LessonBrowser
from simulator.ui.lessons.lesson_scores import ScoreStore
from simulator.ui.lessons.narration_panel import LessonNarrationPanel
from simulator.ui.lessons.predict_panel import PredictPanel

# Shows a lesson's timeline: default puts it in the Player; the main window passes its own
# loader (e.g. load_scenario for scenario lessons, so what-if and the scenario box agree).
Loader = Callable[[Lesson, Timeline, int], None]


class LessonController(QObject):
    lesson_opened = Signal(str)  # lesson name
    lesson_failed = Signal(str)  # one-line message (LessonError: file:line: ...)
    lesson_left = Signal()  # the timeline changed (e.g. a what-if) and no longer fits
    language_changed = Signal(object)  # Lang
    chain_opened = Signal(object, int)  # CallChain, step: for the call-chain view
    advance_requested = Signal()  # Continue on a call-chain lesson: the chain view steps

    def __init__(self, player: Player, browser: LessonBrowser,
                 narration: LessonNarrationPanel, predict: PredictPanel,
                 store: ScoreStore | None = None, loader: Loader | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.browser = browser
        self.narration = narration
        self.predict = predict
        self.store = store if store is not None else ScoreStore()
        self._loader = loader
        self.lang = Lang.EN
        self.predict_mode = True
        self.plan: LessonPlan | None = None
        self.book: ScoreBook = self.store.load()
        self._verdicts: dict[str, Verdict] = {}
        self._chain_cursor = 0
        self.lessons: tuple[Lesson, ...] = ()
        self.load_error: str | None = None  # a bad lesson file: shown by whoever wires us
        try:
            self.lessons = load_lessons()
        except LessonError as error:
            self.load_error = str(error)
        browser.set_lessons(self.lessons)
        browser.set_scores(self.book)
        browser.lesson_chosen.connect(self.open_lesson)
        predict.answered.connect(self._on_answered)
        predict.continue_requested.connect(self._on_continue)
        player.cursor_changed.connect(self._on_cursor)
        player.timeline_changed.connect(self._on_timeline)

    # ------------------------------------------------------------------ commands
    def set_language(self, lang: Lang) -> None:
        self.lang = lang
        for widget in (self.browser, self.narration, self.predict):
            widget.set_language(lang)
        self.language_changed.emit(lang)

    def set_predict_mode(self, on: bool) -> None:
        self.predict_mode = on
        self.predict.setVisible(on)
        self._show_question(self.cursor)

    def lesson_narrations(self) -> tuple[Narration, ...]:
        return self.plan.lesson.narration if self.plan is not None else ()

    @property
    def cursor(self) -> int:
        if self.plan is not None and self.plan.chain is not None:
            return self._chain_cursor
        return self.player.cursor

    def open_lesson(self, name: str, step: int = 0) -> bool:
        """Open lesson ``name`` at ``step``; False (and lesson_failed) if it cannot be."""
        try:
            lesson = find_lesson(name, self.lessons)
            source = lesson_source(lesson.source)
            self.plan = plan(lesson, source)
        except KeyError as error:
            self.lesson_failed.emit(str(error.args[0]))
            return False
        except (LessonError, SourceError) as error:
            self.lesson_failed.emit(str(error))
            return False
        step = max(0, min(step, self.plan.length - 1))
        self._verdicts.clear()
        self.narration.set_plan(self.plan)
        self.predict.set_score(self.book.get(name))
        self.browser.select(name)
        timeline = self.plan.timeline
        if timeline is None:
            self._chain_cursor = step
            self.chain_opened.emit(source, step)
            self.set_cursor(step)
        else:
            if self._loader is not None:
                self._loader(lesson, timeline, step)
            else:
                self.player.set_timeline(timeline, step)
            self._on_cursor(self.player.cursor, 1.0)
        self.lesson_opened.emit(name)
        return True

    def set_cursor(self, index: int, _progress: float = 1.0) -> None:
        """The call-chain view moved to event ``index`` (chain lessons only)."""
        if self.plan is not None and self.plan.chain is not None:
            self._chain_cursor = index
            self._follow(index, playing=False)

    # ------------------------------------------------------------------ reactions
    def _on_timeline(self, timeline: object) -> None:
        if self.plan is None or self.plan.timeline is None or not isinstance(timeline, Timeline):
            return
        if timeline is self.plan.timeline or timeline == self.plan.timeline:
            return
        if timeline.name != self.plan.timeline.name:  # another source was opened
            self._leave()
            return
        try:
            self.plan = plan(self.plan.lesson, timeline)
        except LessonError:
            self._leave()
            return
        self.narration.set_plan(self.plan)

    def _leave(self) -> None:
        self.plan = None
        self.narration.set_plan(None)
        self.predict.set_question(None)
        self.lesson_left.emit()

    def _on_cursor(self, index: int, _progress: float) -> None:
        if self.plan is None or self.plan.timeline is None:
            return
        self._follow(index, self.player.playing)

    def _follow(self, index: int, playing: bool) -> None:
        assert self.plan is not None
        self.narration.set_cursor(index)
        name = self.plan.lesson.name
        reached = self.book.reached(name, index, self.plan.length)
        if reached is not self.book:
            self._set_book(reached)
        question = self._show_question(index)
        if question and self.predict_mode and playing:
            self.player.pause()

    def _show_question(self, index: int) -> bool:
        if self.plan is None or not self.predict_mode:
            self.predict.set_question(None)
            return False
        question = self.plan.question_before(index)
        self.predict.set_question(question,
                                  self._verdicts.get(question.key) if question else None)
        return question is not None and question.key not in self._verdicts

    def _on_answered(self, verdict: Verdict) -> None:
        if self.plan is None:
            return
        self._verdicts[verdict.question.key] = verdict
        self._set_book(self.book.record(self.plan.lesson.name, verdict.question.key,
                                        verdict.correct))

    def _on_continue(self) -> None:
        if self.plan is not None and self.plan.chain is not None:
            self.advance_requested.emit()
        elif self.player.timeline is not None and self.player.cursor < self.player.last_index:
            self.player.step_forward()

    def _set_book(self, book: ScoreBook) -> None:
        self.book = book
        self.store.save(book)
        self.browser.set_scores(book)
        if self.plan is not None:
            self.predict.set_score(book.get(self.plan.lesson.name))
