"""Trace a live request off the GUI thread and hand the window a Timeline.

Theory of operation
-------------------
``simulator.net.live.trace.trace_requests`` serves a Flask app (the bundled demo, or the
learner's file — it runs) with Werkzeug's server on 127.0.0.1, sends real requests, and
records each request's call chain. That takes a fraction of a second for the demo, up to the
time limit for a slow app, so it runs in a worker ``QThread`` (as captures do, see
``capture_loader``) and the window stays responsive.

The worker turns the traces into one Timeline (``net.live.trace_timeline``): by default
``all_layers_timeline`` — TCP
segments (simulated by the TCP model from the bytes that really crossed the socket), the HTTP
messages, and the call chains, from the first SYN to the last FIN — or the chain alone
(``chain_timeline``) when asked, or when a trace stopped before the request's bytes were
read. It emits ``loaded(timeline)``; an app that cannot be loaded gives ``failed(message)``
with the loader's clear message (never a traceback); a trace cut short (time limit, a crash)
still delivers what was recorded and first emits ``incomplete(message)``. The loader's own words
(the job's label, "the trace so far is shown") are translated (contexts ``TraceJob`` and
``TraceLoader``); the tracer's messages are its own and stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal

from simulator.net.live.trace import (
    DEFAULT_TIME_LIMIT,
    TraceError,
    TraceRequest,
    trace_requests,
)
from simulator.net.live.trace_timeline import traces_timeline
from simulator.ui.common.worker_thread import WorkerThread


@dataclass(frozen=True)
class TraceJob:
    """What to trace: the requests (cookies carried from one to the next), which app."""

    requests: tuple[TraceRequest, ...] = (TraceRequest(),)
    app_file: str | None = None  # None: the bundled demo app
    keep_all: bool = False  # every Python frame, not only the ones that teach
    all_layers: bool = True  # TCP + HTTP + chain on one timeline; False: the chain alone
    time_limit: float = DEFAULT_TIME_LIMIT

    @property
    def label(self) -> str:
        first = self.requests[0] if self.requests else TraceRequest()
        more = (QCoreApplication.translate("TraceJob", " (+{n} more)").format(
            n=len(self.requests) - 1) if len(self.requests) > 1 else "")
        app = (QCoreApplication.translate("TraceJob", "the demo app") if self.app_file is None
               else self.app_file)
        return f"{first.method} {first.path}{more} → {app}"


# "Flask (installed) live": the demo app's GET /, then a second GET carrying the cookies the
# first response set (the session and theme=light), which changes the theme: every layer moves.
DEMO_JOB = TraceJob((TraceRequest(path="/"), TraceRequest(path="/?theme=dark")))


class _Worker(QObject):
    loaded = Signal(object)
    failed = Signal(str)
    incomplete = Signal(str)

    def __init__(self, job: TraceJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        job = self._job
        try:
            traces = trace_requests(job.requests, app_file=job.app_file,
                                    keep_all=job.keep_all, time_limit=job.time_limit)
            timeline = traces_timeline(traces, job.all_layers)
        except TraceError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:  # a bug must not take the window down with it
            self.failed.emit(QCoreApplication.translate(
                "TraceLoader", "unexpected error while tracing: {error}").format(
                error=repr(error)))
            return
        errors = [t.error for t in traces if t.error]
        if errors:
            self.incomplete.emit(QCoreApplication.translate(
                "TraceLoader", "{error} — the trace so far is shown").format(error=errors[0]))
        self.loaded.emit(timeline)


class TraceLoader(QObject):
    """One trace at a time; ``start(job)`` returns at once."""

    loaded = Signal(object)  # Timeline
    failed = Signal(str)
    incomplete = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = WorkerThread(self)  # no cancel flag: a trace ends within its time limit

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def start(self, job: TraceJob | None = None) -> bool:
        """Start tracing; False (and nothing happens) while a trace is running."""
        if self._runner.busy:
            return False
        worker = _Worker(job or TraceJob())
        self._runner.start(worker, reports=[(worker.incomplete, self.incomplete.emit)],
                           results=[(worker.loaded, self.loaded.emit),
                                    (worker.failed, self.failed.emit)])
        return True
