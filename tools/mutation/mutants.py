"""Mutants of one source file, made on its syntax tree.

The operators are the usual small faults: an arithmetic, comparison or boolean operator
swapped, an integer n made n+1, True and False swapped, ``not`` dropped, a statement in a
function body deleted, and an enum member replaced by the next member of the same enum
(``TcpState.LISTEN`` → ``TcpState.SYN_SENT``). In ``row-fields`` mode (the TCP table) only the
``next`` and ``send`` arguments of each ``_row(...)`` call are mutated, one mutant per field.

A mutant is identified by the file, the enclosing function's qualified name, what it changes
and the how-manieth such change in that function it is — a name that survives edits elsewhere
in the file, so a mutant judged equivalent can be listed by name.

Docstrings, annotations, decorators, imports, ``assert`` statements and ``if TYPE_CHECKING``
blocks are left alone: mutating them gives noise, not information.
"""

from __future__ import annotations

import ast
import copy
import enum
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

_BINARY_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult, ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult,
    ast.BitAnd: ast.BitOr, ast.BitOr: ast.BitAnd, ast.BitXor: ast.BitOr,
    ast.LShift: ast.RShift, ast.RShift: ast.LShift,
}
_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
    ast.In: ast.NotIn, ast.NotIn: ast.In,
}
_OP_SYMBOL = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
    ast.Pow: "**", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<",
    ast.RShift: ">>", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==",
    ast.NotEq: "!=", ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in",
    ast.And: "and", ast.Or: "or",
}

# Row-fields mode: the positions of next and send in _row(state, event, next, send, ...).
_ROW_FIELDS = {2: "next", 3: "send"}
_ROW_NAME_REPLACEMENT = {2: ("S", "CLOSED"), 3: ("Send", "ACK")}


@dataclass(frozen=True)
class Mutant:
    """One mutant: where it is and what it changes."""

    path: str          # repository-relative file path
    index: int         # position in the file's deterministic walk
    scope: str         # enclosing function's qualified name ("<module>" at top level)
    change: str        # what is changed, e.g. "< → <=" or "delete statement"
    occurrence: int    # the how-manieth (scope, change) in this file, from 1
    line: int
    lines: tuple[int, int]  # the source lines whose tests decide it

    @property
    def name(self) -> str:
        """A name for the mutant that survives edits elsewhere in the file."""
        return f"{self.path}::{self.scope}::{self.change}#{self.occurrence}"


SWITCH = "_MUTANT_"  # the schema's switch: which mutant is live (-1: none)


def _switch(index: int, op: ast.cmpop) -> ast.Compare:
    return ast.Compare(left=ast.Name(id=SWITCH, ctx=ast.Load()), ops=[op],
                       comparators=[ast.Constant(value=index)])


Make = Callable[[ast.AST], ast.AST]


