"""The server's side as a source of the window: the classic Flask 1.x call chain and the
CGI/FastCGI/WSGI lesson (both data), and a live request traced through a real Flask app off
the GUI thread (``wsgi.trace_loader``), chosen in the trace dialog or from the source box.

``ServerSource.load(key)`` takes the source box's ``wsgi:…`` keys; every timeline it makes
comes out of ``ready``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from simulator.models.simulation.chain_timeline import chain_timeline
from simulator.models.simulation.gateway_timeline import gateway_timeline
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.flask_classic import classic_chain
from simulator.ui.wsgi.trace_dialog import TraceDialog
from simulator.ui.wsgi.trace_loader import DEMO_JOB, TraceJob, TraceLoader

CLASSIC, LIVE, GATEWAYS = "wsgi:classic", "wsgi:live", "wsgi:gateways"
STATUS_MS = 15000  # how long a trace's "incomplete" note stays in the status bar


class ServerSource(QObject):
    """Timelines of the server's side; ``ready(timeline)`` when one is made, ``tracing``
    when a live trace begins."""

    ready = Signal(object)  # Timeline
    tracing = Signal()  # a live trace starts: the player should pause

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.trace_loader = TraceLoader(self)
        self.trace_loader.loaded.connect(self._on_traced)
        self.trace_loader.failed.connect(self._on_trace_failed)
        self.trace_loader.incomplete.connect(
            lambda message: window.statusBar().showMessage(message, STATUS_MS))

    def load(self, key: str) -> None:
        """The classic chain and the gateway lesson are data; the live one is traced."""
        if key == LIVE:
            self.trace(DEMO_JOB)
            return
        timeline = (chain_timeline(classic_chain("/"), name="wsgi-classic")
                    if key == CLASSIC else gateway_timeline())
        self.ready.emit(timeline)

    def choose_trace(self) -> None:
        dialog = TraceDialog(self._window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.trace(dialog.job())

    def trace(self, job: TraceJob) -> None:
        self.tracing.emit()
        if self.trace_loader.start(job):
            self._window.statusBar().showMessage(
                self.tr("Tracing {request} …").format(request=job.label))

    def _on_traced(self, timeline: Timeline) -> None:
        self._window.statusBar().clearMessage()
        self.ready.emit(timeline)

    def _on_trace_failed(self, message: str) -> None:
        self._window.statusBar().clearMessage()
        QMessageBox.warning(self._window, self.tr("Cannot trace the request"), message)
