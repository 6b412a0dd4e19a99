"""A lesson file with a mistake gives one clear message naming the file and the line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.models.lessons.lesson import KnownSources, LessonError, parse_lesson
from simulator.models.lessons.plan import plan
from simulator.models.simulation.scenarios import SCENARIOS, build

KNOWN = KnownSources(scenarios=frozenset(SCENARIOS), chains=frozenset({"flask-classic"}))

GOOD = '''\
name = "tiny"
syllabus = 4
cites = ["RFC 9293 §3.5"]
title.en = "Tiny"
title.zh_CN = "小课"
summary.en = "A tiny lesson."
summary.zh_CN = "一节小课。"

[source]
scenario = "handshake-teardown"

[[step]]
at = { endpoint = "client", enters = "ESTABLISHED" }
expect = { client = "ESTABLISHED" }
text.en = "The client is established."
text.zh_CN = "客户端已建立连接。"

[[question]]
at = { last = true }
prompt.en = "Why?"
prompt.zh_CN = "为什么？"
choices.en = ["A", "B"]
choices.zh_CN = ["甲", "乙"]
answer = 1
explain.en = "Because."
explain.zh_CN = "因为。"
'''


def lesson_error(text: str) -> LessonError:
    with pytest.raises(LessonError) as caught:
        parse_lesson(text, "lessons/tiny.toml", KNOWN)
    return caught.value


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_good_lesson_parses():
    lesson = parse_lesson(GOOD, "lessons/tiny.toml", KNOWN)
    assert lesson.title.zh_CN == "小课"
    assert lesson.quizzes[0].answer == 0  # the file counts from 1


def test_unknown_scenario_names_file_and_line():
    text = GOOD.replace('scenario = "handshake-teardown"', 'scenario = "foo"')
    error = lesson_error(text)
    assert str(error).startswith(f"lessons/tiny.toml:{line_of(text, 'scenario =')}: ")
    assert "unknown scenario 'foo'" in str(error)


def test_toml_syntax_error_names_the_line_tomllib_found():
    text = GOOD.replace('title.en = "Tiny"', 'title.en = "Tiny')
    error = lesson_error(text)
    assert error.line == line_of(text, "title.en")
    assert str(error).startswith(f"lessons/tiny.toml:{error.line}: TOML syntax")


def test_missing_chinese_text_is_refused_at_its_line():
    text = GOOD.replace('text.zh_CN = "客户端已建立连接。"\n', "")
    error = lesson_error(text)
    assert error.line == line_of(text, "text.en")
    assert "no zh_CN text" in error.message


@pytest.mark.parametrize(("old", "new", "fragment", "words"), [
    ('enters = "ESTABLISHED" }', 'enters = "OPEN" }', "enters", "unknown TCP state 'OPEN'"),
    ('endpoint = "client",', 'who = "client",', "who =", "unknown key 'who'"),
    ("answer = 1", "answer = 3", "answer =", "from 1 to 2"),
    ('cites = ["RFC 9293 §3.5"]', 'cites = ["a blog post"]', "cites", "'RFC n' or 'PEP n'"),
    ("syllabus = 4", "syllabus = 9", "syllabus", "from 1 to 7"),
    ('choices.zh_CN = ["甲", "乙"]', 'choices.zh_CN = ["甲"]', "choices.zh_CN",
     "2 English choices but 1 Chinese"),
])
def test_meaning_errors_name_the_line_of_the_key(old, new, fragment, words):
    text = GOOD.replace(old, new)
    error = lesson_error(text)
    assert words in error.message
    assert error.line == line_of(text, fragment)


def test_a_chain_matcher_on_a_scenario_lesson_is_refused():
    text = GOOD.replace('at = { endpoint = "client", enters = "ESTABLISHED" }',
                        'at = { frame = "dispatch_request" }')
    error = lesson_error(text)
    assert "call-chain events" in error.message and error.line == line_of(text, "frame =")


def test_narration_that_matches_no_step_names_its_line():
    text = GOOD.replace('enters = "ESTABLISHED" }', 'enters = "CLOSING" }').replace(
        'expect = { client = "ESTABLISHED" }\n', "")
    lesson = parse_lesson(text, "lessons/tiny.toml", KNOWN)
    with pytest.raises(LessonError) as caught:
        plan(lesson, build("handshake-teardown"))
    assert str(caught.value).startswith(f"lessons/tiny.toml:{line_of(text, 'CLOSING')}: ")
    assert "no step matches" in str(caught.value)


def test_checkpoint_that_disagrees_with_the_model_is_caught():
    text = GOOD.replace('expect = { client = "ESTABLISHED" }',
                        'expect = { client = "ESTABLISHED", server = "ESTABLISHED" }')
    lesson = parse_lesson(text, "lessons/tiny.toml", KNOWN)
    with pytest.raises(LessonError) as caught:
        plan(lesson, build("handshake-teardown"))
    assert "expects the server in ESTABLISHED" in str(caught.value)
    assert "SYN-RECEIVED" in str(caught.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_a_lesson_or_a_lesson_error(text):
    try:
        parse_lesson(text, "lessons/fuzz.toml", KNOWN)
    except LessonError as error:
        assert str(error).startswith("lessons/fuzz.toml:")


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(GOOD) - 1), st.sampled_from(["", "x", "=", "[", '"', "\n", "{"]))
def test_damaged_lessons_fail_with_a_located_message(position, junk):
    text = GOOD[:position] + junk + GOOD[position + 1:]
    try:
        parse_lesson(text, "lessons/tiny.toml", KNOWN)
    except LessonError as error:
        assert 1 <= error.line <= text.count("\n") + 1
