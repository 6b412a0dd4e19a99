"""Teacher's step notes on disk: ``<capture>.notes.json`` beside a capture, or one file per
scenario in a directory the caller chooses (the UI passes the user's config directory).

Theory of operation: the JSON form and the check that notes fit the timeline live in
simulator.models.timeline.step_notes; this module only reads and writes files, turning every OS or
format problem into a StepNotesError whose message names the file. Writing goes through a
temporary file and ``os.replace`` so a failed save never leaves half a notes file (POSIX
rename is atomic).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from simulator.models.timeline.step_notes import (
    StepNotes,
    StepNotesError,
    find_notes,
    merge_notes,
    notes_file_text,
    parse_notes_file,
)
from simulator.models.timeline.steps import Timeline

SUFFIX = ".notes.json"


def notes_path_for_capture(capture: str | Path) -> Path:
    """'lesson.pcapng' -> 'lesson.pcapng.notes.json', beside it."""
    path = Path(capture)
    return path.with_name(path.name + SUFFIX)


def notes_path_for_scenario(directory: str | Path, name: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "timeline"
    return Path(directory) / f"{safe}{SUFFIX}"


def read_entries(path: Path) -> tuple[StepNotes, ...]:
    """All timelines' notes in the file; none when it does not exist yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    except (OSError, UnicodeDecodeError) as error:
        raise StepNotesError(f"{path}: cannot read ({error})") from None
    try:
        return parse_notes_file(text)
    except StepNotesError as error:
        raise StepNotesError(f"{path}: {error}") from None


def load_notes(path: Path, timeline: Timeline) -> StepNotes:
    """This timeline's notes from the file (empty when there are none yet)."""
    try:
        return find_notes(read_entries(path), timeline)
    except StepNotesError as error:
        message = str(error)
        raise StepNotesError(message if message.startswith(str(path))
                             else f"{path}: {message}") from None


def save_notes(path: Path, notes: StepNotes) -> None:
    """Replace this timeline's notes in the file, keeping other timelines' notes. A file that
    cannot be parsed is not overwritten (StepNotesError), so nothing is lost."""
    entries = merge_notes(read_entries(path), notes)
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(notes_file_text(entries), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        raise StepNotesError(f"{path}: cannot write ({error.strerror or error})") from None
