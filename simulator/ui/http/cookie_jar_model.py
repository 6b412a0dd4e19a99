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

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from simulator.models.http.snapshot import Change, CookieDecision, CookieRow, HttpSnapshot
from simulator.ui.common import palette
from simulator.ui.text.model_text import translate_text

Index = QModelIndex | QPersistentModelIndex
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1  # -> Change
SENT_ROLE = Qt.ItemDataRole.UserRole + 2    # -> True / False / None (no decision)

CONTEXT = "CookieJarModel"

# The decision comes second: "which cookies go, and why" is the lesson; the attributes after it
# are what the rule read. English; ``headerData`` translates.
COLUMNS = (QT_TRANSLATE_NOOP("CookieJarModel", "Name"),
           QT_TRANSLATE_NOOP("CookieJarModel", "Sent on this request?"),
           QT_TRANSLATE_NOOP("CookieJarModel", "Value"),
           QT_TRANSLATE_NOOP("CookieJarModel", "Domain"),
           QT_TRANSLATE_NOOP("CookieJarModel", "Path"),
           QT_TRANSLATE_NOOP("CookieJarModel", "Expires"),
           QT_TRANSLATE_NOOP("CookieJarModel", "Secure"),
           QT_TRANSLATE_NOOP("CookieJarModel", "HttpOnly"),
           QT_TRANSLATE_NOOP("CookieJarModel", "SameSite"))
NAME, SENT, VALUE, DOMAIN, PATH, EXPIRES, SECURE, HTTP_ONLY, SAME_SITE = range(len(COLUMNS))
VALUE_CHARS = 21  # longer values are elided in the middle (the tooltip has them whole)

_HEADER_TIPS = {
    DOMAIN: QT_TRANSLATE_NOOP(
        "CookieJarModel", "Domain: 'host only' = sent to exactly this host (no Domain "
        "attribute, RFC 6265 §5.3 step 6); otherwise also to its subdomains"),
    PATH: QT_TRANSLATE_NOOP("CookieJarModel",
                            "Sent only to request paths under this path (RFC 6265 §5.1.4)"),
    EXPIRES: QT_TRANSLATE_NOOP(
        "CookieJarModel", "In the scenario's virtual time; 'session' = no Expires/Max-Age, "
        "kept until the browser closes (RFC 6265 §5.3)"),
    SECURE: QT_TRANSLATE_NOOP("CookieJarModel", "Sent only over HTTPS (RFC 6265 §5.4 step 1)"),
    HTTP_ONLY: QT_TRANSLATE_NOOP(
        "CookieJarModel", "Hidden from JavaScript's document.cookie (RFC 6265 §5.3 step 10)"),
    SAME_SITE: QT_TRANSLATE_NOOP(
        "CookieJarModel",
        "Strict / Lax / None: whether cross-site requests carry the cookie (RFC 6265bis)"),
    SENT: QT_TRANSLATE_NOOP(
        "CookieJarModel", "The browser's decision for the request at this step, and the rule "
        "that decided (RFC 6265 §5.4)"),
}
#: Every ``Change`` as the tooltip words it (tests check the table covers the enum).
CHANGE_WORD = {Change.ADDED: QT_TRANSLATE_NOOP("CookieJarModel", "added by this step"),
               Change.CHANGED: QT_TRANSLATE_NOOP("CookieJarModel", "changed by this step"),
               Change.REMOVED: QT_TRANSLATE_NOOP("CookieJarModel", "removed by this step"),
               Change.NONE: QT_TRANSLATE_NOOP("CookieJarModel", "unchanged")}


def _tr(text: object) -> str:
    """A string from the tables above (``QT_TRANSLATE_NOOP`` is typed as returning
    ``object``; it returns the English str), in the interface language."""
    return QCoreApplication.translate(CONTEXT, str(text))


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


class CookieJarModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[JarRow] = []
        self._now = 0.0
        self._dark = False

    # ---------------------------------------------------------------- feeding
    def set_snapshot(self, snapshot: HttpSnapshot | None, now: float = 0.0) -> None:
        """Show the jar of this snapshot; ``now`` is the step's virtual time (for expiry)."""
        self.beginResetModel()
        self._rows = jar_rows(snapshot)
        self._now = now
        self.endResetModel()

    def retranslate(self) -> None:
        """The interface language changed: headers, word cells and tooltips repaint."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            if self._rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    def row(self, row: int) -> JarRow:
        return self._rows[row]

    def row_of(self, name: str) -> int:
        """The first row showing a cookie of this name, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.name == name), -1)

    # ---------------------------------------------------------------- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(row, column, self._now)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == CHANGE_ROLE:
            return row.change
        if role == SENT_ROLE:
            return None if row.decision is None else row.decision.sent
        if role == Qt.ItemDataRole.BackgroundRole:
            shade = palette.CHANGE_FILL.get(row.change)
            return shade.pick(self._dark) if shade else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == SENT and row.decision is not None:
                ink = palette.SENT_INK if row.decision.sent else palette.NOT_SENT_INK
                return ink.pick(self._dark)
            if row.cookie is None:
                return palette.MUTED_INK.pick(self._dark)
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SECURE, HTTP_ONLY):
            return int(Qt.AlignmentFlag.AlignCenter)
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

    def _tooltip(self, row: JarRow, column: int) -> str:
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
            lines.append(_tr(_HEADER_TIPS[EXPIRES]))
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = _HEADER_TIPS.get(section)
            return _tr(tip) if tip is not None else None
        return None
