"""Predict the next step: the question comes from the step, the answer is what the model did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.models.lessons.predict import (
    QuestionKind,
    check,
    explain,
    frame_question,
    possible_next_states,
    predict_question,
    questions_for_step,
)
from simulator.models.lessons.score import ScoreBook
from simulator.models.lessons.text import Lang
from simulator.models.simulation.scenarios import SCENARIOS, build
from simulator.models.tcp.phrase import Rendering, render
from simulator.models.tcp.states import TcpState
from simulator.models.timeline.steps import StepKind
from simulator.models.wsgi.call_chain import FrameEventKind
from simulator.models.wsgi.flask_classic import classic_chain

HANDSHAKE = build("handshake-teardown")


def _step_where(timeline, endpoint, state):
    return next(s.index for s in timeline for f in s.transitions
                if f.endpoint == endpoint and f.row.next is state and f.row.changes_state)


def test_next_state_question_offers_the_table_states_and_knows_the_answer():
    step = _step_where(HANDSHAKE, "client", TcpState.ESTABLISHED)
    question = predict_question(HANDSHAKE, step - 1)
    assert question is not None and question.kind is QuestionKind.STATE
    choices = [c.en for c in question.choices]
    assert choices == [s.rfc_name for s in possible_next_states(TcpState.SYN_SENT)]
    assert choices[question.answer] == "ESTABLISHED"
    assert "SYN-SENT" in question.prompt.en and "SYN-SENT" in question.prompt.zh_CN


def test_a_right_and_a_wrong_answer_are_scored_as_such():
    step = _step_where(HANDSHAKE, "server", TcpState.CLOSE_WAIT)
    question = predict_question(HANDSHAKE, step - 1)
    assert question is not None
    wrong = next(n for n in range(len(question.choices)) if n != question.answer)
    right_verdict, wrong_verdict = check(question, question.answer), check(question, wrong)
    assert right_verdict.correct and not wrong_verdict.correct
    book = ScoreBook().record("tcp", question.key, right_verdict.correct)
    book = book.record("tcp", "state:99:client", wrong_verdict.correct)
    assert (book.get("tcp").right, book.get("tcp").asked) == (1, 2)
    assert explain(wrong_verdict, Lang.EN).startswith("Not quite: the answer is CLOSE-WAIT.")
    assert explain(right_verdict, Lang.ZH_CN).startswith("答对了！")
    assert "CLOSE-WAIT" in question.explanation.zh_CN


def test_answering_the_same_question_again_replaces_the_old_answer():
    book = ScoreBook().record("tcp", "q", False).record("tcp", "q", True)
    assert (book.get("tcp").right, book.get("tcp").asked) == (1, 1)


def test_numbers_question_counts_the_syn_as_one_sequence_number():
    # The server's ACK of the request: ack = 1 (after the SYN) + 101 request bytes.
    step = next(s for s in HANDSHAKE if s.actor == "server" and s.kind is StepKind.ARRIVE
                and s.segment is not None and s.segment.length == 101)
    question = next(q for q in questions_for_step(HANDSHAKE, step.index)
                    if q.kind is QuestionKind.NUMBERS)
    relative = Rendering(relative=True)
    assert render(question.choices[question.answer].en, relative) == "seq=1 ack=102"
    choices = [render(c.en, relative) for c in question.choices]
    assert "seq=1 ack=101" in choices  # forgot the SYN's one
    # As absolute numbers: the same choices, counted from the connection's ISNs.
    client, server = HANDSHAKE.isn["client"], HANDSHAKE.isn["server"]
    assert question.choices[question.answer].en == f"seq={server + 1} ack={client + 102}"


def test_numbers_question_on_a_second_connection_counts_from_its_own_isns():
    """HTTP/1.0 opens a connection per request: its numbers start again from 0 and 1."""
    timeline = build("http10-per-request")
    second = next(s for s in timeline if s.connection == 1 and s.sent
                  and s.kind is StepKind.ARRIVE and s.actor == "server")  # the SYN,ACK
    question = next(q for q in questions_for_step(timeline, second.index)
                    if q.kind is QuestionKind.NUMBERS)
    relative = Rendering(relative=True)
    assert render(question.choices[question.answer].en, relative) == "seq=0 ack=1"
    assert "relative to each side's ISN" in render(question.prompt.en, relative)
    assert "absolute" in render(question.prompt.en, Rendering(relative=False))


def test_cookie_question_follows_the_jar_decision():
    timeline = build("cookie-scope")
    asked = [q for i in range(len(timeline)) for q in questions_for_step(timeline, i)
             if q.kind is QuestionKind.COOKIE]
    assert asked
    for question in asked:
        decision = next(d for d in timeline[question.step].http.decisions
                        if question.key.endswith(":" + d.name))
        assert question.answer == (0 if decision.sent else 1)
    assert any(q.answer == 1 for q in asked)  # some cookie is held back


def test_frame_question_asks_for_the_next_call_of_the_chain():
    chain = classic_chain("/")
    index = chain.find("dispatch_request")
    assert index is not None
    question = frame_question(chain, index)
    assert question is not None
    assert question.choices[question.answer].en == "Flask.dispatch_request()"
    assert "Flask.full_dispatch_request" in question.prompt.en
    a_return = chain.find("dispatch_request", FrameEventKind.RETURN)
    assert a_return is not None and frame_question(chain, a_return) is None


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(SCENARIOS)), st.data())
def test_every_generated_question_has_its_answer_among_its_choices(name, data):
    timeline = build(name)
    cursor = data.draw(st.integers(-1, len(timeline) - 1))
    for question in questions_for_step(timeline, cursor + 1):
        assert len(set(c.en for c in question.choices)) == len(question.choices)
        assert check(question, question.answer).correct
        assert question.prompt.en and question.prompt.zh_CN
        if question.kind is QuestionKind.STATE:
            step = timeline[question.step]
            after = {f.row.next.rfc_name for f in step.transitions}
            assert question.choices[question.answer].en in after
