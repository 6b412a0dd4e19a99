"""Flask's signed cookie session, taken apart and checked with Flask's own serializer.

Theory of operation
-------------------
Flask's default session (``flask.sessions.SecureCookieSessionInterface``) keeps the whole
session *in* the ``session`` cookie. The cookie value is an itsdangerous
``URLSafeTimedSerializer`` token::

    payload "." timestamp "." signature
    └ base64url(JSON)      └ base64url(int seconds since the epoch)
      or "." base64url(zlib(JSON)) when compressing made it shorter (a leading '.')

The JSON is Flask's *tagged* JSON (``flask.sessions.session_json_serializer``, which keeps
tuples, bytes, datetimes ... apart from plain lists and strings). The signature is an HMAC
(``key_derivation="hmac"``, ``digest_method=sha1``) over ``payload.timestamp`` with a key
derived from ``SECRET_KEY`` and the salt ``"cookie-session"``. So anyone can *read* a session
cookie (it is only base64), but nobody without the secret key can *forge* one: change one
character and the signature no longer matches, and Flask silently starts an empty session.
Flask 3.1 verifies with several keys: ``SECRET_KEY`` (which signs) and the older keys of
``SECRET_KEY_FALLBACKS`` (accepted while the app rotates its key); so does this module when
it is given a sequence of keys, and it says which one matched.
Flask also refuses cookies older than ``PERMANENT_SESSION_LIFETIME`` (31 days by default),
which is itsdangerous's ``max_age`` check on the signed timestamp.

Nothing here re-implements that format: the salt, digest and key derivation are read from
``SecureCookieSessionInterface`` and the token is made and checked by itsdangerous. The only
change is the clock: itsdangerous's ``TimestampSigner.get_timestamp`` reads ``time.time()``,
and models read no clock, so ``_VirtualClockSigner`` returns the virtual time it was given --
the signing time for :func:`sign_flask_session`, "now" for the expiry check in
:func:`decode_flask_session`.

References: Flask docs "Sessions" and ``flask/sessions.py``; itsdangerous "Signing Interface",
"Serialization Interface" (URL safe serialization, timestamp signing); RFC 2104 (HMAC);
RFC 4648 §5 (base64url).
"""

from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from itsdangerous import (
    BadPayload,
    BadSignature,
    SignatureExpired,
    TimestampSigner,
    URLSafeTimedSerializer,
)
from itsdangerous.encoding import base64_decode, bytes_to_int

from simulator.models.http.snapshot import FlaskSessionView
from simulator.models.limits import PAYLOAD_TOO_LARGE, SESSION_PAYLOAD, size_text

if TYPE_CHECKING:
    from flask.json.tag import TaggedJSONSerializer
    from flask.sessions import SecureCookieSessionInterface

__all__ = ["FLASK_SESSION_COOKIE_NAME", "SecretKeys", "decode_flask_session", "secret_keys",
           "session_serializer", "sign_flask_session"]

#: Flask's ``SECRET_KEY``, or the keys a session is verified with: ``SECRET_KEY`` first,
#: then the entries of ``SECRET_KEY_FALLBACKS``.
SecretKeys = str | bytes | Sequence[str | bytes]

#: Flask's default ``SESSION_COOKIE_NAME``.
FLASK_SESSION_COOKIE_NAME = "session"


@functools.cache
def _flask() -> tuple[SecureCookieSessionInterface, TaggedJSONSerializer]:
    """Flask's session interface and its tagged-JSON serializer, imported the first time a
    session is signed or read: importing Flask takes ~0.13 s, which commands that meet no
    session (listing the lessons, a TCP export) should not pay."""
    from flask.sessions import SecureCookieSessionInterface, session_json_serializer

    return SecureCookieSessionInterface(), session_json_serializer


def session_serializer() -> TaggedJSONSerializer:
    """Flask's tagged-JSON serializer of session payloads (``session_json_serializer``)."""
    return _flask()[1]


