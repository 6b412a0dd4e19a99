"""Write the hostile captures of issue 13: each holds the bytes that once broke ``analyze``.

Run from the project root: ``python -m tests.data.hostile.make_hostile``. The files are
committed, so the tests never depend on this script; it says how each was made. Each is one
TCP connection (``tests.net.http.http_pcap.Flow``, scapy) carrying the offending HTTP.
"""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path

from tests.net.http.http_pcap import Flow

HERE = Path(__file__).resolve().parent
OK_EMPTY = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"


def _bomb_cookie() -> bytes:
    """A Flask-style compressed session (leading '.') whose JSON inflates to 96 MiB."""
    text = b'{"a":"' + b"x" * (96 << 20) + b'"}'
    payload = base64.urlsafe_b64encode(zlib.compress(text, 9)).rstrip(b"=")
    return b"session=." + payload + b".ZZZZZZ.c2lnbmF0dXJlLWJ5LW5vYm9keQ"


#: name -> (what it broke, the exchanges on its one connection)
CAPTURES: dict[str, tuple[str, list[tuple[bytes, bytes]]]] = {
    "host-bracket-unclosed.pcap": (
        "ValueError: Invalid IPv6 URL from urlsplit in the cookie jar",
        [(b"GET / HTTP/1.1\r\nHost: [::1\r\n\r\n",
          b"HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nContent-Length: 0\r\n\r\n"),
         (b"GET /b HTTP/1.1\r\nHost: [2001:db8:\xff::1]\r\nCookie: a=1\r\n\r\n", OK_EMPTY)]),
    "expires-month-ogt.pcap": (
        "ValueError: 'ogt' is not in list, in http.cookiejar.http2time",
        [(b"GET / HTTP/1.1\r\nHost: shop.example\r\n\r\n",
          b"HTTP/1.1 200 OK\r\nSet-Cookie: id=a3fWa; Expires=Wed, 21 Ogt 2015 07:28:00 GMT\r\n"
          b"Content-Length: 0\r\n\r\n"),
         (b"GET /next HTTP/1.1\r\nHost: shop.example\r\nCookie: id=a3fWa\r\n\r\n", OK_EMPTY)]),
    "chunk-size-negative.pcap": (
        "an endless loop: a chunk-size of -5 moved the dechunker backwards (h11 had refused "
        "the head for Transfer-Encoding: gzip, chunked)",
        [(b"GET / HTTP/1.1\r\nHost: h\r\n\r\n",
          b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
          b"5\r\nhello\r\n-5\r\nworld\r\n0\r\n\r\n")]),
    "session-cookie-bomb.pcap": (
        "a decompression bomb: a compressed Flask session cookie inflating to 96 MiB (the "
        "issue's 0.95 MB one inflated to 700 MB)",
        [(b"GET /profile HTTP/1.1\r\nHost: app.test\r\nCookie: " + _bomb_cookie() + b"\r\n\r\n",
          b"HTTP/1.1 200 OK\r\nSet-Cookie: " + _bomb_cookie() + b"; Path=/\r\n"
          b"Content-Length: 0\r\n\r\n")]),
    "cookie-dates-and-paths.pcap": (
        "cookie dates read by http2time (01-Jan-70 as 2070: the deletion failed) and a path "
        "matched on an escaped copy (a cookie of /dir[1]/page not sent to /dir[1]/other)",
        [(b"GET /dir[1]/page HTTP/1.1\r\nHost: www.example.co.uk\r\n\r\n",
          b"HTTP/1.1 200 OK\r\n"
          b"Set-Cookie: sid=1\r\n"
          b"Set-Cookie: wide=1; Domain=co.uk\r\n"
          b"Set-Cookie: old=1; Expires=Mon Dec 10 16:32:30 2007 GMT\r\n"
          b"Set-Cookie: late=1; Expires=Sat, 15-Apr-17 21:01:22 GMT-0400 (EDT)\r\n"
          b"Content-Length: 0\r\n\r\n"),
         (b"GET /dir[1]/other HTTP/1.1\r\nHost: www.example.co.uk\r\nCookie: sid=1\r\n\r\n",
          b"HTTP/1.1 200 OK\r\nSet-Cookie: sid=; expires=Thu, 01-Jan-70 00:00:01 GMT; "
          b"Path=/dir[1]\r\nContent-Length: 0\r\n\r\n"),
         (b"GET /dir[1]/other HTTP/1.1\r\nHost: www.example.co.uk\r\n\r\n", OK_EMPTY)]),
}


def main() -> None:
    for name, (_, exchanges) in CAPTURES.items():
        flow = Flow(server=("10.0.0.2", 80))
        flow.handshake()
        for request, response in exchanges:
            flow.send(0, request)
            flow.send(1, response)
        flow.close()
        flow.write(HERE / name)
    (HERE / "broke.json").write_text(json.dumps(
        {name: what for name, (what, _) in CAPTURES.items()}, indent=2) + "\n")


if __name__ == "__main__":
    main()
