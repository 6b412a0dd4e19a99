"""A campaign: make variants one after another, run each in the worker, sort the failures.

While the worker runs variant n, this process makes variant n + 1 (the two cores are both
busy, and there is still only one worker). Each variant is written to one temporary file,
run under the supervisor's limits, and counted: clean, ``CaptureError`` (the product said the
file is unusable: also clean), or a failure filed under its root cause (``triage``).
"""

from __future__ import annotations

import heapq
import json
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.fuzz.pipeline import Job
from simulator.fuzz.supervisor import Outcome, Supervisor
from simulator.fuzz.triage import Findings, root_cause
from simulator.fuzz.variants import Corpus, Settings, Variant, make_variant
from simulator.fuzz.worker import DEFAULT_TARGET, frames_of


@dataclass
class Config:
    """Everything a campaign needs; the defaults are the command line's."""

    seed: int = 0
    variants: int = 1000
    start: int = 0
    time_limit: float = 10.0
    memory_limit_mb: int = 400
    slow_limit: float | None = 5.0
    out: Path | None = None
    corpus: list[Path] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # run these files instead of variants
    settings: Settings = field(default_factory=Settings)
    target: str = DEFAULT_TARGET
    recycle: int = 1000


@dataclass
class Summary:
    """The counts of a campaign; ``text()`` is what the command prints."""

    config: Config
    findings: Findings
    variants: int = 0
    clean: int = 0
    capture_errors: int = 0
    families: Counter[str] = field(default_factory=Counter)
    slowest: list[tuple[float, int, str]] = field(default_factory=list)  # a min-heap
    peak_mb: float = 0.0
    growth_mb: float = 0.0
    growth_variant: int = -1
    wall_seconds: float = 0.0
    startup_seconds: float = 0.0
    interrupted: bool = False

    def record(self, variant: Variant, outcome: Outcome) -> str | None:
        """Count one outcome; file it under its root cause when it is a failure."""
        self.variants += 1
        self.families[variant.family] += 1
        if outcome.kind == "clean":
            self.clean += 1
        elif outcome.kind == "capture-error":
            self.capture_errors += 1
        item = (outcome.seconds, variant.number, f"{variant.family} from {variant.source}")
        if len(self.slowest) < 5:
            heapq.heappush(self.slowest, item)
        else:
            heapq.heappushpop(self.slowest, item)
        self.peak_mb = max(self.peak_mb, outcome.peak_mb)
        if outcome.growth_mb > self.growth_mb:
            self.growth_mb, self.growth_variant = outcome.growth_mb, variant.number
        cause = root_cause(outcome, self.config.slow_limit)
        if cause is not None:
            self.findings.add(cause, variant, outcome)
        return cause

    @property
    def failures(self) -> int:
        return self.findings.failures

    def text(self) -> str:
        c = self.config
        rate = self.variants / self.wall_seconds if self.wall_seconds else 0.0
        slowed = sum(b.count for b in self.findings.buckets.values()
                     if b.cause.startswith("slow"))
        slow = f" (of which {slowed} slow: failures too)" if slowed else ""
        what = (f"{len(c.files)} file(s)" if c.files else
                f"seed {c.seed}, variants {c.start}..{c.start + c.variants - 1}")
        lines = [
            f"simulator.fuzz: {what}: {self.variants} run in {self.wall_seconds:.1f} s "
            f"({rate:.1f}/s; worker start-ups {self.startup_seconds:.1f} s)"
            + (" — interrupted" if self.interrupted else ""),
            "  families: " + ", ".join(f"{k} {v}" for k, v in sorted(self.families.items())),
            f"  clean: {self.clean}{slow}   CaptureError: {self.capture_errors}   "
            f"failures: {self.failures} ({len(self.findings.buckets)} root causes)",
        ]
        if self.findings.buckets:
            lines.append("  failures by root cause (count, cause, smallest reproducer):")
            for b in sorted(self.findings.buckets.values(), key=lambda b: -b.count):
                where = b.path or f"variant {b.example.get('variant')}"
                lines.append(f"    {b.count:6d}  {b.cause}")
                lines.append(f"            {where} ({b.smallest} bytes)")
        slow = ", ".join(f"{s:.2f} s (variant {n}, {src})"
                         for s, n, src in sorted(self.slowest, reverse=True))
        lines.append(f"  slowest: {slow or '-'}")
        lines.append(f"  peak memory: {self.peak_mb:.0f} MiB resident in the worker; largest "
                     f"growth during one variant {self.growth_mb:.0f} MiB "
                     f"(variant {self.growth_variant})")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.config.seed, "start": self.config.start,
            "variants": self.variants, "clean": self.clean,
            "capture_errors": self.capture_errors, "failures": self.failures,
            "families": dict(self.families),
            "root_causes": {b.cause: {"count": b.count, "reproducer": b.path,
                                      "size": b.smallest, "example": b.example}
                            for b in self.findings.buckets.values()},
            "slowest": [{"seconds": round(s, 3), "variant": n, "what": w}
                        for s, n, w in sorted(self.slowest, reverse=True)],
            "peak_mb": round(self.peak_mb, 1), "largest_growth_mb": round(self.growth_mb, 1),
            "wall_seconds": round(self.wall_seconds, 1), "interrupted": self.interrupted,
        }


