"""The browser's cookie jar at one step, as a Qt table model (STYLE.md: tables go through a model).

Theory of operation
-------------------
Rows are the ``CookieRow``s of ``step.http.jar`` (the RFC 6265 §5.3 storage model after the
step), each with its ``change`` since the previous step; rows the step removed are still
listed, struck through, so the learner sees what went. The last column is the jar's decision
for the request being built at this step (``step.http.decisions``, RFC 6265 §5.4): sent or
not, and the rule that decided, matched to its row by (name, domain, path). A decision with
no row (a cookie the jar no longer holds) becomes a row of its own, so nothing is lost.

Expiry is shown in the timeline's virtual time: "session" when the cookie has no
Expires/Max-Age (§5.3 step 3), "expired" once the step's time has reached it.

The model holds only the snapshot it was given; ``CHANGE_ROLE`` and ``SENT_ROLE`` expose the
row's change and decision for tests and delegates.

Headers, tooltips and the words the model adds to cells ("session", "✓ sent", "(host only)",
units) are English marked with ``QT_TRANSLATE_NOOP`` or wrapped in
``QCoreApplication.translate("CookieJarModel", ...)`` and translated each time Qt asks, so they
follow the interface language; the owning view calls ``retranslate`` on ``LanguageChange``.
Cookie names, values, domains, paths and the jar's rule text (composed by the model with
values in it) stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QFont

from simulator.models.http.snapshot import Change, CookieDecision, CookieRow, HttpSnapshot
from simulator.ui.common import palette
from simulator.ui.common.table_model import Column, ColumnTableModel
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP
from simulator.ui.text.model_text import translate_text

CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1  # -> Change
SENT_ROLE = Qt.ItemDataRole.UserRole + 2    # -> True / False / None (no decision)

CONTEXT = "CookieJarModel"

#: The Expires header's tooltip, which the Expires cells' tooltips repeat.
EXPIRES_TIP = QT_TRANSLATE_NOOP(
    "CookieJarModel", "In the scenario's virtual time; 'session' = no Expires/Max-Age, "
    "kept until the browser closes (RFC 6265 §5.3)")
# The decision comes second: "which cookies go, and why" is the lesson; the attributes after it
# are what the rule read. English; ``headerData`` translates headers and their tooltips.
COLUMNS = (
    Column(QT_TRANSLATE_NOOP("CookieJarModel", "Name")),
    Column(QT_TRANSLATE_NOOP("CookieJarModel", "Sent on this request?"), QT_TRANSLATE_NOOP(
        "CookieJarModel", "The browser's decision for the request at this step, and the rule "
        "that decided (RFC 6265 §5.4)")),
    Column(QT_TRANSLATE_NOOP("CookieJarModel", "Value")),
    Column(QT_TRANSLATE_NOOP("CookieJarModel", "Domain"), QT_TRANSLATE_NOOP(
        "CookieJarModel", "Domain: 'host only' = sent to exactly this host (no Domain "
        "attribute, RFC 6265 §5.3 step 6); otherwise also to its subdomains")),
    Column(QT_TRANSLATE_NOOP("CookieJarModel", "Path"), QT_TRANSLATE_NOOP(
        "CookieJarModel", "Sent only to request paths under this path (RFC 6265 §5.1.4)")),
    Column(QT_TRANSLATE_NOOP("CookieJarModel", "Expires"), EXPIRES_TIP),
    Column(QT_TRANSLATE_NOOP("CookieJarModel", "Secure"), QT_TRANSLATE_NOOP(
        "CookieJarModel", "Sent only over HTTPS (RFC 6265 §5.4 step 1)")),
    Column(QT_TRANSLATE_NOOP("CookieJarModel", "HttpOnly"), QT_TRANSLATE_NOOP(
        "CookieJarModel", "Hidden from JavaScript's document.cookie (RFC 6265 §5.3 step 10)")),
    Column(QT_TRANSLATE_NOOP("CookieJarModel", "SameSite"), QT_TRANSLATE_NOOP(
        "CookieJarModel",
        "Which requests started by another site carry the cookie: Strict none; Lax only "
        "top-level navigations with a safe method such as GET (a followed link); None all "
        "(RFC 6265bis §5.6.7, §5.8.3)")),
)
NAME, SENT, VALUE, DOMAIN, PATH, EXPIRES, SECURE, HTTP_ONLY, SAME_SITE = range(len(COLUMNS))
VALUE_CHARS = 21  # longer values are elided in the middle (the tooltip has them whole)

#: Every ``Change`` as the tooltip words it (tests check the table covers the enum).
CHANGE_WORD = {Change.ADDED: QT_TRANSLATE_NOOP("CookieJarModel", "added by this step"),
               Change.CHANGED: QT_TRANSLATE_NOOP("CookieJarModel", "changed by this step"),
               Change.REMOVED: QT_TRANSLATE_NOOP("CookieJarModel", "removed by this step"),
               Change.NONE: QT_TRANSLATE_NOOP("CookieJarModel", "unchanged")}


def _tr(text: str) -> str:
    """A string from the tables above, in the interface language."""
    return QCoreApplication.translate(CONTEXT, text)


def _key(name: str, domain: str, path: str) -> tuple[str, str, str]:
    return name, domain.lstrip(".").lower(), path


@dataclass(frozen=True)
class JarRow:
    """One table row: a stored cookie and/or the decision about it."""

    cookie: CookieRow | None
    decision: CookieDecision | None

    @property
    def name(self) -> str:
        return self.cookie.name if self.cookie else self.decision.name if self.decision else ""

    @property
    def change(self) -> Change:
        return self.cookie.change if self.cookie else Change.NONE


def jar_rows(snapshot: HttpSnapshot | None) -> list[JarRow]:
    """The jar's cookies paired with their decisions; decisions without a cookie appended."""
    if snapshot is None:
        return []
    decisions = {_key(d.name, d.domain, d.path): d for d in snapshot.decisions}
    rows = []
    for cookie in snapshot.jar:
        rows.append(JarRow(cookie, decisions.pop(_key(cookie.name, cookie.domain, cookie.path),
                                                 None)))
    rows += [JarRow(None, d) for d in decisions.values()]
    return rows


