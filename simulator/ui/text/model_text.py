"""Translations of text the models write in English (scenario titles and descriptions, the
rules of RFC 9293's transition table, frame and environ explanations, ...), looked up at
display time.

Theory of operation
-------------------
The models stay pure Python, so they cannot call Qt's ``tr()``; their fixed English strings
are listed here and in ``catalogue_tcp``, ``catalogue_http``, ``catalogue_wsgi`` and
``catalogue_gateways`` with ``QT_TRANSLATE_NOOP("ModelText", ...)`` so ``lupdate`` puts them
in the .ts, and views show them through this module:

* ``model_tr(text)``: one catalogued string (a scenario title, an event label, a word).
* ``translate_text(text)``: any model text. Tried in order: the whole text is catalogued; the
  whole text matches a *template* (a model sentence with values, e.g. ``"{who} calls {call}:
  {change}; {sends}."``; its ``{fields}`` take the values back from the English, each value
  itself translated if it is catalogued, so "Client" and "rcv SYN" become Chinese while
  "[SYN] seq=0" stays); otherwise the catalogued sentences found inside it are translated in
  place (a frame's explanation followed by a note, an HTTP "why" of several sentences) and
  what is left is cut into sentences, each tried whole, as a template, and as a "; " list
  of clauses (a cookie rule's reasons). Anything unknown stays English, so a model change
  never loses text, it only shows it untranslated.
* ``phrase_text(text, relative)``: what happened at a TCP step and its arithmetic, which the
  models write as ``Phrase``s (``simulator.models.tcp.phrase``, templates catalogued in
  ``catalogue_phrases``): the template is translated and the values filled in, sequence
  numbers relative or absolute as the learner chose (R); no sentence is matched by a
  pattern. Other texts go through ``translate_text``, which renders a Phrase the same way
  with absolute numbers.
* ``translate_why(why)``: a step's "why"; for TCP the rules of the rows that fired joined
  with " Then: " (``simulator.models.tcp.explain``): each rule translated, joined by "随后：".
* ``translate_with(text, lookup)``: the same walk with any lookup; the tests pass a
  recording one to check every catalogue entry is still written by some model.

In English every function returns its argument unchanged. RFC names (SND.NXT, SYN,
TIME-WAIT, §3.10.7.4), header names, cookie values, function names and numbers are never
translated: they are either outside the catalogue or kept verbatim by the translations.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from simulator.models.lessons.text import Lang
from simulator.models.tcp.phrase import Phrase, Rendering, render
from simulator.ui.text import (
    catalogue_capture,
    catalogue_gateways,
    catalogue_http,
    catalogue_phrases,
    catalogue_replay,
    catalogue_tcp,
    catalogue_what_if,
    catalogue_wsgi,
)
from simulator.ui.text.i18n import current_language

CONTEXT = "ModelText"

# simulator/models/simulation/scenarios.py: SCENARIOS (the TCP lessons and HTTP_SCENARIOS),
# title and description of each, in the scenario box, the window title and the status bar
SCENARIOS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "Handshake, request/response, client closes"),
    QT_TRANSLATE_NOOP("ModelText", "The three-way handshake, an HTTP request and response as "
                      "data, then the client closes first: the four-way teardown, TIME-WAIT "
                      "for 2·MSL, CLOSED."),
    QT_TRANSLATE_NOOP("ModelText", "The server closes first"),
    QT_TRANSLATE_NOOP("ModelText", "After the response the server closes (as an HTTP/1.0 "
                      "server does): the server goes through FIN-WAIT and TIME-WAIT, the "
                      "client through CLOSE-WAIT and LAST-ACK."),
    QT_TRANSLATE_NOOP("ModelText", "Simultaneous open"),
    QT_TRANSLATE_NOOP("ModelText", "Both ends send a SYN at the same moment; the SYNs cross, each "
                      "side goes SYN-SENT → SYN-RECEIVED → ESTABLISHED on the other's SYN,ACK, "
                      "and answers the SYN in it, a duplicate, with an ACK (RFC 9293 figure 7, "
                      "§3.10.7.4)."),
    QT_TRANSLATE_NOOP("ModelText", "Simultaneous close"),
    QT_TRANSLATE_NOOP("ModelText", "Both ends close at the same moment; the FINs cross, both "
                      "sides pass through CLOSING and then TIME-WAIT (RFC 9293 figure 13)."),
    QT_TRANSLATE_NOOP("ModelText", "Lost SYN, retransmitted twice with backoff"),
    QT_TRANSLATE_NOOP("ModelText", "The first two SYNs are lost. The retransmission timer "
                      "fires after 1 s, then after 2 s (RTO doubles, RFC 6298 §5.5); the "
                      "third SYN gets through."),
    QT_TRANSLATE_NOOP("ModelText", "Lost data segment"),
    QT_TRANSLATE_NOOP("ModelText", "The first segment of a three-segment response is lost. "
                      "The later ones arrive out of order and are held; duplicate ACKs repeat "
                      "the gap; the server's retransmission timer resends the missing "
                      "segment."),
    QT_TRANSLATE_NOOP("ModelText", "Fast retransmit: three duplicate ACKs"),
    QT_TRANSLATE_NOOP("ModelText", "The first segment of a six-segment response is lost. Each "
                      "later segment arrives out of order and is answered at once with a "
                      "duplicate ACK (RFC 5681 §4.2); on the third duplicate ACK the server "
                      "resends the missing segment without waiting for its retransmission timer "
                      "(fast retransmit, RFC 5681 §3.2)."),
    QT_TRANSLATE_NOOP("ModelText", "Last ACK lost: why TIME-WAIT exists"),
    QT_TRANSLATE_NOOP("ModelText", "The client's ACK of the server's FIN is lost. The server "
                      "retransmits its FIN; the client, still in TIME-WAIT, acknowledges it "
                      "again and restarts 2·MSL."),
    QT_TRANSLATE_NOOP("ModelText", "Connection refused"),
    QT_TRANSLATE_NOOP("ModelText", "Nobody listens on the server's port: the SYN is answered "
                      "with RST, ACK and the client's OPEN fails."),
    QT_TRANSLATE_NOOP("ModelText", "Abort with RST"),
    QT_TRANSLATE_NOOP("ModelText", "In the middle of a connection the client aborts: it sends "
                      "RST and forgets the connection at once; the server, on the RST, does "
                      "the same. No FIN, no TIME-WAIT."),
    QT_TRANSLATE_NOOP("ModelText", "Half-close: the server keeps sending in CLOSE-WAIT"),
    QT_TRANSLATE_NOOP("ModelText", "The client sends its request and closes its direction at "
                      "once (FIN). The server, in CLOSE-WAIT, keeps sending its long response, "
                      "then closes."),
    QT_TRANSLATE_NOOP("ModelText", "HTTP: first visit, Set-Cookie, then Cookie"),
    QT_TRANSLATE_NOOP("ModelText", "A browser's first GET / gets Set-Cookie answers (a visitor "
                      "id for a year, a visit counter for the session); the next requests "
                      "carry them back in Cookie, and the counter cookie changes on every "
                      "visit (RFC 6265 §3, §5.3, §5.4)."),
    QT_TRANSLATE_NOOP("ModelText", "HTTP: log in, session id cookie, log out"),
    QT_TRANSLATE_NOOP("ModelText", "POST /login with a form → 302 with Set-Cookie: sid=… (the "
                      "server keeps the session in its store) → GET /profile carries the sid "
                      "and is recognised → POST /logout deletes the session and the cookie "
                      "with Max-Age=0."),
    QT_TRANSLATE_NOOP("ModelText", "HTTP: Flask's signed session cookie, then tampering"),
    QT_TRANSLATE_NOOP("ModelText", "Flask keeps the session in a signed cookie: readable by "
                      "anyone, forgeable by nobody. The user edits the payload in the browser; "
                      "the signature check fails and the session comes back empty "
                      "(itsdangerous HMAC, RFC 6265 §8.6)."),
    QT_TRANSLATE_NOOP("ModelText", "HTTP: which cookies go where (Domain, Path, Max-Age, "
                      "Secure)"),
    QT_TRANSLATE_NOOP("ModelText", "Five cookies with different scopes: a Path=/profile cookie "
                      "goes only to /profile, an expired one is not sent, a Secure one never "
                      "over http://, a host-only one not to static.example.org while a "
                      "Domain=example.org one is."),
    QT_TRANSLATE_NOOP("ModelText", "HTTP/1.0: one request per connection"),
    QT_TRANSLATE_NOOP("ModelText", "Three resources over HTTP/1.0: every request opens a new "
                      "TCP connection that the server closes after one response. Compare "
                      "http11-keep-alive and http11-pipelining (RFC 9112 §9.3)."),
    QT_TRANSLATE_NOOP("ModelText", "HTTP/1.1 keep-alive: one connection, one request at a "
                      "time"),
    QT_TRANSLATE_NOOP("ModelText", "The same three resources over one persistent HTTP/1.1 "
                      "connection, each request sent after the previous response: one "
                      "handshake instead of three (RFC 9112 §9.3)."),
    QT_TRANSLATE_NOOP("ModelText", "HTTP/1.1 pipelining: three requests at once"),
    QT_TRANSLATE_NOOP("ModelText", "The same three resources, all three requests sent at once "
                      "on one connection; the server answers in order (RFC 9112 §9.3.2). The "
                      "fastest of the three variants."),
    QT_TRANSLATE_NOOP("ModelText", "HTTP: a chunked response, streamed"),
    QT_TRANSLATE_NOOP("ModelText", "The server streams a report in three chunks, 0.3 s apart, "
                      "without knowing the total length: Transfer-Encoding: chunked, each "
                      "chunk with its size, a zero-size chunk at the end (RFC 9112 §7.1)."),
)

# simulator/models/tcp/explain.py: the word between two rules of one step's "why"
THEN = QT_TRANSLATE_NOOP("ModelText", "Then:")

# scenarios.build (a what-if run), simulation/chain_timeline.py, gateway_timeline.py and
# wsgi/flask_classic.py: timeline titles and descriptions with values in them
TEMPLATES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "{title} — what if {segments} were lost?"),
    QT_TRANSLATE_NOOP("ModelText", "{description} (What-if: the chosen segment(s) are lost in "
                      "this run.)"),
    QT_TRANSLATE_NOOP("ModelText", "{origin}: Flask {flask}, Werkzeug {werkzeug}"),
    QT_TRANSLATE_NOOP("ModelText", "GET {path} → the demo app, Flask {version} (classic)"),
    QT_TRANSLATE_NOOP("ModelText", "CGI vs FastCGI vs WSGI: {request}"),
    QT_TRANSLATE_NOOP("ModelText", "One request, all layers: {requests} (TCP simulated)"),
    QT_TRANSLATE_NOOP("ModelText", "{count} requests, all layers: {requests} (TCP simulated)"),
    QT_TRANSLATE_NOOP("ModelText", "TCP segments produced by the TCP model from the bytes that "
                      "really crossed the socket (simulated, not captured); HTTP messages "
                      "parsed from those bytes; the WSGI call chain traced live (Flask "
                      "{version})."),
)


def _strings(*groups: tuple[object, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(s) for group in groups for s in group))


#: Every fixed string of the catalogue (looked up whole).
FIXED: frozenset[str] = frozenset(_strings(
    SCENARIOS, (THEN,), catalogue_tcp.RULES, catalogue_tcp.EVENT_LABELS,
    catalogue_tcp.WORDS, catalogue_http.SENTENCES, catalogue_http.WORDS,
    catalogue_wsgi.FRAMES, catalogue_wsgi.ENVIRON, catalogue_wsgi.SENTENCES,
    catalogue_wsgi.WORDS, catalogue_gateways.STAGES, catalogue_gateways.LESSON,
    catalogue_http.PROBLEMS, catalogue_http.H11_REFUSALS, catalogue_capture.SENTENCES,
    catalogue_capture.OS_REASONS, catalogue_phrases.WORDS, catalogue_what_if.SENTENCES,
    catalogue_replay.SENTENCES))

#: Every template (a model sentence with ``{fields}`` where the English has values).
ALL_TEMPLATES: tuple[str, ...] = _strings(
    TEMPLATES, catalogue_tcp.TEMPLATES, catalogue_http.TEMPLATES, catalogue_wsgi.TEMPLATES,
    catalogue_http.PROBLEM_TEMPLATES, catalogue_http.H11_REFUSAL_TEMPLATES,
    catalogue_capture.TEMPLATES, catalogue_phrases.TEMPLATES, catalogue_what_if.TEMPLATES,
    catalogue_replay.TEMPLATES)

# Fixed strings that are whole sentences: found and translated inside longer texts.
# Longest first, so a sentence is never cut by a shorter one it contains.
_FRAGMENTS: tuple[str, ...] = tuple(sorted(
    (s for s in FIXED if len(s) >= 20 and s.endswith(".")), key=len, reverse=True))

# A field whose values are a few known words matches only those (so "Call your error handler
# f" finds role "error handler", not "error"); a title or description any text; any other
# field any text within one sentence (so "...: {reason}." cannot swallow the next sentences).
_FIELD_PATTERNS = {
    "who": "Client|Server|Browser|client|server|browser",
    "role": "error handler|hook|view|app",
    "gateway": "CGI|FastCGI|WSGI",
    "title": ".+?",
    "description": ".+?",
    "what": ".+?",
    "cgi": ".+?",
    "fastcgi": ".+?",
    "wsgi": ".+?",
}
_IN_SENTENCE = r"(?:(?![.!?]\s+[A-Z(\"']).)+?"
_FIELD = re.compile(r"\{([a-z_]+)\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])(\s+)(?=[A-Z(\"'])")
_EDGES = re.compile(r"(\s*)(.*?)(\s*)", re.DOTALL)
_CJK_STOP = re.compile(r"(?<=[。！？；])[ ]+")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _pattern(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    last = 0
    for field in _FIELD.finditer(template):
        parts.append(re.escape(template[last:field.start()]))
        name = field.group(1)
        parts.append(f"(?P<{name}>{_FIELD_PATTERNS.get(name, _IN_SENTENCE)})")
        last = field.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


class _Template:
    """A template with its regex, and its literal parts to rule most texts out cheaply. The
    regex is compiled the first time a text gets past the literal parts (compiling all of
    them took ~0.25 s of every start, issue 14)."""

    def __init__(self, template: str) -> None:
        self.template = template
        literals = _FIELD.split(template)[::2]
        self.prefix, self.suffix = literals[0], literals[-1]
        self.inner = tuple(part for part in literals[1:-1] if part)

    def match(self, text: str) -> dict[str, str] | None:
        if not (text.startswith(self.prefix) and text.endswith(self.suffix)
                and all(part in text for part in self.inner)):
            return None
        found = self.pattern.fullmatch(text)
        return None if found is None else found.groupdict()

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        return _pattern(self.template)


# Most literal text first: "Call your {role} {function}" before "Call {function}".
_TEMPLATES: tuple[_Template, ...] = tuple(
    _Template(t) for t in sorted(ALL_TEMPLATES, key=lambda t: -len(_FIELD.sub("", t))))


def model_tr(text: str) -> str:
    """``text`` in the interface language when the catalogue has it, else unchanged."""
    return QCoreApplication.translate(CONTEXT, text)


Lookup = Callable[[str], str]


def _whole(text: str, lookup: Lookup) -> str | None:
    """The translation of ``text`` as a catalogued string or a template, else None."""
    if text in FIXED:
        return lookup(text)
    lowered = text[:1].lower() + text[1:]
    if lowered != text and lowered in FIXED:  # "The request arrives..." starting a sentence
        found = lookup(lowered)
        return found[:1].upper() + found[1:]
    for template in _TEMPLATES:
        match = template.match(text)
        if match is not None:
            values = {k: _value(v, lookup) for k, v in match.items()}
            return lookup(template.template).format(**values)
    return None


def _clauses(text: str) -> list[str]:
    """``text`` cut at each "; " outside parentheses (a cookie rule's reasons)."""
    out, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and text.startswith("; ", i):
            out.append(text[start:i])
            start = i + 2
    return [*out, text[start:]]


def _whole_or_clauses(text: str, lookup: Lookup) -> str | None:
    """A "; "-separated list clause by clause when every clause is catalogued (so a short
    template such as "host-only for {domain}" cannot swallow the clauses after the first into
    its field and leave them English); else ``_whole``; else the clauses that are known
    translated and the rest kept (None if none is known)."""
    clauses = _clauses(text)
    parts = [_whole(clause, lookup) for clause in clauses] if len(clauses) >= 2 else []
    if parts and all(part is not None for part in parts):
        return _joined([part for part in parts if part is not None])
    found = _whole(text, lookup)
    if found is not None or not parts or all(part is None for part in parts):
        return found
    return _joined([clause if part is None else part
                    for clause, part in zip(clauses, parts, strict=True)])


def _joined(parts: list[str]) -> str:
    return ("；" if any(_CJK.search(part) for part in parts) else "; ").join(parts)


def _value(value: str, lookup: Lookup) -> str:
    """A template's field: clause by clause or whole, or as a sentence quoted without its
    full stop; unknown values (numbers, names, segments) come back as they are."""
    found = _whole_or_clauses(value, lookup)
    if found is None and not value.endswith("."):
        with_stop = _whole(value + ".", lookup)
        if with_stop is not None and with_stop[-1:] in ".。":
            found = with_stop[:-1]
    return value if found is None else found


def _sentences(text: str, lookup: Lookup) -> str:
    """Each sentence of ``text`` translated whole or as a template where one fits; the
    spaces between sentences kept."""
    out = []
    for i, part in enumerate(_SENTENCE_END.split(text)):
        if i % 2:  # a separator
            out.append(part)
            continue
        lead, body, trail = _EDGES.fullmatch(part).groups()  # type: ignore[union-attr]
        found = _whole_or_clauses(body, lookup) if body else None
        out.append(part if found is None else lead + found + trail)
    return "".join(out)


def translate_with(text: str, lookup: Lookup) -> str:
    """``text`` with every catalogued part replaced by ``lookup(part)`` (``model_tr`` for the
    interface language; a recording function in the tests finds which entries a text uses).
    With ``lookup`` returning its argument the result is ``text`` itself. A ``Phrase`` is
    rendered from its template (absolute numbers), no pattern matched."""
    if isinstance(text, Phrase):
        return render(text, Rendering(translate=lookup))
    found = _whole(text, lookup)
    if found is not None:
        return found
    pieces: list[tuple[str, bool]] = [(text, False)]  # (text, already translated)
    for fragment in _FRAGMENTS:
        if fragment not in text:
            continue
        cut: list[tuple[str, bool]] = []
        for piece, done in pieces:
            if done or fragment not in piece:
                cut.append((piece, done))
                continue
            for i, part in enumerate(piece.split(fragment)):
                if i:
                    cut.append((lookup(fragment), True))
                if part:
                    cut.append((part, False))
        pieces = cut
    joined = "".join(piece if done else _sentences(piece, lookup) for piece, done in pieces)
    return _CJK_STOP.sub("", joined)


@lru_cache(maxsize=4096)
def _translate(text: str, lang: Lang) -> str:
    return translate_with(text, model_tr)


def translate_text(text: str) -> str:
    """Any text a model wrote, in the interface language as far as the catalogue knows it
    (unknown parts stay English); in English, ``text`` itself."""
    lang = current_language()
    if lang is Lang.EN or not text:
        return text
    if isinstance(text, Phrase):
        return phrase_text(text, relative=False)
    return _translate(text, lang)


def model_rendering(relative: bool, beside: bool = False) -> Rendering:
    """How views show the models' phrases now: in the interface language, numbers relative
    (each side's from its ISN on the step's connection) or absolute; ``beside``: a relative
    number also gives its absolute value, as the arithmetic does."""
    english = current_language() is Lang.EN
    return Rendering(relative, beside, _same if english else model_tr)


def _same(text: str) -> str:
    return text


def phrase_text(text: str, relative: bool, beside: bool = False) -> str:
    """Any model text as a view shows it: a ``Phrase`` from its translated template with its
    values filled in, sequence numbers relative or absolute (``model_rendering``); a plain
    string through ``translate_text``."""
    if isinstance(text, Phrase):
        return render(text, model_rendering(relative, beside))
    return translate_text(text)


def translate_why(why: str) -> str:
    """A TCP step's "why": the rules of the rows that fired, joined by " Then: "
    (``simulator.models.tcp.explain``), each translated, joined by the translated "Then:"."""
    if current_language() is Lang.EN:
        return why
    then = model_tr(str(THEN))
    joiner = f" {then} " if then.isascii() else then
    return joiner.join(translate_text(rule) for rule in why.split(" Then: "))


__all__ = ["ALL_TEMPLATES", "CONTEXT", "FIXED", "SCENARIOS", "TEMPLATES", "THEN",
           "model_rendering", "model_tr", "phrase_text", "translate_text", "translate_why",
           "translate_with"]
