"""Predict the next step: the question before the step, the choices as buttons, then right or
wrong and the explanation.

The panel shows one ``Question`` (``simulator.models.lessons.predict``) at a time. Choosing an
answer scores it with ``predict.check`` and emits ``answered(verdict)``; the buttons then
lock, the right one is marked, and ``Continue`` asks (``continue_requested``) for the step to
be shown. The panel decides nothing about TCP itself: the question, the right answer and the
explanation all come from the step.

The question, choices and explanation are lesson text in the lesson language
(``set_language``); where they hold sequence numbers they are phrases (``tcp.phrase``) shown
relative to each side's ISN or absolute as the learner chose (``set_relative_numbers``, the
window's R), so they agree with the ladder and the explanation; the step's arithmetic inside
an explanation is the model's, in the interface language (``model_text``). The panel's own
words (heading, buttons, verdict, score) are interface text translated by Qt (context
"PredictPanel") and re-set on ``QEvent.LanguageChange``.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from simulator.models.lessons.predict import MAX_CHOICES, Question, Verdict, check
from simulator.models.lessons.score import LessonScore
from simulator.models.lessons.text import Lang
from simulator.models.tcp.phrase import Rendering, render
from simulator.ui.common.palette import NOT_SENT_INK, SENT_INK, is_dark
from simulator.ui.text.fonts import lesson_font
from simulator.ui.text.i18n import is_language_change
from simulator.ui.text.model_text import model_tr

_BUTTON_STYLE = "text-align: left; padding: 5px 8px;"


class PredictPanel(QWidget):
    answered = Signal(object)  # Verdict
    continue_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._question: Question | None = None
        self._verdict: Verdict | None = None
        self._lang = Lang.EN
        self._relative = True
        self._score = LessonScore()

        self.heading = QLabel(self)
        self.heading.setFont(lesson_font(bold=True))
        self.score_label = QLabel(self)
        self.score_label.setFont(lesson_font())
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.prompt.setFont(lesson_font())
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons: list[QPushButton] = []
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setFont(lesson_font(bold=True))
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setFont(lesson_font())
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.continue_button = QPushButton(self)
        self.continue_button.setFont(lesson_font())
        self.continue_button.clicked.connect(self.continue_requested)
        self.skip_button = QPushButton(self)
        self.skip_button.setFont(lesson_font())
        self.skip_button.clicked.connect(self.continue_requested)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.score_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.prompt)
        self._choice_box = QVBoxLayout()
        layout.addLayout(self._choice_box)
        for n in range(MAX_CHOICES):
            button = QPushButton(self)
            button.setFont(lesson_font())
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setStyleSheet(_BUTTON_STYLE)
            button.clicked.connect(lambda _=False, n=n: self.choose(n))
            self._choice_box.addWidget(button)
            self.buttons.append(button)
        layout.addWidget(self.result)
        layout.addWidget(self.explanation)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.skip_button)
        actions.addWidget(self.continue_button)
        layout.addLayout(actions)
        layout.addStretch(1)
        self._render()

    # ------------------------------------------------------------------ state in
    @property
    def question(self) -> Question | None:
        return self._question

    @property
    def verdict(self) -> Verdict | None:
        return self._verdict

    def set_question(self, question: Question | None, verdict: Verdict | None = None) -> None:
        """Show a question (None: nothing to predict here); ``verdict`` shows it answered."""
        self._question = question
        self._verdict = verdict if verdict is not None and verdict.question == question \
            else None
        self._render()

    def set_language(self, lang: Lang) -> None:
        """Show the question, choices and explanation in ``lang``."""
        self._lang = lang
        self._render()

    def set_relative_numbers(self, relative: bool) -> None:
        """Show sequence numbers relative to each side's ISN (the default) or absolute."""
        if relative != self._relative:
            self._relative = relative
            self._render()

    def relative_numbers(self) -> bool:
        return self._relative

    def text(self, text: str, beside: bool = False) -> str:
        """A question's text as shown: in the lesson language, with the numbers as chosen
        (``beside``: a relative number also gives its absolute value, as the arithmetic
        does); the model's arithmetic inside it in the interface language."""
        translate = model_tr if self._lang is Lang.ZH_CN else _same
        return render(text, Rendering(self._relative, beside, translate))

    def retranslate(self) -> None:
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def set_score(self, score: LessonScore) -> None:
        self._score = score
        self._render_score()

    def chosen_button(self) -> QPushButton | None:
        """The button of the answer given (None before an answer)."""
        return None if self._verdict is None else self.buttons[self._verdict.chosen]

    # ------------------------------------------------------------------ input
    def choose(self, n: int) -> None:
        """The learner picks choice ``n`` (ignored once answered, or if there is none)."""
        if self._question is None or self._verdict is not None:
            return
        if not 0 <= n < len(self._question.choices):
            return
        self._verdict = check(self._question, n)
        self._render()
        self.answered.emit(self._verdict)

    # ------------------------------------------------------------------ drawing
    def _render_score(self) -> None:
        score = self._score
        self.score_label.setText(
            self.tr("Score: {right} of {asked} right").format(right=score.right,
                                                               asked=score.asked)
            if score.asked else "")

    def _render(self) -> None:
        lang = self._lang
        q = self._question
        self.heading.setText(self.tr("Predict the next step"))
        self.continue_button.setText(self.tr("Continue"))
        self.skip_button.setText(self.tr("Skip"))
        self.skip_button.setToolTip(self.tr("Step on without answering (not scored)"))
        self._render_score()
        dark = is_dark(self.palette())
        if q is None:
            self.prompt.setText(self.tr("Nothing to predict here: step forward."))
            for button in self.buttons:
                button.hide()
            self.result.clear()
            self.explanation.clear()
            self.skip_button.hide()
            self.continue_button.show()
            return
        self.prompt.setText(self.text(q.prompt.get(lang)))
        answered = self._verdict is not None
        for n, button in enumerate(self.buttons):
            if n >= len(q.choices):
                button.hide()
                continue
            button.show()
            mark = ""
            if answered and n == q.answer:
                mark = "✔ "
            elif answered and self._verdict is not None and n == self._verdict.chosen:
                mark = "✘ "
            button.setText(f"{chr(ord('A') + n)}.  {mark}{self.text(q.choices[n].get(lang))}")
            # Answered: the buttons stay enabled (readable) but ignore clicks; the right
            # choice is tinted green, a wrong pick red.
            tint = ""
            if answered and n == q.answer:
                tint = f"border: 2px solid {SENT_INK.pick(dark).name()}; font-weight: bold;"
            elif answered and self._verdict is not None and n == self._verdict.chosen:
                tint = f"border: 2px solid {NOT_SENT_INK.pick(dark).name()};"
            button.setStyleSheet(_BUTTON_STYLE + tint)
        self.skip_button.setVisible(not answered)
        self.continue_button.setVisible(answered)
        if self._verdict is None:
            self.result.clear()
            self.explanation.clear()
            return
        if self._verdict.correct:
            colour = SENT_INK.pick(dark).name()
            text = self.tr("Right!")
        else:
            colour = NOT_SENT_INK.pick(dark).name()
            text = self.tr("Not quite. The answer is: {answer}").format(
                answer=self.text(q.choices[q.answer].get(lang)))
        self.result.setText(f"<span style='color:{colour}'>{escape(text)}</span>")
        explanation = self.text(q.explanation.get(lang), beside=True)
        if q.reference and q.reference not in explanation:
            explanation += f"  [{q.reference}]"
        self.explanation.setText(explanation)


def _same(text: str) -> str:
    return text
