"""HTTP/1.x conversations, edited the ways real and hostile traffic differs from the RFCs.

A variant starts from one of a few plausible conversations (a page with cookies, a Flask
login that sets a session cookie and sends it back, chunked and gzip'd responses, a 100
Continue, an HTTP/1.0 close-delimited body), then one to four edits change it: header lines
(missing colon, folded, NUL, duplicated, thousands of them), chunk sizes (``-5``,
``ffffffffffffffff``, extensions), ``Transfer-Encoding: gzip, chunked``, bracketed hosts
(``[::1``), Set-Cookie attributes (``Expires=Wed, 21 Ogt 2015 07:28:00 GMT``, public-suffix
domains, odd paths), huge or negative Content-Length, gzip'd bodies, compressed Flask session
cookies (valid, damaged, or small bombs), odd start lines, raw byte damage, and the order of
the messages. The conversation is then put into one to three TCP connections (``packets``)
with random segment sizes and, sometimes, retransmissions, losses and reordering.

The stress variants (``stress_variant``) are few but large: thousands of pipelined requests,
a SYN scan, a session cookie or gzip body that expands to hundreds of megabytes, a 1 MB header.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.fuzz import payloads
from simulator.fuzz.formats import pcap_file
from simulator.fuzz.packets import ACK, RST, SYN, Connection, Endpoint

Trail = list[str]


@dataclass
class Message:
    """One HTTP/1.x message before encoding; ``chunks`` set means a chunked body."""

    start: bytes
    headers: list[tuple[bytes, bytes | None]] = field(default_factory=list)  # None: raw line
    body: bytes = b""
    chunks: list[tuple[bytes, bytes]] | None = None  # (size line, data) pairs
    last_chunk: bytes = b"0"
    trailer: bytes = b""
    eol: bytes = b"\r\n"
    raw: bytes | None = None  # set by raw edits: the bytes as they will be sent

    @property
    def is_request(self) -> bool:
        return not self.start.startswith(b"HTTP/")

    def header(self, name: bytes, value: bytes, *, replace: bool = True) -> None:
        """Set header ``name`` (replacing the first of that name unless ``replace`` is off)."""
        if replace:
            for i, (n, _) in enumerate(self.headers):
                if n.lower() == name.lower():
                    self.headers[i] = (name, value)
                    return
        self.headers.append((name, value))

    def drop(self, name: bytes) -> None:
        self.headers = [(n, v) for n, v in self.headers if n.lower() != name.lower()]

    def encode(self) -> bytes:
        if self.raw is not None:
            return self.raw
        e = self.eol
        lines = (n if v is None else n + b": " + v for n, v in self.headers)
        head = self.start + e + b"".join(line + e for line in lines) + e
        if self.chunks is None:
            return head + self.body
        body = b"".join(size + e + data + e for size, data in self.chunks)
        return head + body + self.last_chunk + e + self.trailer + e


def _length(m: Message) -> Message:
    m.header(b"Content-Length", str(len(m.body)).encode())
    return m


def _chunk(m: Message, rng: random.Random) -> Message:
    """Make ``m``'s body chunked, cut at random places."""
    m.drop(b"Content-Length")
    m.header(b"Transfer-Encoding", b"chunked")
    pieces, at = [], 0
    while at < len(m.body):
        size = rng.randint(1, 700)
        pieces.append(m.body[at:at + size])
        at += size
    m.chunks = [(f"{len(p):x}".encode(), p) for p in pieces]
    return m


def _page(n: int) -> bytes:
    return (b"<!doctype html><title>page %d</title><p>" % n) + b"hello, world. " * (n % 40)


# --------------------------------------------------------------------------- conversations

Exchange = tuple[Message | None, Message | None]


def _get(path: bytes, host: bytes = b"example.com", cookie: bytes | None = None) -> Message:
    m = Message(b"GET " + path + b" HTTP/1.1", [(b"Host", host), (b"User-Agent", b"fuzz/1.0"),
                                                (b"Accept", b"*/*")])
    if cookie is not None:
        m.header(b"Cookie", cookie)
    return m


def _ok(body: bytes, *cookies: bytes) -> Message:
    m = Message(b"HTTP/1.1 200 OK", [(b"Content-Type", b"text/html; charset=utf-8")], body)
    for c in cookies:
        m.header(b"Set-Cookie", c, replace=False)
    return _length(m)


