"""Failures sorted by root cause, counted, each with its smallest reproducer saved.

A root cause is the exception type and the innermost frame inside ``simulator/`` (the
harness's own frames aside): ``ValueError at simulator/models/http/cookie_jar.py:301 in
_store_one``. A hang or a memory kill is named by where the worker's stack was when it was
stopped, without the line (a loop moves between lines): ``hang in
simulator/models/http/chunked.py:feed``. A run that finished but took longer than the slow
limit is ``slow``, named by the stage that took longest (``slow in analyze --json``).
For each root cause the smallest variant seen is kept in the output
directory (``<slug>/reproducer.pcap`` and ``reproducer.json``: seed, variant number, how it
was made, the traceback, and the command that makes it again); ``failures.jsonl`` lists every
failure, one line each.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.fuzz.supervisor import Outcome
from simulator.fuzz.variants import Variant

_SEP = os.sep


def short_path(path: str) -> str:
    """``…/simulator/net/x.py`` → ``simulator/net/x.py``; other paths as relative as can be."""
    marker = f"{_SEP}simulator{_SEP}"
    at = path.rfind(marker)
    if at >= 0:
        return path[at + 1:]
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def _ours(path: str) -> bool:
    p = short_path(path)
    return p.startswith(f"simulator{_SEP}") and not p.startswith(f"simulator{_SEP}fuzz{_SEP}")


def culprit(frames: list[tuple[str, int, str]]) -> tuple[str, int, str] | None:
    """The innermost frame inside ``simulator/`` (not the harness); else the innermost frame
    that is not the worker's loop or the interpreter's start-up (the pipeline itself when a
    stuck job's samples only agree that far, or a test's target); else None."""
    for frame in reversed(frames):
        if _ours(frame[0]):
            return frame
    loop = f"simulator{_SEP}fuzz{_SEP}worker.py"
    for frame in reversed(frames):
        if not frame[0].startswith("<") and short_path(frame[0]) != loop:
            return frame
    return None


def root_cause(outcome: Outcome, slow_limit: float | None = None) -> str | None:
    """The failure's root cause, or None when the outcome is not a failure."""
    if not outcome.failed:
        if slow_limit and outcome.seconds > slow_limit:
            stages = outcome.info.get("stages")
            if isinstance(stages, dict) and stages:
                return f"slow in {max(stages, key=lambda k: float(stages[k]))}"
            return "slow"
        return None
    frame = culprit(outcome.frames)
    if outcome.kind in ("hang", "memory", "crash") and outcome.error_type != "MemoryError":
        where = f" in {short_path(frame[0])}:{frame[2]}" if frame else ""
        what = outcome.kind if outcome.kind != "crash" else f"crash ({outcome.error_type})"
        return what + where
    where = f" at {short_path(frame[0])}:{frame[1]} in {frame[2]}" if frame else ""
    return f"{outcome.error_type}{where}"


def slug(cause: str) -> str:
    """A directory name for a root cause: readable, short, unique."""
    text = re.sub(r"[^A-Za-z0-9]+", "-", cause).strip("-")[:70]
    return f"{text}-{hashlib.sha1(cause.encode()).hexdigest()[:8]}"


@dataclass
class Bucket:
    """One root cause: how often, and its smallest variant so far."""

    cause: str
    count: int = 0
    smallest: int = -1  # size in bytes
    example: dict[str, Any] = field(default_factory=dict)
    path: str = ""


def _suffix(data: bytes) -> str:
    return ".pcapng" if data[:4] == b"\x0a\x0d\x0d\x0a" else ".pcap"


class Findings:
    """The failures of a campaign, by root cause, with reproducers under ``out``."""

    def __init__(self, out: Path | None, command: str = "python -m simulator.fuzz") -> None:
        self.out = out
        self.command = command
        self.buckets: dict[str, Bucket] = {}
        if out is not None:
            (out / "failures.jsonl").unlink(missing_ok=True)  # this run's failures only

    def add(self, cause: str, variant: Variant, outcome: Outcome) -> Bucket:
        """Count one failure; keep its variant if it is the smallest of its cause."""
        bucket = self.buckets.setdefault(cause, Bucket(cause))
        bucket.count += 1
        if self.out is not None:  # every failure, one line each, for counting them later
            self.out.mkdir(parents=True, exist_ok=True)
            with open(self.out / "failures.jsonl", "a", encoding="utf-8") as log:
                log.write(json.dumps({
                    "root_cause": cause, "variant": variant.number, "family": variant.family,
                    "source": variant.source, "size": len(variant.data),
                    "seconds": round(outcome.seconds, 3), "growth_mb": round(outcome.growth_mb, 1),
                }, ensure_ascii=False) + "\n")
        if bucket.smallest < 0 or len(variant.data) < bucket.smallest:
            bucket.smallest = len(variant.data)
            bucket.example = {
                "root_cause": cause,
                "outcome": outcome.kind,
                "seed": variant.seed,
                "variant": variant.number,
                "family": variant.family,
                "source": variant.source,
                "steps": variant.steps,
                "secret_key": variant.secret_key,
                "size": len(variant.data),
                "seconds": round(outcome.seconds, 3),
                "growth_mb": round(outcome.growth_mb, 1),
                "error": f"{outcome.error_type}: {outcome.message}",
                "traceback": outcome.traceback,
                "frames": [f"{short_path(f)}:{n} in {fn}" for f, n, fn in outcome.frames],
                "again": f"{self.command} --seed {variant.seed} --only {variant.number}",
            }
            if self.out is not None:
                self._save(bucket, variant.data)
        return bucket

    def _save(self, bucket: Bucket, data: bytes) -> None:
        assert self.out is not None
        folder = self.out / slug(bucket.cause)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("reproducer.pcap*"):
            old.unlink()
        path = folder / f"reproducer{_suffix(data)}"
        path.write_bytes(data)
        (folder / "reproducer.json").write_text(
            json.dumps(bucket.example, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        bucket.path = str(path)

    @property
    def failures(self) -> int:
        return sum(b.count for b in self.buckets.values())
