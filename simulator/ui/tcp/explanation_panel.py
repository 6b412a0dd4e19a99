"""The explanation panel: what happened at this step, why (the rule), the arithmetic, the RFC.

All of it is read from the step (``Step.explanation`` comes from the transition table row
that fired); the panel only lays it out, with both control blocks side by side, and keeps
nothing but the step at the cursor (a ``CursorFollower``).

The headings are the interface's words (``QCoreApplication.translate("StepHtml", ...)``);
what happened and the arithmetic are the model's phrases (``tcp.phrase``), shown through
``model_text.phrase_text``: the template in the interface language, the sequence numbers
relative to each side's ISN on the step's connection or absolute, as the learner chose
(``set_relative_numbers``, the window's R); relative numbers in the arithmetic carry their
absolute value beside them ("SEG.SEQ = 1 (abs 2426975633)"). The control blocks' SND.UNA and
SND.NXT count from the side's own ISN, RCV.NXT from the peer's. The rules
come through ``translate_why``, each rule of a step on its own. RFC variable names
(SND.NXT), state names and citations stay as they are. SND.WND is "—" until the peer's SYN
has said it (RFC 9293 §3.10.7: the window is learnt from the peer's segments).
Colours follow the panel's palette (light or dark); exports render with a light one.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextBrowser, QWidget

from simulator.models.tcp.control_block import TcbSnapshot
from simulator.models.tcp.phrase import Seq
from simulator.models.timeline.numbers import connection_isn
from simulator.models.timeline.steps import Step, Timeline
from simulator.ui.common import palette
from simulator.ui.common.cursor_panel import CursorFollower
from simulator.ui.text.catalogue_capture import anomaly_words
from simulator.ui.text.model_text import (
    model_rendering,
    model_tr,
    phrase_text,
    translate_text,
    translate_why,
)

# Inline colours of the panel's HTML, light and dark.
_TABLE_HEAD = palette.Shade(QColor("#eeeeff"), QColor("#2a2d45"))
_TABLE_BORDER = palette.Shade(QColor("#cccccc"), QColor("#555555"))


PEER = {"client": "server", "server": "client"}


def _tcb_row(label: str, snap: TcbSnapshot, isn: dict[str, int], relative: bool) -> str:
    """One endpoint's control block: its own numbers from its ISN, RCV.NXT from the peer's."""
    rendering = model_rendering(relative)

    def number(value: int | None, side: str) -> str:
        return "—" if value is None else Seq(value, side, isn.get(side)).text(rendering)

    own, peer = snap.name, PEER.get(snap.name, "")
    window = "—" if snap.irs is None else str(snap.snd_wnd)  # not learnt before the SYN
    return (f"<tr><td><b>{escape(label)}</b></td><td><b>{snap.state.rfc_name}</b></td>"
            f"<td>{escape(number(snap.snd_una, own))}</td>"
            f"<td>{escape(number(snap.snd_nxt, own))}</td>"
            f"<td>{escape(number(snap.rcv_nxt, peer))}</td><td>{window}</td>"
            f"<td>{snap.rto:g} s</td></tr>")


def _has_numbers(snap: TcbSnapshot) -> bool:
    return any(v is not None for v in (snap.snd_una, snap.snd_nxt, snap.rcv_nxt))


def line_text(line: str, relative: bool) -> str:
    """One line of a step's arithmetic as the learner reads it: a phrase with relative
    numbers and their absolute values beside, or a note (Wireshark's analysis token in
    words)."""
    words = anomaly_words(line)
    return words if words != line else phrase_text(line, relative, beside=True)


def why_text(why: str) -> str:
    """The step's rules in the interface language, each translated on its own."""
    return translate_why(why)