def _plain(rng: random.Random) -> list[Exchange]:
    host = rng.choice((b"example.com", b"www.example.co.uk", b"127.0.0.1:5000", b"[::1]:8080"))
    return [
        (_get(b"/", host), _ok(_page(1), b"theme=dark; Path=/; Max-Age=3600",
                               b"id=a3fWa; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly")),
        (_get(b"/about", host, b"theme=dark; id=a3fWa"), _ok(_page(2))),
    ]


def _flask_login(rng: random.Random) -> list[Exchange]:
    big = rng.random() < 0.5
    payload: dict[str, object] = {"user": "alice", "_fresh": True}
    if big:
        payload["cart"] = [f"item-{i % 7}" for i in range(rng.randint(20, 400))]
    cookie = payloads.session_cookie(payload, compress=big)
    form = b"username=alice&password=secret"
    login = Message(b"POST /login HTTP/1.1", [(b"Host", b"localhost:5000"),
                                             (b"Content-Type",
                                              b"application/x-www-form-urlencoded")], form)
    redirect = Message(b"HTTP/1.1 302 FOUND", [(b"Location", b"/"), (
        b"Set-Cookie", b"session=" + cookie.encode() + b"; HttpOnly; Path=/")])
    return [
        (_get(b"/login", b"localhost:5000"), _ok(_page(3))),
        (_length(login), _length(redirect)),
        (_get(b"/", b"localhost:5000", b"session=" + cookie.encode()), _ok(_page(4))),
        (_get(b"/logout", b"localhost:5000", b"session=" + cookie.encode()),
         _length(Message(b"HTTP/1.1 302 FOUND", [(b"Location", b"/"), (
             b"Set-Cookie",
             b"session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/")]))),
    ]


def _chunked_gzip(rng: random.Random) -> list[Exchange]:
    body = _page(rng.randint(1, 60))
    response = Message(b"HTTP/1.1 200 OK", [(b"Content-Type", b"text/html")], body)
    if rng.random() < 0.6:
        response.body = payloads.gzip_body(body)
        response.header(b"Content-Encoding", b"gzip")
    return [(_get(b"/news"), _chunk(response, rng)), (_get(b"/img.png"), _ok(b"\x89PNG" * 20))]


def _informational(rng: random.Random) -> list[Exchange]:
    upload = Message(b"PUT /upload HTTP/1.1", [(b"Host", b"example.com"),
                                              (b"Expect", b"100-continue")], b"x" * 300)
    cont = Message(b"HTTP/1.1 100 Continue")
    done = _length(Message(b"HTTP/1.1 201 Created", [(b"Location", b"/upload/1")]))
    head = Message(b"HEAD / HTTP/1.1", [(b"Host", b"example.com")])
    head_ok = Message(b"HTTP/1.1 200 OK", [(b"Content-Length", b"1234")])
    not_modified = Message(b"HTTP/1.1 304 Not Modified", [(b"ETag", b'"abc"')])
    return [(_length(upload), None), (None, cont), (None, done), (head, head_ok),
            (_get(b"/", cookie=b"a=b"), not_modified)]


def _http10(rng: random.Random) -> list[Exchange]:
    request = Message(b"GET /old HTTP/1.0", [(b"Host", b"example.com")])
    response = Message(b"HTTP/1.0 200 OK", [(b"Content-Type", b"text/plain"),
                                           (b"Set-Cookie", b"legacy=1; expires=Sunday, "
                                                           b"06-Nov-94 08:49:37 GMT")],
                       _page(rng.randint(1, 30)))
    return [(request, response)]


_CONVERSATIONS: tuple[Callable[[random.Random], list[Exchange]], ...] = (
    _plain, _flask_login, _chunked_gzip, _informational, _http10)

# --------------------------------------------------------------------------- edits

