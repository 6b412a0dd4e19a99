"""Run mutants, each in a forked child that imports the mutated module instead of the file.

The parent imports the heavy third-party libraries once (pytest, hypothesis, scapy, Qt,
Flask, numpy), so each child only imports the project itself, fresh: every ``simulator``
and ``tests`` module is dropped from the child's module table and a finder at the head of
``sys.meta_path`` serves the mutated source under the module's own name and file. Tests that
start a new Python process see the original code; they can only miss a mutant, never
invent a kill.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType

from tools.mutation.pytest_setup import PYTEST_FLAGS, Select, files_of

HEAVY_IMPORTS = ("pytest", "hypothesis", "hypothesis.strategies", "scapy.all", "h11",
                 "werkzeug", "flask", "itsdangerous", "numpy", "PySide6.QtCore",
                 "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg", "pytestqt.plugin")


def preload() -> None:
    for name in HEAVY_IMPORTS:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


@dataclass(frozen=True)
class Job:
    key: str
    module: str          # dotted module name to replace
    path: str            # its file (absolute, in the snapshot)
    source: str          # the mutated source
    tests: tuple[str, ...]
    timeout: float


@dataclass(frozen=True)
class Verdict:
    status: str  # killed | survived | timeout | error
    exit_code: int
    seconds: float


class _StringLoader(importlib.abc.Loader):
    def __init__(self, source: str, path: str) -> None:
        self.source = source
        self.path = path

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        module.__file__ = self.path
        exec(compile(self.source, self.path, "exec"), module.__dict__)


class _MutantFinder(importlib.abc.MetaPathFinder):
    def __init__(self, module: str, source: str, path: str) -> None:
        self.module, self.source, self.path = module, source, path

    def find_spec(self, fullname: str, path: object = None,
                  target: object = None) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.module:
            return None
        spec = importlib.util.spec_from_loader(fullname, _StringLoader(self.source, self.path),
                                               origin=self.path)
        if spec is not None:
            spec.has_location = True
        return spec


def _child(job: Job, seconds: dict[str, float]) -> None:
    """In the forked child: never returns."""
    code = 3
    try:
        os.setsid()
        sink = os.open(os.devnull, os.O_WRONLY)
        os.dup2(sink, 1)
        os.dup2(sink, 2)
        for name in list(sys.modules):
            if name in ("simulator", "tests", "conftest") or name.startswith(
                    ("simulator.", "tests.")):
                del sys.modules[name]
        sys.meta_path.insert(0, _MutantFinder(job.module, job.source, job.path))
        import pytest

        code = int(pytest.main([*PYTEST_FLAGS, "-x", *files_of(job.tests)],
                               plugins=[Select(job.tests, seconds)]))
    finally:
        os._exit(code)


def _verdict(exit_code: int, timed_out: bool, seconds: float) -> Verdict:
    if timed_out:
        return Verdict("timeout", exit_code, seconds)
    if exit_code == 0:
        return Verdict("survived", exit_code, seconds)
    if exit_code == 1:
        return Verdict("killed", exit_code, seconds)
    # 2: the mutated module failed to import while tests were collected; a signal: it
    # crashed the interpreter. Both are the tests noticing; 3-5 would be this tool's fault.
    status = "killed" if exit_code in (2,) or exit_code < 0 else "error"
    return Verdict(status, exit_code, seconds)


def run(jobs: Sequence[Job], workers: int, seconds: dict[str, float],
        report: Callable[[Job, Verdict], None]) -> None:
    """Run every job, ``workers`` at a time, calling ``report`` as each finishes."""
    queue = list(jobs)
    queue.reverse()
    running: dict[int, tuple[Job, float]] = {}
    timed_out: set[int] = set()
    while queue or running:
        while queue and len(running) < workers:
            job = queue.pop()
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                _child(job, seconds)
            running[pid] = (job, time.monotonic())
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            now = time.monotonic()
            for child, (job, started) in running.items():
                if child not in timed_out and now - started > job.timeout:
                    timed_out.add(child)
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(child, signal.SIGKILL)
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(child, signal.SIGKILL)
            time.sleep(0.02)
            continue
        job, started = running.pop(pid)
        code = os.waitstatus_to_exitcode(status)
        report(job, _verdict(code, pid in timed_out, time.monotonic() - started))
        timed_out.discard(pid)
