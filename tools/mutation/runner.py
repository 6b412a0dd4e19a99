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
from typing import Any

import pytest

from tools.mutation.pytest_setup import (
    PYTEST_FLAGS,
    TIMEOUT_EXIT,
    Select,
    files_of,
    give_up,
    test_limit,
)

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
    source: str          # the mutated source ("" for a schema job)
    tests: tuple[str, ...]
    timeout: float
    index: int = -1      # a schema job: the mutant's index, switched on in the child


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
        _forget_project_modules()
        sys.meta_path.insert(0, _MutantFinder(job.module, job.source, job.path))
        code = int(pytest.main([*PYTEST_FLAGS, "-p", "no:pytestqt", "-x", *files_of(job.tests)],
                               plugins=[Select(job.tests, seconds, limit=True)]))
    finally:
        os._exit(code)


def _verdict(exit_code: int, timed_out: bool, seconds: float) -> Verdict:
    if timed_out or exit_code == TIMEOUT_EXIT:
        return Verdict("timeout", exit_code, seconds)
    if exit_code == 0:
        return Verdict("survived", exit_code, seconds)
    if exit_code == 1:
        return Verdict("killed", exit_code, seconds)
    # 2: the mutated module failed to import while tests were collected; a signal: it
    # crashed the interpreter. Both are the tests noticing; 3-5 would be this tool's fault.
    status = "killed" if exit_code in (2,) or exit_code < 0 else "error"
    return Verdict(status, exit_code, seconds)


def _schedule(jobs: Sequence[Job], workers: int, start: Callable[[Job], int],
              report: Callable[[Job, Verdict], None]) -> None:
    """Start each job with ``start`` (which forks and returns the child's pid), ``workers``
    at a time, kill any that outlive their budget, and ``report`` each as it ends."""
    queue = list(jobs)
    queue.reverse()
    running: dict[int, tuple[Job, float]] = {}
    timed_out: set[int] = set()
    while queue or running:
        while queue and len(running) < workers:
            job = queue.pop()
            running[start(job)] = (job, time.monotonic())
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
            time.sleep(0.01)
            continue
        if pid not in running:
            continue
        job, started = running.pop(pid)
        code = os.waitstatus_to_exitcode(status)
        report(job, _verdict(code, pid in timed_out, time.monotonic() - started))
        timed_out.discard(pid)


def run(jobs: Sequence[Job], workers: int, seconds: dict[str, float],
        report: Callable[[Job, Verdict], None]) -> None:
    """Run every job, each importing its own mutated module afresh (for mutants in code
    that runs while modules are imported, such as the TCP table's rows)."""
    def start(job: Job) -> int:
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            _child(job, seconds)
        return pid

    _schedule(jobs, workers, start, report)


class _SchemaFinder(importlib.abc.MetaPathFinder):
    def __init__(self, modules: dict[str, tuple[str, str]]) -> None:
        self.modules = modules  # module → (file, schema source)

    def find_spec(self, fullname: str, path: object = None,
                  target: object = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.modules:
            return None
        file, source = self.modules[fullname]
        spec = importlib.util.spec_from_loader(fullname, _StringLoader(source, file),
                                               origin=file)
        if spec is not None:
            spec.has_location = True
        return spec


class _ForkEachMutant:
    """A pytest plugin that replaces the test loop: with every test collected and every
    schema module imported once, fork a child per mutant that switches it on and runs the
    mutant's tests, fastest first, stopping at the first failure."""

    def __init__(self, jobs: Sequence[Job], workers: int, seconds: dict[str, float],
                 out: int) -> None:
        self.jobs, self.workers, self.seconds, self.out = jobs, workers, seconds, out

    def _child(self, job: Job, items: dict[str, Any]) -> None:
        code = 3
        try:
            os.setsid()
            from _pytest.runner import runtestprotocol

            module = importlib.import_module(job.module)
            module._MUTANT_ = job.index  # type: ignore[attr-defined]
            chosen = sorted((items[n] for n in job.tests if n in items),
                            key=lambda i: self.seconds.get(i.nodeid, 0.0))
            code = 0 if chosen else 5
            signal.signal(signal.SIGALRM, give_up)
            for k, item in enumerate(chosen):
                following = chosen[k + 1] if k + 1 < len(chosen) else None
                signal.setitimer(signal.ITIMER_REAL, test_limit(self.seconds, item.nodeid))
                if any(r.failed for r in runtestprotocol(item, log=False, nextitem=following)):
                    code = 1
                    break
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            os._exit(code)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: Any) -> bool:
        items = {i.nodeid: i for i in session.items}

        def start(job: Job) -> int:
            pid = os.fork()
            if pid == 0:
                self._child(job, items)
            return pid

        def report(job: Job, verdict: Verdict) -> None:
            line = f"{job.key}\t{verdict.status}\t{verdict.exit_code}\t{verdict.seconds}\n"
            os.write(self.out, line.encode())

        _schedule(self.jobs, self.workers, start, report)
        return True


def run_schema(modules: dict[str, tuple[str, str]], jobs: Sequence[Job], workers: int,
               seconds: dict[str, float], report: Callable[[Job, Verdict], None]) -> None:
    """Run mutants through one schema session (``mutants.schema_source``): a job's
    ``source`` is the index of its mutant. The session runs in its own process and reports
    each verdict down a pipe as it comes."""
    if not jobs:
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            os.close(read_end)
            sink = os.open(os.devnull, os.O_WRONLY)
            os.dup2(sink, 1)
            os.dup2(sink, 2)
            _forget_project_modules()
            sys.meta_path.insert(0, _SchemaFinder(modules))
            tests = files_of(n for job in jobs for n in job.tests)
            pytest.main([*PYTEST_FLAGS, "-p", "no:pytestqt", *tests],
                         plugins=[_ForkEachMutant(jobs, workers, seconds, write_end)])
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    by_key = {job.key: job for job in jobs}
    with os.fdopen(read_end) as verdicts:
        for line in verdicts:
            key, status, exit_code, took = line.rstrip("\n").split("\t")
            report(by_key[key], Verdict(status, int(exit_code), float(took)))
    os.waitpid(pid, 0)


def _forget_project_modules() -> None:
    for name in list(sys.modules):
        if name in ("simulator", "tests", "conftest") or name.startswith(
                ("simulator.", "tests.")):
            del sys.modules[name]