class _Walk:
    """One deterministic walk over a module's tree.

    With ``target=None`` and no ``schema`` it only lists the candidates. With a target index
    it applies that candidate. With ``schema`` (a set of indices) it builds a mutant schema:
    each of those candidates becomes a run-time switch, ``(mutated if _MUTANT_ == i else
    original)`` for expressions and ``if _MUTANT_ != i: statement`` for deletions, so one
    import serves every mutant and a forked child picks one by setting ``_MUTANT_``. All
    three walks see the candidates in the same order, which is what makes an index name the
    same mutant in each.
    """

    def __init__(self, enums: dict[str, type[enum.Enum]], row_fields: bool,
                 target: int | None, schema: set[int] | None = None) -> None:
        self.enums = enums
        self.row_fields = row_fields
        self.target = target
        self.schema = schema
        self.found: list[tuple[int, str, str, int, tuple[int, int]]] = []
        self.scope: list[str] = []
        self.function_depth = 0
        self.statement: tuple[int, int] = (0, 0)

    # -- candidates ---------------------------------------------------------------------

    def _register(self, node: ast.AST, change: str) -> int:
        index = len(self.found)
        first = getattr(node, "lineno", self.statement[0])
        last = getattr(node, "end_lineno", first) or first
        lines = (min(first, self.statement[0] or first), max(last, self.statement[0]))
        self.found.append((index, ".".join(self.scope) or "<module>", change, first, lines))
        return index

    def _enum_member(self, node: ast.AST) -> tuple[str, str, str] | None:
        """(class name, member, next member) for ``Enum.MEMBER`` expressions."""
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
            return None
        cls = self.enums.get(node.value.id)
        if cls is None or node.attr not in cls.__members__:
            return None
        members = [m.name for m in cls]  # definition order, aliases excluded
        if len(members) < 2 or node.attr not in members:
            return None
        nxt = members[(members.index(node.attr) + 1) % len(members)]
        return node.value.id, node.attr, nxt

    def _candidates(self, node: ast.expr) -> list[tuple[str, Make]]:
        """The changes that can be made to this expression node itself."""
        out: list[tuple[str, Make]] = []
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY_SWAPS:
            new = _BINARY_SWAPS[type(node.op)]

            def swap_op(n: ast.AST, new: type[ast.operator] = new) -> ast.AST:
                n.op = new()  # type: ignore[attr-defined]
                return n
            out.append((f"{_OP_SYMBOL[type(node.op)]} → {_OP_SYMBOL[new]}", swap_op))
        elif isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                new_cmp = _COMPARE_SWAPS.get(type(op))
                if new_cmp is None:
                    continue

                def swap_cmp(n: ast.AST, i: int = i, new: type[ast.cmpop] = new_cmp) -> ast.AST:
                    n.ops[i] = new()  # type: ignore[attr-defined]
                    return n
                out.append((f"{_OP_SYMBOL[type(op)]} → {_OP_SYMBOL[new_cmp]}", swap_cmp))
        elif isinstance(node, ast.BoolOp):
            other: type[ast.boolop] = ast.Or if isinstance(node.op, ast.And) else ast.And

            def swap_bool(n: ast.AST, other: type[ast.boolop] = other) -> ast.AST:
                n.op = other()  # type: ignore[attr-defined]
                return n
            out.append((f"{_OP_SYMBOL[type(node.op)]} → {_OP_SYMBOL[other]}", swap_bool))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
            symbol = "not" if isinstance(node.op, ast.Not) else "unary -"
            out.append((f"drop {symbol}", lambda n: n.operand))  # type: ignore[attr-defined]
        elif isinstance(node, ast.Constant):
            value = node.value
            if value is True or value is False:
                out.append((f"{value} → {not value}", lambda n: ast.Constant(value=not value)))
            elif isinstance(value, int):
                out.append((f"{value} → {value + 1}", lambda n: ast.Constant(value=value + 1)))
        else:
            member = self._enum_member(node)
            if member is not None:
                cls, old, new_member = member
                out.append((f"{cls}.{old} → {cls}.{new_member}",
                            lambda n: _member(cls, new_member)))
        return out

    def _expression(self, node: ast.expr) -> ast.AST:
        """Candidates on an expression node itself, then its children."""
        if self.row_fields:
            return self._children(node)
        variants: list[tuple[int, ast.AST]] = []
        for change, make in self._candidates(node):
            index = self._register(node, change)
            if index == self.target:
                return make(node)
            if self.schema is not None and index in self.schema:
                variants.append((index, make(copy.deepcopy(node))))
        result = self._children(node)
        for index, mutated in reversed(variants):
            result = ast.IfExp(test=_switch(index, ast.Eq()), body=mutated, orelse=result)
        return result

    def _row_call(self, node: ast.Call) -> ast.Call:
        """Row-fields mode: mutate the next and send arguments of ``_row(...)``."""
        for position, field_name in _ROW_FIELDS.items():
            if position >= len(node.args):
                continue
            arg = node.args[position]
            member = self._enum_member(arg)
            if member is not None:
                cls, old, new_member = member
                change = f"{field_name}: {cls}.{old} → {cls}.{new_member}"
            elif isinstance(arg, ast.Name):
                cls, new_member = _ROW_NAME_REPLACEMENT[position]
                change = f"{field_name}: {arg.id} → {cls}.{new_member}"
            else:
                continue
            if self._register(arg, change) == self.target:
                node.args[position] = _member(cls, new_member)
        return node

    # -- traversal ----------------------------------------------------------------------

    def _children(self, node: ast.AST) -> ast.AST:
        for field_name, value in ast.iter_fields(node):
            if field_name in ("annotation", "returns", "decorator_list", "format_spec",
                              "type_comment", "pattern"):
                continue
            if isinstance(value, list):
                if value and isinstance(value[0], ast.stmt):
                    setattr(node, field_name, self._body(value, node))
                else:
                    setattr(node, field_name, [self._node(v) if isinstance(v, ast.AST) else v
                                               for v in value])
            elif isinstance(value, ast.AST):
                setattr(node, field_name, self._node(value))
        return node

    def _node(self, node: ast.AST) -> ast.AST:
        if self.row_fields and isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id == "_row":
            return self._row_call(node)
        if isinstance(node, ast.expr):
            return self._expression(node)
        return self._children(node)

    def _body(self, body: list[ast.stmt], owner: ast.AST) -> list[ast.stmt]:
        in_function = self.function_depth > 0 and not isinstance(owner, ast.ClassDef)
        out: list[ast.stmt] = []
        for position, stmt in enumerate(body):
            if _left_alone(stmt, position):
                out.append(stmt)
                continue
            saved_statement = self.statement
            self.statement = (stmt.lineno, stmt.end_lineno or stmt.lineno)
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                is_function = not isinstance(stmt, ast.ClassDef)
                self.scope.append(stmt.name)
                self.function_depth += is_function
                out.append(self._children(stmt))  # type: ignore[arg-type]
                self.function_depth -= is_function
                self.scope.pop()
            else:
                is_last = position == len(body) - 1
                index = -1
                if not self.row_fields and in_function and _deletable(stmt, is_last):
                    index = self._register(stmt, "delete statement")
                if index >= 0 and index == self.target:
                    out.append(ast.copy_location(ast.Pass(), stmt))
                elif index >= 0 and self.schema is not None and index in self.schema:
                    kept = self._children(stmt)
                    out.append(ast.copy_location(
                        ast.If(test=_switch(index, ast.NotEq()), body=[kept], orelse=[]), stmt))
                else:
                    out.append(self._children(stmt))  # type: ignore[arg-type]
            self.statement = saved_statement
        return out