ODD_HOSTS = (
    b"[::1", b"[2001:db8::1", b"[2001:db8:85a3::8a2e:370:7334", b"[::1]:", b"[::1]:99999",
    b"[]", b"[v1.fuzz]", b"[::1]x", b"[::1]]", b"example.com:", b"example.com:-1",
    b"example.com:99999999999", b":80", b"", b"exa mple.com", "exämple.com".encode(),
    b"\xff\xfe", b"..", b".example.com", b"a" * 300, b"example.com.", b"127.0.0.1:80:80",
    b"[::ffff:1.2.3.4]", b"%2f", b"example.com\t", b"user@example.com", b"co.uk",
    b"[fe80::1%25eth0]", b"0x7f.1", b"999.999.999.999",
)
ODD_TARGETS = (
    b"http://[::1/path", b"http://user@[::1]:80/", b"http://example.com:abc/", b"*",
    b"example.com:443", b"%zz", b"/a b", b"/dir[1]/page", b"/%2f/../x", "/ü".encode(),
    b"//double", b"?q", b"/" + b"a" * 9000, b"http:///nohost", b"\x00", b"",
)
ODD_DATES = (
    b"Wed, 21 Ogt 2015 07:28:00 GMT", b"Thu, 01-Jan-70 00:00:01 GMT",
    b"Mon Dec 10 16:32:30 2007 GMT", b"Thu, 10 Dec 2009 13:57:2 GMT",
    b"Sat, 15-Apr-17 21:01:22 GMT-0400 (EDT)", b"Sat, 15-Apr-17 21:01:22 -0400",
    b"15 Apr 21:01:22 2017", b"31 Feb 2020 00:00:00", b"99999999", b"Fri, 31 Dec 9999 23:59:59 GMT",
    b"Mon, 01 Jan 1600 00:00:00 GMT", b"", b"0", b"-1", b"Tue, 19 Jan 2038 03:14:08 GMT",
    b"Sun Nov  6 08:49:37 1994", b"2015-10-21T07:28:00Z", b"Wed, 21 Oct 2015 25:61:61 GMT",
    b"Wed, 21 Oct 20150 07:28:00 GMT", b"1 1 1 1:1:1", b"Wed, 21 Oct 2015 07:28:00 GMT\x00",
    b"Wed, 21 Oct 99999999999999999999 07:28:00 GMT", b"Jan 1 00:00:00 0", b"\xe2\x80\x83 2020",
)
ODD_DOMAINS = (b"co.uk", b".com", b"", b".", b"localhost", b"127.0.0.1", b"[::1]",
               b"example.com.", b"EXAMPLE.COM", b"xn--bcher-kva.example", b"..example.com",
               b"*.example.com", b"github.io", b"uk", b"example.co.uk", b"\xff")
ODD_PATHS = (b"", b"/", b"//", b"/dir[1]/", b"/%2f", b"relative", "/ü".encode(), b"/a b",
             b"/" + b"p/" * 2000)
ODD_COOKIE_PAIRS = (b"=v", b"n", b"", b"n=v=w", b'q="quoted"', b"sess ion=x", b"x=\x7f",
                    "ü=ö".encode(), b"long=" + b"v" * 5000, b"session=.", b"session=..",
                    b"session=.eJw.x.y", b"session=a.b.c", b"session=%s" % (b"A" * 40),
                    b" sp = ace ", b"\tt=1")
ODD_ATTRIBUTES = (b"Max-Age=-1", b"Max-Age=0", b"Max-Age=99999999999999999999999",
                  b"Max-Age=1e3", b"Max-Age=+5", b"Max-Age= 5", b"Max-Age=", b"SameSite=Strict",
                  b"SameSite=None", b"SameSite=weird", b"Secure", b"HttpOnly", b"Partitioned",
                  b"Unknown=1", b";", b"Expires", b"Domain", b"Path")
CHUNK_SIZES = (b"-5", b"-0", b"0x10", b"ffffffffffffffff", b"10000000000000000000", b"5;ext=1",
               b"5 ; ext", b" 5", b"5 ", b"", b"z", b"+5", b"1_0", "٣".encode(), b"5\x00",
               b"fffffff", b"1" * 5000, b"00000000000000000005")
TRANSFER_ENCODINGS = (b"gzip, chunked", b"chunked, gzip", b"chunked, chunked", b"identity",
                      b"Chunked", b" chunked", b"chunked\x0b", b"xchunked", b"gzip", b"",
                      b"chunked;q=1", b"compress, deflate, gzip, chunked")
CONTENT_LENGTHS = (b"99999999999999999999", b"18446744073709551616", b"-1", b"+5", b"1e3",
                   b"5, 5", b"5, 6", b"", b" 5 ", b"0x10", "٣".encode(), b"4294967296",
                   b"2147483648", b"1073741824")
