"""The explanation panel: what happened at this step, why (the rule), the arithmetic, the RFC.

All of it is read from the step (``Step.explanation`` comes from the transition table row
that fired); the panel only lays it out, with both control blocks side by side, and keeps
nothing but the step at the cursor (a ``CursorFollower``).

The headings are the interface's words (``QCoreApplication.translate("StepHtml", ...)``);
what happened and the rules come from the models in English and are shown through
``model_text`` (``translate_why`` looks up each rule of a step on its own). Numbers, RFC
variable names (SND.NXT), state names and citations stay as they are.
Colours follow the panel's palette (light or dark); exports render with a light one.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextBrowser, QWidget

from simulator.models.tcp.control_block import TcbSnapshot
from simulator.models.timeline.steps import Step, Timeline
from simulator.ui.common import palette
from simulator.ui.common.cursor_panel import CursorFollower
from simulator.ui.text.model_text import model_tr, translate_text, translate_why

# Inline colours of the panel's HTML, light and dark.
_TABLE_HEAD = palette.Shade(QColor("#eeeeff"), QColor("#2a2d45"))
_TABLE_BORDER = palette.Shade(QColor("#cccccc"), QColor("#555555"))


def _num(value: int | None) -> str:
    return "—" if value is None else str(value)


def _tcb_row(label: str, snap: TcbSnapshot) -> str:
    return (f"<tr><td><b>{escape(label)}</b></td><td><b>{snap.state.rfc_name}</b></td>"
            f"<td>{_num(snap.snd_una)}</td><td>{_num(snap.snd_nxt)}</td>"
            f"<td>{_num(snap.rcv_nxt)}</td><td>{snap.snd_wnd}</td>"
            f"<td>{snap.rto:g} s</td></tr>")


def why_text(why: str) -> str:
    """The step's rules in the interface language, each translated on its own."""
    return translate_why(why)


def step_html(timeline: Timeline, step: Step, dark: bool = False) -> str:
    """The panel's rich text for one step (also used by exports, always light)."""
    e = step.explanation
    muted = palette.MUTED_INK.pick(dark).name()
    warning = palette.WARNING_INK.pick(dark).name()

    heading = QCoreApplication.translate("StepHtml", "Step {n} of {total}").format(
        n=step.index + 1, total=len(timeline))
    parts = [
        f"<p style='margin:0'><span style='color:{muted}'>{escape(heading)} · "
        f"t = {step.time:.3f} s · {escape(model_tr(step.kind.value))}</span></p>",
        f"<h3 style='margin:4px 0'>{escape(translate_text(e.what))}</h3>",
    ]
    if step.error:
        label = QCoreApplication.translate("StepHtml", "Error returned to the application:")
        parts.append(f"<p style='color:{warning}'><b>{escape(label)}</b> "
                     f"{escape(translate_text(step.error))}</p>")
    why_label = QCoreApplication.translate("StepHtml", "Why:")
    parts.append(f"<p style='margin:4px 0'><b>{escape(why_label)}</b> "
                 f"{escape(why_text(e.why))}</p>")
    if e.arithmetic:
        items = "".join(f"<li><code>{escape(translate_text(line))}</code></li>"
                        for line in e.arithmetic)
        numbers = QCoreApplication.translate("StepHtml", "The numbers:")
        parts.append(f"<p style='margin:4px 0 0 0'><b>{escape(numbers)}</b></p><ul "
                     f"style='margin-top:0'>{items}</ul>")
    reference = QCoreApplication.translate("StepHtml", "Reference:")
    parts.append(f"<p style='margin:4px 0'><b>{escape(reference)}</b> {escape(e.rfc)}</p>")
    state = QCoreApplication.translate("StepHtml", "state")
    parts.append(
        f"<table cellspacing='0' cellpadding='3' border='1' "
        f"style='border-color:{_TABLE_BORDER.pick(dark).name()}'>"
        f"<tr style='background:{_TABLE_HEAD.pick(dark).name()}'><th></th>"
        f"<th>{escape(state)}</th><th>SND.UNA</th><th>SND.NXT</th>"
        "<th>RCV.NXT</th><th>SND.WND</th><th>RTO</th></tr>"
        + _tcb_row(QCoreApplication.translate("StepHtml", "Client"), step.client)
        + _tcb_row(QCoreApplication.translate("StepHtml", "Server"), step.server)
        + "</table>")
    return "".join(parts)


class ExplanationPanel(CursorFollower[Step], QTextBrowser):
    """The step at the cursor, explained (``step_html``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setMinimumHeight(150)

    def snapshot_at(self, step: Step) -> Step:
        return step

    def redraw(self) -> None:
        step, timeline = self.snapshot, self.timeline
        if step is None or timeline is None:
            self.clear()
            return
        self.setHtml(step_html(timeline, step, palette.is_dark(self.palette())))

    def plain_text(self) -> str:
        return self.toPlainText()
