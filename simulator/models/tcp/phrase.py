"""The TCP model's sentences for the learner as values: a template, and the values of its fields.

Theory of operation
-------------------
A line such as ``RCV.NXT = SEG.SEQ + 1 = 2426975632 + 1 = 2426975633`` holds numbers that a
view must be able to show two ways (RFC 9293 §3.4: a sequence number means something only
relative to its connection's ISN, which is why Wireshark shows them relative by default),
in the interface language. So the model writes it as a ``Phrase``: an English template with
``{fields}`` (``"RCV.NXT = SEG.SEQ + 1 = {seq} + 1 = {nxt}"``) and a value for each field.
A sequence number is a ``Seq``: its value, the side whose sequence space it counts in, and
that side's ISN on the step's connection; a segment's label is a ``SegmentLabel``. A view
renders a phrase (``render``) with its ``Rendering``: relative or absolute, the absolute value
written beside the relative one or not (the arithmetic shows both), and a ``translate``
that looks a template up in the interface's catalogue; the values are filled in after, so a
translation never needs to find numbers in a sentence.

A Phrase *is* its English text with absolute numbers (it subclasses ``str``): the JSON
export, the tests and every reader that only wants a string get the sentence exactly as the
model has always written it, and code that joins or searches the text keeps working. Field
values are ``str`` (wire tokens and RFC names, the same in every language), ``int``, ``Seq``,
``SegmentLabel``, ``WhenRelative`` (words that depend on the convention), ``Series`` (a list)
and nested Phrases; a word the learner reads ("Client", "sends nothing") is a Phrase without
fields, so it is translated too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeAlias

SEQ_MODULUS = 2**32

#: How an arithmetic line writes a relative number with its absolute value beside it.
BESIDE = "{relative} (abs {absolute})"


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Rendering:
    """How a view shows phrases: ``relative`` numbers (each side's from its ISN) or absolute
    ones; ``beside``: a relative number also gives its absolute value (``BESIDE``), as the
    arithmetic does; ``translate``: a template or word → the interface language's."""

    relative: bool = False
    beside: bool = False
    translate: Callable[[str], str] = field(default=_same, compare=False)


ENGLISH = Rendering()  # what a Phrase is as a str


@dataclass(frozen=True)
class Seq:
    """A sequence or acknowledgement number in one side's sequence space (RFC 9293 §3.3.1).

    ``side`` is the endpoint whose ISN it counts from and ``isn`` that ISN on the step's
    connection; both None for a number that counts in no known space (an RST sent from a port
    with no connection, ``<SEQ=0>``): it is shown as it is. ``beside``: an arithmetic line
    writes its absolute value beside the relative one (off for an operand already shown so)."""

    value: int
    side: str | None = None
    isn: int | None = None
    beside: bool = True

    @property
    def relative(self) -> int:
        """The value counted from the ISN (modulo 2**32), or the value itself without one."""
        return self.value if self.isn is None else (self.value - self.isn) % SEQ_MODULUS

    def text(self, rendering: Rendering = ENGLISH) -> str:
        if not rendering.relative or self.isn is None:
            return str(self.value)
        if rendering.beside and self.beside:
            return _fill(BESIDE, rendering, relative=str(self.relative),
                         absolute=str(self.value))
        return str(self.relative)

    def operand(self) -> Seq:
        """The same number as an operand: no absolute value beside it."""
        return Seq(self.value, self.side, self.isn, beside=False)


@dataclass(frozen=True)
class SegmentLabel:
    """A segment as the ladder labels it: '[SYN, ACK] seq=0 ack=1 len=0' (``ack`` None when
    the ACK flag is off; ``tcp.segment.segment_label``)."""

    flags: str
    seq: Seq
    ack: Seq | None
    length: int

    def text(self, rendering: Rendering = ENGLISH) -> str:
        return f"[{self.flags}] {self.numbers(rendering)}"

    def numbers(self, rendering: Rendering = ENGLISH) -> str:
        """'seq=0 ack=1 len=0': the label without its flags."""
        plain = Rendering(rendering.relative)  # a label never has values beside
        text = f"seq={self.seq.text(plain)}"
        if self.ack is not None:
            text += f" ack={self.ack.text(plain)}"
        return f"{text} len={self.length}"


@dataclass(frozen=True)
class WhenRelative:
    """Words that depend on the convention: ``relative`` when numbers are relative, else
    ``absolute`` (a question that says which numbers it asks for)."""

    relative: Value
    absolute: Value


@dataclass(frozen=True)
class Series:
    """Values written one after the other with ``separator`` between them."""

    items: tuple[Value, ...]
    separator: str = "; "


Value: TypeAlias = "str | int | Seq | SegmentLabel | WhenRelative | Series | Phrase"


class Phrase(str):
    """A sentence: ``template`` with ``{fields}`` and their ``values``; as a str, its English
    with absolute numbers. ``Phrase("sends nothing")`` is a word to translate."""

    template: str
    values: Mapping[str, Value]

    def __new__(cls, template: str, /, **values: Value) -> Phrase:
        self = super().__new__(cls, _fill(template, ENGLISH, **values))
        self.template = template
        self.values = MappingProxyType(values)
        return self

    def __reduce__(self) -> tuple[Callable[..., Phrase], tuple[str, dict[str, Value]]]:
        return _rebuild, (self.template, dict(self.values))

    def __repr__(self) -> str:
        values = "".join(f", {k}={v!r}" for k, v in self.values.items())
        return f"Phrase({self.template!r}{values})"

    def phrases(self) -> Iterator[Phrase]:
        """This phrase and every phrase inside its values, depth first."""
        yield self
        for value in self.values.values():
            yield from _phrases_in(value)


def _rebuild(template: str, values: dict[str, Value]) -> Phrase:
    return Phrase(template, **values)


def _phrases_in(value: Value) -> Iterator[Phrase]:
    if isinstance(value, Phrase):
        yield from value.phrases()
    elif isinstance(value, WhenRelative):
        yield from _phrases_in(value.relative)
        yield from _phrases_in(value.absolute)
    elif isinstance(value, Series):
        for item in value.items:
            yield from _phrases_in(item)


def literal(text: str) -> str:
    """``text`` as a template's fixed part (braces doubled, so none is read as a field)."""
    return text.replace("{", "{{").replace("}", "}}")


def value_text(value: Value, rendering: Rendering = ENGLISH) -> str:
    """One field's value as the rendering shows it."""
    if isinstance(value, Phrase):
        return render(value, rendering)
    if isinstance(value, Seq | SegmentLabel):
        return value.text(rendering)
    if isinstance(value, WhenRelative):
        return value_text(value.relative if rendering.relative else value.absolute, rendering)
    if isinstance(value, Series):
        return value.separator.join(value_text(item, rendering) for item in value.items)
    return str(value)


def _fill(template: str, rendering: Rendering, /, **values: Value) -> str:
    texts = {name: value_text(value, rendering) for name, value in values.items()}
    translated = rendering.translate(template) if rendering.translate is not _same \
        else template
    try:
        return translated.format(**texts)
    except (KeyError, IndexError, ValueError):  # a translation with other fields: English
        return template.format(**texts)


def render(text: str, rendering: Rendering = ENGLISH) -> str:
    """``text`` as the rendering shows it: a Phrase from its template and values, any other
    string as it is."""
    if not isinstance(text, Phrase):
        return str(text)
    return _fill(text.template, rendering, **text.values)


def english(text: str) -> str:
    """The plain English string (absolute numbers) of a Phrase or a str."""
    return str.__str__(text)