HEADER_LINES = (b"NoColon", b": empty name", b"X-Nul: \x00", b"X-Tab:\tv", b" folded continuation",
                b"X-Space : name", b"X-Obs: \xe9\xff", b"\xff\xfe: x", b"X-Cr: a\rb",
                b"X-Long: " + b"L" * 70000, b"Host", b"Content-Length", b"Transfer-Encoding:",
                b"Set-Cookie:", b"Cookie:", b"\x00")
REQUEST_LINES = (b"GET  / HTTP/1.1", b"GET / HTTP/1.1 extra", b"GET /", b"GET / HTTP/9.9",
                 b"GET / HTTP/1", b"get / http/1.1", b"G\x00T / HTTP/1.1",
                 b"CONNECT example.com:443 HTTP/1.1", b"OPTIONS * HTTP/1.1", b"PRI * HTTP/2.0",
                 b"GET / HTTP/1.1\r", b"\r\nGET / HTTP/1.1", b"GET\t/\tHTTP/1.1", b"",
                 b"POST / HTTP/1.1")
STATUS_LINES = (b"HTTP/1.1 999 Weird", b"HTTP/1.1 abc", b"HTTP/1.1 200", b"HTTP/1.1  200 OK",
                b"HTTP/1.0 101 Switching Protocols", b"HTTP/1.1 100 Continue", b"HTTP/2 200",
                b"ICY 200 OK", b"HTTP/1.1 204 No Content", b"HTTP/1.1 304 Not Modified",
                b"HTTP/1.1 -200 OK", b"HTTP/1.1 099 Low", b"HTTP/1.1 1000 High", b"HTTP/",
                b"HTTP/1.1 200 \xff\xfe")


def _messages(exchanges: list[Exchange], requests: bool | None = None) -> list[Message]:
    out = []
    for pair in exchanges:
        for i, m in enumerate(pair):
            if m is not None and (requests is None or requests == (i == 0)):
                out.append(m)
    return out


def _pick(rng: random.Random, exchanges: list[Exchange], requests: bool | None = None
          ) -> tuple[int, Message]:
    found = _messages(exchanges, requests) or _messages(exchanges)
    i = rng.randrange(len(found))
    return i, found[i]


def edit_host(rng: random.Random, ex: list[Exchange], trail: Trail) -> None:
    i, m = _pick(rng, ex, True)
    if rng.random() < 0.3:
        target = rng.choice(ODD_TARGETS)
        parts = m.start.split(b" ")
        m.start = b" ".join([parts[0], target, *parts[2:]]) if len(parts) > 1 else m.start
        trail.append(f"request {i}: target {target[:60]!r}")
        return
    host = rng.choice(ODD_HOSTS)
    m.header(b"Host", host, replace=rng.random() < 0.8)
    trail.append(f"message {i}: Host: {host[:60]!r}")


def _odd_set_cookie(rng: random.Random) -> bytes:
    pair = rng.choice(ODD_COOKIE_PAIRS) if rng.random() < 0.3 else b"sid=%d" % rng.randrange(99)
    attrs = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(5)
        if kind == 0:
            attrs.append(b"Expires=" + rng.choice(ODD_DATES))
        elif kind == 1:
            attrs.append(b"Domain=" + rng.choice(ODD_DOMAINS))
        elif kind == 2:
            attrs.append(b"Path=" + rng.choice(ODD_PATHS))
        else:
            attrs.append(rng.choice(ODD_ATTRIBUTES))
    sep = rng.choice((b"; ", b";", b" ; ", b";;"))
    return sep.join([pair, *attrs])


def edit_set_cookie(rng: random.Random, ex: list[Exchange], trail: Trail) -> None:
    i, m = _pick(rng, ex, False)
    count = 1 if rng.random() < 0.9 else rng.randint(2, 300)
    for _ in range(count):
        value = _odd_set_cookie(rng)
        m.header(b"Set-Cookie", value, replace=False)
    trail.append(f"response {i}: {count} Set-Cookie, last {value[:90]!r}")
    if rng.random() < 0.5:  # send it back, as a browser would (or not quite)
        j, req = _pick(rng, ex, True)
        pair = value.split(b";", 1)[0]
        req.header(b"Cookie", pair, replace=rng.random() < 0.5)
        trail.append(f"request {j}: Cookie: {pair[:60]!r}")


