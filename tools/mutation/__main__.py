"""``python -m tools.mutation [--group NAME ...] [-j N] [--survivors]``

Copies the working tree to ``.mutation/snapshot`` (so edits made meanwhile cannot change a
verdict), records which test runs which line (cached until a source or test file changes),
runs every mutant of the chosen groups against the tests that run its lines, and prints a
table per file and group with the surviving mutants. ``--survivors`` re-runs only the
mutants that survived last time (the results are kept in ``.mutation/results.json``).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import importlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tools.mutation import config
from tools.mutation.mutants import (
    Mutant,
    enums_in,
    list_mutants,
    mutated_source,
    schema_source,
)
from tools.mutation.report import Result, print_report
from tools.mutation.runner import Job, Verdict, preload, run, run_schema

# Each run works in its own copy, so two runs (or edits made meanwhile) never mix.
SNAPSHOT = config.WORK / f"snapshot-{os.getpid()}"
RESULTS = config.WORK / "results.json"


def _snapshot() -> None:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=config.ROOT,
                            check=True, capture_output=True, text=True).stdout.splitlines()
    config.WORK.mkdir(exist_ok=True)
    for name in listed:
        source = config.ROOT / name
        if source.is_file():
            target = SNAPSHOT / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def _baseline(files: list[str], tests: list[str]) -> dict[str, object]:
    digest = hashlib.sha256()
    for part in ("simulator", "tests", "tools/mutation"):
        for path in sorted((SNAPSHOT / part).rglob("*.py")):
            digest.update(str(path.relative_to(SNAPSHOT)).encode())
            digest.update(path.read_bytes())
    digest.update(json.dumps([files, tests]).encode())
    cached = config.WORK / f"baseline-{digest.hexdigest()[:16]}.json"
    if not cached.exists():
        print(f"baseline: running {len(tests)} test paths under coverage "
              f"(which test runs which line)…", flush=True)
        started = time.monotonic()
        partial = cached.with_suffix(f".{os.getpid()}")
        subprocess.run([sys.executable, "-m", "tools.mutation.baseline", str(SNAPSHOT),
                        str(partial), *files, "--", *tests], cwd=config.ROOT, check=True)
        partial.replace(cached)
        print(f"baseline: {time.monotonic() - started:.0f} s", flush=True)
    data: dict[str, object] = json.loads(cached.read_text())
    if data["exit"] != 0:
        cached.unlink()
        raise SystemExit(f"the tests fail without any mutant: {data['failed']}")
    return data


def _import_lines(files: list[str]) -> dict[str, set[int]]:
    out = config.WORK / f"import-lines-{os.getpid()}.json"
    subprocess.run([sys.executable, "-m", "tools.mutation.import_lines", str(SNAPSHOT),
                    str(out), *files], cwd=config.ROOT, check=True)
    found: dict[str, list[int]] = json.loads(out.read_text())
    out.unlink()
    return {f: set(lines) for f, lines in found.items()}


def _tests_for(mutant: Mutant, by_line: dict[str, list[str]], at_import: set[int],
               whole_file: list[str]) -> tuple[list[str], bool]:
    """The tests that run the mutant's lines, and whether it needs a fresh import: its lines
    run while the module is imported, or only while the tests are collected (then it is tried
    against every test that uses the file)."""
    chosen: set[str] = set()
    collected_only = False
    for line in range(mutant.lines[0], mutant.lines[1] + 1):
        if line in at_import:
            return whole_file, True
        contexts = by_line.get(str(line), [])
        chosen.update(c for c in contexts if c)
        collected_only = collected_only or "" in contexts
    if not chosen and collected_only:
        return whole_file, True
    return sorted(chosen), False


def _users_of_each_file(lines: dict[str, dict[str, list[str]]],
                        tests: list[str]) -> dict[str, list[str]]:
    """For each file, the tests that run any of its lines, and every test in a test module
    that imports it by name (a test may read data the module built while it was imported,
    such as the TCP table's rows, without running one of its lines)."""
    sources: dict[str, str] = {}
    for nodeid in tests:
        test_file = nodeid.split("::", 1)[0]
        if test_file not in sources:
            try:
                sources[test_file] = (SNAPSHOT / test_file).read_text()
            except OSError:
                sources[test_file] = ""
    users: dict[str, list[str]] = {}
    for path, by_line in lines.items():
        module = _module_name(path)
        chosen = {c for contexts in by_line.values() for c in contexts if c}
        chosen.update(n for n in tests if module in sources[n.split("::", 1)[0]])
        users[path] = sorted(chosen)
    return users


def _module_name(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.mutation", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    settings = config.load()
    names = [g.name for g in settings.groups]
    parser.add_argument("--group", action="append", choices=names,
                        help="a group to run (repeatable; default: all)")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="mutants run at once")
    parser.add_argument("--survivors", action="store_true",
                        help="re-run only the mutants that survived the last run")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--tests", action="append", metavar="PATH",
                        help="only these test paths (repeatable; quicker, and a lower bound "
                             "on the score; default: [tool.mutation] tests)")
    parser.add_argument("--switched-only", action="store_true",
                        help="run only the mutants that share one import (the quick ones)")
    parser.add_argument("--import-time-only", action="store_true",
                        help="run only the mutants in code run at import (each imported afresh)")
    parser.add_argument("--report", action="store_true",
                        help="print the table of the last results (.mutation/results.json) "
                             "for the current code, run nothing")
    args = parser.parse_args(argv)
    groups = [g for g in settings.groups if args.group is None or g.name in args.group]
    if args.report:
        return _report(settings, groups)

    _snapshot()
    try:
        return _run(args, settings, groups)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(SNAPSHOT)


