"""The explanation panel: what happened at this step, why (the rule), the arithmetic, the RFC.

All of it is read from the step (``Step.explanation`` comes from the transition table row
that fired); the panel only lays it out, with both control blocks side by side.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from simulator.models.tcp_endpoint import TcbSnapshot
from simulator.models.timeline import Step, Timeline


def _num(value: int | None) -> str:
    return "—" if value is None else str(value)


def _tcb_row(label: str, snap: TcbSnapshot) -> str:
    return (f"<tr><td><b>{label}</b></td><td><b>{snap.state.rfc_name}</b></td>"
            f"<td>{_num(snap.snd_una)}</td><td>{_num(snap.snd_nxt)}</td>"
            f"<td>{_num(snap.rcv_nxt)}</td><td>{snap.snd_wnd}</td>"
            f"<td>{snap.rto:g} s</td></tr>")


def step_html(timeline: Timeline, step: Step) -> str:
    """The panel's rich text for one step (also used by exports)."""
    e = step.explanation
    parts = [
        f"<p style='margin:0'><span style='color:#666'>Step {step.index + 1} of "
        f"{len(timeline)} · t = {step.time:.3f} s · {escape(step.kind.value)}</span></p>",
        f"<h3 style='margin:4px 0'>{escape(e.what)}</h3>",
    ]
    if step.error:
        parts.append(f"<p style='color:#b00020'><b>Error returned to the application:</b> "
                     f"{escape(step.error)}</p>")
    parts.append(f"<p style='margin:4px 0'><b>Why:</b> {escape(e.why)}</p>")
    if e.arithmetic:
        items = "".join(f"<li><code>{escape(line)}</code></li>" for line in e.arithmetic)
        parts.append(f"<p style='margin:4px 0 0 0'><b>The numbers:</b></p><ul "
                     f"style='margin-top:0'>{items}</ul>")
    parts.append(f"<p style='margin:4px 0'><b>Reference:</b> {escape(e.rfc)}</p>")
    parts.append(
        "<table cellspacing='0' cellpadding='3' border='1' style='border-color:#ccc'>"
        "<tr style='background:#eef'><th></th><th>state</th><th>SND.UNA</th><th>SND.NXT</th>"
        "<th>RCV.NXT</th><th>SND.WND</th><th>RTO</th></tr>"
        + _tcb_row("Client", step.client) + _tcb_row("Server", step.server) + "</table>")
    return "".join(parts)


class ExplanationPanel(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setMinimumHeight(150)
        self._timeline: Timeline | None = None

    def set_timeline(self, timeline: Timeline) -> None:
        self._timeline = timeline

    def set_cursor(self, index: int, _progress: float = 1.0) -> None:
        if self._timeline is None or not len(self._timeline):
            self.clear()
            return
        self.setHtml(step_html(self._timeline, self._timeline[index]))

    def plain_text(self) -> str:
        return self.toPlainText()