def edit_cookie_header(rng: random.Random, ex: list[Exchange], trail: Trail) -> None:
    i, m = _pick(rng, ex, True)
    value = rng.choice((b"a=b;c=d", b"a", b"=", b";;;", b"a=b; a=c", b"session=" +
                        payloads.session_cookie({"x": 1}, compress=False).encode(),
                        b"; ".join(b"c%d=v" % n for n in range(rng.randint(1, 500))),
                        rng.choice(ODD_COOKIE_PAIRS)))
    m.header(b"Cookie", value, replace=rng.random() < 0.7)
    trail.append(f"request {i}: Cookie: {value[:60]!r}")


def edit_chunks(rng: random.Random, ex: list[Exchange], trail: Trail) -> None:
    i, m = _pick(rng, ex, rng.random() < 0.2)
    if not m.body:
        m.body = _page(rng.randint(1, 20))
    if m.chunks is None:
        _chunk(m, rng)
    assert m.chunks is not None
    what = rng.randrange(4)
    if what == 0 and m.chunks:
        k = rng.randrange(len(m.chunks))
        size = rng.choice(CHUNK_SIZES)
        m.chunks[k] = (size, m.chunks[k][1])
        trail.append(f"message {i}: chunk {k} size line {size[:40]!r}")
    elif what == 1 and m.chunks:
        k = rng.randrange(len(m.chunks))
        data = m.chunks[k][1]
        m.chunks[k] = (m.chunks[k][0], data[:rng.randrange(len(data) + 1)] +
                       b"x" * rng.choice((0, 1, 2, 100)))
        trail.append(f"message {i}: chunk {k} data no longer matches its size")
    elif what == 2:
        m.last_chunk = rng.choice((b"", b"00", b"0;x=y", b"-0", b"1", b"0 "))
        m.trailer = rng.choice((b"", b"X-Trailer: 1\r\n", b"NoColon\r\n", b"Set-Cookie: t=1\r\n"))
        trail.append(f"message {i}: last chunk {m.last_chunk!r}, trailer {m.trailer!r}")
    else:
        te = rng.choice(TRANSFER_ENCODINGS)
        m.header(b"Transfer-Encoding", te, replace=rng.random() < 0.8)
        if rng.random() < 0.3:
            m.header(b"Content-Length", str(len(m.body)).encode())
        trail.append(f"message {i}: Transfer-Encoding: {te!r}")


def edit_content_length(rng: random.Random, ex: list[Exchange], trail: Trail) -> None:
    i, m = _pick(rng, ex)
    if rng.random() < 0.6:
        value = rng.choice(CONTENT_LENGTHS)
    else:
        value = str(max(0, len(m.body) + rng.choice((-100, -1, 1, 100, 10**6)))).encode()
    m.header(b"Content-Length", value, replace=rng.random() < 0.8)
    trail.append(f"message {i}: Content-Length: {value!r}")


def edit_gzip(rng: random.Random, ex: list[Exchange], trail: Trail) -> None:
    i, m = _pick(rng, ex, False)
    body = payloads.gzip_body(m.body or _page(7))
    what = rng.randrange(4)
    if what == 0:
        body = body[:rng.randrange(len(body))]
    elif what == 1:
        k = rng.randrange(len(body))
        body = body[:k] + bytes([body[k] ^ (1 << rng.randrange(8))]) + body[k + 1:]
    elif what == 2:
        body = payloads.gzip_bomb(rng.choice((1, 4, 16)))
    m.body = body
    m.chunks = None
    m.header(b"Content-Encoding", rng.choice((b"gzip", b"x-gzip", b"gzip, gzip", b"deflate",
                                              b"br", b"GZIP")))
    _length(m)
    how = ("cut", "bits flipped", "bomb", "intact")[what]
    trail.append(f"response {i}: gzip'd body of {len(body)} bytes ({how})")


