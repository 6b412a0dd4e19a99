"""Load a capture off the GUI thread, with progress and Cancel.

The index is built, or read from the cache of indexes
(``simulator.net.capture.index_cache.open_index``), in a worker thread, and the capture's HTTP
(``simulator.net.http.capture_http.capture_http``: messages, each client's cookie jar) is
found in the same thread; the window gets ``progress(done, total)`` while it runs and
``loaded(index, http)`` or ``failed(message)`` at the end (``http`` is None if the HTTP pass
failed: the TCP replay still works). Cancel sets a flag the reader checks between batches.

The ``failed`` message is shown in a dialog, in the interface language: the words this module
adds are translated (``QCoreApplication.translate``, context "CaptureLoader"); a
``CaptureError``'s own message, English from ``simulator.net.capture.messages`` (no Qt there),
is translated by ``translate_text`` when it reaches the GUI thread, the operating system's usual
reasons included.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal

from simulator.net.capture.errors import CaptureError, LoadCancelled
from simulator.net.capture.index import CaptureIndex
from simulator.net.capture.index_cache import open_index
from simulator.net.capture.packet_detail import preload_dissectors
from simulator.net.http.capture_http import CaptureHttp, capture_http
from simulator.ui.common.worker_thread import WorkerThread
from simulator.ui.text.model_text import translate_text


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
            index = open_index(self._path, progress=self.progress.emit,
                               should_cancel=self._cancel.is_set)
        except LoadCancelled:
            self.cancelled.emit()
        except CaptureError as error:
            self.failed.emit(str(error))
        except OSError as error:
            self.failed.emit(QCoreApplication.translate(
                "CaptureLoader", "cannot read {path}: {reason}").format(
                path=self._path, reason=translate_text(str(error.strerror or error))))
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
        self._runner = WorkerThread(self)

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def start(self, path: str) -> None:
        if self._runner.busy:
            return
        worker = _Worker(path, self._runner.cancel_flag())
        self._runner.start(worker, reports=[(worker.progress, self.progress.emit)],
                           results=[(worker.loaded, self.loaded.emit),
                                    (worker.failed, self._on_failed),
                                    (worker.cancelled, self.cancelled.emit)])

    def cancel(self) -> None:
        self._runner.cancel()

    def _on_failed(self, message: str) -> None:
        """A reader's English error, said in the interface language (GUI thread)."""
        self.failed.emit(translate_text(message))
