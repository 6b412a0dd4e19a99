"""The mutation command's results: one row per file and per group, then the survivors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tools.mutation.config import Group
from tools.mutation.mutants import Mutant

KILLED = ("killed", "timeout")


@dataclass(frozen=True)
class Result:
    group: str
    mutant: Mutant
    status: str  # killed | timeout | survived | not covered | error
    tests: int
    seconds: float

    def as_json(self) -> dict[str, object]:
        m = self.mutant
        return {"group": self.group, "path": m.path, "index": m.index, "scope": m.scope,
                "change": m.change, "occurrence": m.occurrence, "line": m.line,
                "lines": list(m.lines), "status": self.status, "tests": self.tests,
                "seconds": round(self.seconds, 2)}

    @classmethod
    def from_json(cls, d: dict[str, object]) -> Result:
        lines = d["lines"]
        assert isinstance(lines, list)
        m = Mutant(str(d["path"]), int(d["index"]), str(d["scope"]),  # type: ignore[call-overload]
                   str(d["change"]), int(d["occurrence"]), int(d["line"]),  # type: ignore[call-overload]
                   (int(lines[0]), int(lines[1])))
        return cls(str(d["group"]), m, str(d["status"]), int(d["tests"]),  # type: ignore[call-overload]
                   float(d["seconds"]))  # type: ignore[arg-type]


@dataclass
class _Tally:
    mutants: int = 0
    killed: int = 0
    survived: int = 0
    uncovered: int = 0
    errors: int = 0
    equivalent: int = 0

    def add(self, r: Result, equivalent: bool) -> None:
        self.mutants += 1
        if r.status in KILLED:
            self.killed += 1
        elif equivalent:
            self.equivalent += 1
        elif r.status == "survived":
            self.survived += 1
        elif r.status == "not covered":
            self.uncovered += 1
        else:
            self.errors += 1

    @property
    def score(self) -> float:
        counted = self.mutants - self.equivalent
        return 100.0 * self.killed / counted if counted else 100.0

    def row(self, label: str, target: float | None) -> str:
        goal = f"{target:.0f} %" if target else "–"
        mark = "" if not target else (" ✓" if self.score >= target else " ✗")
        return (f"| {label} | {self.mutants} | {self.killed} | {self.survived} | "
                f"{self.uncovered} | {self.equivalent} | {self.errors} | "
                f"**{self.score:.1f} %**{mark} | {goal} |")


def _source_line(snapshot: Path, path: str, line: int) -> str:
    try:
        return (snapshot / path).read_text().splitlines()[line - 1].strip()
    except (OSError, IndexError):
        return ""


def print_report(groups: list[Group], results: dict[str, Result], equivalent: dict[str, str],
                 snapshot: Path) -> bool:
    """Print the tables; True if every group with a target meets it."""
    print()
    print("| group / file | mutants | killed | survived | not covered | equivalent | "
          "tool errors | score | target |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    all_met = True
    leftovers: list[Result] = []
    for group in groups:
        group_tally = _Tally()
        file_rows: list[str] = []
        for path in group.files:
            tally = _Tally()
            for r in results.values():
                if r.group == group.name and r.mutant.path == path:
                    tally.add(r, r.mutant.name in equivalent)
                    group_tally.add(r, r.mutant.name in equivalent)
                    if r.status not in KILLED and r.mutant.name not in equivalent:
                        leftovers.append(r)
            if tally.mutants:
                file_rows.append(tally.row(f"  `{path}`", None))
        if not group_tally.mutants:
            continue
        print(group_tally.row(f"**{group.name}**", group.target))
        if len(file_rows) > 1:
            print("\n".join(file_rows))
        if group.target and group_tally.score < group.target:
            all_met = False
    if leftovers:
        print("\nSurviving mutants (not judged equivalent):")
        for r in sorted(leftovers, key=lambda r: (r.mutant.path, r.mutant.line)):
            print(f"  [{r.status}] {r.mutant.path}:{r.mutant.line}  {r.mutant.scope}  "
                  f"{r.mutant.change}    | {_source_line(snapshot, r.mutant.path, r.mutant.line)}")
    named = [r for r in results.values() if r.mutant.name in equivalent and r.status not in KILLED]
    if named:
        print("\nEquivalent mutants (tools/mutation/equivalent.toml):")
        for r in sorted(named, key=lambda r: (r.mutant.path, r.mutant.line)):
            print(f"  {r.mutant.name}: {equivalent[r.mutant.name]}")
    return all_met