def _report(settings: config.Settings, groups: list[config.Group]) -> int:
    """The table for the mutants of the current working tree, from the stored verdicts (a
    mutant never run, e.g. in code changed since, counts as not covered)."""
    merged = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    shown: dict[str, Result] = {}
    for group in groups:
        for path in group.files:
            module = importlib.import_module(_module_name(path))
            for m in list_mutants(path, Path(path).read_text(), enums_in(vars(module)),
                                  group.row_fields):
                entry = merged.get(m.name)
                shown[m.name] = (Result.from_json(entry) if entry is not None
                                 else Result(group.name, m, "not covered", 0, 0.0))
    return 0 if print_report(groups, shown, settings.equivalent, Path()) else 1


def _run(args: argparse.Namespace, settings: config.Settings,
         groups: list[config.Group]) -> int:
    from tools.mutation.pytest_setup import enter, hypothesis_profile

    enter(SNAPSHOT)
    previous: dict[str, dict[str, Any]] = (
        json.loads(RESULTS.read_text()) if RESULTS.exists() else {})

    mutants: list[tuple[str, Mutant, str, bool]] = []  # group, mutant, source, row-fields
    current: set[str] = set()
    for group in groups:
        for path in group.files:
            source = (SNAPSHOT / path).read_text()
            enums = enums_in(vars(importlib.import_module(_module_name(path))))
            for m in list_mutants(path, source, enums, group.row_fields):
                current.add(m.name)
                if args.survivors and previous.get(m.name, {}).get("status") not in (
                        "survived", "not covered", None):
                    continue
                mutants.append((group.name, m, source, group.row_fields))
    if args.list:
        for group_name, m, _, _ in mutants:
            print(f"{group_name}\t{m.path}:{m.line}\t{m.name}")
        return 0

    files = sorted({path for g in settings.groups for path in g.files})
    baseline = _baseline(files, args.tests or list(settings.tests))
    seconds: dict[str, float] = baseline["seconds"]  # type: ignore[assignment]
    lines: dict[str, dict[str, list[str]]] = baseline["lines"]  # type: ignore[assignment]
    whole = _users_of_each_file(lines, list(seconds))
    import_lines = _import_lines(files)

    results: dict[str, Result] = {}
    skipped: set[str] = set()  # left out by --switched-only / --import-time-only: keep old verdicts
    jobs: list[Job] = []  # each imports its own mutated module
    switched: list[Job] = []  # share one schema import per file
    schema_indices: dict[str, set[int]] = {}
    for group_name, m, source, row_fields in mutants:
        tests, at_import = _tests_for(m, lines.get(m.path, {}), import_lines.get(m.path, set()),
                                      whole.get(m.path, []))
        results[m.name] = Result(group_name, m, "not covered", 0, 0.0)
        if not tests:
            continue
        module = _module_name(m.path)
        budget = 3 * sum(seconds.get(t, 1.0) for t in tests) + 20
        if ((at_import or row_fields) and args.switched_only) or (not (
                at_import or row_fields) and args.import_time_only):
            skipped.add(m.name)
            continue
        if at_import or row_fields:
            enums = enums_in(vars(sys.modules[module]))
            jobs.append(Job(m.name, module, str(SNAPSHOT / m.path),
                            mutated_source(source, m, enums, row_fields), tuple(tests), budget))
        else:
            schema_indices.setdefault(m.path, set()).add(m.index)
            switched.append(Job(m.name, module, str(SNAPSHOT / m.path), "", tuple(tests),
                                budget, m.index))
    schemas = {
        _module_name(path): (str(SNAPSHOT / path),
                             schema_source((SNAPSHOT / path).read_text(), indices,
                                           enums_in(vars(sys.modules[_module_name(path)]))))
        for path, indices in schema_indices.items()}
    total = len(jobs) + len(switched)

    print(f"{len(results)} mutants, {total} run by a test ({len(switched)} switched in one "
          f"import per file, {len(jobs)} imported afresh); {args.jobs} at once", flush=True)
    hypothesis_profile()
    preload()
    done = 0
    started = time.monotonic()

    def record(job: Job, verdict: Verdict) -> None:
        nonlocal done
        done += 1
        r = results[job.key]
        results[job.key] = Result(r.group, r.mutant, verdict.status, len(job.tests),
                                  verdict.seconds)
        if verdict.status in ("survived", "error"):
            print(f"  {verdict.status}: {r.mutant.path}:{r.mutant.line} {r.mutant.name}",
                  flush=True)
        if done % 25 == 0 or done == total:
            elapsed = time.monotonic() - started
            print(f"[{done}/{total}] {elapsed:.0f} s", flush=True)

    if not args.import_time_only:
        run_schema(schemas, switched, args.jobs, seconds, record)
    if not args.switched_only:
        run(jobs, args.jobs, seconds, record)

    with (config.WORK / "results.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        merged = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        merged.update({name: r.as_json() for name, r in results.items()
                       if name not in skipped})
        RESULTS.write_text(json.dumps(merged, indent=1, ensure_ascii=False))
    shown = {name: Result.from_json(entry) for name, entry in merged.items() if name in current}
    ok = print_report(groups, shown, settings.equivalent, SNAPSHOT)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
