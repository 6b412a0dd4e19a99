"""Command line: start the window, list scenarios, export a step or a timeline headless.

Headless commands (``--list-scenarios``, ``--export-json``, ``analyze``) never import Qt.
Every failure is one line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.lessons import (
    SourceError,
    find_lesson,
    lesson_plan,
    load_lessons,
    system_locale_name,
)
from simulator.models.lessons.lesson import Lesson, LessonError
from simulator.models.lessons.plan import LessonPlan
from simulator.models.lessons.predict import Question
from simulator.models.lessons.text import Lang, lang_from_locale, parse_lang
from simulator.models.simulation.scenarios import DEFAULT_SCENARIO, SCENARIOS, build
from simulator.models.timeline.json_form import timeline_json
from simulator.models.timeline.ladder_text import mermaid, plantuml
from simulator.models.timeline.steps import Timeline

EXIT_USAGE = 2
EXIT_FAILED = 1


class CliError(Exception):
    """A message for stderr; the program exits non-zero."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="protocol-sim",
        description="Protocol Simulator: step through TCP as RFC 9293 describes it.",
        epilog="Also: 'protocol-sim analyze CAPTURE [--json]' to analyse a .pcap/.pcapng file; "
               "'protocol-sim trace [--app FILE] [--json]' to trace a request through Flask.")
    p.add_argument("--scenario", default=DEFAULT_SCENARIO, metavar="NAME",
                   help=f"scenario to open (default: {DEFAULT_SCENARIO}); see --list-scenarios")
    p.add_argument("--open", metavar="CAPTURE",
                   help="open a .pcap/.pcapng capture in the window and replay its "
                        "connections; with an --export-*, export the replayed connection "
                        "(see --connection) instead of a scenario")
    p.add_argument("--no-cache", action="store_true",
                   help="index captures again instead of reading the indexes kept from the "
                        "last time they were opened (and do not keep new ones)")
    p.add_argument("--list-scenarios", action="store_true",
                   help="print the scenarios, one per line with a short title, and exit")
    p.add_argument("--list-lessons", action="store_true",
                   help="print the lessons in syllabus order (name, question, title) and exit")
    p.add_argument("--lesson", metavar="NAME",
                   help="open this lesson (see --list-lessons); --step N opens it at step N")
    p.add_argument("--lang", metavar="en|zh_CN", default=None,
                   help="language of the interface and the lessons (default: the last one "
                        "chosen in the app, else the system locale)")
    p.add_argument("--step", type=int, default=None, metavar="N",
                   help="step to open or export (0-based; default: first, or last for exports)")
    p.add_argument("--drop", type=int, action="append", default=[], metavar="SEGMENT",
                   help="what-if: lose the segment with this number (repeatable)")
    p.add_argument("--export-png", metavar="FILE", help="render the step to a PNG and exit")
    p.add_argument("--export-svg", metavar="FILE", help="render the step to an SVG and exit")
    p.add_argument("--export-json", metavar="FILE",
                   help="write the whole timeline as JSON ('-' for stdout) and exit")
    p.add_argument("--export-mermaid", metavar="FILE",
                   help="write the whole ladder as a Mermaid sequenceDiagram ('-' for stdout)")
    p.add_argument("--export-plantuml", metavar="FILE",
                   help="write the whole ladder as a PlantUML sequence diagram ('-' for stdout)")
    p.add_argument("--absolute", action="store_true",
                   help="show absolute sequence numbers instead of relative ones")
    p.add_argument("--size", default=None, metavar="WxH",
                   help="image size: for --export-png/--export-svg (default 1600x1000), "
                        "or the screen for --screenshot (default 1280x720)")
    p.add_argument("--screenshot", metavar="FILE",
                   help="render the main window as it opens on a screen of --size, with "
                        "--scenario, --lesson or --open at --step, to a PNG, without showing "
                        "it, and exit")
    p.add_argument("--present", action="store_true",
                   help="with --screenshot: in presentation mode (F11)")
    p.add_argument("--answer", type=int, default=None, metavar="N",
                   help="with --screenshot and --lesson: predict mode on, and the question "
                        "before --step answered with choice N (1-based)")
    p.add_argument("--connection", type=int, default=None, metavar="N",
                   help="with --open: the capture's connection to replay (default: the "
                        "first)")
    return p


def _lang(args: argparse.Namespace) -> Lang:
    if args.lang is None:
        return lang_from_locale(system_locale_name())
    try:
        return parse_lang(args.lang)
    except ValueError as error:
        raise CliError(f"--lang: {error}") from None


