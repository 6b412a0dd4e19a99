"""Flask's contexts at the cursor: the app and request context, ``g`` and the session.

Theory of operation
-------------------
While Flask handles a request, ``current_app``, ``g``, ``request`` and ``session`` are proxies
to "the active" application and request contexts (Flask docs: The Application Context, The
Request Context). Where Flask keeps the active contexts changed across versions
(FLASK_CHAIN.md):

* Flask < 2.2 (the classic 1.x path): two per-thread stacks, ``_app_ctx_stack`` and
  ``_request_ctx_stack`` (Werkzeug ``LocalStack``): ``ctx.push()`` pushes, ``ctx.pop()`` pops;
* Flask ≥ 2.2 (what is installed today): two ``contextvars.ContextVar``s, ``_cv_app`` and
  ``_cv_request``: push *sets* them and keeps the token, pop *resets* them with it.

The panel draws the ``ContextState`` after the step's event (``WsgiSnapshot.context``) in the
storage its chain used — stacks drawn as stacks, variables as slots — and highlights what the
step changed: the pushes/pops or sets/resets (``WsgiSnapshot.changes``), and the ``g`` and
session entries that differ from the state after the previous event (added green, changed
amber, removed red and struck). Everything is derived from the chain and the panel keeps only
the snapshot at the cursor (a ``CursorPanel``), so stepping back shows what stepping forward
showed. Every word is at the body size (the application font): notes beside a value are in
the muted ink, not small print. The words are translated (context ``ContextsPanel``); names
of variables, proxies, functions and the recorded values stay as they are. On a language
change the panel redraws the step.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from simulator.models.http.snapshot import Change
from simulator.models.timeline.steps import Step
from simulator.models.wsgi.call_chain import ContextOp, ContextState, ContextStorage
from simulator.models.wsgi.snapshot import WsgiSnapshot
from simulator.ui.common import palette
from simulator.ui.common.column_layout import column_layout
from simulator.ui.common.cursor_panel import CursorPanel
from simulator.ui.common.rich_text import titled_note_html

Pairs = tuple[tuple[str, str], ...]


def diff_pairs(before: Pairs | None, after: Pairs | None) -> list[tuple[str, str, Change]]:
    """(name, value, change) rows: ``after`` in order, then what ``before`` had and lost."""
    old = dict(before or ())
    new = dict(after or ())
    rows = [(k, v, Change.NONE if old.get(k) == v else
             Change.CHANGED if k in old else Change.ADDED) for k, v in (after or ())]
    rows += [(k, v, Change.REMOVED) for k, v in (before or ()) if k not in new]
    return rows


def previous_context(snapshot: WsgiSnapshot) -> ContextState | None:
    """The state the step's event started from (None when it is the first, or the step is
    about socket bytes rather than an event)."""
    if snapshot.wire_index is not None or not snapshot.event_index:
        return None
    return snapshot.chain.events[snapshot.event_index - 1].context


def _muted(text: str, dark: bool) -> str:
    """A note beside a value: the body size, in the muted ink (``text`` is plain)."""
    return f"<span style='color:{palette.MUTED_INK.pick(dark).name()}'>{escape(text)}</span>"


def _pairs_table(rows: list[tuple[str, str, Change]], dark: bool, empty: str) -> str:
    if not rows:
        return f"<p style='margin:2px 0 8px 0'><i>{escape(empty)}</i></p>"
    out = []
    for name, value, change in rows:
        fill = palette.CHANGE_FILL.get(change)
        bg = f" bgcolor='{fill.pick(dark).name()}'" if fill else ""
        strike = ("<s>", "</s>") if change is Change.REMOVED else ("", "")
        note = {Change.ADDED: QCoreApplication.translate("ContextsPanel", "set at this step"),
                Change.CHANGED: QCoreApplication.translate("ContextsPanel",
                                                           "changed at this step"),
                Change.REMOVED: QCoreApplication.translate("ContextsPanel",
                                                           "removed at this step"),
                }.get(change, "")
        out.append(f"<tr{bg}><td><code>{strike[0]}{escape(name)}{strike[1]}</code></td>"
                   f"<td><code>{strike[0]}{escape(value)}{strike[1]}</code></td>"
                   f"<td>{_muted(note, dark)}</td></tr>")
    return ("<table cellspacing='0' cellpadding='3' border='0'>"
            + "".join(out) + "</table>")


def _slot_html(label: str, values: tuple[str, ...], popped: str | None, pushed: bool,
               storage: ContextStorage, dark: bool) -> str:
    """One storage slot: a stack (top first) or a context variable's current value."""
    added = palette.CHANGE_FILL[Change.ADDED].pick(dark).name()
    removed = palette.CHANGE_FILL[Change.REMOVED].pick(dark).name()
    plain = palette.REQUEST_FILL.pick(dark).name()
    muted = palette.MUTED_INK.pick(dark).name()
    rows = []
    stack = storage is ContextStorage.LOCAL_STACK
    if popped is not None:
        gone = (QCoreApplication.translate("ContextsPanel", "— popped at this step") if stack
                else QCoreApplication.translate("ContextsPanel",
                                                "— reset: no longer set at this step"))
        rows.append(f"<tr><td bgcolor='{removed}' style='padding:4px'><s>{escape(popped)}</s> "
                    f"{_muted(gone, dark)}</td></tr>")
    for i, value in enumerate(reversed(values)):
        top = i == 0
        fill = added if top and pushed else plain
        if not top:
            where = QCoreApplication.translate("ContextsPanel", "below (an outer context)")
        elif stack:
            where = QCoreApplication.translate("ContextsPanel", "top")
        else:
            where = QCoreApplication.translate("ContextsPanel", "current value")
        if top and pushed:
            where = (QCoreApplication.translate("ContextsPanel", "{where} — pushed at this step")
                     if stack else
                     QCoreApplication.translate("ContextsPanel", "{where} — set at this step")
                     ).format(where=where)
        rows.append(f"<tr><td bgcolor='{fill}' style='padding:4px'><b>{escape(value)}</b> "
                    f"{_muted(f'({where})', dark)}</td></tr>")
    if not values:
        nothing = (QCoreApplication.translate("ContextsPanel", "empty") if stack
                   else QCoreApplication.translate(
                       "ContextsPanel",
                       "not set (a proxy used now raises “Working outside of … context”)"))
        rows.append(f"<tr><td style='padding:4px; color:{muted}'><i>{escape(nothing)}</i>"
                    "</td></tr>")
    return (f"<p style='margin:0 0 3px 0'><code><b>{escape(label)}</b></code></p>"
            "<table cellspacing='0' cellpadding='0' border='1' width='100%' "
            f"style='border-color:{muted}'>{''.join(rows)}</table>")


