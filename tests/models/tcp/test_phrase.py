"""A phrase is its English with absolute numbers, and renders relative numbers on demand."""

from __future__ import annotations

import copy
import json
import pickle

from simulator.models.simulation.scenarios import build
from simulator.models.tcp.phrase import (
    Phrase,
    Rendering,
    SegmentLabel,
    Seq,
    Series,
    WhenRelative,
    english,
    render,
)
from simulator.models.timeline.steps import StepKind

ISN = 2426975632
LINE = Phrase("RCV.NXT = SEG.SEQ + 1 = {seq} + 1 = {nxt}",
              seq=Seq(ISN, "server", ISN).operand(), nxt=Seq(ISN + 1, "server", ISN))


def test_as_a_string_a_phrase_is_its_english_with_absolute_numbers():
    assert f"RCV.NXT = SEG.SEQ + 1 = {ISN} + 1 = {ISN + 1}" == LINE
    assert type(english(LINE)) is str and english(LINE) == LINE
    assert json.dumps(LINE) == json.dumps(str(LINE))


def test_relative_numbers_count_from_the_isn_and_the_arithmetic_gives_the_absolute_beside():
    assert render(LINE, Rendering(relative=True)) == "RCV.NXT = SEG.SEQ + 1 = 0 + 1 = 1"
    assert render(LINE, Rendering(relative=True, beside=True)) == (
        f"RCV.NXT = SEG.SEQ + 1 = 0 + 1 = 1 (abs {ISN + 1})")  # the operand has none
    assert render(LINE, Rendering(relative=False, beside=True)) == str(LINE)


def test_sequence_space_wraps_and_a_number_without_isn_is_shown_as_it_is():
    assert Seq(5, "client", 2**32 - 5).relative == 10
    rst = SegmentLabel("RST, ACK", Seq(0), Seq(ISN + 1, "client", ISN), 0)
    assert rst.text(Rendering(relative=True)) == "[RST, ACK] seq=0 ack=1 len=0"


def test_the_template_is_translated_and_the_values_filled_in_after():
    words = {"{who} sends {what}": "{who}发送{what}", "Client": "客户端"}
    phrase = Phrase("{who} sends {what}", who=Phrase("Client"),
                    what=SegmentLabel("SYN", Seq(ISN, "client", ISN), None, 0))
    chinese = Rendering(relative=True, translate=lambda t: words.get(t, t))
    assert render(phrase, chinese) == "客户端发送[SYN] seq=0 len=0"
    broken = Rendering(translate=lambda t: "{nobody}")  # a bad translation: English instead
    assert render(phrase, broken) == str(phrase)


def test_words_and_lists_that_follow_the_convention():
    phrase = Phrase("numbers ({which}): {all}", which=WhenRelative("relative", "absolute"),
                    all=Series((Seq(ISN + 1, "s", ISN), Seq(ISN + 2, "s", ISN)), ", "))
    assert render(phrase, Rendering(relative=True)) == "numbers (relative): 1, 2"
    assert str(phrase) == f"numbers (absolute): {ISN + 1}, {ISN + 2}"
    assert [p.template for p in phrase.phrases()] == ["numbers ({which}): {all}"]


def test_a_phrase_survives_copies_and_pickling_with_its_values():
    for again in (copy.copy(LINE), copy.deepcopy(LINE), pickle.loads(pickle.dumps(LINE))):
        assert isinstance(again, Phrase) and again.values == LINE.values


def test_a_scenario_step_explains_itself_in_phrases_whose_numbers_know_their_side():
    timeline = build("handshake-teardown")
    synack = next(s for s in timeline if s.kind is StepKind.ARRIVE and s.actor == "client")
    what = synack.explanation.what
    assert isinstance(what, Phrase)
    label = what.values["segment"]
    assert isinstance(label, SegmentLabel)
    assert (label.seq.side, label.seq.isn) == ("server", timeline.isn["server"])
    assert label.ack is not None and label.ack.side == "client"
    lines = [render(line, Rendering(relative=True)) for line in synack.explanation.arithmetic]
    assert "IRS = SEG.SEQ = 0" in lines and "RCV.NXT = SEG.SEQ + 1 = 0 + 1 = 1" in lines
