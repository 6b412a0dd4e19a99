"""The captures that once broke ``analyze`` (tests/data/hostile, made by make_hostile.py,
and the fuzz harness's reproducers in tests/data/fuzz-regressions): each now gives exit 0
with JSON, or a non-zero exit with one line on stderr, and what the bytes say is read right."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.models.http.snapshot import Change, MessageKind
from simulator.net.capture.index import build_index
from simulator.net.http.capture_http import capture_http
from simulator.net.http.jars import JarStep
from tests.paths import ROOT

HOSTILE = ROOT / "tests" / "data" / "hostile"
REGRESSIONS = ROOT / "tests" / "data" / "fuzz-regressions"
FILES = sorted(p for folder in (HOSTILE, REGRESSIONS) if folder.is_dir()
               for p in folder.iterdir() if p.suffix in (".pcap", ".pcapng"))


def test_every_issue_13_capture_is_here() -> None:
    assert {p.name for p in FILES if p.parent == HOSTILE} == set(
        json.loads((HOSTILE / "broke.json").read_text()))


def _two_gib_of_address_space() -> None:
    """As the fuzz harness's worker runs: a file that makes analyze ask for gigabytes fails
    here as it would on a small machine, instead of passing on lazily mapped memory."""
    import resource  # (POSIX only: the test passes no limit on Windows)

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_analyze_gives_json_or_one_line_on_stderr(path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "analyze", str(path), "--json"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        preexec_fn=_two_gib_of_address_space if sys.platform != "win32" else None)
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode == 0:
        assert json.loads(result.stdout)["file"] == path.name
    else:
        assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1


def _steps(name: str) -> list[JarStep]:
    (steps,) = capture_http(build_index(str(HOSTILE / name))).jars.values()
    return list(steps)


def _rows(name: str) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "analyze", str(HOSTILE / name), "--json"],
        capture_output=True, text=True, timeout=120, cwd=ROOT)
    rows: list[dict[str, object]] = json.loads(result.stdout)["connections"][0]["http"]
    return rows


def test_a_negative_chunk_size_is_a_problem_and_the_chunk_before_it_stays() -> None:
    (row,) = _rows("chunk-size-negative.pcap")
    assert row["status"] == 200
    assert any("bad chunk-size line b'-5'" in p for p in row["response_problems"])  # type: ignore[attr-defined]


def test_an_unknown_month_leaves_a_session_cookie_that_is_still_sent() -> None:
    steps = _steps("expires-month-ogt.pcap")
    stored = next(s for s in steps if s.kind is MessageKind.RESPONSE)
    (row,) = stored.snapshot.jar
    assert (row.name, row.expires) == ("id", None)  # §5.2.1: no cookie-date, so ignored
    second = [s for s in steps if s.kind is MessageKind.REQUEST][1]
    assert second.expected_cookie == second.sent_cookie == "id=a3fWa"


def test_the_session_bomb_is_not_inflated_and_says_why() -> None:
    (row,) = _rows("session-cookie-bomb.pcap")
    session = row["flask_session"]
    assert isinstance(session, dict) and session["payload"] is None
    assert str(session["reason"]).startswith("the payload is too large to decode")
    assert str(session["reason"]).endswith("expand past the 1 MiB limit")


def test_cookie_dates_paths_and_a_public_suffix_as_rfc_6265_says() -> None:
    first, second, third = (s for s in _steps("cookie-dates-and-paths.pcap")
                            if s.kind is MessageKind.RESPONSE)
    # Dates in the past (2007, 2017) parse, so those cookies expire on arrival; the
    # public-suffix cookie is refused; only sid stays, at the default-path /dir[1].
    assert [(r.name, r.path, r.change) for r in first.snapshot.jar] == [
        ("sid", "/dir[1]", Change.ADDED)]
    assert any("Domain=co.uk is on the Public Suffix List" in why for why in first.ignored)
    requests = [s for s in _steps("cookie-dates-and-paths.pcap") if s.kind is MessageKind.REQUEST]
    assert requests[1].expected_cookie == requests[1].sent_cookie == "sid=1"
    # 01-Jan-70 is 1970 (not 2070): the deletion deletes, and nothing goes next time
    assert [(r.name, r.change) for r in second.snapshot.jar] == [("sid", Change.REMOVED)]
    assert requests[2].expected_cookie is None and third.snapshot.jar == ()