def contexts_html(snapshot: WsgiSnapshot | None, dark: bool) -> str:
    title = QCoreApplication.translate("ContextsPanel", "Flask's contexts")
    if snapshot is None:
        none = QCoreApplication.translate(
            "ContextsPanel", "No request is inside Flask at this step: no app or request "
            "context exists yet (or any more).")
        return f"<p><b>{escape(title)}</b></p><p><i>{escape(none)}</i></p>"
    chain = snapshot.chain
    state = snapshot.context
    before = previous_context(snapshot)
    changes = snapshot.changes
    muted = palette.MUTED_INK.pick(dark).name()
    stacks = state.storage is ContextStorage.LOCAL_STACK
    if stacks:
        intro = QCoreApplication.translate(
            "ContextsPanel", "Flask {version} keeps the active contexts on two <b>stacks</b> "
            "(Werkzeug <code>LocalStack</code>, one per thread): <code>ctx.push()</code> "
            "pushes, <code>ctx.pop()</code> pops.")
        names = ("_app_ctx_stack", "_request_ctx_stack")
    else:
        intro = QCoreApplication.translate(
            "ContextsPanel", "Flask {version} keeps the active contexts in two <b>context "
            "variables</b> (<code>contextvars.ContextVar</code>): <code>ctx.push()</code> "
            "<i>sets</i> them and keeps a token, <code>ctx.pop()</code> <i>resets</i> them with "
            "it.")
        names = ("_cv_app", "_cv_request")
    intro = intro.format(version=escape(chain.flask_version))
    parts = [f"<p style='margin:0 0 6px 0'><b>{escape(title)}</b> — {intro}</p>"]
    if changes:
        items = []
        for change in changes:
            grow = change.op in (ContextOp.PUSH, ContextOp.SET)
            shade = palette.CHANGE_FILL[Change.ADDED if grow else Change.REMOVED]
            items.append(f"<td bgcolor='{shade.pick(dark).name()}' style='padding:4px'>"
                         f"<b><code>{escape(change.label)}</code></b></td>")
        at_step = QCoreApplication.translate("ContextsPanel", "At this step:")
        parts.append(f"<table cellspacing='4'><tr><td><b>{escape(at_step)}</b></td>"
                     + "".join(items) + "</tr></table>")
    else:
        quiet = QCoreApplication.translate("ContextsPanel",
                                           "No context is pushed or popped at this step.")
        parts.append(f"<p style='margin:0; color:{muted}'>{escape(quiet)}</p>")
    old_apps = before.app_contexts if before is not None else state.app_contexts
    old_reqs = before.request_contexts if before is not None else state.request_contexts
    slots = []
    proxies_of = QCoreApplication.translate("ContextsPanel", "proxies: {names}")
    for name, now, old, proxies in (
            (names[0], state.app_contexts, old_apps, "current_app, g"),
            (names[1], state.request_contexts, old_reqs, "request, session")):
        popped = old[-1] if len(old) > len(now) else None
        pushed = len(now) > len(old) or (bool(now) and bool(old) and now[-1] != old[-1])
        slot = _slot_html(name, now, popped, pushed, state.storage, dark)
        slots.append(f"<td width='50%' valign='top'>{slot}"
                     f"<p style='margin:2px 0; color:{muted}'>"
                     f"{escape(proxies_of.format(names=proxies))}</p></td>")
    parts.append("<table width='100%' cellspacing='6'><tr>" + "".join(slots) + "</tr></table>")
    g_rows = diff_pairs(before.g if before is not None else None, state.g)
    scratch = QCoreApplication.translate(
        "ContextsPanel", "— the app context's scratch space for one request (before_request "
        "hooks put a database handle here)")
    parts.append(titled_note_html("<code>g</code>", scratch, dark, margin="6px 0 2px 0"))
    parts.append(_pairs_table(g_rows, dark, QCoreApplication.translate("ContextsPanel",
                                                                       "empty")))
    parts.append(_session_html(state, before, dark))
    return "".join(parts)


