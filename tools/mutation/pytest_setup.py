"""What the baseline run and every mutant run share: the working copy, hypothesis' profile,
and the pytest plugin that picks and orders the tests."""

from __future__ import annotations

import os
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


class Select:
    """Keep only the chosen tests, fastest first (a mutant is usually killed by the first)."""

    def __init__(self, chosen: Iterable[str], seconds: dict[str, float]) -> None:
        self.chosen = set(chosen)
        self.seconds = seconds

    def pytest_collection_modifyitems(self, items: list[Any]) -> None:
        kept = [i for i in items if i.nodeid in self.chosen]
        kept.sort(key=lambda i: self.seconds.get(i.nodeid, 0.0))
        items[:] = kept


def files_of(nodeids: Iterable[str]) -> list[str]:
    return sorted({n.split("::", 1)[0] for n in nodeids})
