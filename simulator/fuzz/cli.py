"""The command: ``python -m simulator.fuzz --seed N --variants K [options]``.

Exit status 0 when every variant ended clean or with a ``CaptureError``, 1 when any failed
(the summary lists the root causes and where their reproducers are), 2 for a usage error,
130 for a run stopped by hand (Ctrl+C, ``kill -INT`` or ``kill``) before it failed: it stops at
once and still writes its summary.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

import simulator
from simulator.fuzz.campaign import Config, Summary, run_campaign
from simulator.fuzz.variants import Settings
from simulator.fuzz.worker import DEFAULT_TARGET


def default_corpus() -> list[Path]:
    """The repository's test captures and the lessons' captures, when they are there."""
    root = Path(simulator.__file__).resolve().parent.parent
    return [p for p in (root / "tests" / "data" / "captures", root / "assets" / "captures")
            if p.is_dir()]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m simulator.fuzz",
        description="Mutate the test captures and HTTP conversations and run the whole "
                    "non-GUI pipeline on each variant, with a time and a memory limit; "
                    "failures are sorted by root cause and their smallest reproducers saved.")
    p.add_argument("--seed", type=int, default=0, help="campaign seed (default 0)")
    p.add_argument("--variants", type=int, default=1000, help="how many (default 1000)")
    p.add_argument("--start", type=int, default=0, help="first variant number (default 0)")
    p.add_argument("--only", type=int, metavar="N", help="run variant N alone (a reproducer)")
    p.add_argument("--time-limit", type=float, default=10.0, metavar="S",
                   help="seconds per file before it counts as a hang (default 10)")
    p.add_argument("--memory-limit", type=int, default=400, metavar="MB",
                   help="resident-size growth per file, MiB (default 400)")
    p.add_argument("--slow-limit", type=float, metavar="S",
                   help="a file that takes longer is a 'slow' failure (default: half the time "
                        "limit; 0: never)")
    p.add_argument("--max-mb", type=float, default=10.0,
                   help="largest variant, MiB; stress variants scale to it (default 10)")
    p.add_argument("--out", type=Path, default=Path("fuzz-out"),
                   help="where reproducers and summary.json go (default ./fuzz-out)")
    p.add_argument("--corpus", type=Path, nargs="+", metavar="DIR",
                   help="seed captures (default: the repository's tests/data/captures and "
                        "assets/captures)")
    p.add_argument("--file", type=Path, nargs="+", metavar="PATH", dest="files",
                   help="run these files as they are instead of making variants")
    p.add_argument("--target", default=DEFAULT_TARGET, help=argparse.SUPPRESS)
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    return p


def config_from(args: argparse.Namespace) -> Config:
    """The campaign the parsed arguments ask for."""
    start, count = (args.only, 1) if args.only is not None else (args.start, args.variants)
    slow = args.time_limit / 2 if args.slow_limit is None else (args.slow_limit or None)
    return Config(seed=args.seed, variants=count, start=start, time_limit=args.time_limit,
                  memory_limit_mb=args.memory_limit, slow_limit=slow, out=args.out,
                  corpus=args.corpus or default_corpus(), files=args.files or [],
                  settings=Settings(max_bytes=int(args.max_mb * (1 << 20))),
                  target=args.target)


def _progress(s: Summary) -> None:
    total = len(s.config.files) or s.config.variants
    print(f"[{s.variants}/{total}] clean {s.clean}, CaptureError {s.capture_errors}, "
          f"failures {s.failures} ({len(s.findings.buckets)} causes), "
          f"{s.variants / max(s.wall_seconds, 1e-9):.1f}/s", file=sys.stderr, flush=True)


def _stop_by_hand(signum: int, frame: FrameType | None) -> None:
    """The first SIGINT or SIGTERM stops the run; later ones wait for its summary."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    config = config_from(args)
    if config.variants < 1 or config.time_limit <= 0 or config.memory_limit_mb <= 0:
        print("python -m simulator.fuzz: --variants, --time-limit and --memory-limit must be "
              "positive", file=sys.stderr)
        return 2
    if not config.files and not config.corpus:
        print("python -m simulator.fuzz: no corpus found (give --corpus DIR); only HTTP "
              "variants will be made", file=sys.stderr)
    def announce() -> None:
        if args.quiet:
            return
        what = (f"{len(config.files)} files" if config.files
                else f"variants {config.start}–{config.start + config.variants - 1} of seed "
                     f"{config.seed}")
        print(f"fuzzing {what}: {config.time_limit:g} s and {config.memory_limit_mb} MiB per "
              f"file; Ctrl+C stops with a summary", file=sys.stderr, flush=True)

    # A shell starts a background job with SIGINT ignored, so Python would never raise
    # KeyboardInterrupt there; SIGTERM would kill the run without its summary.
    signal.signal(signal.SIGINT, _stop_by_hand)
    signal.signal(signal.SIGTERM, _stop_by_hand)
    try:
        summary = run_campaign(config, None if args.quiet else _progress, announce=announce)
    except KeyboardInterrupt:  # before the campaign had begun: nothing to summarise
        return 130
    print(summary.text())
    if config.out is not None:
        print(f"  summary and reproducers: {config.out}")
    return 1 if summary.failures else 130 if summary.interrupted else 0
