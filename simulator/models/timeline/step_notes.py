"""A teacher's notes on the steps of one timeline, and their JSON form.

Theory of operation. A note belongs to a step of one particular timeline, and a step index
means nothing on another timeline: step 5 of the lost-SYN run is not step 5 of the clean
handshake. So notes carry a fingerprint of the timeline they were written on — its name, its
number of steps and the fields of its first segment — and loading them for a timeline whose
fingerprint differs is a clear error rather than notes silently attached to the wrong steps.

One notes file (JSON, RFC 8259) may hold the notes of several timelines — e.g. each TCP
connection of a capture, or a scenario with and without a what-if — as a list of
``{"fingerprint": …, "notes": {"5": "…"}}`` entries; ``find_notes`` picks the entry that
matches, ``merge_notes`` replaces it. Reading and writing
files is the caller's business (simulator.net.step_notes_file); this module only converts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from simulator.models.timeline.steps import Timeline

FORMAT = "protocol-sim-step-notes"
VERSION = 1


class StepNotesError(ValueError):
    """Notes that cannot be read, or that belong to another timeline (a message for a user)."""


@dataclass(frozen=True)
class Fingerprint:
    name: str
    steps: int
    first_segment: tuple[str, str, int, int, int, int] | None  # src, dst, seq, ack, flags, len

    def describe(self) -> str:
        return f"{self.name!r} with {self.steps} steps"


def fingerprint(timeline: Timeline) -> Fingerprint:
    first = timeline.segments[0] if len(timeline.segments) else None
    return Fingerprint(timeline.name, len(timeline),
                       None if first is None else (first.src, first.dst, first.seq, first.ack,
                                                   int(first.flags), first.length))


@dataclass(frozen=True)
class StepNotes:
    fingerprint: Fingerprint
    notes: Mapping[int, str] = field(default_factory=dict)

    def get(self, step: int) -> str:
        return self.notes.get(step, "")

    def with_note(self, step: int, text: str) -> StepNotes:
        """A copy with this step's note set (blank text removes it)."""
        if not 0 <= step < self.fingerprint.steps:
            raise StepNotesError(f"step {step} is outside the timeline (0 to "
                                 f"{self.fingerprint.steps - 1})")
        notes = dict(self.notes)
        if text.strip():
            notes[step] = text
        else:
            notes.pop(step, None)
        return StepNotes(self.fingerprint, notes)


def empty_notes(timeline: Timeline) -> StepNotes:
    return StepNotes(fingerprint(timeline))


def _fingerprint_json(fp: Fingerprint) -> dict[str, Any]:
    return {"name": fp.name, "steps": fp.steps,
            "first_segment": None if fp.first_segment is None else list(fp.first_segment)}


def _entry_json(notes: StepNotes) -> dict[str, Any]:
    return {"fingerprint": _fingerprint_json(notes.fingerprint),
            "notes": {str(k): v for k, v in sorted(notes.notes.items())}}


def _parse_fingerprint(value: object, where: str) -> Fingerprint:
    if not isinstance(value, dict):
        raise StepNotesError(f"{where}: 'fingerprint' must be an object")
    name, steps, first = value.get("name"), value.get("steps"), value.get("first_segment")
    if not isinstance(name, str) or not isinstance(steps, int) or isinstance(steps, bool):
        raise StepNotesError(f"{where}: the fingerprint needs a text 'name' and a whole "
                             "number 'steps'")
    if first is None:
        return Fingerprint(name, steps, None)
    if (not isinstance(first, list) or len(first) != 6
            or not all(isinstance(v, str) for v in first[:2])
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in first[2:])):
        raise StepNotesError(f"{where}: 'first_segment' must be [src, dst, seq, ack, flags, "
                             "len]")
    src, dst, seq, ack, flags, length = first
    return Fingerprint(name, steps, (src, dst, seq, ack, flags, length))


def _parse_entry(value: object, where: str) -> StepNotes:
    if not isinstance(value, dict):
        raise StepNotesError(f"{where}: must be an object with 'fingerprint' and 'notes'")
    fp = _parse_fingerprint(value.get("fingerprint"), where)
    raw = value.get("notes", {})
    if not isinstance(raw, dict):
        raise StepNotesError(f"{where}: 'notes' must map step numbers to text")
    notes: dict[int, str] = {}
    for key, text in raw.items():
        if not key.isdigit() or not isinstance(text, str):
            raise StepNotesError(f"{where}: note {key!r} must be a step number with text")
        if int(key) >= fp.steps:
            raise StepNotesError(f"{where}: note for step {key}, but the timeline has "
                                 f"{fp.steps} steps")
        notes[int(key)] = text
    return StepNotes(fp, notes)


def parse_notes_file(text: str) -> tuple[StepNotes, ...]:
    """Every timeline's notes in a notes file; StepNotesError says what is wrong and where."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise StepNotesError(f"not valid JSON (line {error.lineno}, column {error.colno}: "
                             f"{error.msg})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise StepNotesError(f"not a step-notes file (expected \"format\": \"{FORMAT}\")")
    if document.get("version") != VERSION:
        raise StepNotesError(f"step-notes version {document.get('version')!r} is not "
                             f"supported (this program reads version {VERSION})")
    entries = document.get("timelines")
    if not isinstance(entries, list):
        raise StepNotesError("'timelines' must be a list")
    return tuple(_parse_entry(e, f"timelines[{i}]") for i, e in enumerate(entries))


def notes_file_text(entries: tuple[StepNotes, ...]) -> str:
    document = {"format": FORMAT, "version": VERSION,
                "timelines": [_entry_json(e) for e in entries if e.notes]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def find_notes(entries: tuple[StepNotes, ...], timeline: Timeline) -> StepNotes:
    """The notes written on this timeline, or none yet. Notes written on a timeline of the
    same name that has since changed (other steps, another first segment) are an error naming
    it, so a teacher knows the notes were not lost but no longer fit."""
    fp = fingerprint(timeline)
    for entry in entries:
        if entry.fingerprint == fp:
            return entry
    stale = [e.fingerprint.describe() for e in entries if e.fingerprint.name == fp.name]
    if stale:
        raise StepNotesError(f"the notes were written for a different timeline "
                             f"({', '.join(stale)}); this is {fp.describe()}")
    return StepNotes(fp)


def merge_notes(entries: tuple[StepNotes, ...], notes: StepNotes) -> tuple[StepNotes, ...]:
    """The entries with this timeline's notes replaced (or added)."""
    kept = tuple(e for e in entries if e.fingerprint != notes.fingerprint)
    return (*kept, notes) if notes.notes else kept
