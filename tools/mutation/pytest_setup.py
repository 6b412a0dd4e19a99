"""What the baseline run and every mutant run share: the working copy, hypothesis' profile,
and the pytest plugin that picks and orders the tests."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PYTEST_FLAGS = ["-q", "-p", "no:cacheprovider", "-p", "no:randomly", "--no-header",
                "-o", "addopts="]


def enter(snapshot: Path) -> None:
    """Run from the snapshot: its ``simulator`` and ``tests`` shadow the installed ones."""
    os.chdir(snapshot)
    sys.path.insert(0, str(snapshot))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def hypothesis_profile() -> None:
    """Same examples every run (a mutant's verdict must not depend on luck), no example
    database (a mutant's failures must not be replayed against the real code), no
    deadlines (tracing and forking slow tests down)."""
    from hypothesis import settings

    settings.register_profile("mutation", derandomize=True, database=None, deadline=None,
                              print_blob=False)
    settings.load_profile("mutation")


#: A mutant run's exit status when one test outlived ``test_limit``.
TIMEOUT_EXIT = 7


def test_limit(seconds: dict[str, float], nodeid: str) -> float:
    """How long one test may run under a mutant before the mutant counts as a hang: ten
    times its time in the baseline (which ran under coverage, so slower) and 5 s more."""
    return 10 * seconds.get(nodeid, 1.0) + 5


def give_up(signum: int, frame: object) -> None:
    """SIGALRM: a test outlived its limit, the mutant made it hang (a verdict, not an
    error). Leave at once: the hanging code may never return to pytest."""
    os._exit(TIMEOUT_EXIT)


class Select:
    """Keep only the chosen tests, fastest first (a mutant is usually killed by the first);
    with ``limit``, a test that outlives ``test_limit`` ends the run as a hang."""

    def __init__(self, chosen: Iterable[str], seconds: dict[str, float],
                 limit: bool = False) -> None:
        self.chosen = set(chosen)
        self.seconds = seconds
        self.limit = limit

    def pytest_runtest_logstart(self, nodeid: str, location: object) -> None:
        if self.limit:
            signal.signal(signal.SIGALRM, give_up)
            signal.setitimer(signal.ITIMER_REAL, test_limit(self.seconds, nodeid))

    def pytest_runtest_logfinish(self, nodeid: str, location: object) -> None:
        if self.limit:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def pytest_collection_modifyitems(self, items: list[Any]) -> None:
        kept = [i for i in items if i.nodeid in self.chosen]
        kept.sort(key=lambda i: self.seconds.get(i.nodeid, 0.0))
        items[:] = kept


def files_of(nodeids: Iterable[str]) -> list[str]:
    return sorted({n.split("::", 1)[0] for n in nodeids})