def _session_html(state: ContextState, before: ContextState | None, dark: bool) -> str:
    opened = QCoreApplication.translate(
        "ContextsPanel", "— opened from the request's cookie when the request context is "
        "pushed, saved into Set-Cookie by process_response")
    head = titled_note_html("<code>session</code>", opened, dark, margin="6px 0 2px 0")
    if state.session is None:
        gone = before is not None and before.session is not None
        text = (QCoreApplication.translate("ContextsPanel",
                                           "closed at this step: the request context is gone")
                if gone else QCoreApplication.translate(
                    "ContextsPanel",
                    "not opened (no request context, or open_session has not run yet)"))
        return head + f"<p style='margin:2px 0'><i>{escape(text)}</i></p>"
    saved = QCoreApplication.translate("ContextsPanel",
                                       "modified — it will be saved into a Set-Cookie header")
    modified = (f" <b style='color:{palette.WARNING_INK.pick(dark).name()}'>"
                f"{escape(saved)}</b>") if state.session_modified else ""
    rows = diff_pairs(before.session if before is not None else None, state.session)
    return (head + _pairs_table(rows, dark, QCoreApplication.translate(
        "ContextsPanel", "empty (no data yet)"))
            + (f"<p style='margin:2px 0'>{modified}</p>" if modified else ""))


class ContextsPanel(CursorPanel[WsgiSnapshot]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        column_layout(self, self.browser, margin=4)
        self._html = ""
        self.show_snapshot(None)

    def snapshot_at(self, step: Step) -> WsgiSnapshot | None:
        return step.wsgi

    def redraw(self) -> None:
        html = contexts_html(self.snapshot, palette.is_dark(self.palette()))
        if html != self._html:  # most steps change nothing here: skip the re-layout
            self._html = html
            self.browser.setHtml(html)

    def text(self) -> str:
        return self.browser.toPlainText()
