"""One worker object run in its own QThread: the part every loader shares.

The capture, replay and trace loaders each move a worker (a QObject with a ``run()`` slot that
emits its result) to a fresh QThread, start it, and when a result arrives stop the thread and
release both. ``WorkerThread`` does that once. It also stops a running thread when the
application quits (after calling ``on_quit``, e.g. to set a cancel flag the worker checks),
because a QThread destroyed while running takes the process down with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread


class WorkerThread(QObject):
    def __init__(self, parent: QObject | None = None,
                 on_quit: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: QObject | None = None
        self._on_quit = on_quit
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._abandon)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, worker: QObject) -> None:
        """Run ``worker.run`` in a new thread (the caller has connected its signals)."""
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)  # type: ignore[attr-defined]
        self._thread, self._worker = thread, worker
        thread.start()

    def finish(self) -> None:
        """The worker has reported: stop its thread and release both."""
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None

    def _abandon(self) -> None:
        if self._thread is not None:
            if self._on_quit is not None:
                self._on_quit()
            self._thread.quit()
            self._thread.wait()