def _variants(config: Config, corpus: Corpus) -> Iterator[tuple[Variant, Outcome | None]]:
    """The variants to run; a variant the harness failed to make comes with its outcome."""
    if config.files:
        for n, path in enumerate(config.files):
            yield Variant(-1, n, path.read_bytes(), "file", str(path)), None
        return
    for number in range(config.start, config.start + config.variants):
        try:
            yield make_variant(config.seed, number, corpus, config.settings), None
        except Exception as exc:  # a bug of the harness: filed like the product's, run goes on
            name = type(exc).__qualname__
            if type(exc).__module__ not in ("builtins", "__main__"):
                name = f"{type(exc).__module__}.{name}"
            yield Variant(config.seed, number, b"", "harness", "make_variant"), Outcome(
                "error", 0.0, error_type=f"harness bug: {name}", message=str(exc)[:500],
                frames=frames_of(exc), traceback=traceback.format_exc()[-6000:])


def run_campaign(config: Config, progress: Callable[[Summary], None] | None = None,
                 every: float = 30.0, announce: Callable[[], None] | None = None) -> Summary:
    """Run the campaign; ``progress(summary)`` is called about every ``every`` seconds.

    ``announce()`` is called first, where a ``KeyboardInterrupt`` already ends the run with its
    summary.
    """
    summary = Summary(config, Findings(config.out))
    started = last = time.monotonic()
    try:  # a long run stopped by hand (Ctrl+C, kill) still gets its summary
        if announce is not None:
            announce()
        corpus = Corpus.load(config.corpus)
        with tempfile.TemporaryDirectory(prefix="simulator-fuzz-") as tmp, Supervisor(
                target=config.target, time_limit=config.time_limit,
                memory_limit_mb=config.memory_limit_mb, recycle=config.recycle) as supervisor:
            try:
                made = _variants(config, corpus)
                upcoming = next(made, None)
                while upcoming is not None:
                    variant, outcome = upcoming
                    if outcome is not None:  # the harness could not make it
                        summary.record(variant, outcome)
                        upcoming = next(made, None)
                        continue
                    path = Path(tmp) / ("variant.pcapng"
                                        if variant.data[:4] == b"\x0a\x0d\x0d\x0a"
                                        else "variant.pcap")
                    path.write_bytes(variant.data)
                    supervisor.submit(Job(str(path), variant.secret_key, variant.offsets,
                                          variant.pick))
                    upcoming = next(made, None)  # made while the worker runs this one
                    summary.record(variant, supervisor.result())
                    path.unlink()
                    if progress is not None and time.monotonic() - last > every:
                        last = time.monotonic()
                        summary.wall_seconds = last - started
                        progress(summary)
            finally:
                summary.startup_seconds = supervisor.startup_seconds
    except KeyboardInterrupt:
        summary.interrupted = True
    summary.wall_seconds = time.monotonic() - started
    if config.out is not None:
        config.out.mkdir(parents=True, exist_ok=True)
        (config.out / "summary.json").write_text(
            json.dumps(summary.to_json(), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8")
        (config.out / "summary.txt").write_text(summary.text() + "\n", encoding="utf-8")
    return summary