def _list_lessons(lang: Lang) -> None:
    lessons = _lessons()
    width = max(len(lesson.name) for lesson in lessons)
    for lesson in lessons:
        print(f"{lesson.name:<{width}}  {lesson.syllabus}  {lesson.title.get(lang)}")


def _lessons() -> tuple[Lesson, ...]:
    try:
        return load_lessons()
    except LessonError as error:
        raise CliError(str(error)) from None


def _lesson_plan(args: argparse.Namespace) -> LessonPlan:
    """The lesson laid over its source; any problem is one line on stderr."""
    if args.drop:
        raise CliError("--drop works on --scenario, not on a lesson")
    try:
        return lesson_plan(find_lesson(args.lesson, _lessons()))
    except KeyError as error:
        raise CliError(str(error.args[0])) from None
    except (LessonError, SourceError) as error:
        raise CliError(str(error)) from None


def _lesson_step(args: argparse.Namespace, plan: LessonPlan) -> int:
    step = 0 if args.step is None else args.step
    if not 0 <= step < plan.length:
        raise CliError(f"--step {step} is out of range: lesson {plan.lesson.name!r} has steps "
                       f"0 to {plan.length - 1}")
    return step


def _check_window() -> None:
    """One line on stderr instead of Qt's abort when no window can open here."""
    from simulator.ui.app.system_libraries import window_problem

    problem = window_problem()
    if problem is not None:
        raise CliError(f"cannot open a window: {problem}")


