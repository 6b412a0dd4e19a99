"""The command line as scripts and teachers use it: one line on stderr for any mistake."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.models.simulation.scenarios import SCENARIOS, build

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, env=env, timeout=120, cwd=ROOT)


def test_list_scenarios_prints_one_name_and_title_per_line():
    result = run("--list-scenarios")
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert [line.split()[0] for line in lines] == list(SCENARIOS)
    assert all(len(line.split(maxsplit=1)) == 2 for line in lines)


def test_export_json_has_states_in_rfc_names_for_every_step(tmp_path):
    out = tmp_path / "t.json"
    result = run("--scenario", "simultaneous-close", "--export-json", str(out))
    assert result.returncode == 0, result.stderr
    doc = json.loads(out.read_text())
    steps = doc["steps"]
    assert [s["index"] for s in steps] == list(range(len(steps)))
    assert {"index", "time", "segment", "client_state", "server_state", "explanation"} <= set(
        steps[0])
    assert any(s["client_state"] == "CLOSING" and s["server_state"] == "CLOSING" for s in steps)
    fin = next(s["segment"] for s in steps if s["segment"] and "FIN" in s["segment"]["flags"])
    assert {"src", "dst", "flags", "seq", "ack", "len", "window"} <= set(fin)
    assert doc["client_states"][-3:] == ["CLOSING", "TIME_WAIT", "CLOSED"]


@pytest.mark.parametrize("args, message", [
    (("--scenario", "no-such-thing", "--export-json", "-"), "unknown scenario"),
    (("--scenario", "abort", "--step", "99", "--export-png", "x.png"), "out of range"),
    (("--export-json", "/nonexistent/dir/t.json"), "could not write"),
    (("--size", "huge", "--export-png", "x.png"), "WIDTHxHEIGHT"),
    # --screenshot: every mistake is found before a window could block on a dialog
    (("--open", "README.md", "--screenshot", "x.png"), "not a pcap or pcapng"),
    (("--open", "tests/data/captures/udp-dns-icmp-only--dpkt--dns_icmp.pcap",
      "--screenshot", "x.png"), "no TCP connection"),
    (("--open", "assets/captures/zeek-http-get.pcap", "--connection", "5",
      "--screenshot", "x.png"), "has connections 0 to 0"),
    (("--lesson", "tcp-handshake-teardown", "--step", "17", "--answer", "1",
      "--screenshot", "x.png"), "asks no question before step 17"),
    (("--lesson", "tcp-handshake-teardown", "--step", "3", "--answer", "9",
      "--screenshot", "x.png"), "choices 1 to"),
])
def test_mistakes_give_one_line_on_stderr_and_nonzero_exit(args, message):
    result = run(*args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in result.stderr


def test_export_png_renders_the_requested_step_headless(tmp_path):
    out = tmp_path / "mid.png"
    result = run("--scenario", "simultaneous-close", "--step", "14", "--export-png", str(out),
                 "--size", "1000x700")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_screenshot_of_a_what_if_shows_the_run_with_the_loss(tmp_path):
    """--drop reaches the window: a step that exists only in the what-if run renders."""
    lost = build("handshake-teardown", frozenset({3}))
    out = tmp_path / "lost.png"
    result = run("--scenario", "handshake-teardown", "--drop", "3",
                 "--step", str(len(lost) - 1), "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    assert len(lost) > len(build("handshake-teardown")) and out.stat().st_size > 0


@pytest.mark.parametrize("listing", ["--list-lessons", "--list-scenarios"])
def test_a_listing_whose_reader_has_gone_is_one_line_and_status_1(listing):
    """`protocol-sim --list-lessons | head -0`: no traceback (CI's wheel smoke met one)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, str(ROOT / "main.py"), listing],
                                stdout=write_end, stderr=subprocess.PIPE, text=True,
                                timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["protocol-sim: cannot write the output: Broken pipe"]