def _elide(text: str) -> str:
    if len(text) <= VALUE_CHARS:
        return text
    half = (VALUE_CHARS - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


def _seconds(value: float) -> str:
    """5.2 -> '5.2', 31536000.0 -> '31536000' (never exponent notation)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


_UNITS = ((QT_TRANSLATE_NOOP("CookieJarModel", "{n} d"), 86400),
          (QT_TRANSLATE_NOOP("CookieJarModel", "{n} h"), 3600),
          (QT_TRANSLATE_NOOP("CookieJarModel", "{n} min"), 60))


def _duration(seconds: float) -> str:
    for unit, size in _UNITS:
        if seconds >= 2 * size:
            return _tr(unit).format(n=f"{seconds / size:.0f}")
    return QCoreApplication.translate("CookieJarModel", "{n} s").format(n=_seconds(seconds))


def expires_text(expires: float | None, now: float) -> str:
    """'session', 'expired (t = 5.2 s)' or 'in 365 d (t = 31536000 s)', in virtual time."""
    if expires is None:
        return QCoreApplication.translate("CookieJarModel", "session", "cookie lifetime")
    if expires <= now:
        return QCoreApplication.translate("CookieJarModel", "expired (t = {t} s)").format(
            t=_seconds(expires))
    return QCoreApplication.translate("CookieJarModel", "in {duration} (t = {t} s)").format(
        duration=_duration(expires - now), t=_seconds(expires))


def rule_clauses(rule: str) -> list[str]:
    """The rule split at top-level '; ' (not inside parentheses), one reason per line."""
    clauses, depth, start = [], 0, 0
    for i, char in enumerate(rule):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            clauses.append(rule[start:i])
            start = i + 1
    clauses.append(rule[start:])
    out = [c.strip() for c in clauses if c.strip()]
    if out:  # the verdict is shown once, in front; a rule that repeats it loses the echo
        for echo in ("sent:", "not sent:"):
            if out[0].lower().startswith(echo):
                out[0] = out[0][len(echo):].strip()
    return out


def sent_text(decision: CookieDecision | None) -> str:
    """'✓ sent' or '✗ not sent', then the rule's reasons, one per line."""
    if decision is None:
        return ""
    verdict = (QCoreApplication.translate("CookieJarModel", "✓ sent") if decision.sent
               else QCoreApplication.translate("CookieJarModel", "✗ not sent"))
    clauses = [translate_text(c) for c in rule_clauses(decision.rule)]
    if len(clauses) == 1:
        return f"{verdict} — {clauses[0]}"
    return verdict + "".join(f"\n• {c}" for c in clauses)


def _cell(row: JarRow, column: int, now: float) -> str:
    c = row.cookie
    if column == SENT:
        return sent_text(row.decision)
    if c is None:  # a decision about a cookie the jar does not hold
        d = row.decision
        assert d is not None
        return {NAME: d.name, DOMAIN: d.domain, PATH: d.path}.get(column, "—")
    if column == NAME:
        return c.name
    if column == VALUE:
        return _elide(c.value)
    if column == DOMAIN:
        if c.host_only:
            return QCoreApplication.translate("CookieJarModel", "{domain} (host only)").format(
                domain=c.domain)
        return QCoreApplication.translate("CookieJarModel", "{domain} (+ subdomains)").format(
            domain=c.domain)
    if column == PATH:
        return c.path
    if column == EXPIRES:
        return expires_text(c.expires, now)
    if column == SECURE:
        return "✓" if c.secure else ""
    if column == HTTP_ONLY:
        return "✓" if c.http_only else ""
    if column == SAME_SITE:
        return c.same_site or QCoreApplication.translate("CookieJarModel", "(not set)")
    return ""


class CookieJarModel(ColumnTableModel[JarRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, CONTEXT, parent)
        self._now = 0.0

    # ---------------------------------------------------------------- feeding
    def set_snapshot(self, snapshot: HttpSnapshot | None, now: float = 0.0) -> None:
        """Show the jar of this snapshot; ``now`` is the step's virtual time (for expiry)."""
        self._now = now
        self.set_rows(jar_rows(snapshot))

    def row(self, row: int) -> JarRow:
        return self.rows[row]

    def row_of(self, name: str) -> int:
        """The first row showing a cookie of this name, or -1."""
        return self.first_row(lambda r: r.name == name)

    # ---------------------------------------------------------------- what a row shows
    def display_text(self, row: JarRow, column: int) -> str:
        return _cell(row, column, self._now)

    def tooltip_text(self, row: JarRow, column: int) -> str:
        if column == SENT:
            if row.decision is None:
                return QCoreApplication.translate("CookieJarModel",
                                                  "No request is being built at this step")
            return sent_text(row.decision)
        c = row.cookie
        if c is None:
            return QCoreApplication.translate("CookieJarModel",
                                              "This cookie is no longer in the jar")
        created = QCoreApplication.translate("CookieJarModel", "created at t = {t} s")
        lines = [f"{c.name} = {c.value}", _tr(CHANGE_WORD[c.change]),
                 created.format(t=_seconds(c.created_at))]
        if column == EXPIRES:
            lines.append(_tr(EXPIRES_TIP))
        return "\n".join(lines)

    def role_data(self, row: JarRow, column: int, role: int) -> Any:
        if role == CHANGE_ROLE:
            return row.change
        if role == SENT_ROLE:
            return None if row.decision is None else row.decision.sent
        if role == Qt.ItemDataRole.BackgroundRole:
            shade = palette.CHANGE_FILL.get(row.change)
            return shade.pick(self.dark) if shade else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == SENT and row.decision is not None:
                ink = palette.SENT_INK if row.decision.sent else palette.NOT_SENT_INK
                return ink.pick(self.dark)
            if row.cookie is None:
                return palette.MUTED_INK.pick(self.dark)
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SECURE, HTTP_ONLY):
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        return None

    def _font(self, row: JarRow, column: int) -> QFont | None:
        struck = row.change is Change.REMOVED and column != SENT
        italic = row.cookie is None
        if not (struck or italic):
            return None
        font = QFont()
        font.setStrikeOut(struck)
        font.setItalic(italic)
        return font
