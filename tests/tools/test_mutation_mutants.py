"""The mutation command's mutants: each is exactly one small fault, in code that runs.

The expected mutants below are written out by hand for a small made-up module."""

from __future__ import annotations

import ast
import enum

from tools.mutation.mutants import enums_in, list_mutants, mutated_source, schema_source

SOURCE = '''
"""A docstring is never mutated."""
from enum import Enum

LIMIT = 3


def accept(length: int, window: int) -> bool:
    """Neither is this one."""
    assert window >= 0
    if window == 0:
        return False
    total = length + 1
    return total <= window and not length < 0
'''

ROW_SOURCE = '''
_ROWS = [
    _row(S.CLOSED, E.OPEN, S.LISTEN, Send.NOTHING, "§3.10.1", "A rule, 1 of them."),
    _row(state, E.ABORT, state, abort_sends, "§3.10.5", "Another."),
]
'''


class Colour(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


def _changes(source: str) -> list[str]:
    return [m.change for m in list_mutants("m.py", source, {})]


def test_the_mutants_of_a_function_are_the_small_faults_written_out_here() -> None:
    assert _changes(SOURCE) == [
        "3 → 4",                 # LIMIT (module level: changed, never deleted)
        "== → !=", "0 → 1",      # if window == 0
        "delete statement", "False → True",  # return False
        "delete statement", "+ → -", "1 → 2",  # total = length + 1
        "delete statement", "and → or", "<= → <", "drop not", "< → <=", "0 → 1",
    ]


def test_docstrings_asserts_annotations_and_imports_are_left_alone() -> None:
    source_lines = SOURCE.splitlines()
    touched = {source_lines[m.line - 1].strip() for m in list_mutants("m.py", SOURCE, {})}
    assert not any(t.startswith(('"""', "assert", "from", "def")) for t in touched)


def test_each_mutant_changes_exactly_the_one_thing_it_names() -> None:
    original = ast.dump(ast.parse(SOURCE))
    seen = set()
    for mutant in list_mutants("m.py", SOURCE, {}):
        mutated = mutated_source(SOURCE, mutant, {})
        compile(mutated, "m.py", "exec")
        assert ast.dump(ast.parse(mutated)) != original
        seen.add(mutated)
    assert len(seen) == 14  # fourteen different programs


def test_an_enum_member_becomes_the_next_member_of_the_same_enum() -> None:
    source = "def pick():\n    return Colour.BLUE if x else Colour.RED\n"
    enums = enums_in({"Colour": Colour, "x": 1})
    changes = [m.change for m in list_mutants("m.py", source, enums)]
    assert "Colour.BLUE → Colour.RED" in changes  # wraps round
    assert "Colour.RED → Colour.GREEN" in changes


def test_table_rows_mutate_only_their_next_and_send_fields() -> None:
    class S(enum.Enum):
        CLOSED = 1
        LISTEN = 2
        SYN_SENT = 3

    class Send(enum.Enum):
        NOTHING = 1
        SYN = 2

    mutants = list_mutants("t.py", ROW_SOURCE, enums_in({"S": S, "Send": Send}),
                           row_fields=True)
    assert [m.change for m in mutants] == [
        "next: S.LISTEN → S.SYN_SENT", "send: Send.NOTHING → Send.SYN",
        "next: state → S.CLOSED", "send: abort_sends → Send.ACK",
    ]


def test_a_mutant_s_name_counts_its_kind_within_its_function() -> None:
    names = [m.name for m in list_mutants("m.py", SOURCE, {})]
    assert "m.py::accept::delete statement#3" in names
    assert "m.py::<module>::3 → 4#1" in names
    assert len(set(names)) == len(names)


def _accept_table(source: str, switch: int | None = None) -> list[object]:
    namespace: dict[str, object] = {}
    exec(compile(source, "m.py", "exec"), namespace)
    if switch is not None:
        namespace["_MUTANT_"] = switch
    accept = namespace["accept"]
    out: list[object] = []
    for length in (-1, 0, 1, 2, 5):
        for window in (0, 1, 2, 3, 6):
            try:
                out.append(accept(length, window))  # type: ignore[operator]
            except Exception:  # a mutant may raise (NameError or UnboundLocalError alike)
                out.append("raises")
    return out


def test_one_schema_behaves_as_each_mutant_when_switched_to_it_and_as_the_original_when_off(
) -> None:
    mutants = list_mutants("m.py", SOURCE, {})
    schema = schema_source(SOURCE, {m.index for m in mutants}, {})
    assert _accept_table(schema) == _accept_table(SOURCE)
    differing = 0
    for mutant in mutants:
        expected = _accept_table(mutated_source(SOURCE, mutant, {}))
        assert _accept_table(schema, mutant.index) == expected, mutant.name
        differing += expected != _accept_table(SOURCE)
    assert differing >= 10  # most of these faults show on this small grid of inputs
