"""The README's pictures: the real main window (``main.py --screenshot``), not the export slide.

Each picture is one run of ``python main.py --screenshot`` on a screen of 1280×720 and of
1920×1080, in English and in Simplified Chinese, written to ``docs/window/NAME_WxH_LANG.png``:

    python docs/make_screenshots.py            # all of them (a few minutes; 4 at a time)
    python docs/make_screenshots.py login      # only the pictures whose name starts so

The steps that depend on what a run produces (the live trace's view function, the capture's
first retransmission) are found here, the way a teacher would find them: from the lesson's
own narration, from the replayed connection's notes.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "window"
SIZES = ("1280x720", "1920x1080")
SHOT_TIMEOUT_S = 300
LANGS = ("en", "zh_CN")
RETRANSMISSION_CAPTURE = (ROOT / "tests" / "data" / "captures"
                          / "http-retrans-rst-keepalive--zeek--m57-long-49583-80.pcap")


def _view_function_step() -> int:
    """The live-trace lesson's step at which the view function is called."""
    from simulator.lessons import find_lesson, lesson_plan

    plan = lesson_plan(find_lesson("flask-request-flow-live"))
    for step in plan.narration_steps:
        if plan.narration_by_step[step].at.frame == "index":
            return step
    raise SystemExit("the live-trace lesson has no step at the view function")


def _first_retransmission_step() -> int:
    """The replayed capture's first retransmitted data segment (after the handshake's)."""
    from simulator.net.capture.connection_replay import replay_connection
    from simulator.net.capture.index import build_index

    timeline, _info = replay_connection(build_index(str(RETRANSMISSION_CAPTURE)), 0)
    for step in timeline:
        if step.segment is not None and step.segment.retransmission and step.segment.length:
            return step.index
    raise SystemExit("the capture has no retransmission")


def _shots() -> dict[str, list[str]]:
    return {
        "tcp-lesson-mid-handshake": ["--lesson", "tcp-handshake-teardown", "--step", "3"],
        "lost-data-retransmission": ["--scenario", "lost-data", "--step", "14"],
        "login-get-profile": ["--scenario", "login", "--step", "24"],
        "live-trace-view-function": ["--lesson", "flask-request-flow-live", "--step",
                                     str(_view_function_step())],
        "capture-retransmission": ["--open", str(RETRANSMISSION_CAPTURE), "--step",
                                   str(_first_retransmission_step())],
        "predict-answered": ["--lesson", "tcp-handshake-teardown", "--step", "3",
                             "--answer", "1"],
        "presentation": ["--lesson", "tcp-handshake-teardown", "--step", "3", "--present"],
    }


def _take(name: str, args: list[str], size: str, lang: str) -> str:
    out = OUT / f"{name}_{size}_{lang}.png"
    command = [sys.executable, str(ROOT / "main.py"), *args, "--size", size, "--lang", lang,
               "--screenshot", str(out)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              timeout=SHOT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return f"FAILED {out.name}: no picture after {SHOT_TIMEOUT_S} s"
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1:] or ["(no message)"]
        return f"FAILED {out.name}: {last[0]}"
    return f"wrote {out.relative_to(ROOT)}"


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    wanted = [(name, args) for name, args in _shots().items()
              if not argv or any(name.startswith(prefix) for prefix in argv)]
    jobs = [(name, args, size, lang) for name, args in wanted for size in SIZES
            for lang in LANGS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: _take(*job), jobs))
    print("\n".join(results))
    return 1 if any(r.startswith("FAILED") for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
