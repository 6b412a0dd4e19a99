"""The mutation command's settings, read from ``[tool.mutation]`` in pyproject.toml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / ".mutation"


@dataclass(frozen=True)
class Group:
    name: str
    files: tuple[str, ...]
    row_fields: bool
    target: float


@dataclass(frozen=True)
class Settings:
    tests: tuple[str, ...]
    groups: tuple[Group, ...]
    equivalent: dict[str, str]  # mutant name → why it cannot be told apart from the original


def load(root: Path = ROOT) -> Settings:
    with (root / "pyproject.toml").open("rb") as f:
        table = tomllib.load(f)["tool"]["mutation"]
    default_target = float(table.get("target", 95))
    groups = tuple(
        Group(g["name"], tuple(g["files"]), g.get("mode") == "row-fields",
              float(g.get("target", default_target)))
        for g in table["groups"])
    equivalent_file = Path(__file__).with_name("equivalent.toml")
    equivalent: dict[str, str] = {}
    if equivalent_file.exists():
        with equivalent_file.open("rb") as f:
            for entry in tomllib.load(f).get("mutant", []):
                equivalent[entry["name"]] = entry["why"]
    return Settings(tuple(table["tests"]), groups, equivalent)
