"""Predict the next step: a multiple-choice question about what a timeline does next.

Theory of operation
-------------------
With the cursor on step i, the learner is asked about step i+1 before seeing it. Questions
are generated from the step itself, so the right answer is what the model (or the replayed
capture) really did, and the wrong answers come from the same data the model runs:

* ``STATE`` — the state an endpoint is in after the step. The choices are every state the
  RFC 9293 transition table (``tcp.table.TRANSITIONS``, §3.10) can move that endpoint to
  from its present state, so a learner who knows the table can always answer.
* ``NUMBERS`` — the sequence and acknowledgement numbers of the segment sent at the step.
  They are ``tcp.phrase.Seq`` values that know their side's ISN on the step's connection
  (``timeline.numbers``), so the panel shows them relative (as Wireshark does) or absolute,
  as the learner chose, like the ladder and the explanation. Wrong answers are the classic slips:
  forgetting that SYN and FIN occupy one sequence number (RFC 9293 §3.4), swapping SEQ and
  ACK, acknowledging the peer's SEQ instead of the next byte expected.
* ``COOKIE`` — whether a stored cookie goes on the request being built (RFC 6265 §5.4), from
  the cookie jar's decision recorded on the step (``Step.http``).
* ``FRAME`` — on a WSGI call chain (``call_chain.CallChain``: PEP 3333 and Flask's dispatch),
  or a Timeline step that shows one (``Step.wsgi``), the next function called; the other
  choices are the chain's nearest other functions.
* ``QUIZ`` — a question a lesson author wrote (``lesson.Quiz``), checked the same way.

``check`` scores an answer; ``explain`` is the step's own explanation (the transition
table's rule and its RFC section, the arithmetic, the cookie rule), in both languages. Texts
with sequence numbers in them are ``Phrase``s (as strings: absolute numbers); a view renders
them with ``tcp.phrase.render``.
Nothing here is random: the same step always gives the same question and choice order.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace

from simulator.models.http.snapshot import MessageKind
from simulator.models.lessons.match import wsgi_event
from simulator.models.lessons.text import EVENT_NAMES, SEND_NAMES, Lang, Text, endpoint_name
from simulator.models.tcp.phrase import Phrase, Seq, Series, WhenRelative, literal
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.states import EventKind, TcpState
from simulator.models.tcp.table import TRANSITIONS
from simulator.models.timeline.numbers import segment_ack, segment_label, segment_seq
from simulator.models.timeline.steps import FiredTransition, SegmentRecord, Step, StepKind, Timeline
from simulator.models.wsgi.call_chain import CallChain, FrameEventKind, FrameRole

MAX_CHOICES = 5


class QuestionKind(enum.Enum):
    STATE = "state"
    NUMBERS = "numbers"
    COOKIE = "cookie"
    FRAME = "frame"
    QUIZ = "quiz"


ALL_KINDS: frozenset[QuestionKind] = frozenset(QuestionKind)


@dataclass(frozen=True)
class Question:
    """One multiple-choice question about step ``step`` (asked while the cursor is before it)."""

    key: str  # stable id, for the score: "state:5:server", "quiz:tcp-handshake:2"
    kind: QuestionKind
    step: int
    prompt: Text
    choices: tuple[Text, ...]
    answer: int  # index into choices
    explanation: Text
    reference: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.answer < len(self.choices):
            raise ValueError(f"answer {self.answer} is not one of {len(self.choices)} choices")


@dataclass(frozen=True)
class Verdict:
    question: Question
    chosen: int
    correct: bool

    @property
    def right_answer(self) -> Text:
        return self.question.choices[self.question.answer]

    @property
    def explanation(self) -> Text:
        return self.question.explanation


def check(question: Question, chosen: int) -> Verdict:
    """Score one answer; a choice that does not exist is a programming error."""
    if not 0 <= chosen < len(question.choices):
        raise ValueError(f"choice {chosen} is not one of {len(question.choices)} choices")
    return Verdict(question, chosen, chosen == question.answer)


# ---------------------------------------------------------------------------- TCP state
_STATE_ORDER = {state: n for n, state in enumerate(TcpState)}


def possible_next_states(state: TcpState) -> tuple[TcpState, ...]:
    """Every state the table can move an endpoint in ``state`` to (itself included)."""
    nexts = {row.next for row in TRANSITIONS if row.state is state and row.error is None}
    return tuple(sorted(nexts, key=_STATE_ORDER.__getitem__))


def _main_transition(step: Step) -> FiredTransition | None:
    own = [f for f in step.transitions if f.endpoint == step.actor]
    candidates = own or list(step.transitions)
    return candidates[0] if candidates else None


def _what_happens(tl: Timeline, step: Step, fired: FiredTransition) -> Text:
    row = fired.row
    if row.event.kind is EventKind.SEGMENT and step.segment is not None:
        label = segment_label(tl, step.segment)  # relative or absolute when shown
        return Text(Phrase("receives {segment}", segment=label),
                    Phrase("收到 {segment}", segment=label))
    return EVENT_NAMES[row.event]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def state_question(tl: Timeline, step: Step) -> Question | None:
    fired = _main_transition(step)
    if fired is None or step.kind is StepKind.LOSE:
        return None
    row = fired.row
    choices = possible_next_states(row.state)
    if len(choices) < 2 or row.next not in choices:
        return None
    who = endpoint_name(fired.endpoint)
    happens = _what_happens(tl, step, fired)
    before = row.state.rfc_name
    prompt = Text(
        Phrase(literal(f"{_capital(who.en)} is in {before} and ") + "{happens}. Which state "
               "is it in after this step?", happens=happens.en),
        Phrase(literal(f"{who.zh_CN}处于 {before} 状态，") + "{happens}。这一步之后它处于哪个"
               "状态？", happens=happens.zh_CN))
    explanation = _transition_explanation(tl, step, fired)
    return Question(f"state:{step.index}:{fired.endpoint}", QuestionKind.STATE, step.index,
                    prompt, tuple(Text.same(s.rfc_name) for s in choices),
                    choices.index(row.next), explanation, _rfc(fired))


def _rfc(fired: FiredTransition) -> str:
    rfc = fired.row.rfc
    return rfc if rfc.startswith("RFC") else f"RFC 9293 {rfc}"


def _transition_explanation(tl: Timeline, step: Step, fired: FiredTransition) -> Text:
    """What the row that fired did, from its structured fields, then its rule as RFC 9293
    words it (the same sentence the explanation panel shows)."""
    row = fired.row
    who = endpoint_name(fired.endpoint)
    happens = _what_happens(tl, step, fired)
    send = SEND_NAMES[row.send]
    if row.changes_state:
        move = Text(f"goes from {row.state.rfc_name} to {row.next.rfc_name}",
                    f"从 {row.state.rfc_name} 进入 {row.next.rfc_name}")
    else:
        move = Text(f"stays in {row.state.rfc_name}", f"保持 {row.state.rfc_name} 状态")
    of = "的" if row.event.kind is EventKind.TIMEOUT else ""
    en = Phrase(literal(f"{_capital(who.en)} ") + "{happens}" + literal(
        f": it {move.en} and {send.en} ({_rfc(fired)}). Rule: {row.rule}"), happens=happens.en)
    # The rule is a phrase of its own: the interface shows it in its language (the
    # catalogue has every row's rule), not as English inside Chinese.
    zh = Phrase(literal(f"{who.zh_CN}{of}") + "{happens}" + literal(
        f"：{move.zh_CN}，{send.zh_CN}（{_rfc(fired)}）。规则：") + "{rule}",
        happens=happens.zh_CN, rule=Phrase(literal(row.rule)))
    return Text(en, zh)


# ---------------------------------------------------------------------------- seq / ack
def _sent_segment(tl: Timeline, step: Step) -> SegmentRecord | None:
    if step.kind is StepKind.LOSE or not step.sent:
        return None
    by_id = {s.id: s for s in tl.segments}
    return by_id.get(step.sent[0])


def _pair(seq: Seq, ack: Seq) -> Phrase:
    """'seq=1 ack=1': both numbers relative or absolute when shown, nothing beside them."""
    return Phrase("seq={seq} ack={ack}", seq=seq.operand(), ack=ack.operand())


def _moved(number: Seq, by: int) -> Seq:
    return Seq((number.value + by) % 2**32, number.side, number.isn)


def _distractors(seq: Seq, ack: Seq, arrived: SegmentRecord | None,
                 tl: Timeline) -> list[tuple[Seq, Seq]]:
    out = [(_moved(seq, 1), ack), (seq, _moved(ack, -1)), (ack, seq), (seq, _moved(ack, 1))]
    if arrived is not None:  # acknowledging the peer's SEQ instead of the next byte
        out.insert(1, (seq, segment_seq(tl, arrived)))
    return out


# Which numbers a NUMBERS question asks for: the convention the learner sees (R).
_CONVENTION_EN = WhenRelative("relative to each side's ISN", "absolute, as on the wire")
_CONVENTION_ZH = WhenRelative("相对于双方的初始序号 ISN", "绝对序号，即线路上的实际值")


def numbers_question(tl: Timeline, step: Step) -> Question | None:
    """The SEQ and ACK of the segment sent at ``step``; the choices are values that are
    shown relative to the connection's ISNs or absolute, as the learner has chosen, so
    they always agree with the ladder and the explanation."""
    seg = _sent_segment(tl, step)
    if seg is None or Flags.ACK not in seg.flags:
        return None
    seq, ack = segment_seq(tl, seg), segment_ack(tl, seg)
    arrived = step.segment if step.kind is StepKind.ARRIVE else None
    pairs = [(seq, ack)]
    seen = {(seq.relative, ack.relative), (seq.value, ack.value)}
    for s, a in _distractors(seq, ack, arrived, tl):
        if (s.relative, a.relative) not in seen and (s.value, a.value) not in seen \
                and len(pairs) < 4:
            pairs.append((s, a))
            seen.update({(s.relative, a.relative), (s.value, a.value)})
    pairs.sort(key=lambda pair: (pair[0].relative, pair[1].relative))
    who = endpoint_name(seg.src)
    flags = seg.flags_text
    prompt = Text(
        Phrase(literal(f"{_capital(who.en)} sends a segment [{flags}]"
                       + (f" with {seg.length} bytes of data" if seg.length else ""))
               + ". Which sequence and acknowledgement numbers does it carry ({numbers})?",
               numbers=_CONVENTION_EN),
        Phrase(literal(f"{who.zh_CN}发送一个 [{flags}] 报文段"
                       + (f"，携带 {seg.length} 字节数据" if seg.length else ""))
               + "。它的序号（seq）和确认号（ack）是多少（{numbers}）？",
               numbers=_CONVENTION_ZH))
    lines = tuple(step.explanation.arithmetic)
    rule_en = ("SEQ is the next sequence number the sender has not yet used (SND.NXT); "
               "ACK is the next byte it expects from the peer (RCV.NXT). SYN and FIN each "
               "occupy one sequence number (RFC 9293 §3.4).")
    rule_zh = ("seq 是发送方下一个尚未使用的序号（SND.NXT）；ack 是它期望从对方收到的下一个"
               "字节的序号（RCV.NXT）。SYN 和 FIN 各占一个序号（RFC 9293 §3.4）。")
    answer = _pair(seq, ack)
    explanation = Text(
        Phrase("{answer}. " + literal(rule_en) + " The numbers: {arithmetic}", answer=answer,
               arithmetic=Series(lines, "; ")),
        Phrase("{answer}。" + literal(rule_zh) + " 计算过程：{arithmetic}", answer=answer,
               arithmetic=Series(lines, "；")))
    return Question(f"numbers:{step.index}:{seg.src}", QuestionKind.NUMBERS, step.index,
                    prompt, tuple(Text.same(_pair(s, a)) for s, a in pairs),
                    pairs.index((seq, ack)), explanation, "RFC 9293 §3.4")


# ---------------------------------------------------------------------------- cookies
_YES_NO = (Text("Yes, it is sent", "会，随请求发送"),
           Text("No, it is held back", "不会，不随请求发送"))


def cookie_question(step: Step) -> Question | None:
    snap = step.http
    if (snap is None or step.kind is not StepKind.HTTP or snap.message is None
            or snap.message.kind is not MessageKind.REQUEST):
        return None
    if not snap.decisions:
        return None
    decision = next((d for d in snap.decisions if not d.sent), snap.decisions[0])
    msg = snap.message
    target = f"{msg.method or ''} {snap.request_url or msg.target or ''}".strip()
    prompt = Text(
        f"The browser builds the request {target}. Does the cookie '{decision.name}' "
        f"(domain {decision.domain}, path {decision.path}) go with it?",
        f"浏览器构造请求 {target}。Cookie “{decision.name}”（domain {decision.domain}，"
        f"path {decision.path}）会随这个请求发送吗？")
    verdict_en = "sent" if decision.sent else "not sent"
    verdict_zh = "发送" if decision.sent else "不发送"
    explanation = Text(f"It is {verdict_en}: {decision.rule}",
                       f"结果是{verdict_zh}。依据 RFC 6265 §5.4 的规则：{decision.rule}")
    return Question(f"cookie:{step.index}:{decision.name}", QuestionKind.COOKIE, step.index,
                    prompt, _YES_NO, 0 if decision.sent else 1, explanation, "RFC 6265 §5.4")


# ---------------------------------------------------------------------------- call chain
ROLE_NAMES: dict[FrameRole, Text] = {
    FrameRole.SERVER: Text("the WSGI server", "WSGI 服务器"),
    FrameRole.WSGI: Text("the WSGI interface (PEP 3333)", "WSGI 接口（PEP 3333）"),
    FrameRole.FLASK: Text("Flask", "Flask"),
    FrameRole.CONTEXT: Text("Flask's contexts", "Flask 的上下文"),
    FrameRole.SESSION: Text("the session interface", "会话接口"),
    FrameRole.SIGNAL: Text("a Flask signal", "Flask 信号"),
    FrameRole.WERKZEUG: Text("Werkzeug", "Werkzeug"),
    FrameRole.HOOK: Text("your hook function", "你注册的钩子函数"),
    FrameRole.VIEW: Text("your view function", "你的视图函数"),
    FrameRole.ERROR_HANDLER: Text("your error handler", "你的错误处理函数"),
    FrameRole.APP: Text("your app's code", "你的应用代码"),
    FrameRole.OTHER: Text("other code", "其他代码"),
}


def frame_question(chain: CallChain, index: int) -> Question | None:
    """Which function is called at event ``index`` (a CALL) of a WSGI call chain?

    Wrong answers are other functions of the same chain, the nearest first: the fairest
    confusions are the neighbours (``preprocess_request`` before ``dispatch_request``)."""
    if not 0 <= index < len(chain.events):
        return None
    event = chain.events[index]
    if event.kind is not FrameEventKind.CALL:
        return None
    right = event.short_name
    stack = chain.stack_at(index)  # the callee on top, its caller below it
    caller = _short(stack[-2].function) if len(stack) >= 2 else ""
    distance: dict[str, int] = {}
    for other in chain.events:
        name = other.short_name
        if other.kind is FrameEventKind.CALL and name not in (right, caller):
            distance[name] = min(distance.get(name, len(chain.events)),
                                 abs(other.index - index))
    if not distance:
        return None
    nearest = sorted(distance, key=lambda n: (distance[n], n))[:3]
    choices = sorted([right, *nearest])
    prompt = Text(
        "Which function is called next"
        + (f", from inside {caller}()?" if caller else "?"),
        "接下来调用的是哪个函数" + (f"（在 {caller}() 内部）？" if caller else "？"))
    role = ROLE_NAMES[event.role]
    explanation = Text(f"{right}() — {role.en}. {event.explanation}",
                       f"{right}()——{role.zh_CN}。说明（英文原文）：{event.explanation}")
    return Question(f"frame:{index}:{right}", QuestionKind.FRAME, index, prompt,
                    tuple(Text.same(f"{c}()") for c in choices), choices.index(right),
                    explanation, event.reference or "PEP 3333")


def _short(function: str) -> str:
    """'flask.app.Flask.wsgi_app' → 'Flask.wsgi_app' (class and function, no module)."""
    parts = [p for p in function.split(".") if p != "<locals>"]
    return ".".join(parts[-2:]) if len(parts) >= 2 and parts[-2][:1].isupper() else parts[-1]


def _frame_question_at(step: Step) -> Question | None:
    """The frame question for a WSGI step of a Timeline (``Step.wsgi``), keyed by the step."""
    assert step.wsgi is not None and step.wsgi.event_index is not None
    question = frame_question(step.wsgi.chain, step.wsgi.event_index)
    if question is None:
        return None
    name = question.key.rpartition(":")[2]
    return replace(question, key=f"frame:{step.index}:{name}", step=step.index)


def chain_questions(chain: CallChain, index: int,
                    kinds: Iterable[QuestionKind] = ALL_KINDS) -> tuple[Question, ...]:
    if QuestionKind.FRAME not in frozenset(kinds):
        return ()
    question = frame_question(chain, index)
    return (question,) if question is not None else ()


# ---------------------------------------------------------------------------- choosing
def questions_for_step(tl: Timeline, index: int,
                       kinds: Iterable[QuestionKind] = ALL_KINDS) -> tuple[Question, ...]:
    """Every generated question about step ``index``, most telling first."""
    wanted = frozenset(kinds)
    if not 0 <= index < len(tl):
        return ()
    step = tl[index]
    made: list[Question | None] = []
    if QuestionKind.FRAME in wanted and step.wsgi is not None and wsgi_event(step) is not None:
        made.append(_frame_question_at(step))
    if QuestionKind.COOKIE in wanted:
        made.append(cookie_question(step))
    fired = _main_transition(step)
    changes = fired is not None and fired.row.changes_state
    state = state_question(tl, step) if QuestionKind.STATE in wanted else None
    numbers = numbers_question(tl, step) if QuestionKind.NUMBERS in wanted else None
    made.extend([state, numbers] if changes else [numbers, state])
    return tuple(q for q in made if q is not None)


def predict_question(tl: Timeline, cursor: int,
                     kinds: Iterable[QuestionKind] = ALL_KINDS) -> Question | None:
    """The question to ask with the cursor on ``cursor``: about step cursor + 1, or None
    (at the end, or when nothing about the next step can be asked)."""
    found = questions_for_step(tl, cursor + 1, kinds)
    return found[0] if found else None


def explain(verdict: Verdict, lang: Lang) -> str:
    """One line for the learner: right or wrong, the right answer, and why."""
    q = verdict.question
    right = q.choices[q.answer].get(lang)
    if lang is Lang.EN:
        head = Phrase("Right!") if verdict.correct else Phrase(
            "Not quite: the answer is {answer}.", answer=right)
    else:
        head = Phrase("答对了！") if verdict.correct else Phrase("不对，正确答案是 {answer}。",
                                                              answer=right)
    return Phrase("{head} {explanation}", head=head, explanation=q.explanation.get(lang))
