"""The WSGI ``environ``, key by key: what each variable means and which rule defines it.

Theory of operation
-------------------
PEP 3333 makes the server pass the application one dict, ``environ``, holding

* the CGI meta-variables of RFC 3875 §4.1 that describe the request (REQUEST_METHOD,
  SCRIPT_NAME, PATH_INFO, QUERY_STRING, CONTENT_TYPE, CONTENT_LENGTH, SERVER_NAME,
  SERVER_PORT, SERVER_PROTOCOL) — WSGI inherited them from CGI, where they were environment
  variables of a fresh process;
* one ``HTTP_*`` variable per request header (RFC 3875 §4.1.18: upper case, ``-`` → ``_``,
  prefixed ``HTTP_``; Content-Type and Content-Length keep their CGI names);
* PEP 3333's own ``wsgi.*`` keys (version, url_scheme, input, errors, multithread,
  multiprocess, run_once);
* whatever the server adds (``werkzeug.*``, REQUEST_URI, REMOTE_PORT...).

``explain_environ`` turns (key, value) pairs, as a server built them, into ``EnvironEntry``
rows with category, "required by PEP 3333" and an explanation; unknown keys are still shown,
marked as server extensions. Order: CGI variables in PEP 3333's order, headers, wsgi.*, the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from simulator.models.wsgi.call_chain import EnvironCategory, EnvironEntry

C = EnvironCategory
PEP = "PEP 3333: environ Variables"

# key: (category, required by PEP 3333, explanation, reference)
KNOWN_KEYS: dict[str, tuple[EnvironCategory, bool, str, str]] = {
    "REQUEST_METHOD": (C.CGI, True, "The request's method: GET, POST, ...",
                       "RFC 3875 §4.1.12; " + PEP),
    "SCRIPT_NAME": (C.CGI, True, "The part of the URL path that leads to the application "
                    "(empty when the app is mounted at the root).", "RFC 3875 §4.1.13; " + PEP),
    "PATH_INFO": (C.CGI, True, "The rest of the path, inside the application: what the app "
                  "routes on. Percent-decoded, as latin-1 text.", "RFC 3875 §4.1.5; " + PEP),
    "QUERY_STRING": (C.CGI, True, "What follows '?' in the target, still encoded (may be "
                     "empty).", "RFC 3875 §4.1.7; " + PEP),
    "CONTENT_TYPE": (C.CGI, False, "The request body's Content-Type header (may be absent).",
                     "RFC 3875 §4.1.3; " + PEP),
    "CONTENT_LENGTH": (C.CGI, False, "The request body's length in bytes (may be absent); the "
                       "app reads that much from wsgi.input.", "RFC 3875 §4.1.2; " + PEP),
    "SERVER_NAME": (C.CGI, True, "The server's host name or address; with SERVER_PORT it "
                    "rebuilds the URL when there is no Host header.", "RFC 3875 §4.1.14; " + PEP),
    "SERVER_PORT": (C.CGI, True, "The port the request arrived on, as a string.",
                    "RFC 3875 §4.1.15; " + PEP),
    "SERVER_PROTOCOL": (C.CGI, True, "The HTTP version the client used: 'HTTP/1.1'.",
                        "RFC 3875 §4.1.16; " + PEP),
    "SERVER_SOFTWARE": (C.CGI, False, "The server's name and version (also sent as the Server "
                        "header).", "RFC 3875 §4.1.17"),
    "REMOTE_ADDR": (C.CGI, False, "The client's IP address, from the TCP connection.",
                    "RFC 3875 §4.1.8"),
    "REMOTE_HOST": (C.CGI, False, "The client's host name, if the server looked it up.",
                    "RFC 3875 §4.1.9"),
    "GATEWAY_INTERFACE": (C.CGI, False, "The CGI version ('CGI/1.1'); CGI gateways set it.",
                          "RFC 3875 §4.1.4"),
    "REMOTE_PORT": (C.SERVER, False, "The client's TCP port (not in RFC 3875; most servers "
                    "add it).", "server extension"),
    "REQUEST_URI": (C.SERVER, False, "The request target exactly as sent, undecoded "
                    "(mod_wsgi and uWSGI add it; Werkzeug too).", "server extension"),
    "RAW_URI": (C.SERVER, False, "The request target exactly as sent (gunicorn's name; "
                "Werkzeug adds it too).", "server extension"),
    "wsgi.version": (C.WSGI, True, "The WSGI version, the tuple (1, 0).", PEP),
    "wsgi.url_scheme": (C.WSGI, True, "'http' or 'https': the scheme the URL was requested "
                        "with.", PEP),
    "wsgi.input": (C.WSGI, True, "A file-like object to read the request body from (a "
                   "buffered reader on the socket here).", PEP + "; PEP 3333: Input and Error "
                   "Streams"),
    "wsgi.errors": (C.WSGI, True, "A text stream for error output; Flask's logger writes "
                    "tracebacks to it. Werkzeug passes sys.stderr; the live trace swaps in a "
                    "buffer to keep that output with the trace.", PEP),
    "wsgi.multithread": (C.WSGI, True, "True if other threads may call the app at the same "
                         "time (Werkzeug's threaded server).", PEP),
    "wsgi.multiprocess": (C.WSGI, True, "True if other processes may run the app at the same "
                          "time.", PEP),
    "wsgi.run_once": (C.WSGI, True, "True if the process handles one request and exits — the "
                      "case for CGI.", PEP),
    "wsgi.input_terminated": (C.WSGI, False, "The body is chunked: read wsgi.input until it "
                              "returns nothing, ignoring CONTENT_LENGTH.",
                              "Werkzeug / mod_wsgi extension"),
    "wsgi.file_wrapper": (C.WSGI, False, "A server's fast path for sending files.",
                          "PEP 3333: Optional Platform-Specific File Handling"),
    "werkzeug.socket": (C.SERVER, False, "The connection's socket object, for upgrades such as "
                        "WebSocket.", "Werkzeug extension"),
    "werkzeug.request": (C.SERVER, False, "The Request object Flask made for this environ "
                         "(added by Werkzeug's Request, not by the server).",
                         "Werkzeug extension"),
    "werkzeug.debug.preserve_context": (C.SERVER, False, "The debugger's hook to keep the "
                                        "contexts after an error.", "Werkzeug extension"),
    "SSL_CLIENT_CERT": (C.SERVER, False, "The client's TLS certificate (PEM), when there is "
                        "one.", "server extension"),
}

_HEADER_NOTES: dict[str, str] = {
    "HTTP_HOST": "the Host header: which site the client asked for (RFC 9110 §7.2)",
    "HTTP_COOKIE": "the Cookie header: the cookies the client sends back (RFC 6265 §5.4)",
    "HTTP_USER_AGENT": "the User-Agent header: the client software (RFC 9110 §10.1.5)",
    "HTTP_ACCEPT_ENCODING": "the Accept-Encoding header: codings the client accepts "
                            "(RFC 9110 §12.5.3)",
    "HTTP_ACCEPT": "the Accept header: media types the client prefers (RFC 9110 §12.5.1)",
    "HTTP_CONNECTION": "the Connection header (RFC 9110 §7.6.1)",
}


def header_name(key: str) -> str:
    """'HTTP_USER_AGENT' → 'User-Agent' (the usual spelling; CGI loses the original case)."""
    return "-".join(part.capitalize() for part in key[5:].split("_"))


def explain_key(key: str, value: str) -> EnvironEntry:
    known = KNOWN_KEYS.get(key)
    if known is not None:
        category, required, text, ref = known
        return EnvironEntry(key, value, category, required, text, ref)
    if key.startswith("HTTP_"):
        note = _HEADER_NOTES.get(key, f"the {header_name(key)} request header")
        return EnvironEntry(key, value, C.HTTP, False,
                            f"One variable per request header: {note}. CGI spells it in upper "
                            "case with '-' → '_' and the prefix HTTP_.",
                            "RFC 3875 §4.1.18; " + PEP)
    if key.startswith("wsgi."):
        return EnvironEntry(key, value, C.WSGI, False, "A wsgi.* extension key.", PEP)
    return EnvironEntry(key, value, C.SERVER, False,
                        "Added by the server or middleware; not defined by PEP 3333.",
                        "server extension")


_CGI_ORDER = list(KNOWN_KEYS)


def _order(entry: EnvironEntry) -> tuple[int, int, str]:
    rank = {C.CGI: 0, C.HTTP: 1, C.WSGI: 2, C.SERVER: 3}[entry.category]
    position = _CGI_ORDER.index(entry.key) if entry.key in KNOWN_KEYS else len(_CGI_ORDER)
    return rank, position, entry.key


def explain_environ(pairs: Iterable[tuple[str, str]], *,
                    types: Mapping[str, str] | None = None,
                    problems: Mapping[str, str] | None = None) -> tuple[EnvironEntry, ...]:
    """Rows for (key, value-as-text) pairs; ``types`` gives each value's Python type name and
    ``problems`` what a validator (wsgiref.validate) said about a key."""
    types = types or {}
    problems = problems or {}
    rows = (replace(explain_key(k, v), python_type=types.get(k, "str"), problem=problems.get(k))
            for k, v in pairs)
    return tuple(sorted(rows, key=_order))


def missing_required(entries: Iterable[EnvironEntry]) -> tuple[str, ...]:
    """PEP 3333 keys a server must always provide that are absent."""
    present = {e.key for e in entries}
    return tuple(k for k, (_, required, _, _) in KNOWN_KEYS.items()
                 if required and k not in present)
