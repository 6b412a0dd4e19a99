"""Which test runs which line: one run of the tests under coverage, switching coverage's
context to each test's node id as pytest sets it up (what ``pytest-cov --cov-context=test``
does). Lines run only while modules are imported (the TCP table's rows) get the empty
context. Run as ``python -m tools.mutation.baseline SNAPSHOT OUT.json FILE... -- TEST...``
in its own process, so the tracer never reaches the forked mutant runs."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import coverage
import pytest

from tools.mutation.pytest_setup import PYTEST_FLAGS, enter, hypothesis_profile


class _Contexts:
    def __init__(self, cov: coverage.Coverage) -> None:
        self.cov = cov
        self.seconds: dict[str, float] = {}
        self.failed: list[str] = []
        self._started = 0.0

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: Any) -> None:
        self.cov.switch_context(item.nodeid)
        self._started = time.perf_counter()

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_teardown(self, item: Any) -> None:
        self.seconds[item.nodeid] = time.perf_counter() - self._started

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.failed:
            self.failed.append(report.nodeid)


def main(argv: list[str]) -> int:
    snapshot, out = Path(argv[0]), Path(argv[1])
    split = argv.index("--")
    files, tests = argv[2:split], argv[split + 1:]
    enter(snapshot)
    hypothesis_profile()
    cov = coverage.Coverage(data_file=None, config_file=False, branch=False,
                            include=[str(snapshot / f) for f in files])
    plugin = _Contexts(cov)
    cov.start()
    code = pytest.main([*PYTEST_FLAGS, "-x", *tests], plugins=[plugin])
    cov.stop()
    data = cov.get_data()
    lines: dict[str, dict[str, list[str]]] = {}
    for f in files:
        by_line = data.contexts_by_lineno(str(snapshot / f))
        lines[f] = {str(n): sorted(c) for n, c in by_line.items()}
    out.write_text(json.dumps({"exit": int(code), "failed": plugin.failed,
                               "seconds": plugin.seconds, "lines": lines}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
