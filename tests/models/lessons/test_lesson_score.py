"""Scores survive a round trip through JSON; damaged stored scores lose only themselves."""

from __future__ import annotations

import json

from simulator.models.lessons.score import ScoreBook


def test_scores_round_trip_through_json():
    book = (ScoreBook().record("a", "q1", True).record("a", "q2", False)
            .reached("a", 7, 18).record("b", "q1", True))
    again, dropped = ScoreBook.from_json(json.loads(json.dumps(book.to_json())))
    assert again == book and dropped == ()
    assert again.get("a").progress == 8 / 18


def test_furthest_step_never_goes_back():
    book = ScoreBook().reached("a", 9, 18).reached("a", 3, 18)
    assert book.get("a").furthest_step == 9


def test_a_damaged_entry_is_dropped_and_reported_and_the_rest_kept():
    data = ScoreBook().record("good", "q", True).to_json()
    data["lessons"]["bad"] = {"answers": [["q", "yes"]]}
    book, dropped = ScoreBook.from_json(data)
    assert book.get("good").right == 1 and "bad" not in book.lessons
    assert dropped and "bad" in dropped[0]


def test_stored_garbage_gives_an_empty_book_and_a_note():
    book, dropped = ScoreBook.from_json(["not", "a", "book"])
    assert book == ScoreBook() and dropped
