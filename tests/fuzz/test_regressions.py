"""Every reproducer in tests/data/fuzz-regressions runs through the whole pipeline under the
harness's limits (one worker, 10 s, 400 MiB) and ends clean or with a ``CaptureError``.

The xz-compressed ones (floods that take seconds even when handled well) are left to a long
run or to ``python -m simulator.fuzz --file``; see the directory's README.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.fuzz.pipeline import Job
from simulator.fuzz.supervisor import Supervisor
from simulator.fuzz.triage import root_cause
from tests.fuzz.known_open import known_open
from tests.paths import ROOT

REGRESSIONS = ROOT / "tests" / "data" / "fuzz-regressions"
FILES = sorted(p for p in REGRESSIONS.glob("*") if p.suffix in (".pcap", ".pcapng"))


@pytest.fixture(scope="module")
def supervisor() -> Iterator[Supervisor]:
    with Supervisor(time_limit=10.0, memory_limit_mb=400) as s:
        yield s


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_reproducer_no_longer_fails(path: Path, supervisor: Supervisor) -> None:
    outcome = supervisor.run(Job(str(path), "fuzz-secret-key"))
    cause = root_cause(outcome)
    if cause is not None and (why := known_open(cause)):
        pytest.xfail(f"known open: {why}")
    assert cause is None, f"{cause}: {outcome.message}\n{outcome.traceback}"
