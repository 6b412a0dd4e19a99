"""The worker process: runs one job at a time and reports how it ended, as JSON lines.

``python -m simulator.fuzz.worker --target MODULE:FUNCTION`` imports the target (by default
the whole pipeline, ``pipeline:run_pipeline``), warms it up, caps its own address space
(``resource.setrlimit``: a backstop, the supervisor watches the resident size) and then reads
one job per line on stdin and writes one result per line on the stdout it started with
(anything the product prints goes to stderr instead). Before each job the peak resident size
is reset (``/proc/self/clear_refs``), so each result carries that job's own peak. The
supervisor sends SIGUSR1 before killing a job that hangs or grows too big: ``faulthandler``
then writes where it was to ``--dump``, which is how a hang gets a root cause.
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import importlib
import json
import os
import resource
import signal
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any, TextIO

from simulator.fuzz.pipeline import Job
from simulator.net.capture.errors import CaptureError

DEFAULT_TARGET = "simulator.fuzz.pipeline:run_pipeline"
Target = Callable[[Job], Any]


def proc_status(pid: int | str = "self") -> dict[str, float]:
    """VmRSS, VmHWM and VmSize of a process in MiB (empty when /proc cannot say)."""
    out: dict[str, float] = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM", "VmSize"):
                    out[key] = int(value.split()[0]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return out


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def resolve(spec: str) -> Target:
    """The callable named ``module:function``."""
    module, _, name = spec.partition(":")
    target: Target = getattr(importlib.import_module(module), name)
    return target


def frames_of(exc: BaseException) -> list[tuple[str, int, str]]:
    """(file, line, function) of each frame of the traceback, outermost first."""
    return [(f.filename, f.lineno or 0, f.name) for f in traceback.extract_tb(exc.__traceback__)]


def run_one(target: Target, job: Job) -> dict[str, Any]:
    """Run ``target(job)`` and describe how it ended (never raises except to exit)."""
    before = proc_status()
    _reset_peak()
    started = time.perf_counter()
    result: dict[str, Any]
    try:
        info = target(job)
        result = {"outcome": "clean", "info": info if isinstance(info, dict) else {}}
    except CaptureError as exc:
        result = {"outcome": "capture-error", "message": str(exc)[:500]}
    except MemoryError as exc:
        result = {"outcome": "memory", "type": "MemoryError", "message": str(exc)[:500],
                  "frames": frames_of(exc), "traceback": traceback.format_exc()[-6000:]}
    except Exception as exc:  # a failure: the point of the whole exercise
        result = {"outcome": "error", "type": type(exc).__qualname__,
                  "message": str(exc)[:500], "frames": frames_of(exc),
                  "traceback": traceback.format_exc()[-6000:]}
    result["seconds"] = time.perf_counter() - started
    after = proc_status()
    result["peak_mb"] = after.get("VmHWM", 0.0)
    result["growth_mb"] = max(0.0, after.get("VmHWM", 0.0) - before.get("VmRSS", 0.0))
    result["rss_mb"] = after.get("VmRSS", 0.0)
    return result


def _warm_up(spec: str) -> None:
    if spec == DEFAULT_TARGET:
        from simulator.net.capture.packet_detail import preload_dissectors

        preload_dissectors()


def serve(target: Target, jobs: TextIO, results: TextIO) -> None:
    """Answer each job line with a result line until stdin closes."""
    for line in jobs:
        if not line.strip():
            continue
        job = Job(**json.loads(line))
        job = Job(job.path, job.secret_key, tuple(job.offsets), job.pick)
        results.write(json.dumps(run_one(target, job)) + "\n")
        results.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulator.fuzz.worker")
    parser.add_argument("--target", default=DEFAULT_TARGET)
    parser.add_argument("--address-space-mb", type=int, default=0,
                        help="address space allowed above the warmed-up size (0: no cap)")
    parser.add_argument("--dump", help="file for faulthandler's stack dumps")
    args = parser.parse_args(argv)
    results = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # the product's prints must not mix with the results
    sys.stdout = sys.stderr
    if args.dump:
        dump = open(args.dump, "w")  # noqa: SIM115  (open for the process's whole life)
        faulthandler.enable(dump, all_threads=True)
        faulthandler.register(signal.SIGUSR1, dump, all_threads=True)
    target = resolve(args.target)
    _warm_up(args.target)
    size = int(proc_status().get("VmSize", 0.0) * 1024 * 1024)
    if args.address_space_mb > 0 and size:  # (no /proc, e.g. macOS: the watchdog alone)
        cap = size + (args.address_space_mb << 20)
        with contextlib.suppress(ValueError, OSError):  # a platform that will not cap it
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    results.write(json.dumps({"ready": True, **proc_status()}) + "\n")
    results.flush()
    serve(target, sys.stdin, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
