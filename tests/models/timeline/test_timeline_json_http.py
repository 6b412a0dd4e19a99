"""--export-json of an HTTP lesson carries the HTTP layer; TCP lessons keep their keys only."""

from __future__ import annotations

import json

from simulator.models.simulation.scenarios import build
from simulator.models.timeline.json_form import timeline_json


def _step_with_request(doc, target):
    return next(s for s in doc["steps"] if s.get("http") and s["http"]["message"]
                and s["http"]["message"]["start_line"].split()[1:2] == [target]
                and s["layer"] == "http")


def test_login_export_shows_the_profile_request_carrying_the_session_cookie():
    doc = json.loads(json.dumps(timeline_json(build("login"))))  # really JSON-serialisable
    step = _step_with_request(doc, "/profile")
    headers = dict(step["http"]["message"]["headers"])
    sid = next(c for c in step["http"]["jar"] if c["name"] == "sid")
    assert headers["Cookie"] == f"sid={sid['value']}"
    decision = next(d for d in step["http"]["decisions"] if d["name"] == "sid")
    assert decision["sent"] and "path-matches /profile" in decision["rule"]
    assert any(s["session_id"] == sid["value"] for s in step["http"]["sessions"])


def test_logout_export_shows_the_cookie_removed():
    doc = timeline_json(build("login"))
    removed = [c for s in doc["steps"] if s.get("http") for c in s["http"]["jar"]
               if c["name"] == "sid" and c["change"] == "removed"]
    assert removed


def test_tcp_lessons_have_no_http_keys():
    doc = timeline_json(build("handshake-teardown"))
    assert all("http" not in s and "layer" not in s for s in doc["steps"])
