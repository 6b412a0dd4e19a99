"""Flask session cookies: decoded and verified exactly as a real Flask app makes and checks them."""

from __future__ import annotations

import base64
import datetime
import json
import zlib

import flask
import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.models.http.flask_session import decode_flask_session, sign_flask_session
from simulator.models.limits import SESSION_PAYLOAD

SECRET = "learner-typed-secret"


def _real_flask_cookie(session_data: dict[str, object], secret: str = SECRET) -> str:
    """The session cookie a real Flask app sets (its test client drives the real WSGI app)."""
    app = flask.Flask("session_test")
    app.secret_key = secret

    @app.route("/login")
    def login() -> str:
        flask.session.update(session_data)
        return "ok"

    client = app.test_client()
    client.get("/login")
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def _flask_reads(cookie_value: str, secret: str = SECRET,
                 fallbacks: list[str] | None = None) -> dict[str, object]:
    """What the real Flask app (with these SECRET_KEY_FALLBACKS, Flask 3.1) finds in
    ``session`` when the browser sends this cookie."""
    app = flask.Flask("session_reader")
    app.secret_key = secret
    app.config["SECRET_KEY_FALLBACKS"] = fallbacks or []
    # Flask measures the cookie's age with the real clock; make the lifetime long enough that
    # the fixed timestamps used here never count as expired.
    app.permanent_session_lifetime = datetime.timedelta(days=365 * 200)

    @app.route("/whoami")
    def whoami() -> dict[str, object]:
        return dict(flask.session)

    client = app.test_client()
    client.set_cookie("session", cookie_value)
    data = client.get("/whoami").get_json()
    assert isinstance(data, dict)
    return data


def test_cookie_from_a_real_flask_app_decodes_and_verifies() -> None:
    cookie = _real_flask_cookie({"user": "alice", "visits": 3})
    view = decode_flask_session(cookie, SECRET)
    assert view.verified is True
    assert json.loads(view.payload) == {"user": "alice", "visits": 3}
    assert view.compressed is False
    assert view.timestamp is not None and view.timestamp > 0
    assert cookie.endswith("." + view.signature)
    assert "verified" in view.reason


def test_without_a_key_the_payload_is_readable_but_unchecked() -> None:
    cookie = _real_flask_cookie({"user": "alice"})
    view = decode_flask_session(cookie)
    assert view.verified is None
    assert json.loads(view.payload) == {"user": "alice"}
    assert view.timestamp is not None
    assert "no secret key" in view.reason


def test_tampered_payload_fails_the_signature_check_and_flask_agrees() -> None:
    cookie = _real_flask_cookie({"user": "alice", "role": "user"})
    genuine = decode_flask_session(cookie)
    forged_payload = sign_flask_session({"user": "alice", "role": "admin"}, "attacker-guess", 0)
    # Keep the genuine timestamp and signature, swap in the attacker's payload.
    tampered = forged_payload.split(".")[0] + cookie[cookie.index(".") :]
    view = decode_flask_session(tampered, SECRET)
    assert view.verified is False
    assert "bad signature" in view.reason
    assert json.loads(view.payload)["role"] == "admin"  # readable, just not trusted
    assert view.signature == genuine.signature
    assert _flask_reads(tampered) == {}  # Flask starts an empty session, as the lesson says


def test_wrong_secret_key_fails_with_reason() -> None:
    cookie = _real_flask_cookie({"user": "alice"})
    view = decode_flask_session(cookie, "not-the-secret")
    assert view.verified is False
    assert "bad signature" in view.reason


def test_large_payload_is_compressed_and_still_decodes_and_verifies() -> None:
    data = {"cart": ["apple"] * 100}
    cookie = _real_flask_cookie(data)
    assert cookie.startswith(".")  # itsdangerous compressed it (zlib), marked by a leading dot
    view = decode_flask_session(cookie, SECRET)
    assert view.compressed is True
    assert view.verified is True
    assert json.loads(view.payload) == data


def test_signed_cookie_is_accepted_by_a_real_flask_app() -> None:
    cookie = sign_flask_session({"user": "bob"}, SECRET, timestamp=1_700_000_000)
    assert _flask_reads(cookie) == {"user": "bob"}
    view = decode_flask_session(cookie, SECRET)
    assert view.verified is True
    assert view.timestamp == 1_700_000_000


def test_flask_tagged_values_survive_in_the_payload_text() -> None:
    cookie = _real_flask_cookie({"pair": (1, 2)})
    view = decode_flask_session(cookie, SECRET)
    assert view.verified is True
    assert json.loads(view.payload) == {"pair": {" t": [1, 2]}}  # Flask's tag for a tuple


@pytest.mark.parametrize(
    ("now", "max_age", "verified", "reason"),
    [
        (1_000 + 3_600, 3_600, True, "verified"),
        (1_000 + 3_601, 3_600, False, "expired"),
        (999, 3_600, False, "expired"),  # signed in the future: itsdangerous refuses it too
        (10**9, None, True, "verified"),  # no max_age: no expiry check
    ],
)
def test_expiry_is_measured_in_virtual_time(
    now: float, max_age: float | None, verified: bool, reason: str
) -> None:
    cookie = sign_flask_session({"user": "alice"}, SECRET, timestamp=1_000)
    view = decode_flask_session(cookie, SECRET, now=now, max_age=max_age)
    assert view.verified is verified
    assert reason in view.reason


