"""The lessons shipped with the app, and the thin I/O that reads them and builds their source.

The lesson files are the ``*.toml`` files in this folder (format: ``README.md`` here); the
captures some of them replay are in the project's ``assets/captures/`` (a lesson names one as
``captures/FILE``; ``simulator.resources`` finds the assets, installed or in a checkout).
Parsing and checking live in the pure models (``simulator.models.lessons.lesson``,
``simulator.models.lessons.plan``); this module only reads the files (through
``importlib.resources``, so it works from a wheel too) and turns a lesson's source into what
the lesson plays: a scenario is run by the model (a Timeline), a capture is indexed and
replayed by ``simulator.net`` (a Timeline; imported only when a capture lesson is opened, so
``--list-lessons`` stays fast and needs neither Qt nor scapy), the classic Flask 1.x path
comes from ``simulator.models.wsgi.flask_classic``, and a live trace serves the demo app on
127.0.0.1 and records a real request (``simulator.net.live.trace``); a call chain is played as
a Timeline of WSGI steps (``simulator.models.simulation.chain_timeline``).
"""

from __future__ import annotations

import locale
import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from simulator.models.lessons.lesson import (
    KnownSources,
    Lesson,
    LessonError,
    LessonSource,
    SourceKind,
    parse_lesson,
    sort_lessons,
)
from simulator.models.lessons.plan import LessonPlan, plan
from simulator.models.simulation.chain_timeline import chain_timeline
from simulator.models.simulation.scenarios import SCENARIOS, build
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.flask_classic import classic_chain
from simulator.resources import assets

__all__ = ["LessonError", "SourceError", "find_lesson", "known_sources", "lesson_plan",
           "lesson_source", "load_lesson_file", "load_lessons", "system_locale_name"]

_PACKAGE = "simulator.lessons"
CAPTURE_SUFFIXES = (".pcap", ".pcapng")


def system_locale_name() -> str:
    """The user's language setting: POSIX LC_ALL / LC_MESSAGES / LANG / LANGUAGE first, then
    the C library's locale (e.g. 'zh_CN', or 'Chinese (Simplified)_China' on Windows)."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return value.split(":")[0]
    try:
        name = locale.getlocale()[0] or ""
    except ValueError:
        name = ""
    return "zh_CN" if "chinese" in name.lower() and "traditional" not in name.lower() else name


def _folder() -> Traversable:
    return resources.files(_PACKAGE)


# Call chains from data (the classic Flask 1.x path, simulator.models.wsgi.flask_classic) and live
# traces (a real request to simulator/demo_app.py on 127.0.0.1): lesson name -> request path.
CHAINS: dict[str, str] = {"flask-classic": "/", "flask-classic-error": "/boom"}
TRACES: dict[str, str] = {"demo": "/", "demo-error": "/boom"}
# Live flows: several real requests to the demo app, cookies carried from each response to
# the next (http.cookiejar), played on every layer (TCP simulated from the real bytes, HTTP,
# the WSGI call chain): name -> (method, path, form body) per request.
FLOWS: dict[str, tuple[tuple[str, str, bytes | None], ...]] = {
    "demo-cookies-sessions": (("GET", "/", None), ("POST", "/login", b"user=ada"),
                              ("GET", "/profile", None), ("POST", "/logout", None),
                              ("GET", "/profile", None)),
}


class SourceError(Exception):
    """A lesson's source could not be built (e.g. the live trace failed): one line."""


def known_sources() -> KnownSources:
    captures_dir = assets() / "captures"
    captures = frozenset(
        f"captures/{item.name}" for item in captures_dir.iterdir()
        if item.name.endswith(CAPTURE_SUFFIXES)) if captures_dir.is_dir() else frozenset()
    return KnownSources(frozenset(SCENARIOS), captures, frozenset(CHAINS), frozenset(TRACES),
                        frozenset(FLOWS))


def lesson_files() -> list[Traversable]:
    return sorted((f for f in _folder().iterdir() if f.name.endswith(".toml")),
                  key=lambda f: f.name)


def load_lessons(known: KnownSources | None = None) -> tuple[Lesson, ...]:
    """Every shipped lesson in syllabus order; the first bad file raises LessonError."""
    known = known or known_sources()
    return sort_lessons(
        parse_lesson(f.read_text(encoding="utf-8"), f"lessons/{f.name}", known)
        for f in lesson_files())


def load_lesson_file(path: str, known: KnownSources | None = None) -> Lesson:
    """A lesson file of the teacher's own (any path); errors name that path."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise LessonError(path, 0, f"cannot read the lesson: {error.strerror}") from None
    except UnicodeDecodeError:
        raise LessonError(path, 0, "the lesson is not UTF-8 text") from None
    return parse_lesson(text, path, known or known_sources())


def find_lesson(name: str, lessons: tuple[Lesson, ...] | None = None) -> Lesson:
    lessons = load_lessons() if lessons is None else lessons
    for lesson in lessons:
        if lesson.name == name:
            return lesson
    raise KeyError(f"unknown lesson {name!r}; run --list-lessons to see them")


def lesson_source(source: LessonSource) -> Timeline:
    """Build the Timeline a lesson plays: run the scenario, replay the capture's connection,
    walk the classic chain or trace a real request live (a call chain becomes one WSGI step
    per frame event, ``simulation.chain_timeline``). SourceError says why it could not."""
    if source.kind is SourceKind.SCENARIO:
        return build(source.name)
    if source.kind is SourceKind.CHAIN:
        return chain_timeline(classic_chain(CHAINS[source.name]), name=source.name)
    if source.kind is SourceKind.CAPTURE:
        from simulator.net.capture.connection_replay import replay_connection
        from simulator.net.capture.errors import CaptureError
        from simulator.net.capture.index import build_index

        try:
            with resources.as_file(assets() / source.name) as path:
                index = build_index(str(path))
        except CaptureError as error:
            raise SourceError(f"{source.name}: {error}") from None
        if not 0 <= source.connection < len(index.connections):
            raise SourceError(f"{source.name} has no connection {source.connection}")
        timeline, _info = replay_connection(index, source.connection)
        return timeline
    from simulator.net.live.trace import TraceError, TraceRequest, trace_request, trace_requests

    if source.kind is SourceKind.FLOW:
        from simulator.net.live.trace_timeline import all_layers_of

        try:
            traces = trace_requests([TraceRequest(method, path, body)
                                     for method, path, body in FLOWS[source.name]])
        except TraceError as error:
            raise SourceError(f"live trace {source.name!r}: {error}") from None
        failed = next((t.error for t in traces if t.error), None)
        if failed or len(traces) != len(FLOWS[source.name]):
            raise SourceError(f"live trace {source.name!r}: {failed or 'a request failed'}")
        try:
            return all_layers_of(traces, name=source.name)
        except ValueError as error:
            raise SourceError(f"live trace {source.name!r}: {error}") from None
    try:
        trace = trace_request(TraceRequest(path=TRACES[source.name]))
    except TraceError as error:
        raise SourceError(f"live trace {source.name!r}: {error}") from None
    if trace.error:
        raise SourceError(f"live trace {source.name!r}: {trace.error}")
    return chain_timeline(trace.chain, name=source.name)


def lesson_plan(lesson: Lesson) -> LessonPlan:
    """The lesson laid over its source's steps (LessonError if it no longer fits)."""
    return plan(lesson, lesson_source(lesson.source))
