"""TOML text to a plain document, with the line of every table and key kept for errors.

Theory of operation
-------------------
Lesson files are TOML (tomllib, in the standard library since Python 3.11; ``tomli``, the
same parser, on 3.10). tomllib reports syntax errors with a line number, but hands back plain
dicts: once a file parses, a *meaning* error ("unknown scenario 'foo'") would have no line to
point at. ``Locator`` therefore makes a second, shallow pass over the text and records where
each ``[table]``, each ``[[array.of.tables]]`` entry and each ``key =`` inside them starts,
skipping the insides of multi-line strings. It does not parse values (tomllib did that); it
only answers "which line holds key K of the n-th [[step]]?". That pass is hand-written
because no TOML library keeps source positions.

Reference: TOML v1.0.0 (toml.io), the format tomllib implements.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.\-]+)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*)\s*=")
_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


class TomlSyntaxError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class _Block:
    header_line: int
    keys: dict[str, int] = field(default_factory=dict)


class Locator:
    """Where tables and keys start in a TOML text (1-based line numbers)."""

    def __init__(self, text: str) -> None:
        self._blocks: dict[tuple[str, int], _Block] = {("", 0): _Block(1)}
        counts: dict[str, int] = {}
        current = self._blocks[("", 0)]
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            array = _ARRAY_HEADER.match(line)
            table = None if array else _TABLE_HEADER.match(line)
            if array or table:
                name = (array or table).group(1)  # type: ignore[union-attr]
                index = counts.get(name, 0)
                counts[name] = index + 1 if array else 1
                current = self._blocks.setdefault((name, index), _Block(number))
                continue
            key = _KEY.match(line)
            if key:
                dotted = re.sub(r"\s+", "", key.group(1))
                parts = dotted.split(".")
                for n in range(1, len(parts) + 1):
                    current.keys.setdefault(".".join(parts[:n]), number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_string = quote
                    break

    def line(self, table: str = "", index: int = 0, key: str | None = None) -> int:
        """The line of ``key`` in the ``index``-th ``[table]`` (or of the table's header).

        Falls back to the header, then to the outer table's key of that name, then line 1.
        """
        block = self._blocks.get((table, index))
        if block is None:
            if "." in table:
                parent, _, leaf = table.rpartition(".")
                return self.line(parent, 0, leaf)
            outer = self._blocks[("", 0)]
            return outer.keys.get(table, 1)
        if key is None:
            return block.header_line
        if key in block.keys:
            return block.keys[key]
        head = key.split(".")[0]
        return block.keys.get(head, block.header_line)


def load_toml(text: str) -> tuple[dict[str, Any], Locator]:
    """Parse TOML text; a syntax error becomes TomlSyntaxError with the line tomllib found."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _AT_LINE.search(message)
        line = int(found.group(1)) if found else 1
        message = _AT_LINE.sub("", message).strip().rstrip(".") or "not valid TOML"
        if found:
            message += f" (column {found.group(2)})"
        raise TomlSyntaxError(line, f"TOML syntax: {message}") from None
    return document, Locator(text)
