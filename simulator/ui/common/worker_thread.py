"""One worker object run in its own QThread: the part every loader shares.

The capture, replay and trace loaders each move a worker (a QObject with a ``run()`` slot that
emits its result) to a fresh QThread, start it, pass its reports on (progress, warnings) and,
when a result arrives, stop the thread, release both and hand the result to the window.
``WorkerThread`` does that once: a loader names which of the worker's signals are reports and
which are results (loaded, failed, cancelled), and what receives each.

A loader that can be cancelled gives its worker ``cancel_flag()`` to check between batches;
``cancel`` sets it while the worker runs. A running thread is also cancelled and stopped when
the application quits, because a QThread destroyed while running takes the process down with
it.

Every receiver is called in the GUI thread: the worker's signals are connected to methods of
relays living there (a bound method of an object in the GUI thread is what makes Qt queue
the call to that thread; a lambda would run in the worker's).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QObject, QThread, SignalInstance

#: A worker's signal and what receives its arguments in the GUI thread.
Route = tuple[SignalInstance, Callable[..., object]]


class WorkerThread(QObject):
    """Runs one worker at a time; ``on_finish`` is called when its thread has stopped."""

    def __init__(self, parent: QObject | None = None,
                 on_finish: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: QObject | None = None
        self._relays: list[_Relay] = []
        self._cancel = threading.Event()
        self._on_finish = on_finish
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._abandon)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    # ------------------------------------------------------------------ cancelling
    def cancel_flag(self) -> threading.Event:
        """A fresh flag for the next worker to check (``cancel`` sets it)."""
        self._cancel = threading.Event()
        return self._cancel

    def cancel(self) -> None:
        """Ask the running worker to stop; nothing when none runs."""
        if self.busy:
            self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        """Whether ``cancel`` was called while the last worker ran."""
        return self._cancel.is_set()

    # ------------------------------------------------------------------ running
    def start(self, worker: QObject, results: Iterable[Route],
              reports: Iterable[Route] = ()) -> None:
        """Run ``worker.run`` in a new thread. Each of ``reports`` is passed on as it comes;
        the first of ``results`` ends the run: the thread stops and is released, then its
        receiver gets the result."""
        for signal, receiver in reports:
            self._relay(signal, receiver, ends_run=False)
        for signal, receiver in results:
            self._relay(signal, receiver, ends_run=True)
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)  # type: ignore[attr-defined]
        self._thread, self._worker = thread, worker
        thread.start()

    def _relay(self, signal: SignalInstance, receiver: Callable[..., object],
               ends_run: bool) -> None:
        relay = _Relay(self, receiver, self._finish if ends_run else None)
        signal.connect(relay.deliver)
        self._relays.append(relay)

    def _finish(self) -> None:
        """The worker has reported its result: stop its thread and release both."""
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
        for relay in self._relays:
            relay.deleteLater()
        self._relays = []
        if self._on_finish is not None:
            self._on_finish()

    def _abandon(self) -> None:
        if self._thread is not None:
            self._cancel.set()
            self._thread.quit()
            self._thread.wait()


class _Relay(QObject):
    """Receives one of the worker's signals in the GUI thread (where it lives) and passes the
    arguments on, first ending the run if the signal is a result."""

    def __init__(self, parent: QObject, receiver: Callable[..., object],
                 end_run: Callable[[], None] | None) -> None:
        super().__init__(parent)
        self._receiver = receiver
        self._end_run = end_run

    def deliver(self, *args: object) -> None:
        if self._end_run is not None:
            self._end_run()
        self._receiver(*args)
