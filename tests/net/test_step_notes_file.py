"""Step notes on disk: beside the capture, kept across saves, never overwriting a bad file."""

from __future__ import annotations

import pytest

from simulator.models.simulation.scenarios import build
from simulator.models.timeline.step_notes import StepNotesError, empty_notes
from simulator.net.step_notes_file import (
    load_notes,
    notes_path_for_capture,
    notes_path_for_scenario,
    save_notes,
)


def test_notes_are_saved_beside_the_capture_and_reopened(tmp_path) -> None:
    path = notes_path_for_capture(tmp_path / "class.pcapng")
    assert path == tmp_path / "class.pcapng.notes.json"
    timeline = build("handshake-teardown")
    notes = empty_notes(timeline).with_note(3, "SYN/ACK: both sides' ISNs now known")
    save_notes(path, notes)
    assert load_notes(path, timeline) == notes


def test_saving_one_timeline_keeps_the_others(tmp_path) -> None:
    path = notes_path_for_scenario(tmp_path / "config" / "notes", "abort")
    save_notes(path, empty_notes(build("abort")).with_note(1, "a"))
    save_notes(path, empty_notes(build("half-close")).with_note(2, "b"))
    assert load_notes(path, build("abort")).get(1) == "a"
    assert load_notes(path, build("half-close")).get(2) == "b"


def test_no_file_yet_means_no_notes(tmp_path) -> None:
    assert load_notes(tmp_path / "none.notes.json", build("abort")).notes == {}


def test_a_broken_file_names_itself_and_is_not_overwritten(tmp_path) -> None:
    path = tmp_path / "x.notes.json"
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(StepNotesError, match=r"x\.notes\.json: not valid JSON"):
        load_notes(path, build("abort"))
    with pytest.raises(StepNotesError):
        save_notes(path, empty_notes(build("abort")).with_note(0, "n"))
    assert path.read_text(encoding="utf-8") == "{ not json"
