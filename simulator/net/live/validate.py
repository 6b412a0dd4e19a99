"""Check a live request against PEP 3333 with the standard library's own checker.

Theory of operation
-------------------
``wsgiref.validate`` is the reference checker for both sides of WSGI: ``check_environ`` for
the dict a server builds, and ``validator(app)`` for everything that crosses the interface
(start_response's arguments, the iterable, ``close()``). It stops at the first failed
assertion, so ``environ_problems`` runs it on a copy again and again, making each offending
CGI-style value a ``str`` (what PEP 3333 requires of keys without a dot) until it passes —
listing *every* deviation, key by key, instead of only the first.

Werkzeug's development server has one such deviation (it passes ``REMOTE_PORT`` as an int),
so a request served under ``validator`` would fail before the app runs. ``validated(app)``
therefore puts the validator behind a small adapter that converts exactly those values: the
rest of the exchange is then checked as is, and the deviation is reported by
``environ_problems`` rather than hidden.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from wsgiref import validate as wsgiref_validate
from wsgiref.validate import WSGIWarning, validator

GENERAL = ""  # problems not tied to one key

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _non_str_cgi_keys(environ: Mapping[str, object]) -> list[str]:
    return [k for k, v in environ.items() if "." not in k and type(v) is not str]


def environ_problems(environ: Mapping[str, object]) -> dict[str, str]:
    """What wsgiref.validate.check_environ finds wrong, by key (GENERAL for the rest)."""
    copy = dict(environ)
    problems: dict[str, str] = {}
    for _ in range(len(copy) + 1):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", WSGIWarning)
            try:
                wsgiref_validate.check_environ(copy)  # type: ignore[attr-defined]
            except AssertionError as error:
                message = str(error)
                culprit = next((k for k in _non_str_cgi_keys(copy) if f" {k} " in message),
                               None)
                if culprit is None:
                    problems[GENERAL] = message
                    return problems
                problems[culprit] = (f"not a str but {type(copy[culprit]).__name__}: "
                                     "PEP 3333 wants CGI-style values as native strings "
                                     "(wsgiref.validate)")
                copy[culprit] = str(copy[culprit])
                continue
        for warning in caught:
            problems.setdefault(GENERAL, str(warning.message))
        return problems
    return problems


def validated(app: WsgiApp) -> WsgiApp:
    """``app`` under ``wsgiref.validate.validator``, with non-str CGI values made str first."""
    checked = validator(app)

    def conform(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        for key in _non_str_cgi_keys(environ):
            environ[key] = str(environ[key])
        result: Iterable[bytes] = checked(environ, start_response)
        return result

    return conform