def step_html(timeline: Timeline, step: Step, dark: bool = False, relative: bool = True) -> str:
    """The panel's rich text for one step (also used by exports, always light); sequence
    numbers relative to each side's ISN on the step's connection, or absolute."""
    e = step.explanation
    muted = palette.MUTED_INK.pick(dark).name()
    warning = palette.WARNING_INK.pick(dark).name()

    heading = QCoreApplication.translate("StepHtml", "Step {n} of {total}").format(
        n=step.index + 1, total=len(timeline))
    parts = [
        f"<p style='margin:0'><span style='color:{muted}'>{escape(heading)} · "
        f"t = {step.time:.3f} s · {escape(model_tr(step.kind.value))}</span></p>",
        f"<h3 style='margin:4px 0'>{escape(phrase_text(e.what, relative))}</h3>",
    ]
    if step.error:
        label = QCoreApplication.translate("StepHtml", "Error returned to the application:")
        parts.append(f"<p style='color:{warning}'><b>{escape(label)}</b> "
                     f"{escape(translate_text(step.error))}</p>")
    why_label = QCoreApplication.translate("StepHtml", "Why:")
    parts.append(f"<p style='margin:4px 0'><b>{escape(why_label)}</b> "
                 f"{escape(why_text(e.why))}</p>")
    if e.arithmetic:
        items = "".join(f"<li><code>{escape(line_text(line, relative))}</code></li>"
                        for line in e.arithmetic)
        numbers = QCoreApplication.translate("StepHtml", "The numbers:")
        parts.append(f"<p style='margin:4px 0 0 0'><b>{escape(numbers)}</b></p><ul "
                     f"style='margin-top:0'>{items}</ul>")
    reference = QCoreApplication.translate("StepHtml", "Reference:")
    parts.append(f"<p style='margin:4px 0'><b>{escape(reference)}</b> "
                 f"{escape(translate_text(e.rfc))}</p>")
    if step.layer != "tcp" and not any(_has_numbers(snap) for snap in (step.client,
                                                                        step.server)):
        return "".join(parts)  # a call chain with no TCP under it: a table of dashes says nothing
    state = QCoreApplication.translate("StepHtml", "state")
    isn = connection_isn(timeline, step.connection)
    parts.append(
        f"<table cellspacing='0' cellpadding='3' border='1' "
        f"style='border-color:{_TABLE_BORDER.pick(dark).name()}'>"
        f"<tr style='background:{_TABLE_HEAD.pick(dark).name()}'><th></th>"
        f"<th>{escape(state)}</th><th>SND.UNA</th><th>SND.NXT</th>"
        "<th>RCV.NXT</th><th>SND.WND</th><th>RTO</th></tr>"
        + _tcb_row(QCoreApplication.translate("StepHtml", "Client"), step.client, isn,
                   relative)
        + _tcb_row(QCoreApplication.translate("StepHtml", "Server"), step.server, isn,
                   relative)
        + "</table>")
    return "".join(parts)


class ExplanationPanel(CursorFollower[Step], QTextBrowser):
    """The step at the cursor, explained (``step_html``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._relative = True
        self.setOpenExternalLinks(False)
        self.setMinimumHeight(150)

    def set_relative_numbers(self, relative: bool) -> None:
        """Show sequence numbers relative to each side's ISN (the default) or absolute."""
        if relative != self._relative:
            self._relative = relative
            self.redraw()

    def relative_numbers(self) -> bool:
        return self._relative

    def snapshot_at(self, step: Step) -> Step:
        return step

    def redraw(self) -> None:
        step, timeline = self.snapshot, self.timeline
        if step is None or timeline is None:
            self.clear()
            return
        html = step_html(timeline, step, palette.is_dark(self.palette()), self._relative)
        # setHtml empties the document first: its scroll bar went away and came back, and
        # each time the text was laid out again at the other width (five viewport resizes
        # a step). Kept on while the text is replaced, it goes at most once, after. (Only
        # a bar shown as needed: a slide turns it off for good, ``app.export``.)
        policy = self.verticalScrollBarPolicy()
        hold = policy is Qt.ScrollBarPolicy.ScrollBarAsNeeded \
            and self.verticalScrollBar().isVisible()
        if hold:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHtml(html)
        if hold:
            self.setVerticalScrollBarPolicy(policy)

    def plain_text(self) -> str:
        return self.toPlainText()