def edit_flask_session(rng: random.Random, ex: list[Exchange], trail: Trail) -> None:
    i, m = _pick(rng, ex, False)
    what = rng.randrange(8)
    key = rng.choice((payloads.SECRET_KEY, payloads.SECRET_KEY, "another-key"))
    if what == 0:
        value = payloads.bomb_session_cookie(rng.choice((1, 2, 8)), key)
    elif what == 1:
        tagged = rng.choice(({" t": [1, 2]}, {" b": "aGVsbG8="}, {" b": "!!"},
                             {" d": "Wed, 21 Oct 2015 07:28:00 GMT"}, {" d": "Ogt"},
                             {" m": "<b>x</b>"}, {" u": "not-a-uuid"},
                             {" u": "12345678123456781234567812345678"}, {" di": {"a": 1}}))
        value = payloads.session_cookie({"k": tagged}, compress=rng.random() < 0.5, key=key)
    elif what == 2:
        value = payloads.sign_session(payloads.b64url(rng.choice((b"[1,2]", b"nul", b"\"s\"",
                                                                  b"{", b"{}" * 3, b"\xff"))), key)
    elif what == 3:
        value = payloads.sign_session(b"." + payloads.b64url(b"not zlib at all"), key)
    elif what == 4:
        good = payloads.session_cookie({"user": "x" * rng.randint(1, 3000)}, compress=True)
        k = rng.randrange(len(good))
        value = good[:k] + rng.choice("._-A=%") + good[k + 1:]
    elif what == 5:
        value = rng.choice((".", "..", "...", ".eJw", "a.b", "a..c", ".e.A.", "e30.AAAAAA.x",
                            "e30.////.x", "e30." + "A" * 60 + ".x"))
    else:
        value = payloads.session_cookie({"user": "bob", "n": list(range(rng.randint(1, 500)))},
                                        compress=what == 6, key=key)
    m.header(b"Set-Cookie", b"session=" + value.encode() + b"; Path=/", replace=False)
    trail.append(f"response {i}: Flask session cookie ({what}) of {len(value)} chars")
    if rng.random() < 0.5:
        j, req = _pick(rng, ex, True)
        req.header(b"Cookie", b"session=" + value.encode())
        trail.append(f"request {j}: sends it back")


def edit_header_line(rng: random.Random, ex: list[Exchange], trail: Trail) -> None:
    i, m = _pick(rng, ex)
    what = rng.randrange(6)
    if what == 0 and m.headers:
        k = rng.randrange(len(m.headers))
        trail.append(f"message {i}: header {m.headers[k][0]!r} deleted")
        del m.headers[k]
    elif what == 1 and m.headers:
        k = rng.randrange(len(m.headers))
        m.headers.insert(k, m.headers[k])
        trail.append(f"message {i}: header {m.headers[k][0]!r} twice")
    elif what == 2:
        count = rng.choice((1, 1, 1, 100, 5000))
        m.headers.extend((b"X-Many-%d" % n, b"v") for n in range(count))
        trail.append(f"message {i}: {count} more headers")
    elif what == 3:
        m.eol = rng.choice((b"\n", b"\r", b"\n\r", b"\r\r\n"))
        trail.append(f"message {i}: lines end with {m.eol!r}")
    else:
        line = rng.choice(HEADER_LINES)
        m.headers.insert(rng.randint(0, len(m.headers)), (line, None))
        trail.append(f"message {i}: header line {line[:50]!r}")


def edit_start_line(rng: random.Random, ex: list[Exchange], trail: Trail) -> None:
    i, m = _pick(rng, ex)
    m.start = rng.choice(REQUEST_LINES if m.is_request else STATUS_LINES)
    trail.append(f"message {i}: start line {m.start!r}")


def edit_raw(rng: random.Random, ex: list[Exchange], trail: Trail) -> None:
    i, m = _pick(rng, ex)
    raw = bytearray(m.encode())
    what = rng.randrange(4)
    if what == 0 and raw:
        cut = rng.randrange(len(raw))
        del raw[cut:]
        trail.append(f"message {i}: cut at byte {cut}")
    elif what == 1 and raw:
        for _ in range(rng.randint(1, 8)):
            k = rng.randrange(len(raw))
            raw[k] ^= 1 << rng.randrange(8)
        trail.append(f"message {i}: bits flipped")
    elif what == 2:
        k = rng.randint(0, len(raw))
        junk = rng.choice((b"\r\n", b"\x00" * 8, b"HTTP/1.1 200 OK\r\n\r\n", b"\r\n\r\n",
                           bytes(rng.randrange(256) for _ in range(16))))
        raw[k:k] = junk
        trail.append(f"message {i}: {junk[:20]!r} inserted at byte {k}")
    else:
        raw = bytearray(bytes(raw).replace(b"\r\n", b"\n"))
        trail.append(f"message {i}: CRLF → LF")
    m.raw = bytes(raw)


