"""The HTTP message of the current step: start line, headers (cookie headers highlighted), body.

Theory of operation
-------------------
The view renders ``step.http.message`` (an ``HttpMessage``, RFC 9112) and nothing else; it
keeps no protocol state, so stepping back shows what stepping forward showed.

* A coloured banner says at a glance whether the bytes are a **request** (browser → server,
  blue, as data segments on the ladder) or a **response** (server → browser, teal).
* ``problems`` (why the parser could not fully understand the bytes) come first, in a warning
  box ("malformed: …"); the rest of the message is still shown (nothing is dropped).
* Headers are listed in wire order. ``Cookie`` (RFC 6265 §5.4) and ``Set-Cookie`` (§5.2) rows
  are highlighted and taken apart underneath: the pairs a Cookie header carries, and the
  cookie a Set-Cookie creates with each attribute spelled out (Path, Domain, Max-Age, …).
* The body is what the message carried after transfer decoding (de-chunked, RFC 9112 §7.1);
  its *content* coding (RFC 9110 §8.4: gzip, deflate) is undone (``content_coding``, within
  ``limits.DECODED_BODY``) for the
  preview, which then shows JSON pretty-printed, text as text, forms as fields and anything
  else as a hex summary.

Every word the view adds (banner, labels, the cookie attribute meanings, body notes) goes
through Qt's translation in the ``HttpMessageHtml`` context, so the HTML is rebuilt in the
interface language on each render (and on ``LanguageChange``). Header names and values,
cookie names, start lines and bodies are protocol data and stay as they crossed the wire;
``problems`` (templates of ``simulator.models.http.problems``) and other model text go through
``translate_text``, which keeps the values (header names, bytes) as they were.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from urllib.parse import parse_qsl

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget
from werkzeug.http import parse_cookie

from simulator.models.http.content_coding import DECODABLE, decode_content
from simulator.models.http.snapshot import HeaderLine, HttpMessage, HttpSnapshot, MessageKind
from simulator.models.limits import DECODED_BODY, SHOWN_CHARACTERS, size_text
from simulator.models.timeline.steps import Step
from simulator.ui.common import palette
from simulator.ui.common.cursor_panel import CursorFollower
from simulator.ui.common.rich_text import titled_note_html
from simulator.ui.text.model_text import translate_text

PREVIEW_CHARS = SHOWN_CHARACTERS  # longer text is cut (the byte count is always shown)
HEX_BYTES = 64  # a binary body shows its first bytes as a hex dump
_TEXT_TYPES = ("text/", "application/json", "application/javascript", "application/xml",
               "application/x-www-form-urlencoded", "+json", "+xml")

CONTEXT = "HttpMessageHtml"  # the translation context of every word this module adds

# RFC 6265 §5.2 (and RFC 6265bis §5.6.7, §5.8.3 for SameSite): what each Set-Cookie attribute
# tells the browser.
# English here, translated when shown (``_tr``).
_ATTRIBUTE_MEANING = {
    "expires": QT_TRANSLATE_NOOP("HttpMessageHtml", "kept until this date (§5.2.1)"),
    "max-age": QT_TRANSLATE_NOOP("HttpMessageHtml",
                                 "kept this many seconds (§5.2.2; wins over Expires)"),
    "domain": QT_TRANSLATE_NOOP("HttpMessageHtml",
                                "also sent to subdomains of this domain (§5.2.3)"),
    "path": QT_TRANSLATE_NOOP("HttpMessageHtml", "sent only to URLs under this path (§5.2.4)"),
    "secure": QT_TRANSLATE_NOOP("HttpMessageHtml", "sent only over HTTPS (§5.2.5)"),
    "httponly": QT_TRANSLATE_NOOP("HttpMessageHtml",
                                  "hidden from JavaScript's document.cookie (§5.2.6)"),
    "samesite": QT_TRANSLATE_NOOP("HttpMessageHtml",
                                  "which requests started by other sites carry it "
                                  "(RFC 6265bis §5.6.7)"),
}
_SAME_SITE_MEANING = {
    "strict": QT_TRANSLATE_NOOP(
        "HttpMessageHtml",
        "only same-site requests carry it, never ones started by another site, not even a "
        "followed link"),
    "lax": QT_TRANSLATE_NOOP(
        "HttpMessageHtml",
        "same-site requests carry it, and from other sites top-level navigations with a safe "
        "method such as GET (a followed link), not a POST, an image or a frame"),
    "none": QT_TRANSLATE_NOOP("HttpMessageHtml",
                              "every request carries it, cross-site too (requires Secure)"),
}


def _tr(text: object) -> str:
    """A string from the tables above (``QT_TRANSLATE_NOOP`` is typed as returning
    ``object``; it returns the English str), in the interface language."""
    return QCoreApplication.translate(CONTEXT, str(text))


def _bytes(count: int) -> str:
    return QCoreApplication.translate("HttpMessageHtml", "{n} bytes").format(n=count)


# --------------------------------------------------------------------------- the body preview
@dataclass(frozen=True)
class BodyPreview:
    """What the body panel shows: a one-line summary, notes, warnings and the text itself."""

    kind: str  # "empty" | "json" | "text" | "form" | "binary"
    summary: str
    text: str
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def _decode_content(body: bytes, coding: str) -> tuple[bytes, str | None, str | None]:
    """Undo gzip/deflate (RFC 9110 §8.4.1) -> (bytes, note, warning), within
    ``limits.DECODED_BODY`` (``content_coding``)."""
    if coding not in DECODABLE:
        return body, None, QCoreApplication.translate(
            "HttpMessageHtml", "{coding}-encoded body: not decoded here, shown as it travelled"
        ).format(coding=coding)
    decoded = decode_content(body, coding)
    if not decoded.ok:
        return body, None, QCoreApplication.translate(
            "HttpMessageHtml", "{coding} body could not be decoded ({error}); shown as it "
            "travelled").format(coding=coding, error=decoded.error)
    note = QCoreApplication.translate(
        "HttpMessageHtml", "{coding}-decoded: {before} → {after} bytes"
    ).format(coding=coding, before=len(body), after=len(decoded.body))
    if decoded.over_limit:
        return decoded.body, note, QCoreApplication.translate(
            "HttpMessageHtml", "the {coding} body decodes to more than {limit} (the limit): "
            "only its first {limit} are shown").format(coding=coding,
                                                       limit=size_text(DECODED_BODY))
    if not decoded.complete:
        return decoded.body, note, QCoreApplication.translate(
            "HttpMessageHtml", "the {coding} stream is cut short: only part of it decoded"
        ).format(coding=coding)
    return decoded.body, note, None


def _content_type(message: HttpMessage) -> tuple[str, str]:
    """(media type, charset) from Content-Type (RFC 9110 §8.3); ('', 'utf-8') if absent."""
    value = message.header("content-type") or ""
    media, _, params = value.partition(";")
    charset = "utf-8"
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.lower() == "charset" and val:
            charset = val.strip('"').lower()
    return media.strip().lower(), charset


def _hex_dump(data: bytes) -> str:
    lines = []
    for offset in range(0, min(len(data), HEX_BYTES), 16):
        chunk = data[offset:offset + 16]
        hexes = " ".join(f"{b:02x}" for b in chunk)
        ascii_ = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{offset:04x}  {hexes:<47}  {ascii_}")
    if len(data) > HEX_BYTES:
        lines.append(QCoreApplication.translate("HttpMessageHtml", "… {n} more bytes")
                     .format(n=len(data) - HEX_BYTES))
    return "\n".join(lines)


def cut_text(text: str) -> str:
    """``text``, or its first ``limits.SHOWN_CHARACTERS`` and how many more there are."""
    if len(text) <= PREVIEW_CHARS:
        return text
    return text[:PREVIEW_CHARS] + "\n" + QCoreApplication.translate(
        "HttpMessageHtml", "… ({n} more characters)").format(n=len(text) - PREVIEW_CHARS)


def body_preview(message: HttpMessage) -> BodyPreview:
    """Decide how to show the body: decoded, then as JSON, form, text or hex."""
    notes: list[str] = []
    warnings: list[str] = []
    if message.chunked:
        notes.append(QCoreApplication.translate(
            "HttpMessageHtml",
            "sent chunked (Transfer-Encoding: chunked, RFC 9112 §7.1); shown de-chunked"))
    if not message.complete:  # still arriving in a scenario; cut short in a capture
        if message.chunked:
            incomplete = QCoreApplication.translate(
                "HttpMessageHtml", "incomplete: {n} body bytes so far — the rest has not "
                "crossed yet (no zero-size last chunk yet)")
        else:
            incomplete = QCoreApplication.translate(
                "HttpMessageHtml",
                "incomplete: {n} body bytes so far — the rest has not crossed yet")
        notes.append(incomplete.format(n=len(message.body)))
    body = message.body
    if not body:
        return BodyPreview("empty", QCoreApplication.translate("HttpMessageHtml", "no body"),
                           "", tuple(notes), tuple(warnings))
    codings = [c.strip().lower() for c in (message.header("content-encoding") or "").split(",")
               if c.strip() and c.strip().lower() != "identity"]
    for coding in reversed(codings):  # codings are listed in the order they were applied
        body, note, warning = _decode_content(body, coding)
        if note:
            notes.append(note)
        if warning:
            warnings.append(warning)
            break
    media, charset = _content_type(message)
    size = _bytes(len(body))
    no_type = QCoreApplication.translate("HttpMessageHtml", "no Content-Type")
    is_text = any(t in media for t in _TEXT_TYPES)
    text: str | None = None
    if is_text or not media:
        try:
            text = body.decode(charset)
        except (UnicodeDecodeError, LookupError):
            if is_text:
                text = body.decode("utf-8", errors="replace")
                warnings.append(QCoreApplication.translate(
                    "HttpMessageHtml", "not valid {charset}: undecodable bytes shown as �"
                ).format(charset=charset))
        if text is not None and not is_text and not all(c.isprintable() or c in "\r\n\t"
                                                         for c in text):
            text = None  # no Content-Type and not printable: treat as binary
    if text is None:
        summary = QCoreApplication.translate("HttpMessageHtml", "binary · {type} · {size}")
        return BodyPreview("binary", summary.format(type=media or no_type, size=size),
                           _hex_dump(body), tuple(notes), tuple(warnings))
    if "json" in media or (not media and text.lstrip()[:1] in ("{", "[")):
        try:
            pretty = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
        except ValueError as exc:
            warnings.append(QCoreApplication.translate(
                "HttpMessageHtml", "not valid JSON ({error}); shown as text").format(error=exc))
        else:
            summary = QCoreApplication.translate("HttpMessageHtml", "JSON · {size}")
            return BodyPreview("json", summary.format(size=size), cut_text(pretty), tuple(notes),
                               tuple(warnings))
    if media == "application/x-www-form-urlencoded":
        fields = parse_qsl(text, keep_blank_values=True)
        shown = "\n".join(f"{k} = {v}" for k, v in fields) or text
        summary = QCoreApplication.translate("HttpMessageHtml", "form fields · {size}")
        as_sent = QCoreApplication.translate("HttpMessageHtml", "as sent: {text}")
        return BodyPreview("form", summary.format(size=size), cut_text(shown),
                           (*notes, as_sent.format(text=text[:200])), tuple(warnings))
    summary = QCoreApplication.translate("HttpMessageHtml", "text · {type} · {size}")
    return BodyPreview("text", summary.format(type=media or no_type, size=size), cut_text(text),
                       tuple(notes), tuple(warnings))


# --------------------------------------------------------------------------- cookie headers
def _split_pairs(value: str) -> list[tuple[str, str | None]]:
    """Split a Set-Cookie value on ';' and each part's first '=' (RFC 6265 §5.2 steps 1–3).

    Hand-written on purpose: http.cookies.SimpleCookie drops a whole header on one character
    it dislikes and Werkzeug has no public Set-Cookie parser; the view must show what was on
    the wire, attribute by attribute, not what a strict parser kept. (The Cookie header is
    read with Werkzeug's ``parse_cookie``.)
    """
    pairs: list[tuple[str, str | None]] = []
    for part in value.split(";"):
        if not part.strip():
            continue
        name, eq, val = part.partition("=")
        pairs.append((name.strip(), val.strip() if eq else None))
    return pairs


def _attribute_text(name: str, value: str | None) -> str:
    key = name.lower()
    meaning = (_tr(_ATTRIBUTE_MEANING[key]) if key in _ATTRIBUTE_MEANING else
               QCoreApplication.translate("HttpMessageHtml",
                                          "not an attribute RFC 6265 knows: ignored (§5.2)"))
    if key == "max-age" and value is not None:
        try:
            if int(value) <= 0:
                meaning = QCoreApplication.translate(
                    "HttpMessageHtml",
                    "Max-Age ≤ 0: the browser deletes this cookie now (§5.3 step 11)")
        except ValueError:
            meaning = QCoreApplication.translate("HttpMessageHtml",
                                                 "not a number: ignored (§5.2.2)")
    if key == "samesite" and value is not None:
        same_site = _SAME_SITE_MEANING.get(value.lower())
        rule = (_tr(same_site) if same_site is not None else QCoreApplication.translate(
            "HttpMessageHtml", "unknown value: treated as not given"))
        meaning = QCoreApplication.translate("HttpMessageHtml",
                                             "{rule} (RFC 6265bis §5.6.7.1, §5.8.3)"
                                             ).format(rule=rule)
    shown = name if value is None else f"{name}={value}"
    return f"{shown} — {meaning}"


def cookie_header_lines(header: HeaderLine) -> list[str]:
    """The plain-language breakdown shown under a Cookie or Set-Cookie header."""
    if header.name.lower() == "cookie":
        sent = list(parse_cookie(header.value).items(multi=True))
        if not sent:
            return [QCoreApplication.translate("HttpMessageHtml", "(empty Cookie header)")]
        sends = QCoreApplication.translate("HttpMessageHtml", "sends cookie {name} = {value}")
        return [sends.format(name=cut_text(n), value=cut_text(v)) for n, v in sent]
    pairs = _split_pairs(header.value)
    if not pairs or pairs[0][1] is None:
        return [QCoreApplication.translate(
            "HttpMessageHtml",
            "no name=value pair: the browser ignores this Set-Cookie (RFC 6265 §5.2)")]
    (name, value), attributes = pairs[0], pairs[1:]
    deletes = any(n.lower() == "max-age" and (v or "").strip().lstrip("-").isdigit()
                  and int(v or "0") <= 0 for n, v in attributes)
    if deletes:
        first = QCoreApplication.translate(
            "HttpMessageHtml", "deletes cookie {name} (Max-Age ≤ 0 puts its expiry in the past)"
        ).format(name=cut_text(name))
    else:
        first = QCoreApplication.translate(
            "HttpMessageHtml", "stores cookie {name} = {value}").format(
                name=cut_text(name), value=cut_text(value or ""))
    lines = [first]  # attribute lines are indented: message_html lists them under the first
    lines += ["   " + _attribute_text(n, v) for n, v in attributes]
    if not any(n.lower() in ("expires", "max-age") for n, _ in attributes):
        lines.append("   " + QCoreApplication.translate(
            "HttpMessageHtml",
            "no Expires / Max-Age — a session cookie: gone when the browser closes"))
    return lines


# --------------------------------------------------------------------------- the HTML
_NAME_CELL = "width='1%' style='white-space:nowrap'"  # header names take only their width


def _visible(text: str) -> str:
    """Control characters (binary junk in a header) as \\xNN, so the learner sees them."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _hex(colour: palette.Shade, dark: bool) -> str:
    return str(colour.pick(dark).name())


def message_html(message: HttpMessage | None, dark: bool = False) -> str:
    """The view's rich text for one message (also usable for exports)."""
    if message is None:
        none = QCoreApplication.translate(
            "HttpMessageHtml",
            "No HTTP message at this step — the explanation says what happened.")
        return f"<p style='color:{_hex(palette.MUTED_INK, dark)}'><i>{escape(none)}</i></p>"
    request = message.kind is MessageKind.REQUEST
    ink = _hex(palette.REQUEST_TINT if request else palette.RESPONSE_TINT, dark)
    fill = _hex(palette.REQUEST_FILL if request else palette.RESPONSE_FILL, dark)
    warn_ink, warn_fill = _hex(palette.WARNING_INK, dark), _hex(palette.WARNING_FILL, dark)
    muted = _hex(palette.MUTED_INK, dark)
    cookie_fill = _hex(palette.COOKIE_HEADER_FILL, dark)
    if request:
        banner = "➡ {kind} &nbsp; {way}".format(
            kind=QCoreApplication.translate("HttpMessageHtml", "REQUEST"),
            way=QCoreApplication.translate("HttpMessageHtml", "browser → server"))
    else:
        banner = "⬅ {kind} &nbsp; {way}".format(
            kind=QCoreApplication.translate("HttpMessageHtml", "RESPONSE"),
            way=QCoreApplication.translate("HttpMessageHtml", "server → browser"))
    where = QCoreApplication.translate(
        "HttpMessageHtml", "connection {connection}, exchange {exchange}"
    ).format(connection=message.connection, exchange=message.exchange + 1)
    on_wire = QCoreApplication.translate("HttpMessageHtml", "{n} bytes on the wire").format(
        n=message.raw_length)
    parts = [
        f"<table width='100%' cellpadding='6' cellspacing='0'><tr>"
        f"<td bgcolor='{fill}'><span style='color:{ink}; font-size:large; font-weight:bold'>"
        f"{banner}</span><br>"
        f"<span style='font-family:monospace; font-size:large; font-weight:bold'>"
        f"{escape(message.start_line)}</span><br>"
        f"<span style='color:{muted}'>{escape(where)} · {escape(on_wire)}"
        f"</span></td></tr></table>",
    ]
    preview = body_preview(message)
    malformed = QCoreApplication.translate("HttpMessageHtml", "malformed: {problem}")
    warnings = ([malformed.format(problem=translate_text(p)) for p in message.problems]
                + list(preview.warnings))
    if warnings:
        items = "<br>".join(f"⚠ {escape(w)}" for w in warnings)
        parts.append(f"<table width='100%' cellpadding='6' cellspacing='0' border='1' "
                     f"style='border-color:{warn_ink}; margin-top:4px'>"
                     f"<tr><td bgcolor='{warn_fill}' style='color:{warn_ink}'><b>{items}</b>"
                     "</td></tr></table>")
    rows = []
    for header in message.headers:
        name = escape(cut_text(_visible(header.name)))
        value = escape(cut_text(_visible(header.value)))
        if header.is_cookie_header:
            lines = cookie_header_lines(header)
            heads = [escape(x) for x in lines if not x.startswith("   ")]
            items = "".join(f"<li>{escape(x.strip())}</li>" for x in lines if x.startswith("   "))
            detail = "<br>".join(heads) + (f"<ul style='margin:0 0 0 -20px'>{items}</ul>"
                                           if items else "")
            rows.append(f"<tr><td bgcolor='{cookie_fill}' {_NAME_CELL}><b>{name}:</b></td>"
                        f"<td bgcolor='{cookie_fill}'><b>{value}</b><br>"
                        "<span style='font-family:sans-serif'>"
                        f"{detail}</span></td></tr>")
        else:
            rows.append(f"<tr><td {_NAME_CELL}>{name}:</td><td>{value}</td></tr>")
    headers = QCoreApplication.translate("HttpMessageHtml", "Headers")
    count = QCoreApplication.translate(
        "HttpMessageHtml", "({n}; cookie headers highlighted)").format(n=len(message.headers))
    none = QCoreApplication.translate("HttpMessageHtml", "(none)")
    parts.append(titled_note_html(escape(headers), count, dark, margin="6px 0 2px 0"))
    parts.append("<table width='100%' cellspacing='0' cellpadding='2' "
                 "style='font-family:monospace'>"
                 + ("".join(rows) or f"<tr><td style='color:{muted}'>{escape(none)}</td></tr>")
                 + "</table>")
    notes = "".join(f"<br><span style='color:{muted}'>{escape(n)}</span>"
                    for n in preview.notes)
    body = QCoreApplication.translate("HttpMessageHtml", "Body")
    parts.append(f"<p style='margin:8px 0 2px 0'><b>{escape(body)}</b> — "
                 f"{escape(preview.summary)}{notes}</p>")
    if preview.text:
        parts.append(f"<pre style='margin:0'>{escape(preview.text)}</pre>")
    return "".join(parts)


class HttpMessageView(CursorFollower[HttpSnapshot], QTextBrowser):
    """Renders the HTTP message of the step at the cursor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setMinimumHeight(120)

    def snapshot_at(self, step: Step) -> HttpSnapshot | None:
        return step.http

    def redraw(self) -> None:
        """The HTML is built in the interface language and the palette's colours."""
        message = self.snapshot.message if self.snapshot is not None else None
        self.setHtml(message_html(message, palette.is_dark(self.palette())))

    def plain_text(self) -> str:
        return self.toPlainText()
