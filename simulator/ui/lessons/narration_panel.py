"""The lesson's narration for the current step: what to notice here, and checkpoints.

Everything shown comes from the ``LessonPlan`` (the lesson file laid over its source's
steps): the narration of the step at the cursor, or the latest one before it, marked as
carried over; the checkpoint box when the step has one; the lesson's references.

The lesson's text comes in the lesson language (``set_language``); the few words around it
("Step 3 of 12", "Checkpoint", "Teaches") are interface text, translated by Qt (context
"LessonNarrationPanel"), and the page is rebuilt on ``QEvent.LanguageChange``.
"""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from simulator.models.lessons.plan import LessonPlan
from simulator.models.lessons.text import Lang
from simulator.ui.common.palette import is_dark
from simulator.ui.text.fonts import css_font_families, lesson_font
from simulator.ui.text.i18n import is_language_change

_EMPHASIS = re.compile(r"\*([^*\n]+)\*")


def _paragraphs(text: str) -> str:
    """Blank-line separated paragraphs; *word* is emphasis (as in the lesson files)."""
    out = []
    for para in text.split("\n\n"):
        body = _EMPHASIS.sub(r"<i>\1</i>", escape(para))
        out.append(f"<p style='margin:4px 0'>{body}</p>")
    return "".join(out)


def narration_html(plan: LessonPlan, index: int, lang: Lang, dark: bool = False) -> str:
    lesson = plan.lesson
    muted = "#b0b0b0" if dark else "#616161"
    box = "#3b3312" if dark else "#fff8e1"
    border = "#c9a227" if dark else "#ffb300"
    step_of = QCoreApplication.translate("LessonNarrationPanel", "Step {n} of {total}").format(
        n=index + 1, total=plan.length)
    parts = [f"<div style=\"font-family:{css_font_families()}\">",
             f"<h3 style='margin:2px 0'>{escape(lesson.title.get(lang))}</h3>",
             f"<p style='margin:0;color:{muted}'>{escape(step_of)}</p>"]
    at = plan.narration_at(index)
    if at is None:
        parts.append(_paragraphs(lesson.summary.get(lang)))
    else:
        if not at.exact:
            continued = QCoreApplication.translate(
                "LessonNarrationPanel", "(continued from step {n})").format(n=at.step + 1)
            parts.append(f"<p style='margin:4px 0 0 0;color:{muted}'><i>"
                         f"{escape(continued)}</i></p>")
        parts.append(_paragraphs(at.narration.text.get(lang)))
        if at.exact and at.narration.checkpoint is not None:
            checkpoint = QCoreApplication.translate("LessonNarrationPanel", "Checkpoint")
            parts.append(
                f"<table width='100%' cellpadding='6' style='margin-top:6px;"
                f"background:{box};border:1px solid {border}'><tr><td>"
                f"<b>✔ {escape(checkpoint)}</b><br/>"
                f"{escape(at.narration.checkpoint.get(lang))}</td></tr></table>")
    teaches = QCoreApplication.translate("LessonNarrationPanel", "Teaches: {cites}").format(
        cites=", ".join(lesson.cites))
    parts.append(f"<p style='margin:6px 0 0 0;color:{muted}'>{escape(teaches)}</p></div>")
    return "".join(parts)


class LessonNarrationPanel(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setMinimumHeight(120)
        self.setFont(lesson_font())
        self._plan: LessonPlan | None = None
        self._lang = Lang.EN
        self._cursor = 0

    @property
    def plan(self) -> LessonPlan | None:
        return self._plan

    def set_plan(self, plan: LessonPlan | None) -> None:
        self._plan = plan
        self._cursor = 0
        self._render()

    def set_language(self, lang: Lang) -> None:
        """Show the lesson's text in ``lang``."""
        self._lang = lang
        self._render()

    def retranslate(self) -> None:
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def set_cursor(self, index: int, _progress: float = 1.0) -> None:
        self._cursor = index
        self._render()

    def _render(self) -> None:
        if self._plan is None or self._plan.length == 0:
            self.clear()
            return
        index = max(0, min(self._cursor, self._plan.length - 1))
        self.setHtml(narration_html(self._plan, index, self._lang, is_dark(self.palette())))

    def plain_text(self) -> str:
        return self.toPlainText()