def edit_order(rng: random.Random, ex: list[Exchange], trail: Trail) -> None:
    what = rng.randrange(4)
    if what == 0:
        ex.reverse()
        trail.append("exchanges reversed")
    elif what == 1:
        k = rng.randrange(len(ex))
        req, resp = ex[k]
        ex[k] = (resp, req)
        trail.append(f"exchange {k}: response sent by the client side and vice versa")
    elif what == 2:
        k = rng.randrange(len(ex))
        ex.insert(k, (None, ex[k][1]) if rng.random() < 0.5 else (ex[k][0], None))
        trail.append(f"exchange {k}: one side's message repeated alone")
    else:
        requests = [r for r, _ in ex]
        responses = [r for _, r in ex]
        ex[:] = [(r, None) for r in requests] + [(None, r) for r in responses]
        trail.append("pipelined: every request before any response")


EDITS: tuple[Callable[[random.Random, list[Exchange], Trail], None], ...] = (
    edit_host, edit_set_cookie, edit_cookie_header, edit_chunks, edit_content_length,
    edit_gzip, edit_flask_session, edit_header_line, edit_start_line, edit_raw, edit_order,
)


# --------------------------------------------------------------------------- into TCP

def _endpoints(rng: random.Random, n: int) -> tuple[Endpoint, Endpoint]:
    v6 = rng.random() < 0.2
    client = f"2001:db8::{n + 1:x}" if v6 else f"10.0.0.{n + 1}"
    server = "2001:db8::100" if v6 else "10.0.1.1"
    port = rng.choice((80, 80, 8080, 5000, 443, 1, 65535, rng.randrange(1, 65536)))
    return Endpoint(client, rng.randrange(1024, 65000)), Endpoint(server, port)  # room for +n