def _member(cls: str, member: str) -> ast.Attribute:
    return ast.Attribute(value=ast.Name(id=cls, ctx=ast.Load()), attr=member, ctx=ast.Load())


def _left_alone(stmt: ast.stmt, position: int) -> bool:
    if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Assert, ast.Pass, ast.Global,
                         ast.Nonlocal)):
        return True
    if position == 0 and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) \
            and isinstance(stmt.value.value, str):
        return True  # a docstring
    if isinstance(stmt, ast.If) and isinstance(stmt.test, ast.Name) \
            and stmt.test.id == "TYPE_CHECKING":
        return True
    if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__"
                                            for t in stmt.targets):
        return True
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)


def _deletable(stmt: ast.stmt, is_last: bool) -> bool:
    if isinstance(stmt, (ast.Expr, ast.Assign, ast.AugAssign, ast.Raise, ast.Delete,
                         ast.Break)):
        return True
    if isinstance(stmt, ast.AnnAssign):
        return stmt.value is not None
    if isinstance(stmt, ast.Return):
        return not (stmt.value is None and is_last)  # deleting a final bare return changes nothing
    if isinstance(stmt, ast.Continue):
        return not is_last
    return False


def _walk(source: str, enums: dict[str, type[enum.Enum]], row_fields: bool,
          target: int | None, schema: set[int] | None = None) -> tuple[_Walk, ast.Module]:
    tree = ast.parse(source)
    walk = _Walk(enums, row_fields, target, schema)
    tree.body = walk._body(tree.body, tree)
    return walk, tree


def enums_in(namespace: dict[str, object]) -> dict[str, type[enum.Enum]]:
    """The names in a module's namespace that are bound to Enum classes."""
    return {name: value for name, value in namespace.items()
            if isinstance(value, type) and issubclass(value, enum.Enum)}


def list_mutants(path: str, source: str, enums: dict[str, type[enum.Enum]],
                 row_fields: bool = False) -> list[Mutant]:
    walk, _ = _walk(source, enums, row_fields, None)
    seen: Counter[tuple[str, str]] = Counter()
    out: list[Mutant] = []
    for index, scope, change, line, lines in walk.found:
        seen[(scope, change)] += 1
        out.append(Mutant(path, index, scope, change, seen[(scope, change)], line, lines))
    return out


def mutated_source(source: str, mutant: Mutant, enums: dict[str, type[enum.Enum]],
                   row_fields: bool = False) -> str:
    """The module's source with this one mutant applied."""
    walk, tree = _walk(source, enums, row_fields, mutant.index)
    if len(walk.found) <= mutant.index or walk.found[mutant.index][2] != mutant.change:
        raise ValueError(f"mutant {mutant.name} not found again in {mutant.path}")
    ast.fix_missing_locations(tree)
    return ast.unparse(tree)


def schema_source(source: str, indices: set[int], enums: dict[str, type[enum.Enum]]) -> str:
    """The module's source with every listed mutant behind a run-time switch, off
    (``_MUTANT_ = -1``) until a run sets the module's ``_MUTANT_`` to one of them. Only for
    code that runs after import: an import-time value is fixed before any switch is set."""
    _, tree = _walk(source, enums, False, None, indices)
    at = 0
    for at, stmt in enumerate(tree.body):  # after the docstring and __future__ imports
        if not (isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__") and not (
                at == 0 and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
            break
    switch = ast.Assign(targets=[ast.Name(id=SWITCH, ctx=ast.Store())],
                        value=ast.Constant(value=-1))
    tree.body.insert(at, switch)
    ast.fix_missing_locations(tree)
    return ast.unparse(tree)
