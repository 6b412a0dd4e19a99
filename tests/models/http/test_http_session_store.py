"""The server-side session store: realistic, unguessable-looking ids that are deterministic."""

from __future__ import annotations

import re

from simulator.models.http.session_store import SessionStore, mark_session_changes
from simulator.models.http.snapshot import Change, SessionEntry


def test_session_ids_look_like_token_urlsafe_and_are_unique() -> None:
    store = SessionStore()
    ids = [store.new_id() for _ in range(200)]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{32}", i) for i in ids)  # 24 bytes, base64url
    assert len(set(ids)) == len(ids)


def test_session_ids_are_deterministic_per_seed() -> None:
    assert [SessionStore().new_id() for _ in range(2)] == [SessionStore().new_id()] * 2
    a, b = SessionStore(), SessionStore()
    assert [a.new_id(), a.new_id()] == [b.new_id(), b.new_id()]
    assert SessionStore("another seed").new_id() != SessionStore().new_id()


def test_create_get_update_delete() -> None:
    store = SessionStore()
    sid = store.create({"user": "alice"})
    assert store.get(sid) == {"user": "alice"}
    store.update(sid, {"cart": "2 items"})
    assert store.entries() == (SessionEntry(sid, (("cart", "2 items"), ("user", "alice"))),)
    assert store.get("forged-id") is None and store.get(None) is None
    assert store.delete(sid) and not store.delete(sid)
    assert store.entries() == ()


def test_changes_are_marked_and_removed_entries_stay_in_place() -> None:
    store = SessionStore()
    a, b = store.create({"user": "alice"}), store.create({"user": "bob"})
    before = store.entries()
    store.delete(a)
    store.update(b, {"user": "bob", "theme": "dark"})
    c = store.create({"user": "carol"})
    marked = mark_session_changes(before, store.entries())
    assert [(e.session_id, e.change) for e in marked] == [
        (a, Change.REMOVED), (b, Change.CHANGED), (c, Change.ADDED)]
