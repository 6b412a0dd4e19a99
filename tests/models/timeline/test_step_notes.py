"""Step notes: round trip through JSON, and notes never land on a timeline they were not
written for."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.models.simulation.scenarios import build
from simulator.models.timeline.step_notes import (
    StepNotesError,
    empty_notes,
    find_notes,
    merge_notes,
    notes_file_text,
    parse_notes_file,
)


def test_notes_round_trip_through_the_file_text() -> None:
    timeline = build("handshake-teardown")
    notes = empty_notes(timeline).with_note(1, "Ask: why seq=0?").with_note(4, "三次握手完成")
    again = find_notes(parse_notes_file(notes_file_text((notes,))), timeline)
    assert again == notes
    assert again.get(4) == "三次握手完成" and again.get(2) == ""


@given(st.dictionaries(st.integers(0, 17), st.text(min_size=1).filter(str.strip)))
def test_any_notes_survive_the_round_trip(raw: dict[int, str]) -> None:
    timeline = build("handshake-teardown")
    notes = empty_notes(timeline)
    for step, text in raw.items():
        notes = notes.with_note(step, text)
    assert find_notes(parse_notes_file(notes_file_text((notes,))), timeline) == notes


def test_blank_note_removes_it() -> None:
    notes = empty_notes(build("abort")).with_note(2, "x").with_note(2, "  ")
    assert dict(notes.notes) == {}


def test_notes_for_a_changed_timeline_of_the_same_name_are_a_clear_error() -> None:
    written = empty_notes(build("lost-syn")).with_note(3, "look at the backoff")
    changed = build("lost-syn", frozenset({3}))  # a what-if run: other steps
    entries = parse_notes_file(notes_file_text((written,)))
    with pytest.raises(StepNotesError, match=r"written for a different timeline.*'lost-syn'"):
        find_notes(entries, changed)


def test_notes_of_other_timelines_are_kept_and_ignored() -> None:
    a = empty_notes(build("abort")).with_note(1, "a")
    b = empty_notes(build("half-close")).with_note(2, "b")
    entries = merge_notes(merge_notes((), a), b)
    assert find_notes(entries, build("half-close")) == b
    assert find_notes(entries, build("lost-data")).notes == {}
    assert merge_notes(entries, a.with_note(1, "")) == (b,)


@pytest.mark.parametrize(("text", "message"), [
    ("{", r"not valid JSON \(line 1"),
    ("[]", "not a step-notes file"),
    ('{"format": "protocol-sim-step-notes", "version": 9, "timelines": []}', "version 9"),
    ('{"format": "protocol-sim-step-notes", "version": 1, "timelines": [{"fingerprint": {}}]}',
     r"timelines\[0\]: the fingerprint needs"),
    ('{"format": "protocol-sim-step-notes", "version": 1, "timelines": [{"fingerprint": '
     '{"name": "x", "steps": 2, "first_segment": null}, "notes": {"5": "late"}}]}',
     "note for step 5, but the timeline has 2 steps"),
])
def test_bad_files_give_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(StepNotesError, match=message):
        parse_notes_file(text)


def test_file_text_is_readable_json() -> None:
    notes = empty_notes(build("abort")).with_note(0, "hello")
    document = json.loads(notes_file_text((notes,)))
    assert document["timelines"][0]["notes"] == {"0": "hello"}
    assert document["timelines"][0]["fingerprint"]["name"] == "abort"
