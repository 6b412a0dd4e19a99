"""Lessons as data: a TOML file names a source and narrates its steps in two languages.

Theory of operation
-------------------
A lesson is one TOML file (format in ``simulator/lessons/README.md``). It says which
syllabus question it answers (1-7, the order of ``shared/syllabus``), which RFCs/PEPs it
teaches, where its steps come from (a scenario, a capture shipped with the app, or a live
trace), and per step: the narration, an optional checkpoint (with the states the model must
show there, so a lesson can never drift from the model unnoticed) and optional questions.
Steps are named by matchers (``lessons.match``), never by bare numbers.

``parse_lesson`` turns text into a ``Lesson`` and checks everything that can be checked
without building the source: every text in English *and* Simplified Chinese, matcher fields,
the source's name against the names the caller knows. Every problem is a ``LessonError``
that names the file and line ("lessons/tcp.toml:14: unknown scenario 'foo'"). Matching
against the actual steps happens in ``lessons.plan``. This module reads no files: the caller
passes the text and the file's display name.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from simulator.models.lessons.match import MatcherError, StepMatcher, parse_matcher, parse_state
from simulator.models.lessons.predict import ALL_KINDS, QuestionKind
from simulator.models.lessons.text import LANGS, Text
from simulator.models.lessons.toml_lines import Locator, TomlSyntaxError, load_toml
from simulator.models.tcp.states import TcpState

SYLLABUS_SIZE = 7
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TOP_KEYS = {"name", "syllabus", "order", "title", "summary", "cites", "source", "step",
             "question", "predict"}
_STEP_KEYS = {"at", "text", "checkpoint", "expect"}
_QUESTION_KEYS = {"at", "prompt", "choices", "answer", "explain"}


class LessonError(ValueError):
    """A lesson file that cannot be used: ``file:line: what is wrong``."""

    def __init__(self, filename: str, line: int, message: str) -> None:
        super().__init__(f"{filename}:{line}: {message}")
        self.filename = filename
        self.line = line
        self.message = message


class SourceKind(enum.Enum):
    SCENARIO = "scenario"  # a scripted scenario: a Timeline
    CAPTURE = "capture"  # a capture shipped with the app, one connection replayed: a Timeline
    CHAIN = "chain"  # a WSGI call chain from data (the classic Flask 1.x path): a CallChain
    TRACE = "trace"  # a live trace of a real request to the demo app: a CallChain
    FLOW = "flow"  # live traces of several requests to the demo app, on every layer: a Timeline

    @property
    def is_chain(self) -> bool:
        return self in (SourceKind.CHAIN, SourceKind.TRACE)


@dataclass(frozen=True)
class LessonSource:
    kind: SourceKind
    name: str
    connection: int = 0  # for a capture: which TCP connection to replay

    def describe(self) -> str:
        if self.kind is SourceKind.CAPTURE:
            return f"capture {self.name} (connection {self.connection})"
        return f"{self.kind.value} {self.name}"


@dataclass(frozen=True)
class KnownSources:
    """The source names that exist, as the caller found them (scenarios, shipped captures,
    live traces). A lesson naming anything else is refused at load time."""

    scenarios: frozenset[str] = frozenset()
    captures: frozenset[str] = frozenset()
    chains: frozenset[str] = frozenset()
    traces: frozenset[str] = frozenset()
    flows: frozenset[str] = frozenset()

    def names(self, kind: SourceKind) -> frozenset[str]:
        return {SourceKind.SCENARIO: self.scenarios, SourceKind.CAPTURE: self.captures,
                SourceKind.CHAIN: self.chains, SourceKind.TRACE: self.traces,
                SourceKind.FLOW: self.flows}[kind]


@dataclass(frozen=True)
class Narration:
    at: StepMatcher
    text: Text
    checkpoint: Text | None
    expect: tuple[tuple[str, TcpState], ...]
    line: int


@dataclass(frozen=True)
class Quiz:
    """A question the author wrote, asked just before the step ``at`` names."""

    at: StepMatcher
    prompt: Text
    choices: tuple[Text, ...]
    answer: int  # 0-based (the file says 1-based)
    explain: Text
    line: int


@dataclass(frozen=True)
class Lesson:
    name: str
    filename: str
    syllabus: int
    order: int
    title: Text
    summary: Text
    cites: tuple[str, ...]
    source: LessonSource
    narration: tuple[Narration, ...]
    quizzes: tuple[Quiz, ...] = ()
    predict: frozenset[QuestionKind] = field(default=ALL_KINDS)
    source_line: int = 1

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.syllabus, self.order, self.name)


# ---------------------------------------------------------------------------- parsing
class _Reader:
    """Turns the TOML document into a Lesson, raising LessonError with the right line."""

    def __init__(self, filename: str, document: dict[str, Any], where: Locator,
                 known: KnownSources) -> None:
        self.filename = filename
        self.doc = document
        self.where = where
        self.known = known

    def fail(self, line: int, message: str) -> LessonError:
        return LessonError(self.filename, line, message)

    def require(self, table: Mapping[str, Any], key: str, line: int, what: str) -> Any:
        if key not in table:
            raise self.fail(line, f"missing '{key}' ({what})")
        return table[key]

    def check_keys(self, table: Mapping[str, Any], allowed: set[str], block: str,
                   index: int) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(self.where.line(block, index, key),
                                f"unknown key '{key}'; expected one of: "
                                + ", ".join(sorted(allowed)))

    def text(self, value: Any, line: int, key: str) -> Text:
        if not isinstance(value, dict):
            raise self.fail(line, f"'{key}' must have an English and a Chinese text: "
                                  f"{key}.en = \"...\" and {key}.zh_CN = \"...\"")
        for lang in LANGS:
            got = value.get(lang.value)
            if not isinstance(got, str) or not got.strip():
                raise self.fail(line, f"'{key}' has no {lang.value} text "
                                      f"(add {key}.{lang.value} = \"...\")")
        extra = sorted(set(value) - {lang.value for lang in LANGS})
        if extra:
            raise self.fail(line, f"'{key}' has text in an unknown language '{extra[0]}'; "
                                  "languages are: " + ", ".join(lang.value for lang in LANGS))
        return Text(_tidy(value["en"]), _tidy(value["zh_CN"]))

    def matcher(self, table: Mapping[str, Any], block: str, index: int) -> StepMatcher:
        line = self.where.line(block, index, "at")
        spec = self.require(table, "at", self.where.line(block, index),
                            "which step, e.g. at = { endpoint = \"client\", "
                            "enters = \"ESTABLISHED\" }")
        try:
            return parse_matcher(spec)
        except MatcherError as error:
            raise self.fail(line, str(error)) from None

    # ------------------------------------------------------------------ parts
    def header(self) -> tuple[str, int, int, tuple[str, ...], frozenset[QuestionKind]]:
        doc, line = self.doc, self.where.line
        self.check_keys(doc, _TOP_KEYS, "", 0)
        name = self.require(doc, "name", 1, "the lesson's name, used by --lesson NAME")
        if not isinstance(name, str) or not _NAME.match(name):
            raise self.fail(line("", 0, "name"), "'name' must be lower-case letters, digits "
                                                  "and hyphens, e.g. \"tcp-handshake\"")
        syllabus = self.require(doc, "syllabus", 1, f"the syllabus question, 1 to "
                                                    f"{SYLLABUS_SIZE}")
        if isinstance(syllabus, bool) or not isinstance(syllabus, int) or not (
                1 <= syllabus <= SYLLABUS_SIZE):
            raise self.fail(line("", 0, "syllabus"),
                            f"'syllabus' must be a number from 1 to {SYLLABUS_SIZE}")
        order = doc.get("order", 1)
        if isinstance(order, bool) or not isinstance(order, int):
            raise self.fail(line("", 0, "order"), "'order' must be a whole number")
        cites = self.require(doc, "cites", 1, "the RFCs/PEPs the lesson teaches")
        if (not isinstance(cites, list) or not cites
                or not all(isinstance(c, str) and c.strip() for c in cites)):
            raise self.fail(line("", 0, "cites"), "'cites' must be a non-empty list of "
                                                   "references, e.g. [\"RFC 9293 §3.5\"]")
        if not all(re.match(r"^(RFC|PEP) \d+", c) for c in cites):
            bad = next(c for c in cites if not re.match(r"^(RFC|PEP) \d+", c))
            raise self.fail(line("", 0, "cites"),
                            f"citation {bad!r} should start with 'RFC n' or 'PEP n'")
        return name, syllabus, order, tuple(cites), self.predict_kinds()

    def predict_kinds(self) -> frozenset[QuestionKind]:
        value = self.doc.get("predict")
        if value is None:
            return ALL_KINDS
        where = self.where.line("", 0, "predict")
        if not isinstance(value, list):
            raise self.fail(where, "'predict' must be a list such as [\"state\", \"numbers\"]")
        kinds = set()
        for item in value:
            try:
                kinds.add(QuestionKind(item))
            except ValueError:
                raise self.fail(where, f"unknown question kind {item!r}; kinds are: "
                                       + ", ".join(k.value for k in QuestionKind)) from None
        return frozenset(kinds)

    def source(self) -> LessonSource:
        header = self.where.line("source")
        table = self.require(self.doc, "source", 1, "[source] with scenario = \"...\", "
                                                    "capture = \"...\", trace = \"...\" or "
                                                    "flow = \"...\"")
        if not isinstance(table, dict):
            raise self.fail(header, "'source' must be a table: [source]")
        kinds = [k for k in SourceKind if k.value in table]
        if len(kinds) != 1:
            raise self.fail(header, "[source] must name exactly one of: scenario, capture, "
                                    "chain, trace, flow")
        self.check_keys(table, {kinds[0].value} | (
            {"connection"} if kinds[0] is SourceKind.CAPTURE else set()), "source", 0)
        kind = kinds[0]
        name = table[kind.value]
        line = self.where.line("source", 0, kind.value)
        if not isinstance(name, str):
            raise self.fail(line, f"'{kind.value}' must be a string")
        known = self.known.names(kind)
        if name not in known:
            hint = ("; known: " + ", ".join(sorted(known))) if known else ""
            raise self.fail(line, f"unknown {kind.value} {name!r}{hint}")
        connection = table.get("connection", 0)
        if isinstance(connection, bool) or not isinstance(connection, int) or connection < 0:
            raise self.fail(self.where.line("source", 0, "connection"),
                            "'connection' must be a connection number (0 or more)")
        return LessonSource(kind, name, connection)

    def check_fit(self, source: LessonSource, narration: tuple[Narration, ...],
                  quizzes: tuple[Quiz, ...]) -> None:
        """Matchers and checkpoints must suit the kind of source (a call chain has no TCP
        states; a timeline has no frames)."""
        items: tuple[Narration | Quiz, ...] = (*narration, *quizzes)
        if source.kind is SourceKind.FLOW:  # every layer: frames, HTTP and TCP steps alike
            return
        for item in items:
            if source.kind.is_chain and item.at.for_timeline:
                raise self.fail(item.line, f"{item.at.describe()} names TCP/HTTP steps, but "
                                           f"the source is a call {source.kind.value}")
            if not source.kind.is_chain and item.at.for_chain:
                raise self.fail(item.line, f"{item.at.describe()} names call-chain events, "
                                           f"but the source is a {source.kind.value}")
        for n in narration:
            if source.kind.is_chain and n.expect:
                raise self.fail(n.line, "'expect' checks TCP states; a call chain has none")

    def narration(self) -> tuple[Narration, ...]:
        entries = self._array("step")
        if not entries:
            raise self.fail(1, "a lesson needs at least one [[step]] with narration")
        out = []
        for n, entry in enumerate(entries):
            self.check_keys(entry, _STEP_KEYS, "step", n)
            at = self.matcher(entry, "step", n)
            text = self.text(self.require(entry, "text", self.where.line("step", n),
                                          "the narration: text.en and text.zh_CN"),
                             self.where.line("step", n, "text"), "text")
            checkpoint = None
            if "checkpoint" in entry:
                checkpoint = self.text(entry["checkpoint"],
                                       self.where.line("step", n, "checkpoint"), "checkpoint")
            out.append(Narration(at, text, checkpoint, self.expect(entry, n),
                                 self.where.line("step", n, "at")))
        return tuple(out)

    def expect(self, entry: Mapping[str, Any], n: int) -> tuple[tuple[str, TcpState], ...]:
        value = entry.get("expect")
        if value is None:
            return ()
        line = self.where.line("step", n, "expect")
        if not isinstance(value, dict) or not value or not set(value) <= {"client", "server"}:
            raise self.fail(line, "'expect' must be a table such as "
                                  "{ client = \"ESTABLISHED\", server = \"SYN-RECEIVED\" }")
        try:
            return tuple((who, parse_state(str(state))) for who, state in value.items())
        except MatcherError as error:
            raise self.fail(line, str(error)) from None

    def quizzes(self) -> tuple[Quiz, ...]:
        out = []
        for n, entry in enumerate(self._array("question")):
            self.check_keys(entry, _QUESTION_KEYS, "question", n)
            head = self.where.line("question", n)
            at = self.matcher(entry, "question", n)
            prompt = self.text(self.require(entry, "prompt", head, "the question"),
                               self.where.line("question", n, "prompt"), "prompt")
            choices = self.choices(self.require(entry, "choices", head,
                                                "choices.en = [...] and choices.zh_CN = [...]"),
                                   self.where.line("question", n, "choices"),
                                   self.where.line("question", n, "choices.zh_CN"))
            answer = self.require(entry, "answer", head, "the right choice, counting from 1")
            if (isinstance(answer, bool) or not isinstance(answer, int)
                    or not 1 <= answer <= len(choices)):
                raise self.fail(self.where.line("question", n, "answer"),
                                f"'answer' must be a choice number from 1 to {len(choices)}")
            explain = self.text(self.require(entry, "explain", head, "why the answer is right"),
                                self.where.line("question", n, "explain"), "explain")
            out.append(Quiz(at, prompt, choices, answer - 1, explain,
                            self.where.line("question", n, "at")))
        return tuple(out)

    def choices(self, value: Any, line: int, zh_line: int) -> tuple[Text, ...]:
        if not isinstance(value, dict) or set(value) != {lang.value for lang in LANGS}:
            raise self.fail(line, "'choices' needs choices.en = [...] and choices.zh_CN = [...]")
        en, zh = value["en"], value["zh_CN"]
        if not (isinstance(en, list) and isinstance(zh, list)
                and all(isinstance(c, str) and c.strip() for c in [*en, *zh])):
            raise self.fail(line, "choices must be lists of non-empty strings")
        if len(en) != len(zh):
            raise self.fail(zh_line, f"{len(en)} English choices but {len(zh)} Chinese ones")
        if len(en) < 2:
            raise self.fail(line, "a question needs at least two choices")
        return tuple(Text(_tidy(a), _tidy(b)) for a, b in zip(en, zh, strict=True))

    def _array(self, key: str) -> list[dict[str, Any]]:
        value = self.doc.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(self.where.line("", 0, key),
                            f"'{key}' must be written as [[{key}]] tables")
        return value


def _tidy(text: str) -> str:
    """Paragraphs of a multi-line TOML string: single newlines join lines (a space in
    English, nothing between Chinese characters), blank lines separate paragraphs."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    out = []
    for para in paragraphs:
        lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
        joined = ""
        for ln in lines:
            if joined and not (_is_cjk(joined[-1]) and _is_cjk(ln[0])):
                joined += " "
            joined += ln
        out.append(joined)
    return "\n\n".join(out)


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def parse_lesson(text: str, filename: str, known: KnownSources) -> Lesson:
    """Parse one lesson file's text; LessonError names ``filename`` and the line."""
    try:
        document, where = load_toml(text)
    except TomlSyntaxError as error:
        raise LessonError(filename, error.line, error.message) from None
    reader = _Reader(filename, document, where, known)
    name, syllabus, order, cites, predict = reader.header()
    title = reader.text(reader.require(document, "title", 1, "title.en and title.zh_CN"),
                        where.line("", 0, "title"), "title")
    summary = reader.text(reader.require(document, "summary", 1,
                                         "summary.en and summary.zh_CN"),
                          where.line("", 0, "summary"), "summary")
    source = reader.source()
    narration, quizzes = reader.narration(), reader.quizzes()
    reader.check_fit(source, narration, quizzes)
    return Lesson(name, filename, syllabus, order, title, summary, cites, source,
                  narration, quizzes, predict, where.line("source"))


def sort_lessons(lessons: Iterable[Lesson]) -> tuple[Lesson, ...]:
    """Syllabus order; two lessons with the same name is an error naming both files."""
    ordered = tuple(sorted(lessons, key=lambda lesson: lesson.sort_key))
    seen: dict[str, Lesson] = {}
    for lesson in ordered:
        if lesson.name in seen:
            raise LessonError(lesson.filename, 1, f"lesson name {lesson.name!r} is already "
                                                  f"used by {seen[lesson.name].filename}")
        seen[lesson.name] = lesson
    return ordered
