"""Scores and progress per lesson, as values that survive a round trip through JSON.

Theory of operation
-------------------
A ``ScoreBook`` maps a lesson name to its ``LessonScore``: the answer given to each
question (keyed by ``Question.key``, so asking the same question again replaces the old
answer instead of counting twice) and the furthest step reached. It is immutable:
``record`` and ``reached`` return a new book. ``to_json``/``from_json`` convert to plain
data; the UI stores that between runs (QSettings). Stored data that does not have the
expected shape is dropped entry by entry (never an exception at start-up), and
``from_json`` reports what it dropped so the caller can say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

FORMAT_VERSION = 1


@dataclass(frozen=True)
class LessonScore:
    answers: tuple[tuple[str, bool], ...] = ()  # (question key, answered right), in order
    furthest_step: int = -1
    total_steps: int = 0

    @property
    def asked(self) -> int:
        return len(self.answers)

    @property
    def right(self) -> int:
        return sum(1 for _, ok in self.answers if ok)

    @property
    def progress(self) -> float:
        """0..1: how far into the lesson the learner has got."""
        if self.total_steps <= 0:
            return 0.0
        return min(1.0, (self.furthest_step + 1) / self.total_steps)

    def answered(self, key: str, correct: bool) -> LessonScore:
        kept = tuple(a for a in self.answers if a[0] != key)
        return replace(self, answers=(*kept, (key, correct)))


@dataclass(frozen=True)
class ScoreBook:
    lessons: Mapping[str, LessonScore] = field(default_factory=dict)

    def get(self, lesson: str) -> LessonScore:
        return self.lessons.get(lesson, LessonScore())

    def record(self, lesson: str, question_key: str, correct: bool) -> ScoreBook:
        return self._with(lesson, self.get(lesson).answered(question_key, correct))

    def reached(self, lesson: str, step: int, total_steps: int) -> ScoreBook:
        old = self.get(lesson)
        new = replace(old, furthest_step=max(old.furthest_step, step), total_steps=total_steps)
        return self if new == old else self._with(lesson, new)

    def reset(self, lesson: str) -> ScoreBook:
        return ScoreBook({k: v for k, v in self.lessons.items() if k != lesson})

    def _with(self, lesson: str, score: LessonScore) -> ScoreBook:
        return ScoreBook({**self.lessons, lesson: score})

    # ------------------------------------------------------------------ persistence
    def to_json(self) -> dict[str, Any]:
        return {"version": FORMAT_VERSION, "lessons": {
            name: {"answers": [[k, ok] for k, ok in score.answers],
                   "furthest_step": score.furthest_step, "total_steps": score.total_steps}
            for name, score in sorted(self.lessons.items())}}

    @staticmethod
    def from_json(data: object) -> tuple[ScoreBook, tuple[str, ...]]:
        """The book stored in ``data``, and a note for each part that had to be dropped."""
        dropped: list[str] = []
        if not isinstance(data, dict) or not isinstance(data.get("lessons"), dict):
            return ScoreBook(), (("stored scores are not in the expected format",)
                                 if data not in (None, {}, "") else ())
        lessons: dict[str, LessonScore] = {}
        for name, entry in data["lessons"].items():
            score = _score(entry)
            if score is None:
                dropped.append(f"the stored score of lesson {name!r} was unreadable")
            else:
                lessons[str(name)] = score
        return ScoreBook(lessons), tuple(dropped)


def _score(entry: object) -> LessonScore | None:
    if not isinstance(entry, dict):
        return None
    answers = entry.get("answers", [])
    furthest = entry.get("furthest_step", -1)
    total = entry.get("total_steps", 0)
    if not isinstance(answers, list) or not all(
            isinstance(a, list) and len(a) == 2 and isinstance(a[0], str)
            and isinstance(a[1], bool) for a in answers):
        return None
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (furthest, total)):
        return None
    return LessonScore(tuple((str(k), bool(ok)) for k, ok in answers), furthest, total)
