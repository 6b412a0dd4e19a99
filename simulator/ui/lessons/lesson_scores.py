"""Keep the lesson scores between runs, in QSettings (the app's settings store).

The ScoreBook (``simulator.models.lessons.score``) is plain data; it is stored as one JSON
text under ``lessons/scores`` so the settings file stays readable and a damaged entry loses
only that entry (``ScoreBook.from_json`` drops what it cannot read and says what).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from simulator.models.lessons.score import ScoreBook

SETTINGS_KEY = "lessons/scores"


class ScoreStore:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()
        self.problems: tuple[str, ...] = ()

    def load(self) -> ScoreBook:
        raw = self._settings.value(SETTINGS_KEY, "")
        if not raw:
            return ScoreBook()
        try:
            data = json.loads(str(raw))
        except ValueError:
            self.problems = ("the stored lesson scores were not readable and were reset",)
            return ScoreBook()
        book, self.problems = ScoreBook.from_json(data)
        return book

    def save(self, book: ScoreBook) -> None:
        self._settings.setValue(SETTINGS_KEY, json.dumps(book.to_json(), ensure_ascii=False))
        self._settings.sync()
