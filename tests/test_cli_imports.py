"""Headless commands import only what they use: no Qt, no Flask, no numpy, no scapy unless
the command needs them (issue 14: a quick start). Each runs in a fresh interpreter, which
then lists the heavy packages it has imported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.paths import CAPTURES, ROOT

HEAVY = ("PySide6", "flask", "numpy", "scapy")
CAPTURE = str(CAPTURES / "http-get-basic--zeek--get.pcap")


def imported(args: list[str], tmp: str) -> set[str]:
    code = ("import json, sys\n"
            "from simulator.cli import main\n"
            "try:\n"
            f"    main({args!r})\n"
            "except SystemExit:\n"
            "    pass\n"
            f"heavy = {HEAVY!r}\n"
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & set(heavy))),\n"
            "      file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=300, env={"PATH": "/usr/bin:/bin", "HOME": tmp})
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(("args", "needs"), [
    (["--help"], set()),
    (["--list-scenarios"], set()),
    (["--list-lessons"], set()),
    (["--scenario", "handshake-teardown", "--export-json", "-"], set()),
    (["--scenario", "handshake-teardown", "--export-mermaid", "-"], set()),
    (["--lesson", "tcp-lost-syn", "--export-json", "-"], set()),
    (["analyze", CAPTURE], {"numpy"}),  # the index is numpy columns
    (["analyze", CAPTURE, "--json"], {"numpy"}),
])
def test_a_headless_command_imports_only_what_it_needs(tmp_path, args: list[str],
                                                       needs: set[str]) -> None:
    assert imported(args, str(tmp_path)) == needs