def _start_app(args: argparse.Namespace, lang: Lang) -> tuple[Any, Lang]:
    """The QApplication with its name, icon, appearance (light/dark, as last chosen) and
    language: --lang when given, else the learner's last choice, else the system's."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from simulator.ui.app.appearance import appearance_manager, saved_appearance
    from simulator.ui.app.desktop import app_icon
    from simulator.ui.app.main_window import LANGUAGE_KEY
    from simulator.ui.text.fonts import apply_app_font

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Protocol Simulator")
    app.setOrganizationName("ProtocolSimulator")
    QApplication.setWindowIcon(app_icon())
    apply_app_font(app)  # CJK fallbacks, so Chinese renders on Linux, Windows and macOS
    appearance_manager().apply(saved_appearance(), remember=False)
    if args.lang is None:
        saved = QSettings().value(LANGUAGE_KEY)
        if saved:
            with contextlib.suppress(ValueError):
                lang = parse_lang(str(saved))
    return app, lang


def _gui_lesson(args: argparse.Namespace, lang: Lang, step: int) -> int:
    """The window with the lesson docks, the lesson open at ``step`` (a deep link)."""
    _check_window()
    from simulator.ui.app.main_window import MainWindow
    from simulator.ui.lessons.lesson_docks import lesson_controller_for

    app, lang = _start_app(args, lang)
    window = MainWindow(lang=lang)
    lessons = lesson_controller_for(window, lang)
    lessons.open_lesson(args.lesson, step)
    window.show()
    return int(app.exec())


def _timeline(args: argparse.Namespace) -> Timeline:
    if args.scenario not in SCENARIOS:
        raise CliError(f"unknown scenario {args.scenario!r}; run --list-scenarios to see them")
    return build(args.scenario, frozenset(args.drop))


def _step(args: argparse.Namespace, timeline: Timeline, default: int,
          what: str | None = None) -> int:
    step = default if args.step is None else args.step
    if not 0 <= step < len(timeline):
        what = what or f"scenario {timeline.name!r}"
        raise CliError(f"--step {step} is out of range: {what} has steps "
                       f"0 to {len(timeline) - 1}")
    return step


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise CliError(f"--size {text!r} is not of the form WIDTHxHEIGHT") from None
    if not (200 <= w <= 8000 and 200 <= h <= 8000):
        raise CliError("--size must be between 200x200 and 8000x8000")
    return w, h


def _export_images(args: argparse.Namespace, timeline: Timeline, lang: Lang,
                   what: str | None = None) -> None:
    """The slide in the interface language --lang names (default: the system's)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from simulator.ui.app.export import ExportError, export_png, export_svg
    from simulator.ui.text.i18n import set_language

    app = QApplication.instance() or QApplication([sys.argv[0]])
    set_language(lang)
    w, h = _size(args.size or "1600x1000")
    step = _step(args, timeline, len(timeline) - 1, what)
    try:
        if args.export_png:
            export_png(timeline, step, args.export_png, QSize(w, h), not args.absolute)
        if args.export_svg:
            export_svg(timeline, step, args.export_svg, QSize(w, h), not args.absolute)
    except ExportError as error:
        raise CliError(str(error)) from None
    finally:
        app.processEvents()  # run deferred deletions while the application still exists


def _screenshot(args: argparse.Namespace, lang: Lang) -> int:
    """The real main window, drawn offscreen on a screen of --size (ui.app.screenshot)."""
    if args.lesson and args.open:
        raise CliError("--screenshot takes one of --scenario, --lesson and --open")
    if args.answer is not None and not args.lesson:
        raise CliError("--answer needs --lesson (predict mode asks a lesson's questions)")
    if args.lesson:
        plan = _lesson_plan(args)
        step = _lesson_step(args, plan)  # unknown lesson or bad --step: one line
        if args.answer is not None:
            _check_answer(plan.question_before(step), args.answer, step)
    elif args.open:
        _check_capture_drop(args)
        _check_capture(args.open, args.connection, args.drop)  # before a window could
        # show a dialog
    else:
        _step(args, _timeline(args), 0)
    w, h = _size(args.size or "1280x720")
    from simulator.ui.app.screenshot import (
        ScreenshotError,
        Shot,
        isolate_settings,
        offscreen_platform,
        render_window,
    )

    if "QT_QPA_PLATFORM" not in os.environ or not _has_app():
        os.environ["QT_QPA_PLATFORM"] = offscreen_platform(w, h)
    isolate_settings()
    _app, lang = _start_app(args, lang)
    shot = Shot(w, h, lang, scenario=None if args.lesson or args.open else args.scenario,
                lesson=args.lesson, capture=args.open, connection=args.connection,
                step=args.step, present=args.present, relative=not args.absolute,
                answer=None if args.answer is None else args.answer - 1,
                drops=frozenset(args.drop))
    try:
        render_window(shot, args.screenshot)
    except ScreenshotError as error:
        raise CliError(str(error)) from None
    return 0


def _check_answer(question: Question | None, answer: int, step: int) -> None:
    if question is None:
        raise CliError(f"--answer: the lesson asks no question before step {step}")
    if not 1 <= answer <= len(question.choices):
        raise CliError(f"--answer: the question has choices 1 to {len(question.choices)}")


def _check_capture(path: str, connection: int | None, drop: Sequence[int] = ()) -> None:
    """A file that is not a capture, no such connection, a segment that cannot be lost:
    one line, no window."""
    from simulator.net.capture.errors import CaptureError
    from simulator.net.replay_document import (
        capture_what_if_of,
        check_connection,
        open_replay,
        read_capture,
    )

    try:
        if drop:
            capture_what_if_of(open_replay(path, connection), drop[0])
        else:
            check_connection(read_capture(path), connection)
    except CaptureError as error:
        raise CliError(str(error)) from None


def _export_capture(args: argparse.Namespace, lang: Lang) -> int:
    """--open CAPTURE [--connection N] with the exports: the replayed connection, as a
    scenario's timeline is exported (headless; the JSON and the texts never import Qt).
    A file cut short still exports what it holds, as tshark prints it: the reader's line
    on stderr and exit status 1."""
    from simulator.net.capture.errors import CaptureError
    from simulator.net.replay_document import (
        capture_what_if_of,
        open_replay,
        replay_document,
        show_http,
        what_if_document,
    )

    _check_capture_drop(args)
    try:
        opened = open_replay(args.open, args.connection)
        what_if = capture_what_if_of(opened, args.drop[0]) if args.drop else None
    except CaptureError as error:
        raise CliError(str(error)) from None
    timeline = opened.timeline if what_if is None else what_if.timeline
    what = f"connection {opened.number} of {opened.file_name}"
    if what_if is not None:
        what = f"the what-if of {what}"
    if args.step is not None:
        _step(args, timeline, 0, what)  # before anything is written
    if args.export_json:
        _write_json(args.export_json, replay_document(opened) if what_if is None
                    else what_if_document(opened, what_if))
    if args.export_mermaid:
        _write_text(args.export_mermaid, mermaid(timeline, not args.absolute))
    if args.export_plantuml:
        _write_text(args.export_plantuml, plantuml(timeline, not args.absolute))
    if args.export_png or args.export_svg:
        if what_if is None:
            show_http(opened)  # the step's layer, as the window shows it
        _export_images(args, timeline, lang, what)
    cut = opened.stopped_early
    for warning in opened.warnings:
        if warning != cut:
            print(f"protocol-sim: warning: {warning}", file=sys.stderr)
    if cut is not None:
        print(f"protocol-sim: error: {cut}", file=sys.stderr)
        return EXIT_FAILED
    return 0


def _check_capture_drop(args: argparse.Namespace) -> None:
    """--drop on a capture loses one of its segments (the what-if of D in the window)."""
    if len(args.drop) > 1:
        raise CliError("--drop with --open takes one segment of the capture (the window's D "
                       "loses more, one at a time)")


def _has_app() -> bool:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() is not None


def _write_json(target: str, document: object) -> None:
    _write_text(target, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _write_text(target: str, text: str) -> None:
    if target == "-":
        sys.stdout.write(text)
        return
    try:
        Path(target).write_text(text, encoding="utf-8")
    except OSError as error:
        raise CliError(f"could not write {target}: {error.strerror}") from None


def _gui(args: argparse.Namespace, timeline: Timeline, lang: Lang) -> int:
    if args.open and args.drop:
        raise CliError("--drop with --open works with the exports and --screenshot; in the "
                       "window, press D at a step of the replay")
    _check_window()
    from simulator.ui.app.main_window import MainWindow

    if args.open and args.step is not None and args.step < 0:
        raise CliError(f"--step {args.step} is out of range: steps count from 0")
    app, lang = _start_app(args, lang)
    # with --open, --step is a step of the replayed connection (checked once it is replayed)
    window = MainWindow(timeline.name, 0 if args.open else _step(args, timeline, 0),
                        frozenset(args.drop), lang)
    if args.open:
        window.open_capture(args.open, args.connection, args.step)
    if args.absolute:
        window.relative_action.setChecked(False)  # toggled: every view follows
    window.show()
    return int(app.exec())


def run(argv: Sequence[str]) -> int:
    argv = list(argv)
    if argv and argv[0] == "analyze":
        from simulator.analyze_cli import run_analyze

        return run_analyze(argv[1:])
    if argv and argv[0] == "trace":
        from simulator.trace_cli import run_trace

        return run_trace(argv[1:])
    args = _parser().parse_args(argv)
    if args.no_cache:
        from simulator.net.capture.index_cache import use_cache

        use_cache(False)
    if args.list_scenarios:
        width = max(len(n) for n in SCENARIOS)
        for name, scenario in SCENARIOS.items():
            print(f"{name:<{width}}  {scenario.title}")
        return 0
    lang = _lang(args)  # checks --lang before anything else runs
    if args.list_lessons:
        _list_lessons(lang)
        return 0
    if args.screenshot:
        return _screenshot(args, lang)
    exporting = bool(args.export_json or args.export_png or args.export_svg
                     or args.export_mermaid or args.export_plantuml)
    if args.open and exporting:
        if args.lesson:
            raise CliError("--open and --lesson: export one of them")
        return _export_capture(args, lang)
    if args.lesson:
        plan = _lesson_plan(args)
        if plan.timeline is None and exporting:
            raise CliError(f"lesson {plan.lesson.name!r} plays a WSGI call chain; the exports "
                           "draw TCP timelines")
        if plan.timeline is None or not exporting:
            return _gui_lesson(args, lang, _lesson_step(args, plan))
        timeline = plan.timeline
    else:
        timeline = _timeline(args)
    if args.export_json:
        _write_json(args.export_json, timeline_json(timeline))
    if args.export_mermaid:
        _write_text(args.export_mermaid, mermaid(timeline, not args.absolute))
    if args.export_plantuml:
        _write_text(args.export_plantuml, plantuml(timeline, not args.absolute))
    if args.export_png or args.export_svg:
        _export_images(args, timeline, lang)
    if exporting:
        return 0
    if not args.open:  # an --open's --step is a step of the connection, checked once replayed
        _step(args, timeline, 0)  # a bad --step is one line on stderr, before any window opens
    return _gui(args, timeline, lang)


def _silence_stdout() -> None:
    """Point stdout at the null device, so the exit-time flush of what is still buffered
    does not fail again with a traceback (Python's advice for SIGPIPE)."""
    with contextlib.suppress(OSError, ValueError):  # no real file behind stdout
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except BrokenPipeError:  # e.g. `--list-lessons | head -1`: the reader went away
        _silence_stdout()
        print("protocol-sim: cannot write the output: Broken pipe", file=sys.stderr)
        return 1
    except CliError as error:
        print(f"protocol-sim: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
