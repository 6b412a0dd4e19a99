"""The catalogue of model text (simulator.ui.text.model_text) against the models themselves.

Every fixed string a model writes that the window shows (scenario titles and descriptions,
RFC 9293's rules, event labels, frame and environ explanations, the CGI/FastCGI/WSGI lesson,
enum words) must be in the catalogue exactly, so a changed model string fails here until the
catalogue follows; every catalogue entry must still be used by some model text, so none goes
stale; and with the Chinese interface the learner reads Chinese, with RFC names kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from simulator.models.http.cookie_jar import CookieJar
from simulator.models.http.flask_session import decode_flask_session, sign_flask_session
from simulator.models.http.same_site import SAME_SITE, RequestSource
from simulator.models.http.snapshot import Change, MessageKind
from simulator.models.simulation.capture_what_if import capture_what_if
from simulator.models.simulation.chain_timeline import all_layers_timeline, chain_timeline
from simulator.models.simulation.gateway_timeline import gateway_timeline, lesson_for_chain
from simulator.models.simulation.scenarios import SCENARIOS, TCP_SCENARIOS, build
from simulator.models.tcp.phrase import Phrase, Rendering, render
from simulator.models.tcp.states import Send, TcpEvent, TcpState
from simulator.models.tcp.table import TRANSITIONS, lookup
from simulator.models.timeline.server_lane import frame_text
from simulator.models.timeline.steps import Fate, StepKind, Timeline
from simulator.models.wsgi import environ as wsgi_environ
from simulator.models.wsgi.call_chain import (
    ChainOrigin,
    Direction,
    EnvironCategory,
    FrameRole,
)
from simulator.models.wsgi.flask_classic import classic_chain
from simulator.models.wsgi.frames import APP_ROLE_EXPLANATIONS, TEACHING_FRAMES
from simulator.models.wsgi.gateways import GatewayRequest, Stage, gateway_lesson
from simulator.models.wsgi.snapshot import WsgiPhase
from simulator.net.capture.connection_replay import replay_connection
from simulator.net.capture.index import build_index
from simulator.net.live.trace import LiveTrace, TraceRequest, trace_requests
from simulator.resources import assets
from simulator.ui.text.model_text import (
    ALL_TEMPLATES,
    FIXED,
    THEN,
    model_tr,
    translate_text,
    translate_why,
    translate_with,
)
from tests.paths import CAPTURES
from tests.ui.text.test_catalogue_capture import READER_AND_PARSER_ENTRIES

CJK = re.compile(r"[\u4e00-\u9fff]")
# Three English words in a row: text left untranslated (tokens like "seq=0 ack=1" are not).
ENGLISH_RUN = re.compile(r"\b[a-z]{2,}[,;:]?\s+[a-z]{2,}[,;:]?\s+[a-z]{2,}\b", re.ASCII)
#: RFC 6265's verbs, which a partly translated cookie rule leaves behind ("path / path-matches").
RFC_VERB = re.compile(r"\b(?:path|domain)-match(?:es)?\b", re.ASCII)
# Names the models write that stay as they are in every language.
TOKENS = {"SEND", "CLOSE", "ABORT",  # RFC 9293 user calls
          "wsgi", "flask", "werkzeug", "wsgi.*",  # FrameRole / EnvironCategory names
          "TCP", "stdout", "—", "python app.cgi", "app(environ, start_response)"}


# Catalogued for paths no shipped lesson, what-if, capture or demo-app trace takes (a 404, a
# wrong password, a response cut short, a user call refused, a connection given up...): the
# models write them, the lessons just never get there.
RARE = {
    "(none arrived)",
    "Call your {role} {function} — {summary}",
    "Following the redirect, the browser builds {method} {target} for {url}: no cookie goes "
    "with it.",
    "No route matches {path}.",
    "No session cookie: an empty session.",
    "No valid sid cookie, so no session: the app sends the browser to the login page.",
    "The app answers {status} with {count} Set-Cookie field: the head and the first chunk go "
    "out now.",
    "The app answers {status} with {count} Set-Cookie fields: the head and the first chunk go "
    "out now.",
    "The body ends when the connection closes (RFC 9112 §6.3).",
    "The browser builds {method} {target} for {url}: no cookie goes with it.",
    "The password does not match.",
    "The request says Connection: close, so the connection closes after this response "
    "(RFC 9112 §9.3, §9.6).",
    "The response ended early: {start_line} ({problems}).",
    "The response is HTTP/1.0 without Connection: keep-alive, so the connection closes after "
    "one response (RFC 9112 §9.3, Appendix C.2.2).",
    "The response says Connection: close, so the connection closes after this response "
    "(RFC 9112 §9.3, §9.6).",
    "Your url_value_preprocessor.",
    "data after the peer's FIN is ignored",
    "duplicate data (already received); acknowledged again",
    # the user timeout and R1 (RFC 9293 §3.8.3), URG, a CLOSE queued in SYN-RECEIVED: no
    # scenario runs that long, sets URG or closes before its handshake is done
    "gave up: retransmitted for {waited} s, R2 = {r2} s (RFC 9293 §3.8.3)",
    "R1 reached (3 retransmissions): the application is told of the delivery problem "
    "(RFC 9293 §3.8.3)",
    "URG is set: the urgent data is delivered in line with the rest (the urgent pointer is not "
    "modelled; RFC 6093 §4)",
    "CLOSE queued with {size} bytes until the connection is established",
    "the CLOSE queued in SYN-RECEIVED goes ahead: queued data, then the FIN",
    "peer's window ({window} bytes) is full: {queued} bytes wait",
    "segment without ACK dropped",
    "{path} exists, but not for {method}.",
    "{size} bytes queued until the connection is established",
    '{who} calls {call}: error "{error}"',
    "signature matched but the payload does not load",
    "signature matched but the signed timestamp is out of range",
    "the payload is not base64url",
    "the payload is not zlib-compressed base64url",
    "the timestamp is not base64url",
    "{cookie} ignored: {why}.",
    "{life}, Secure, HttpOnly",
    "{name} set again with the same value ({life})",
    # replays of captures other than the shipped one (taken at the server, mid-stream...)
    "Captured connection",
    "Not enough was captured to classify this arrival.",
    "Replayed from a capture: {count} segments, capture point unknown ({reason}).",
    "SYN → SYN,ACK took {first} ms, SYN,ACK → ACK {second} ms: the round trip lies after the "
    "SYN,ACK",
    "no complete handshake to time",
    "the handshake's delays are too similar to tell",
    "the handshake's last ACK is not in the capture",
    "{who} receives {segment} in {state}; its state cannot be inferred further.",
    "the SYN this answers is not in the capture",
    "it answers a SYN, so it was listening by then (it had refused an earlier one)",
    "{count} bytes this ACK acknowledges arrived unseen (an unseen segment)",
    # a segment with SYN and FIN (never sent by the model, possible in a capture)
    "SEG.LEN = {data} data (SYN counts 1, FIN counts 1) = {total}",
    # no capture of the corpus has a keep-alive or a zero-window probe
    "A keep-alive carries one already acknowledged byte (or none), so the peer answers with an "
    "ACK; it changes no state.",
    "While the peer's window is zero the sender still sends one byte now and then, so that it "
    "learns when the window opens.",
    "Wireshark marks it a keep-alive: one byte sent before, to learn whether the peer is still "
    "there (RFC 9293 §3.8.4).",
    "Wireshark marks it a zero-window probe: one byte sent into a closed window to learn when "
    "it opens (RFC 9293 §3.8.6.1).",
    "{who} probes the peer's zero window with {segment}.",
    "{who} sends a keep-alive {segment}: a byte it had sent before, to learn whether the peer "
    "is still there.",
    # bytes the capture never saw (tests/models/replay/test_replay_hand_built.py: none of the
    # corpus's captures misses any)
    "{count} bytes before this segment were never seen (an unseen or lost segment)",
    "{count} bytes this ACK acknowledges were never seen sent (an unseen segment)",
    # a SYN,ACK lost where both ends use timestamps (tests/models/replay/test_replay_vantage.py)
    "the {peer}'s answer echoes the timestamp of a later copy: it never got this one "
    "(RFC 7323 §4.1)",
    # why a what-if of a capture is refused (tests/models/simulation/test_capture_what_if.py)
    "This segment never arrived in the capture: it is lost already.",
    "This step has no segment on the wire to drop.",
    # ... and the what-ifs a capture cannot support (test_capture_what_if.py, flipped bytes)
    "The capture does not show enough of this connection's state at that step for the TCP "
    "model to take over.",
    "The capture shows this segment arriving before it was sent (its timestamps run "
    "backwards), so the what-if cannot tell what happened before its loss.",
    "The what-if could not be simulated from this step: {reason}.",
    "What-if works on captured connections of up to {limit} steps; this one has {count}.",
    "The what-if did not settle: {reason}.",
    # a captured Flask session signed with a fallback key (test_flask_session.py)
    "signature verified with fallback key {number} of SECRET_KEY_FALLBACKS: an older key the "
    "app still accepts (HMAC-SHA1, salt cookie-session)",
    # limits met by hostile input (tests/models/http/test_input_limits.py, the bomb in
    # test_flask_session.py)
    "more than {limit} header lines: the rest of the head is not read",
    "more than {limit} messages in this direction of the connection: the bytes after this "
    "one are not parsed",
    "the payload is too large to decode: its {size} compressed bytes expand past the {limit} "
    "limit",
    # the jar's limits (tests/models/http/test_cookie_storage_and_retrieval.py)
    "{cookie} evicted: {domain} has more than {limit} cookies, and the least recently used "
    "goes first (RFC 6265 §5.3 step 12)",
    "{cookie} evicted: the jar holds more than {limit} cookies, and the least recently used "
    "goes first (RFC 6265 §5.3 step 12)",
    # a captured cookie for a public suffix (tests/net/http/test_public_suffixes.py)
    "Domain={domain} is on the Public Suffix List (publicsuffix.org): no site may set a "
    "cookie for all of it (RFC 6265 §5.3 step 5)",
}


@pytest.fixture(scope="module")
def live() -> tuple[LiveTrace, ...]:
    """Real traces of the demo app: a page, the same page with a cookie, a crashing view."""
    return (*trace_requests([TraceRequest(path="/"), TraceRequest(path="/?theme=dark")]),
            *trace_requests([TraceRequest(path="/boom")]))


def _timelines(live: tuple[LiveTrace, ...]) -> Iterator[Timeline]:
    yield from (build(name) for name in SCENARIOS)
    yield build("lost-data", frozenset({5}))  # a what-if run
    yield from (chain_timeline(classic_chain(path)) for path in ("/", "/boom"))
    yield gateway_timeline()
    # the lessons' capture, and captures that start mid-connection, time out
    # and captures whose segments were lost, resent fast or out of order, acknowledged
    # selectively, with windows scaled (issue 12's cases)
    kernel = CAPTURES.parent / "kernel"
    for path in (assets() / "captures" / "zeek-http-get.pcap",
                 CAPTURES / "http-classic-get--dpkt--http.pcap",
                 CAPTURES / "http-chunked-gzip-ooo--chrissanders--dns_isp_hijack.pcapng",
                 CAPTURES / "pcapng-comments-multi-if--pcapplusplus--pcapng-example.pcapng",
                 CAPTURES / "http-ooo-retrans-range--zeek--206_example_a.pcap",
                 kernel / "lost-last-ack" / "client.pcap",
                 kernel / "lost-synack" / "server.pcap",
                 kernel / "half-close-lost-request" / "client.pcap",
                 CAPTURES / "http-retrans-rst-keepalive--zeek--m57-long-49583-80.pcap",
                 CAPTURES / "generated" / "zero-window.pcap"):
        capture = build_index(str(path))
        yield from (replay_connection(capture, i)[0] for i in range(len(capture.connections)))
    # a what-if of the lessons' capture (D at the request: the model runs on from there)
    lesson = build_index(str(assets() / "captures" / "zeek-http-get.pcap"))
    replayed = replay_connection(lesson, 0)[0]
    request = next(s for s in replayed.segments if s.src == "client" and s.length)
    yield capture_what_if(replayed, request.sent_step, packet=4).timeline
    yield from (chain_timeline(trace.chain) for trace in live)
    yield all_layers_timeline([trace.chain for trace in live[:2]])  # "2 requests, all layers"
    yield all_layers_timeline([live[0].chain])  # "One request, all layers"
    yield gateway_timeline(lesson_for_chain(live[0].chain))


def _words() -> list[str]:
    """Fixed words and labels views show on their own (not inside an explanation)."""
    enums = (StepKind, Fate, FrameRole, Direction, EnvironCategory, ChainOrigin, WsgiPhase,
             Stage, Change, MessageKind)
    words = [e.value for enum in enums for e in enum if e.value]
    words += [s.value for s in Send if s in (Send.DATA, Send.RETRANSMIT)]
    words += [t.event.label for t in TRANSITIONS] + [t.error for t in TRANSITIONS if t.error]
    return [w for w in words if w not in TOKENS]


def _lesson_texts() -> list[str]:
    texts = []
    for lesson in (gateway_lesson(), gateway_lesson(GatewayRequest(method="POST", body=b"a=1"))):
        for step in lesson.steps:
            texts += [step.actor, step.action, step.channel, step.explanation,
                      *(p.name for p in step.processes)]
    return [t for t in texts if t not in TOKENS and not t.startswith("start_response(")]


def _what_ifs() -> Iterator[Timeline]:
    """Every TCP lesson with each one of its segments lost, as the what-if button does."""
    for name in TCP_SCENARIOS:
        for segment in build(name).segments:
            yield build(name, frozenset({segment.id}))
    yield build("chunked", frozenset({5}))  # the response's first segment: fast retransmit


def _cookie_and_session_texts() -> list[str]:
    """The cookie jar's rules and refusals, Flask's signature verdicts, for cookies the
    lessons do not set (a public-suffix Domain, a nameless cookie, a forged value...)."""
    jar = CookieJar()
    jar.receive(["lang=en; Domain=example.org", "suffix=1; Domain=org", "far=1; Domain=b.net",
                 "novalue", "=anonymous", "short=1; Max-Age=1; Secure; HttpOnly",
                 "deep=1; Path=/p; SameSite=Lax", "open=1; SameSite=None"],
                "http://www.example.org/", 0.0)
    texts = list(jar.ignored)
    jar.receive(["a=1"], "http://[/", 0.0)  # a URL a captured Host header made unusable
    texts += list(jar.ignored)
    for url, now in (("http://www.example.org/", 0.5), ("https://www.example.org/p/x", 0.5),
                     ("http://static.example.org/", 0.5), ("http://other.com/", 0.5),
                     ("http://www.example.org/", 5.0)):
        texts += [d.rule for d in jar.cookies_for(url, now)[1]]
    # SameSite: each flag on a same-site request, and each way a cross-site one can go
    site = CookieJar()
    site.receive(["strict=1; SameSite=Strict", "lax=1; SameSite=Lax", "plain=1",
                  "none=1; SameSite=None; Secure"], "https://www.example.org/", 0.0)
    for source in (SAME_SITE, RequestSource("http://other.net/", "GET"),
                   RequestSource("http://other.net/", "POST"),
                   RequestSource("http://other.net/", "GET", top_level=False)):
        texts += [d.rule for d in site.cookies_for("https://www.example.org/", 0.5,
                                                    source)[1]]
    key = "secret"
    good = sign_flask_session({"user": "alice"}, key, 1000.0)
    for value, secret, max_age in ((good, key, None), (good, None, None), (good, "other", None),
                                   (good, key, 1.0), ("garbage", key, None),
                                   ("e30.!!!.sig", key, None), ("%%%.AAAA.sig", key, None),
                                   ("WzFd.AAAA.sig", key, None)):
        texts.append(decode_flask_session(value, secret, now=5000.0, max_age=max_age).reason)
    texts.append(decode_flask_session(good, key, now=500.0, max_age=3600.0).reason)  # future
    return texts


def _model_texts(live: tuple[LiveTrace, ...], what_ifs: bool = False) -> list[str]:
    texts: list[str] = []
    for timeline in (*_timelines(live), *(_what_ifs() if what_ifs else ())):
        texts += [timeline.title, timeline.description]
        for step in timeline:
            e = step.explanation
            texts += [e.what, *e.why.split(" Then: "), *e.arithmetic, e.rfc]
        for step in timeline:
            if step.wsgi is not None:
                texts += [entry.explanation for entry in step.wsgi.chain.environ]
                texts.append(frame_text(step.wsgi))  # the ladder's server lane
    texts += [s.title for s in SCENARIOS.values()] + [s.description for s in SCENARIOS.values()]
    texts += [t.rule for t in TRANSITIONS] + [f.explanation for f in TEACHING_FRAMES.values()]
    texts += [text for text, _ in APP_ROLE_EXPLANATIONS.values()]
    texts += [entry[2] for entry in wsgi_environ.KNOWN_KEYS.values()]
    texts += [wsgi_environ.explain_key(k, "").explanation
              for k in ("HTTP_HOST", "HTTP_COOKIE", "HTTP_USER_AGENT", "HTTP_ACCEPT_ENCODING",
                        "HTTP_ACCEPT", "HTTP_CONNECTION", "HTTP_X_FORWARDED_FOR",
                        "wsgi.custom", "CUSTOM")]
    texts += _cookie_and_session_texts()
    return list(dict.fromkeys(texts + _words() + _lesson_texts()))


# ------------------------------------------------------------------ the catalogue is complete
def test_every_scenario_title_and_description_is_in_the_catalogue() -> None:
    missing = [text for s in SCENARIOS.values() for text in (s.title, s.description)
               if text not in FIXED]
    assert missing == []


def test_every_rule_of_the_transition_table_is_in_the_catalogue() -> None:
    assert [t.rule for t in TRANSITIONS if t.rule not in FIXED] == []


def test_every_event_label_in_words_is_in_the_catalogue() -> None:
    labels = {t.event.label for t in TRANSITIONS}
    assert labels - FIXED == {"SEND", "CLOSE", "ABORT"}  # RFC call names stay as they are


def test_frame_and_environ_explanations_are_in_the_catalogue() -> None:
    texts = ([f.explanation for f in TEACHING_FRAMES.values()]
             + [text for text, _ in APP_ROLE_EXPLANATIONS.values()]
             + [entry[2] for entry in wsgi_environ.KNOWN_KEYS.values()])
    assert [t for t in texts if t not in FIXED] == []


def test_the_gateway_lesson_and_enum_words_are_in_the_catalogue() -> None:
    assert [t for t in _lesson_texts() + _words() if t not in FIXED] == []


def test_every_catalogue_entry_is_still_written_by_a_model(live: tuple[LiveTrace, ...]) -> None:
    """A model sentence reworded leaves its old entry unused: the catalogue must follow."""
    assert RARE.issubset(FIXED | set(ALL_TEMPLATES))
    used: set[str] = set()

    def record(entry: str) -> str:
        used.add(entry)
        return entry

    for text in _model_texts(live, what_ifs=True):
        translate_with(text, record)
        if isinstance(text, Phrase):  # as the explanation shows it: relative, absolute beside
            render(text, Rendering(relative=True, beside=True, translate=record))
    unused = (FIXED | set(ALL_TEMPLATES)) - used - {str(THEN)}  # THEN: see translate_why
    unused -= READER_AND_PARSER_ENTRIES  # held to their sources by test_catalogue_capture
    assert sorted(unused - RARE) == []


def test_english_comes_back_unchanged(live: tuple[LiveTrace, ...]) -> None:
    """With the English lookup every text is rebuilt exactly: the templates give back the
    values they took, nothing is lost or reordered."""
    for text in _model_texts(live):
        assert translate_with(text, lambda entry: entry) == text
        assert translate_text(text) == text


# ------------------------------------------------------------------ in Chinese
@pytest.mark.usefixtures("zh_interface")
def test_every_catalogue_entry_has_a_chinese_translation() -> None:
    untranslated = [entry for entry in sorted(FIXED | set(ALL_TEMPLATES))
                    if model_tr(entry) == entry]
    assert untranslated == []
    assert sum(bool(CJK.search(model_tr(entry))) for entry in FIXED) == len(FIXED)


@pytest.mark.usefixtures("zh_interface")
def test_a_scenario_box_entry_and_its_description_read_in_chinese() -> None:
    scenario = SCENARIOS["handshake-teardown"]
    assert model_tr(scenario.title) == "握手、请求/响应、客户端先关闭"
    assert translate_text(scenario.description).startswith("三次握手")
    assert "TIME-WAIT" in translate_text(scenario.description)  # RFC names stay
    what_if = build("lost-data", frozenset({5}))
    assert translate_text(what_if.title) == "数据报文段丢失——如果 #5 丢失会怎样？"


@pytest.mark.usefixtures("zh_interface")
def test_a_two_rule_why_is_translated_rule_by_rule() -> None:
    """A segment that fires two rows (data, then its FIN) gets both rules, joined as
    simulator.models.tcp.explain joins them."""
    rows = [lookup(TcpState.ESTABLISHED, TcpEvent.RCV_SEGMENT),
            lookup(TcpState.ESTABLISHED, TcpEvent.RCV_FIN)]
    why = translate_why(" Then: ".join(row.rule for row in rows))
    assert why == "随后：".join(model_tr(row.rule) for row in rows)
    assert why.startswith("可接受的报文段：处理它的 ACK（SND.UNA 前移）")


@pytest.mark.usefixtures("zh_interface")
def test_a_tcp_step_reads_in_chinese_with_rfc_names_kept() -> None:
    syn = next(s for s in build("handshake-teardown") if s.segment is not None
               and s.kind is StepKind.ARRIVE)
    what = translate_text(syn.explanation.what)
    assert what.startswith("服务器在 LISTEN 状态收到 [SYN] seq=")
    assert "（收到 SYN）：LISTEN → SYN-RECEIVED；发送 [SYN, ACK]。" in what
    why = translate_why(syn.explanation.why)
    assert "<SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>" in why and "RCV.NXT=SEG.SEQ+1" in why
    assert CJK.search(why)


@pytest.mark.usefixtures("zh_interface")
def test_every_tcp_lesson_step_is_fully_chinese() -> None:
    left = []
    for name in TCP_SCENARIOS:
        for step in build(name):
            e = step.explanation
            for out in (translate_text(e.what), translate_why(e.why), translate_text(e.rfc)):
                if ENGLISH_RUN.search(out):
                    left.append(out)
    assert left == []


@pytest.mark.usefixtures("zh_interface")
def test_every_explanation_keeps_only_data_in_english(
        live: tuple[LiveTrace, ...]) -> None:
    """What stays English is what the app wrote (an exception), never a sentence of ours;
    cookie rules (every clause of them) and detail lines included."""
    left = set()
    for timeline in _timelines(live):
        for step in timeline:
            e = step.explanation
            for text in (e.what, e.why, *e.arithmetic):
                left.update(ENGLISH_RUN.findall(translate_text(text)))
                left.update(RFC_VERB.findall(translate_text(text)))
    assert left <= {"no cheese left",  # the demo app's exception
                    "object has no", "has no attribute",  # one Werkzeug catches inside
                    "body, status, headers"}  # Python names in a frame's explanation


@pytest.mark.usefixtures("zh_interface")
def test_the_server_lane_names_a_frame_left_in_chinese() -> None:
    """The ladder's lane says "返回 Flask.wsgi_app", not "return Flask.wsgi_app"."""
    chain = chain_timeline(classic_chain("/boom"))
    shown = {translate_text(frame_text(s.wsgi)) for s in chain if s.wsgi is not None}
    left = [t for t in shown if not t.endswith("()") and t]
    assert left and all(t.startswith(("返回 ", "异常离开 ")) for t in left), sorted(left)[:5]
