"""Replay a captured connection off the GUI thread, with progress and Cancel.

A connection of 100,000 segments takes about half a second to replay through the TCP model
(``simulator.net.capture.connection_replay``) and to lay out for the ladder (``ladder_layout``); a
worker thread does both while the window stays responsive, and a progress dialog with
Cancel appears if it takes longer than a moment. A small connection (at most
``IN_THREAD_ABOVE`` segments, a few milliseconds) is replayed at once in the caller's
thread, so ``loaded`` is emitted before ``start`` returns.

The progress dialog (``common.progress.LoadProgress``, which re-sets its texts if the
language changes while it is open) and the ``failed`` message are translated with
``QCoreApplication.translate`` (context "ReplayLoader").
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from simulator.models.replay.engine import ReplayCancelled
from simulator.net.capture.connection_replay import replay_connection
from simulator.net.capture.index import CaptureIndex
from simulator.ui.common.progress import LoadProgress
from simulator.ui.common.worker_thread import WorkerThread
from simulator.ui.tcp.ladder_layout import layout_of

IN_THREAD_ABOVE = 5000  # segments


def _failure(conn_id: int, error: Exception) -> str:
    return QCoreApplication.translate(
        "ReplayLoader", "unexpected error while replaying connection {n}: {error}").format(
        n=conn_id, error=repr(error))


class _Worker(QObject):
    progress = Signal(int, int)
    loaded = Signal(object, object, int)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, index: CaptureIndex, conn_id: int, cancel: threading.Event) -> None:
        super().__init__()
        self._index, self._conn_id, self._cancel = index, conn_id, cancel

    def _report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise ReplayCancelled
        self.progress.emit(done, total)

    def run(self) -> None:
        try:
            timeline, info = replay_connection(self._index, self._conn_id, self._report)
            layout_of(timeline)  # the ladder's layout, ready for the GUI thread
        except ReplayCancelled:
            self.cancelled.emit()
        except Exception as error:  # a bug must not take the window down with it
            self.failed.emit(_failure(self._conn_id, error))
        else:
            self.loaded.emit(timeline, info, self._conn_id)


class ReplayLoader(QObject):
    """One replay at a time; ``start(index, conn_id)`` emits ``loaded(timeline, info,
    conn_id)``, ``failed(message)`` or ``cancelled()``."""

    progress = Signal(int, int)
    loaded = Signal(object, object, int)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._progress = LoadProgress(parent, self.cancel)
        self._runner = WorkerThread(self, on_finish=self._progress.finish)

    @property
    def busy(self) -> bool:
        return self._runner.busy

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self._progress.dialog

    def start(self, index: CaptureIndex, conn_id: int) -> None:
        if self._runner.busy:
            return
        if sum(index.connections[conn_id].packets) <= IN_THREAD_ABOVE:
            try:
                timeline, info = replay_connection(index, conn_id)
            except Exception as error:  # as in the worker: a message, not a crash
                self.failed.emit(_failure(conn_id, error))
                return
            self.loaded.emit(timeline, info, conn_id)
            return
        self._progress.start(lambda: (
            QCoreApplication.translate("ReplayLoader", "Opening connection"),
            QCoreApplication.translate(
                "ReplayLoader", "Replaying connection {n} through the TCP model…").format(
                n=conn_id)))
        worker = _Worker(index, conn_id, self._runner.cancel_flag())
        self._runner.start(worker, reports=[(worker.progress, self._on_progress)],
                           results=[(worker.loaded, self._deliver),
                                    (worker.failed, self.failed.emit),
                                    (worker.cancelled, self.cancelled.emit)])

    def cancel(self) -> None:
        """Stop the replay under way: ``cancelled`` follows, never ``loaded``."""
        self._runner.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)
        self._progress.set_progress(done, total)

    def _deliver(self, timeline: object, info: object, conn_id: int) -> None:
        """The replay is done; a Cancel pressed after its last progress report still wins."""
        if self._runner.cancel_requested:
            self.cancelled.emit()
        else:
            self.loaded.emit(timeline, info, conn_id)
