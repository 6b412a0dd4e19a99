"""Load a capture off the GUI thread, with progress and Cancel.

The index is built by ``simulator.net.capture.index.build_index`` in a worker thread, and the
capture's HTTP (``simulator.net.http.capture_http.capture_http``: messages, each client's cookie
jar) is found in the same thread; the window gets ``progress(done, total)`` while it runs and
``loaded(index, http)`` or ``failed(message)`` at the end (``http`` is None if the HTTP pass
failed: the TCP replay still works). Cancel sets a flag the reader checks between batches.

The ``failed`` message is shown in a dialog: the words this module adds are translated
(``QCoreApplication.translate``, context "CaptureLoader"); a ``CaptureError``'s own message
comes from ``simulator.net`` (no Qt) and stays English, like the operating system's reason.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal

from simulator.net.capture.errors import CaptureError, LoadCancelled
from simulator.net.capture.index import CaptureIndex, build_index
from simulator.net.capture.packet_detail import preload_dissectors
from simulator.net.http.capture_http import CaptureHttp, capture_http
from simulator.ui.common.worker_thread import WorkerThread


class _Worker(QObject):
    progress = Signal(int, int)
    loaded = Signal(object, object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, path: str, cancel: threading.Event) -> None:
        super().__init__()
        self._path = path
        self._cancel = cancel

    def run(self) -> None:
        try:
            index = build_index(self._path, progress=self.progress.emit,
                                should_cancel=self._cancel.is_set)
        except LoadCancelled:
            self.cancelled.emit()
        except CaptureError as error:
            self.failed.emit(str(error))
        except OSError as error:
            self.failed.emit(QCoreApplication.translate(
                "CaptureLoader", "cannot read {path}: {reason}").format(
                path=self._path, reason=error.strerror or error))
        except Exception as error:  # a bug must not take the window down with it
            self.failed.emit(QCoreApplication.translate(
                "CaptureLoader", "unexpected error while reading the capture: {error}").format(
                error=repr(error)))
        else:
            http = _http(index)
            preload_dissectors()  # scapy's layers load here, not on the first packet opened
            self.loaded.emit(index, http)


def _http(index: CaptureIndex) -> CaptureHttp | None:
    try:
        return capture_http(index)
    except Exception:  # the HTTP pass is an extra: never lose the TCP replay to it
        return None


class CaptureLoader(QObject):
    """One load at a time; ``start(path)`` returns at once."""

    progress = Signal(int, int)
    loaded = Signal(object, object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._runner = WorkerThread(self, on_quit=lambda: self._cancel.set())

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def start(self, path: str) -> None:
        if self._runner.busy:
            return
        self._cancel = threading.Event()
        worker = _Worker(path, self._cancel)
        worker.progress.connect(self.progress)
        worker.loaded.connect(self._finish_loaded)
        worker.failed.connect(self._finish_failed)
        worker.cancelled.connect(self._finish_cancelled)
        self._runner.start(worker)

    def cancel(self) -> None:
        self._cancel.set()

    def _finish_loaded(self, index: CaptureIndex, http: CaptureHttp | None) -> None:
        self._runner.finish()
        self.loaded.emit(index, http)

    def _finish_failed(self, message: str) -> None:
        self._runner.finish()
        self.failed.emit(message)

    def _finish_cancelled(self) -> None:
        self._runner.finish()
        self.cancelled.emit()