@pytest.mark.parametrize(
    "value",
    [
        "",
        "abc",
        "a.b",
        "a.b.c.d",
        "xyz.!!!.sig",
        "bm90IGpzb24.AAAD6A.sig",  # base64 of 'not json'
        "WzEsMl0.AAAD6A.sig",  # base64 of '[1,2]': JSON, but not a session object
        ".bm90IHpsaWI.AAAD6A.sig",  # leading dot but not zlib
        "e30.AAAD6A.",  # empty signature
    ],
)
def test_values_that_are_not_flask_session_cookies_are_marked(value: str) -> None:
    view = decode_flask_session(value, SECRET)
    assert view.verified is False
    assert view.reason.startswith("not a Flask session cookie")


def test_max_age_without_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="now"):
        decode_flask_session("e30.AAAD6A.sig", SECRET, max_age=10)


@given(st.text(max_size=80))
def test_decoding_never_raises(value: str) -> None:
    view = decode_flask_session(value, SECRET)
    assert view.verified in (True, False)
    assert view.reason


@given(
    st.dictionaries(st.text(max_size=8), st.integers() | st.text(max_size=20), max_size=5),
    st.integers(min_value=0, max_value=2**31),
)
def test_sign_then_decode_round_trips(payload: dict[str, object], timestamp: int) -> None:
    cookie = sign_flask_session(payload, SECRET, timestamp)
    view = decode_flask_session(cookie, SECRET, now=timestamp, max_age=0)
    assert view.verified is True
    assert json.loads(view.payload) == payload
    assert view.timestamp == timestamp


def test_an_expired_cookie_says_its_age_as_itsdangerous_counts_it() -> None:
    """Whole seconds (itsdangerous compares int(now) - int(signed)), written out in full: 31
    days is 2678400 s, not 2.6784e+06."""
    cookie = sign_flask_session({"user": "alice"}, SECRET, timestamp=1_000)
    month = 31 * 24 * 3600
    late = decode_flask_session(cookie, SECRET, now=1_000 + month + 1.7, max_age=month)
    assert late.reason == f"expired: signed {month + 1} s ago, more than max_age = {month} s"
    early = decode_flask_session(cookie, SECRET, now=998.5, max_age=month)
    assert early.reason == "expired: signed 2 s in the future"


# ----------------------------------------------------------------------------- key rotation


@pytest.mark.parametrize(("signed_with", "fallbacks", "matched"), [
    ("current", ["older", "oldest"], 0),
    ("older", ["older", "oldest"], 1),
    ("oldest", ["older", "oldest"], 2),
    ("stolen", ["older", "oldest"], None),
    ("older", [], None),
])
def test_a_session_signed_with_a_fallback_key_verifies_exactly_when_flask_accepts_it(
        signed_with: str, fallbacks: list[str], matched: int | None) -> None:
    """Flask 3.1's SECRET_KEY_FALLBACKS: the real app is the judge, and the view says which
    key matched."""
    cookie = _real_flask_cookie({"user": "alice"}, secret=signed_with)
    flask_accepts = _flask_reads(cookie, "current", fallbacks) == {
        "user": "alice"}
    view = decode_flask_session(cookie, ("current", *fallbacks))
    assert view.verified is flask_accepts is (matched is not None)
    if matched == 0:
        assert view.reason.startswith("signature verified with the secret key")
    elif matched is not None:
        assert view.reason.startswith(
            f"signature verified with fallback key {matched} of SECRET_KEY_FALLBACKS")
    else:
        assert view.reason.startswith("bad signature")


def test_with_keys_flask_signs_with_the_first_and_an_empty_list_checks_nothing() -> None:
    cookie = sign_flask_session({"user": "bob"}, ("current", "older"), 1_700_000_000)
    assert decode_flask_session(cookie, "current").verified is True
    assert decode_flask_session(cookie, "older").verified is False
    assert decode_flask_session(cookie, ()).verified is None


def test_an_expired_session_is_expired_whichever_key_signed_it() -> None:
    cookie = sign_flask_session({"user": "bob"}, "older", 1_700_000_000)
    view = decode_flask_session(cookie, ("current", "older"), now=1_700_000_000 + 100,
                                max_age=10)
    assert view.verified is False and view.reason == (
        "expired: signed 100 s ago, more than max_age = 10 s")


# ----------------------------------------------------------------------------- a bomb


def test_a_compressed_session_that_inflates_past_the_limit_is_not_decoded() -> None:
    """The issue's bomb: a session cookie of about 1 MB that inflates to hundreds of MB.
    Only the limit's worth is inflated; the view says why; nothing raises."""
    bomb = zlib.compress(b'{"a":"' + b"x" * (200 * SESSION_PAYLOAD) + b'"}', 9)
    payload = base64.urlsafe_b64encode(bomb).rstrip(b"=").decode()
    cookie = f".{payload}.ZZZZZZ.c2lnbmF0dXJl"
    view = decode_flask_session(cookie, SECRET)
    assert view.verified is None and view.payload == "" and view.compressed
    assert view.reason == (f"the payload is too large to decode: its {len(payload)} compressed "
                           "bytes expand past the 1 MiB limit")
    # just under the limit is decoded as before (a real Flask app's own compressed cookie)
    big = _real_flask_cookie({"notes": "y" * (SESSION_PAYLOAD // 2)})
    assert big.startswith(".") and decode_flask_session(big, SECRET).verified is True
