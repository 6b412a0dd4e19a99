"""Lessons on the command line: --list-lessons (no Qt), --lesson NAME --step N, --lang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from simulator.lessons import load_lessons

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if lang:
        env["LANG"] = lang
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, env=env, timeout=120, cwd=ROOT)


def test_list_lessons_prints_name_question_and_title_in_syllabus_order():
    result = run("--list-lessons", "--lang", "en")
    assert result.returncode == 0, result.stderr
    rows = [line.split(maxsplit=2) for line in result.stdout.splitlines()]
    assert [r[0] for r in rows] == [lesson.name for lesson in load_lessons()]
    assert [int(r[1]) for r in rows] == sorted(int(r[1]) for r in rows)
    assert {int(r[1]) for r in rows} == set(range(1, 8))
    assert "TCP's three-way handshake and four-way teardown" in result.stdout


def test_list_lessons_in_chinese_by_flag_and_by_locale():
    by_flag = run("--list-lessons", "--lang", "zh_CN")
    by_locale = run("--list-lessons", lang="zh_CN.UTF-8")
    assert by_flag.returncode == by_locale.returncode == 0
    assert "TCP 三次握手与四次挥手" in by_flag.stdout
    assert by_locale.stdout == by_flag.stdout
    assert "TCP 三次握手" not in run("--list-lessons", lang="en_GB.UTF-8").stdout


def test_list_lessons_does_not_import_qt():
    code = ("import sys; from simulator.cli import main; main(['--list-lessons']); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; "
            "assert not any(m.startswith('scapy') for m in sys.modules), 'scapy imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr


def test_unknown_lesson_bad_step_and_bad_language_are_one_line_errors():
    for args, words in ((("--lesson", "nope"), "unknown lesson 'nope'"),
                        (("--lesson", "tcp-lost-syn", "--step", "99"), "--step 99 is out of"),
                        (("--list-lessons", "--lang", "fr"), "unknown language 'fr'"),
                        (("--lesson", "tcp-lost-syn", "--drop", "1"), "--drop works on")):
        result = run(*args)
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr


def test_a_lesson_step_exports_as_a_slide(tmp_path):
    out = tmp_path / "slide.png"
    result = run("--lesson", "tcp-handshake-teardown", "--step", "3", "--export-png", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