class _VirtualClockSigner(TimestampSigner):
    """itsdangerous's timestamp signer, reading virtual time instead of ``time.time()``."""

    def __init__(self, *args: Any, virtual_time: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._virtual_time = virtual_time

    def get_timestamp(self) -> int:
        if self._virtual_time is None:
            # Only reached when a caller asks for an expiry check without saying when "now" is.
            raise ValueError("a virtual time is needed to sign or to check max_age")
        return int(self._virtual_time)


class _RawJsonText:
    """A pass-through "serializer" so itsdangerous hands back the JSON text it decoded.

    itsdangerous decides how to decode (base64, optional zlib); this keeps the text as the
    cookie carried it, for display, while Flask's serializer still parses it to check it.
    """

    @staticmethod
    def loads(text: str) -> str:
        return text

    @staticmethod
    def dumps(obj: Any) -> str:  # itsdangerous probes dumps({}) to see that this is text
        return json.dumps(obj)


def _serializer(
    secret_key: str | bytes, virtual_time: float | None, data_serializer: Any = None
) -> URLSafeTimedSerializer:
    """The serializer Flask's ``get_signing_serializer`` builds, with a virtual clock."""
    interface, tagged_json = _flask()
    return URLSafeTimedSerializer(
        secret_key,
        salt=interface.salt,
        serializer=data_serializer or tagged_json,
        signer=_VirtualClockSigner,
        signer_kwargs={
            "key_derivation": interface.key_derivation,
            "digest_method": interface.digest_method,
            "virtual_time": virtual_time,
        },
    )


def secret_keys(secret_key: SecretKeys | None) -> tuple[str | bytes, ...]:
    """The keys to verify with, ``SECRET_KEY`` first (none for None or an empty list)."""
    if secret_key is None:
        return ()
    if isinstance(secret_key, (str, bytes)):
        return (secret_key,)
    return tuple(secret_key)


def sign_flask_session(
    payload: Mapping[str, object], secret_key: SecretKeys, timestamp: float
) -> str:
    """The ``session`` cookie value Flask would set for ``payload`` signed at ``timestamp``
    (with ``SECRET_KEY``, the first key: Flask never signs with a fallback)."""
    return _serializer(secret_keys(secret_key)[0], timestamp).dumps(dict(payload))


def _not_flask(cookie_value: str, why: str) -> FlaskSessionView:
    return FlaskSessionView(
        cookie_value=cookie_value,
        payload="",
        compressed=False,
        timestamp=None,
        signature="",
        verified=False,
        reason=f"not a Flask session cookie: {why}",
    )


def _inflates_past_limit(encoded: bytes) -> bool:
    """Whether a compressed payload inflates past ``limits.SESSION_PAYLOAD``: at most that
    much is inflated to tell (itsdangerous would inflate all of it: a 1 MB cookie can hold
    700 MB). A payload that does not decode at all is left to itsdangerous to refuse."""
    try:
        inflater = zlib.decompressobj()
        out = inflater.decompress(base64_decode(encoded), SESSION_PAYLOAD + 1)
    except Exception:  # not base64url, not zlib: itsdangerous says which
        return False
    return len(out) > SESSION_PAYLOAD


def decode_flask_session(
    cookie_value: str,
    secret_key: SecretKeys | None = None,
    *,
    now: float | None = None,
    max_age: float | None = None,
) -> FlaskSessionView:
    """Take a Flask ``session`` cookie value apart; verify it when the secret key is known.

    Without ``secret_key`` the payload and timestamp are decoded (anyone can) and
    ``verified`` is None. With it (one key, or ``SECRET_KEY`` then its fallbacks), the
    signature is checked exactly as Flask checks it, and
    when ``max_age`` is given the signed timestamp must also be at most ``max_age`` seconds
    before ``now`` (itsdangerous's expiry rule). Never raises for bad input: a value that is
    not a Flask session cookie comes back with ``verified=False`` and the reason.
    """
    if max_age is not None and now is None:
        raise ValueError("max_age needs now (the virtual time to measure the age at)")
    value = cookie_value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]  # a quoted cookie-value (RFC 6265 §4.1.1) carries the same token
    compressed = value.startswith(".")
    parts = value[1:].split(".") if compressed else value.split(".")
    if len(parts) != 3 or not parts[2]:
        return _not_flask(cookie_value, "expected payload.timestamp.signature")
    _, timestamp_part, signature = parts  # timestamp 0 encodes as "" (itsdangerous int_to_bytes)
    try:
        timestamp = float(bytes_to_int(base64_decode(timestamp_part)))
    except Exception:  # itsdangerous raises binascii/ValueError/TypeError variants
        return _not_flask(cookie_value, "the timestamp is not base64url")
    encoded_payload = value.rsplit(".", 2)[0].encode("ascii", "replace")
    if compressed and _inflates_past_limit(encoded_payload[1:]):
        return FlaskSessionView(
            cookie_value=cookie_value, payload="", compressed=True, timestamp=timestamp,
            signature=signature, verified=None, reason=PAYLOAD_TOO_LARGE.format(
                size=len(encoded_payload) - 1, limit=size_text(SESSION_PAYLOAD)))
    # The key is unused for decoding the payload: itsdangerous only needs it to sign. (Not
    # load_payload(serializer=...): URLSafeSerializerMixin drops that argument.)
    keys = secret_keys(secret_key)
    reader = _serializer(b"", None, _RawJsonText)
    try:
        text: str = reader.load_payload(encoded_payload)
    except BadPayload:
        # The reasons are this module's own words, not itsdangerous's or json's messages:
        # the interface translates them (a library's English would show through in zh_CN).
        return _not_flask(cookie_value, "the payload is not zlib-compressed base64url"
                          if compressed else "the payload is not base64url")
    try:
        loaded = _flask()[1].loads(text)
    except Exception:  # bad JSON, or a tag (" b", " d", ...) whose value does not load
        return _not_flask(cookie_value, "the payload is not Flask's tagged JSON")
    if not isinstance(loaded, dict):
        return _not_flask(cookie_value, "the payload is not a JSON object")

    def view(verified: bool | None, reason: str) -> FlaskSessionView:
        return FlaskSessionView(
            cookie_value=cookie_value,
            payload=text,
            compressed=compressed,
            timestamp=timestamp,
            signature=signature,
            verified=verified,
            reason=reason,
        )

    if not keys:
        return view(None, "no secret key given: the payload is readable, the signature unchecked")
    # One key at a time, SECRET_KEY first: the verdict is Flask's (itsdangerous accepts a
    # signature any of its keys made, and an expired one ends the search), and the learner
    # sees which key matched.
    for number, key in enumerate(keys):
        verifier = _serializer(key, now)
        try:
            verifier.loads(value, max_age=None if max_age is None else int(max_age))
        except SignatureExpired:
            assert now is not None and max_age is not None  # only an expiry check raises this
            age = int(now) - int(timestamp)  # whole seconds, as itsdangerous compares them
            if age < 0:  # itsdangerous refuses a signature dated in the future
                return view(False, f"expired: signed {-age} s in the future")
            return view(False,
                        f"expired: signed {age} s ago, more than max_age = {int(max_age)} s")
        except BadSignature:
            continue
        except BadPayload:
            return view(False, "signature matched but the payload does not load")
        except (OverflowError, OSError, ValueError):  # a signed timestamp datetime cannot hold
            return view(False, "signature matched but the signed timestamp is out of range")
        if number == 0:
            return view(True,
                        "signature verified with the secret key (HMAC-SHA1, salt cookie-session)")
        return view(True, f"signature verified with fallback key {number} of "
                    "SECRET_KEY_FALLBACKS: an older key the app still accepts (HMAC-SHA1, salt "
                    "cookie-session)")
    return view(False, "bad signature: the HMAC does not match the payload and timestamp "
                "(tampered, or another secret key)")
