"""Which lines run while the target modules are imported, and nothing else: ``python -m
tools.mutation.import_lines SNAPSHOT OUT.json FILE...`` imports them under coverage. A mutant
on such a line (a module constant, the TCP table's rows, a function the module calls to build
its data) is fixed when the module is imported, so it needs a fresh import per mutant; any
other mutant can share one import behind a run-time switch. (A line the tests' collection
ran also has coverage's empty context in the baseline, so the baseline cannot tell.)"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import coverage

from tools.mutation.pytest_setup import enter


def main(argv: list[str]) -> int:
    snapshot, out = Path(argv[0]), Path(argv[1])
    files = argv[2:]
    enter(snapshot)
    cov = coverage.Coverage(data_file=None, config_file=False,
                            include=[str(snapshot / f) for f in files])
    cov.start()
    for f in files:
        importlib.import_module(f.removesuffix(".py").replace("/", "."))
    cov.stop()
    data = cov.get_data()
    out.write_text(json.dumps({f: sorted(data.lines(str(snapshot / f)) or []) for f in files}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