def into_pcap(rng: random.Random, exchanges: list[Exchange], trail: Trail) -> bytes:
    """Put the exchanges in one to three TCP connections of one client; a pcap file."""
    count = 1 if rng.random() < 0.6 else rng.randint(2, 3)
    client, server = _endpoints(rng, 0)
    rough = 0.0 if rng.random() < 0.7 else rng.choice((0.05, 0.2, 0.5))
    vlan = rng.randrange(4096) if rng.random() < 0.1 else None
    start = rng.choice((1_700_000_000.0, 0.0, 4_000_000_000.0, 1_234_567_890.5))
    records: list[tuple[float, bytes, int]] = []
    per = max(1, -(-len(exchanges) // count))
    for n in range(count):
        part = exchanges[n * per:(n + 1) * per]
        if not part and n:
            break
        conn = Connection(Endpoint(client.ip, client.port + n), server,
                          isn=(rng.randrange(1 << 32), rng.randrange(1 << 32)),
                          start=start + n * 0.05, vlan=vlan)
        if rng.random() < 0.9:
            conn.handshake()
        for request, response in part:
            for d, m in ((0, request), (1, response)):
                if m is not None:
                    trail.extend(conn.send(d, m.encode(), rng, rough))
        if rng.random() < 0.8:
            conn.close()
        elif rng.random() < 0.5:
            conn.packet(rng.randrange(2), RST | ACK)
        records.extend(conn.records)
    if rough and rng.random() < 0.3:
        records.sort(key=lambda r: r[0] + rng.random() * 0.002)
        trail.append("packets jittered out of time order")
    trail.append(f"{count} connection(s), {len(records)} packets, rough {rough}, vlan {vlan}")
    return pcap_file(records)


def http_variant(rng: random.Random) -> tuple[bytes, Trail]:
    """A capture of one edited conversation, and what was done to it."""
    make = rng.choice(_CONVERSATIONS)
    trail: Trail = [f"http conversation {make.__name__.lstrip('_')}"]
    exchanges = make(rng)
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
        rng.choice(EDITS)(rng, exchanges, trail)
    return into_pcap(rng, exchanges, trail), trail


# --------------------------------------------------------------------------- stress

def _pipelined_flood(rng: random.Random, budget: int, trail: Trail) -> bytes:
    request = b"GET /item HTTP/1.1\r\nHost: example.com\r\n\r\n"
    response = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    n = max(10, budget // (len(request) + len(response) + 120))
    conn = Connection(Endpoint("10.0.0.1", 40000), Endpoint("10.0.1.1", 80))
    conn.handshake()
    conn.send(0, request * n, rng)
    conn.send(1, response * n, rng)
    conn.close()
    trail.append(f"stress: {n} pipelined requests and responses on one connection")
    return pcap_file(conn.records)


def _syn_scan(rng: random.Random, budget: int, trail: Trail) -> bytes:
    n = max(10, budget // 140)
    records: list[tuple[float, bytes, int]] = []
    for k in range(n):
        conn = Connection(Endpoint(f"10.0.0.{1 + k % 200}", 1024 + k % 60000),
                          Endpoint("10.0.1.1", 1 + (k * 7) % 65535), start=1e9 + k * 1e-4)
        conn.packet(0, SYN)
        conn.packet(1, RST | ACK)
        records.extend(conn.records)
    trail.append(f"stress: SYN scan of {n} connections")
    return pcap_file(records)


def _bomb_cookie(rng: random.Random, budget: int, trail: Trail) -> bytes:
    mb = rng.choice(payloads.bomb_megabytes(budget, (64, 256, 700)))
    cookie = payloads.bomb_session_cookie(mb).encode()
    exchanges: list[Exchange] = [
        (_get(b"/"), _ok(b"hi", b"session=" + cookie + b"; Path=/")),
        (_get(b"/again", cookie=b"session=" + cookie), _ok(b"ok")),
    ]
    trail.append(f"stress: Flask session cookie expanding to {mb} MiB, set and sent back")
    return into_pcap(rng, exchanges, trail)


def _bomb_body(rng: random.Random, budget: int, trail: Trail) -> bytes:
    mb = rng.choice(payloads.bomb_megabytes(budget, (64, 256, 1000)))
    response = _ok(payloads.gzip_bomb(mb))
    response.header(b"Content-Encoding", b"gzip")
    if rng.random() < 0.5:
        _chunk(response, rng)
    trail.append(f"stress: gzip'd body expanding to {mb} MiB")
    return into_pcap(rng, [(_get(b"/"), response)], trail)


def _huge_head(rng: random.Random, budget: int, trail: Trail) -> bytes:
    size = min(budget // 2, rng.choice((100_000, 1 << 20, 4 << 20)))
    response = _ok(b"x")
    what = rng.randrange(3)
    if what == 0:
        response.header(b"X-Huge", b"h" * size)
    elif what == 1:
        response.headers.extend((b"X-%d" % k, b"v") for k in range(size // 10))
    else:
        for k in range(size // 40):
            response.header(b"Set-Cookie", b"c%d=v; Path=/; Max-Age=60" % k, replace=False)
    how = ("one line", "many headers", "many cookies")[what]
    trail.append(f"stress: a head of ~{size} bytes ({how})")
    return into_pcap(rng, [(_get(b"/"), response)], trail)


def _many_connections(rng: random.Random, budget: int, trail: Trail) -> bytes:
    n = max(2, budget // 1200)
    records: list[tuple[float, bytes, int]] = []
    for k in range(n):
        conn = Connection(Endpoint(f"10.0.0.{1 + k % 3}", 1024 + k), Endpoint("10.0.1.1", 80),
                          start=1.7e9 + k * 0.01)
        conn.handshake()
        conn.send(0, _get(b"/%d" % k, cookie=b"n=%d" % (k - 1)).encode(), rng)
        conn.send(1, _ok(b"", b"n=%d; Max-Age=%d" % (k, k % 5)).encode(), rng)
        conn.close()
        records.extend(conn.records)
    trail.append(f"stress: {n} short HTTP connections from 3 clients")
    return pcap_file(records)


STRESS: tuple[Callable[[random.Random, int, Trail], bytes], ...] = (
    _pipelined_flood, _syn_scan, _bomb_cookie, _bomb_body, _huge_head, _many_connections)


def stress_variant(rng: random.Random, budget: int) -> tuple[bytes, Trail]:
    """One large variant of at most about ``budget`` bytes."""
    trail: Trail = []
    size = max(4096, int(budget * rng.choice((0.05, 0.2, 1.0))))
    return rng.choice(STRESS)(rng, size, trail), trail
