"""The HTTP model's fixed English, catalogued for ``lupdate`` (see ``model_text``).

``http_explain`` writes each HTTP step's "why" as sentences joined by spaces, some fixed, some
with values (a URL, a byte count, a cookie); the apps of ``http_scenarios`` add their story.
Fixed sentences are ``SENTENCES``; the others are ``TEMPLATES`` whose ``{fields}`` take the
values back from the English. Header names, cookie names and values, status lines and RFC
citations stay as they are in every language.

The parsers' *problems* (why a message could not be fully understood, shown in the message
view's warning box) are ``PROBLEMS`` and ``PROBLEM_TEMPLATES``, exactly the templates of
``simulator.models.http.problems`` (a test keeps them equal) and the stream-gap reasons of
``simulator.net.http.streams``; ``H11_REFUSALS`` and ``H11_REFUSAL_TEMPLATES`` are h11's own
messages, which the problems quote.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# simulator/models/simulation/http_explain.py, http/message.py persistence (as http_explain
# capitalises it), http_scenarios.py stories
SENTENCES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "The body is sent in chunks (Transfer-Encoding: chunked): "
                      "each chunk says its own size, and a zero-size chunk ends the body (RFC "
                      "9112 §7.1)."),
    QT_TRANSLATE_NOOP("ModelText", "The body ends when the connection closes (RFC 9112 §6.3)."),
    QT_TRANSLATE_NOOP("ModelText", "The jar holds no cookie, so the request says nothing about "
                      "who is asking: HTTP itself is stateless (RFC 9110 §3.3)."),
    QT_TRANSLATE_NOOP("ModelText", "The form fields travel in the body, URL-encoded "
                      "(application/x-www-form-urlencoded)."),
    QT_TRANSLATE_NOOP("ModelText", "No Cookie header: for the server this request comes from a "
                      "stranger (HTTP is stateless, RFC 9110 §3.3)."),
    QT_TRANSLATE_NOOP("ModelText", "That is all the server learns about who is asking (RFC 6265 "
                      "§5.4)."),
    QT_TRANSLATE_NOOP("ModelText", "h11 added Connection: close, and the server closes the "
                      "connection after the response (RFC 9112 §9.6)."),
    QT_TRANSLATE_NOOP("ModelText", "The app has nothing more to send: the last chunk (size 0) "
                      "ends the body."),
    QT_TRANSLATE_NOOP("ModelText", "A chunked body ends with a chunk of size zero and an empty "
                      "line; only then does the reader know the response is complete (RFC 9112 "
                      "§7.1)."),
    QT_TRANSLATE_NOOP("ModelText", "TCP delivers bytes in order, a segment at a time; the parser "
                      "keeps what it has and waits for the rest."),
    QT_TRANSLATE_NOOP("ModelText", "No Set-Cookie: the jar stays as it was."),
    QT_TRANSLATE_NOOP("ModelText", "Nothing stops the user: a cookie is the browser's to change, "
                      "so a server must never trust one it cannot verify (RFC 6265 §8.6, weak "
                      "integrity)."),
    QT_TRANSLATE_NOOP("ModelText", "HTTP/1.1 connections persist unless a side says Connection: "
                      "close (RFC 9112 §9.3)."),
    QT_TRANSLATE_NOOP("ModelText", "The request says Connection: close, so the connection closes "
                      "after this response (RFC 9112 §9.3, §9.6)."),
    QT_TRANSLATE_NOOP("ModelText", "The response says Connection: close, so the connection "
                      "closes after this response (RFC 9112 §9.3, §9.6)."),
    QT_TRANSLATE_NOOP("ModelText", "The request is HTTP/1.0 without Connection: keep-alive, so "
                      "the connection closes after one response (RFC 9112 §9.3, Appendix C.2.2)."),
    QT_TRANSLATE_NOOP("ModelText", "The response is HTTP/1.0 without Connection: keep-alive, so "
                      "the connection closes after one response (RFC 9112 §9.3, Appendix C.2.2)."),
    QT_TRANSLATE_NOOP("ModelText", "The app serves the style sheet."),
    QT_TRANSLATE_NOOP("ModelText", "The app serves the logo."),
    QT_TRANSLATE_NOOP("ModelText", "The app serves the page."),
    QT_TRANSLATE_NOOP("ModelText", "No visitor cookie came with the request: a first visit. The "
                      "app makes up an id and asks the browser to keep it for a year "
                      "(Max-Age=31536000)."),
    QT_TRANSLATE_NOOP("ModelText", "The app sends the login form."),
    QT_TRANSLATE_NOOP("ModelText", "The password does not match."),
    QT_TRANSLATE_NOOP("ModelText", "The password matches."),
    QT_TRANSLATE_NOOP("ModelText", "No valid sid cookie, so no session: the app sends the "
                      "browser to the login page."),
    QT_TRANSLATE_NOOP("ModelText", "The app deletes the session from its store and tells the "
                      "browser to delete the cookie: same name and path, an empty value, "
                      "Max-Age=0 and an Expires in 1970."),
    QT_TRANSLATE_NOOP("ModelText", "The app sends the home page."),
    QT_TRANSLATE_NOOP("ModelText", "Anyone can read it; only the key holder can sign it."),
    QT_TRANSLATE_NOOP("ModelText", "No session cookie: an empty session."),
    QT_TRANSLATE_NOOP("ModelText", "It throws the cookie's content away and starts an empty "
                      "session, so nobody is logged in."),
    QT_TRANSLATE_NOOP("ModelText", "The app sets five cookies with different scopes: visitor (no "
                      "Domain: this host only), lang (Domain=example.org: every subdomain too), "
                      "tab (Path=/profile), promo (Max-Age=5: five seconds) and token (Secure: "
                      "https:// only; RFC 6265 still stores it from an http:// answer, RFC "
                      "6265bis and today's browsers would refuse it)."),
    QT_TRANSLATE_NOOP("ModelText", "The payload is only base64url: the user decodes it, sees "
                      "{\"user\":\"alice\"}, changes it to admin and encodes it again, keeping "
                      "the old timestamp and signature."),
    QT_TRANSLATE_NOOP("ModelText", "The report is made in three parts, 0.3 s apart. The app does "
                      "not know the total length when the first part is ready, so it cannot send "
                      "Content-Length: it streams the body in chunks instead."),
    QT_TRANSLATE_NOOP("ModelText", "Secure and the request is https://"),
    QT_TRANSLATE_NOOP("ModelText", "HttpOnly: sent with HTTP requests but invisible to page "
                      "scripts (document.cookie, §5.2.6)"),
    QT_TRANSLATE_NOOP("ModelText", "a session cookie (no Max-Age/Expires: kept until the browser "
                      "closes)"),
    QT_TRANSLATE_NOOP("ModelText", "the name=value pair has no '=' (RFC 6265 §5.2 step 2)"),
    QT_TRANSLATE_NOOP("ModelText", "the cookie name is empty (RFC 6265 §5.2 step 5)"),
    QT_TRANSLATE_NOOP("ModelText", "SameSite=None without Secure (RFC 6265bis §5.7 step 19)"),
    QT_TRANSLATE_NOOP("ModelText", "the response's request URL is not an http(s) URL to key the "
                      "cookie to"),
    QT_TRANSLATE_NOOP("ModelText", "signature verified with the secret key (HMAC-SHA1, salt "
                      "cookie-session)"),
    QT_TRANSLATE_NOOP("ModelText", "no secret key given: the payload is readable, the signature "
                      "unchecked"),
    QT_TRANSLATE_NOOP("ModelText", "signature matched but the signed timestamp is out of range"),
    QT_TRANSLATE_NOOP("ModelText", "expected payload.timestamp.signature"),
    QT_TRANSLATE_NOOP("ModelText", "the timestamp is not base64url"),
    QT_TRANSLATE_NOOP("ModelText", "the payload is not a JSON object"),
    QT_TRANSLATE_NOOP("ModelText", "It read the request line and header fields up to the empty "
                      "line, then the body by its Content-Length (RFC 9112 §2.1, §6.3)."),
    QT_TRANSLATE_NOOP("ModelText", "It read the request line and header fields up to the empty "
                      "line, then found no body (RFC 9112 §2.1, §6.3)."),
)

# simulator/models/http/snapshot.py: Change and MessageKind values
WORDS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "added"),
    QT_TRANSLATE_NOOP("ModelText", "changed"),
    QT_TRANSLATE_NOOP("ModelText", "removed"),
    QT_TRANSLATE_NOOP("ModelText", "request"),
    QT_TRANSLATE_NOOP("ModelText", "response"),
)

# simulation/http_explain.py, http/web_app.py and simulation/http_scenarios.py sentences with values
TEMPLATES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "The browser builds {method} {target} for {url}: its jar is "
                      "empty."),
    QT_TRANSLATE_NOOP("ModelText", "The browser builds {method} {target} for {url}: no cookie "
                      "goes with it."),
    QT_TRANSLATE_NOOP("ModelText", "The browser builds {method} {target} for {url}, carrying "
                      "Cookie: {cookie}."),
    QT_TRANSLATE_NOOP("ModelText", "Following the redirect, the browser builds {method} {target} "
                      "for {url}: its jar is empty."),
    QT_TRANSLATE_NOOP("ModelText", "Following the redirect, the browser builds {method} {target} "
                      "for {url}: no cookie goes with it."),
    QT_TRANSLATE_NOOP("ModelText", "Following the redirect, the browser builds {method} {target} "
                      "for {url}, carrying Cookie: {cookie}."),
    QT_TRANSLATE_NOOP("ModelText", "The previous response was {status} with Location: "
                      "{location}; a browser follows it by itself (RFC 9110 §15.4)."),
    QT_TRANSLATE_NOOP("ModelText", "The previous response was {status} with Location: "
                      "{location}; a browser follows it by itself, with GET although the request "
                      "was a POST (RFC 9110 §15.4)."),
    QT_TRANSLATE_NOOP("ModelText", "It checked the {count} cookie in its jar against this URL: "
                      "host (domain-match), path (path-match), expiry and Secure decide which "
                      "go, and only their name=value pairs travel, longest path first (RFC 6265 "
                      "§5.4); {sent} of {total} pass."),
    QT_TRANSLATE_NOOP("ModelText", "It checked the {count} cookies in its jar against this URL: "
                      "host (domain-match), path (path-match), expiry and Secure decide which "
                      "go, and only their name=value pairs travel, longest path first (RFC 6265 "
                      "§5.4); {sent} of {total} pass."),
    QT_TRANSLATE_NOOP("ModelText", "It speaks HTTP/1.0: without Connection: keep-alive the "
                      "server closes the connection after one response (RFC 9112 §9.3, Appendix "
                      "C.2.2), so every request needs a new TCP connection: this one opens "
                      "connection #{connection}."),
    QT_TRANSLATE_NOOP("ModelText", "No open connection to this origin can take it, so the "
                      "browser opens TCP connection #{connection} first (three-way handshake)."),
    QT_TRANSLATE_NOOP("ModelText", "Pipelining: it goes out on connection #{connection} without "
                      "waiting for the previous response; the server must answer in order (RFC "
                      "9112 §9.3.2)."),
    QT_TRANSLATE_NOOP("ModelText", "It reuses connection #{connection}: an HTTP/1.1 connection "
                      "persists unless a side says Connection: close (RFC 9112 §9.3), which "
                      "saves a handshake."),
    QT_TRANSLATE_NOOP("ModelText", "The server's HTTP parser (h11) has a complete request: "
                      "{start_line} ({size} bytes of the byte stream TCP delivered)."),
    QT_TRANSLATE_NOOP("ModelText", "The Cookie header gives back what the browser stored: "
                      "{cookies}."),
    QT_TRANSLATE_NOOP("ModelText", "The app answers {status}; {size} bytes go to TCP."),
    QT_TRANSLATE_NOOP("ModelText", "The app answers {status} with {count} Set-Cookie field; "
                      "{size} bytes go to TCP."),
    QT_TRANSLATE_NOOP("ModelText", "The app answers {status} with {count} Set-Cookie fields; "
                      "{size} bytes go to TCP."),
    QT_TRANSLATE_NOOP("ModelText", "The app answers {status}: the head and the first chunk go "
                      "out now."),
    QT_TRANSLATE_NOOP("ModelText", "The app answers {status} with {count} Set-Cookie field: the "
                      "head and the first chunk go out now."),
    QT_TRANSLATE_NOOP("ModelText", "The app answers {status} with {count} Set-Cookie fields: the "
                      "head and the first chunk go out now."),
    QT_TRANSLATE_NOOP("ModelText", "Content-Length: {length} tells the reader where the body "
                      "ends (RFC 9112 §6.2, §6.3)."),
    QT_TRANSLATE_NOOP("ModelText", "The status line says {version} to an {request_version} "
                      "request: a server names the highest version it speaks, and sends only "
                      "what the client can understand (RFC 9110 §6.2)."),
    QT_TRANSLATE_NOOP("ModelText", "The app produces chunk {number} of {total} and sends it "
                      "({size} bytes)."),
    QT_TRANSLATE_NOOP("ModelText", "The chunk starts with its size in hexadecimal ({hex} = "
                      "{size} bytes); the server did not need to know the whole length when it "
                      "started (RFC 9112 §7.1)."),
    QT_TRANSLATE_NOOP("ModelText", "The browser has the head of the response ({start_line}); the "
                      "body is still arriving ({size} bytes so far)."),
    QT_TRANSLATE_NOOP("ModelText", "Chunk {number} of the response has arrived ({size} body "
                      "bytes so far)."),
    QT_TRANSLATE_NOOP("ModelText", "The browser has the whole response: {start_line} ({size} "
                      "bytes)."),
    QT_TRANSLATE_NOOP("ModelText", "The response ended early: {start_line} ({problems})."),
    QT_TRANSLATE_NOOP("ModelText", "It parses the {count} Set-Cookie field (RFC 6265 §5.2) and "
                      "stores the cookies for the request's host and path (§5.3)."),
    QT_TRANSLATE_NOOP("ModelText", "It parses the {count} Set-Cookie fields (RFC 6265 §5.2) and "
                      "stores the cookies for the request's host and path (§5.3)."),
    QT_TRANSLATE_NOOP("ModelText", "Status {status} with Location: {location}: the browser "
                      "fetches that next, with GET (RFC 9110 §15.4.3)."),
    QT_TRANSLATE_NOOP("ModelText", "The user edits the cookie {name} in the browser's developer "
                      "tools."),
    QT_TRANSLATE_NOOP("ModelText", "It answers 302 Found with Location: {location}: the browser "
                      "is to fetch that URL next."),
    QT_TRANSLATE_NOOP("ModelText", "{path} exists, but not for {method}."),
    QT_TRANSLATE_NOOP("ModelText", "No route matches {path}."),
    QT_TRANSLATE_NOOP("ModelText", "The visitor cookie came back ({visitor}…): the app "
                      "recognises this browser, although HTTP itself remembers nothing between "
                      "requests."),
    QT_TRANSLATE_NOOP("ModelText", "It counts visits in a second cookie, visits={visits}, with "
                      "no Max-Age: a session cookie, gone when the browser closes."),
    QT_TRANSLATE_NOOP("ModelText", "The app creates a session in its own store, under a new "
                      "random id, with user={user}, and sends the browser only the id, as cookie "
                      "sid: HttpOnly (page scripts cannot read it), SameSite=Lax (a link "
                      "followed from another site still brings it, a form another site POSTs "
                      "here does not: RFC 6265bis §5.6.7.1), no Max-Age (a session cookie)."),
    QT_TRANSLATE_NOOP("ModelText", "The app looks up sid={sid}… in its session store and finds "
                      "user={user}: the cookie is the key, the data stays on the server."),
    QT_TRANSLATE_NOOP("ModelText", "Flask keeps no session store: it puts the session itself, "
                      "{session}, into the cookie \"session\" as JSON, base64url-encoded, with "
                      "the time and an HMAC signature made with the app's SECRET_KEY "
                      "(itsdangerous)."),
    QT_TRANSLATE_NOOP("ModelText", "Flask checks the signature with its SECRET_KEY: {reason}."),
    QT_TRANSLATE_NOOP("ModelText", "Flask checks the session cookie's signature with its "
                      "SECRET_KEY: {reason}."),
    QT_TRANSLATE_NOOP("ModelText", "The session says user={user}."),
    QT_TRANSLATE_NOOP("ModelText", "The app serves {path}; it sets no cookies."),
    QT_TRANSLATE_NOOP("ModelText", "expired at t={time} s ({source}), so the browser evicts it "
                      "(RFC 6265 §5.3 step 3, §5.4)"),
    QT_TRANSLATE_NOOP("ModelText", "host-only cookie of {domain} (set without Domain), but the "
                      "request goes to {host} (RFC 6265 §5.4 step 1)"),
    QT_TRANSLATE_NOOP("ModelText", "host {host} does not domain-match {domain} (RFC 6265 §5.1.3)"),
    QT_TRANSLATE_NOOP("ModelText", "path {cookie_path} does not path-match {path} (RFC 6265 "
                      "§5.1.4)"),
    QT_TRANSLATE_NOOP("ModelText", "Secure cookie, but the request is {scheme}:// (RFC 6265 §5.4 "
                      "step 1)"),
    QT_TRANSLATE_NOOP("ModelText", "host-only for {host}, path {cookie_path} path-matches {path} "
                      "(§5.1.4)"),
    QT_TRANSLATE_NOOP("ModelText", "{host} domain-matches {domain} (§5.1.3), path {cookie_path} "
                      "path-matches {path} (§5.1.4)"),
    QT_TRANSLATE_NOOP("ModelText", "not expired until t={time} s"),
    # models/http/same_site.py: the SameSite decision of a same-site request ...
    QT_TRANSLATE_NOOP("ModelText", "SameSite=Strict: the request is same-site, so it goes "
                      "(started by another site, not even a followed link would carry it, RFC "
                      "6265bis §5.6.7.1)"),
    QT_TRANSLATE_NOOP("ModelText", "SameSite=Lax: the request is same-site, so it goes (started "
                      "by another site, only a top-level navigation with a safe method such as "
                      "GET would carry it, not a POST, an image or a frame, RFC 6265bis "
                      "§5.6.7.1)"),
    QT_TRANSLATE_NOOP("ModelText", "SameSite=None: same-site and cross-site requests alike carry "
                      "it (RFC 6265bis §5.8.3)"),
    # ... and of a cross-site one ({mode}: "SameSite=Lax" or the default enforced like Lax)
    QT_TRANSLATE_NOOP("ModelText", "no SameSite attribute, so the default, enforced like Lax"),
    QT_TRANSLATE_NOOP("ModelText", "SameSite=None: the request comes from another site ({site}), "
                      "and SameSite=None lets cross-site requests carry it (RFC 6265bis §5.8.3)"),
    QT_TRANSLATE_NOOP("ModelText", "SameSite=Strict: the request comes from another site "
                      "({site}), so it does not carry the cookie, not even as a top-level "
                      "navigation (RFC 6265bis §5.6.7.1, §5.8.3)"),
    QT_TRANSLATE_NOOP("ModelText", "{mode}: the request comes from another site ({site}) and is "
                      "not a top-level navigation (an image, a frame, a script's fetch), so it "
                      "does not carry the cookie (RFC 6265bis §5.8.3)"),
    QT_TRANSLATE_NOOP("ModelText", "{mode}: the request comes from another site ({site}) with "
                      "{method}, not a safe method (RFC 9110 §9.2.1), so it does not carry the "
                      "cookie (RFC 6265bis §5.6.7.1, §5.8.3)"),
    QT_TRANSLATE_NOOP("ModelText", "{mode}: the request comes from another site ({site}), but it "
                      "is a top-level navigation with a safe method ({method}), so it goes (RFC "
                      "6265bis §5.6.7.1, §5.8.3)"),
    QT_TRANSLATE_NOOP("ModelText", "{clause} (RFC 6265 §5.4)"),
    QT_TRANSLATE_NOOP("ModelText", "{name}: sent — {rule}"),
    QT_TRANSLATE_NOOP("ModelText", "{name}: not sent — {rule}"),
    QT_TRANSLATE_NOOP("ModelText", "{name} removed: the new Set-Cookie expired it at once "
                      "(Max-Age=0 or an Expires in the past), so the browser evicts it (RFC 6265 "
                      "§5.3)"),
    QT_TRANSLATE_NOOP("ModelText", "{cookie} stored: {scope}, path {path}, {life}"),
    QT_TRANSLATE_NOOP("ModelText", "host-only for {domain}"),
    QT_TRANSLATE_NOOP("ModelText", "domain {domain} and its subdomains"),
    QT_TRANSLATE_NOOP("ModelText", "expires at t={time} s"),
    QT_TRANSLATE_NOOP("ModelText", "{life}, Secure"),
    QT_TRANSLATE_NOOP("ModelText", "{life}, HttpOnly"),
    QT_TRANSLATE_NOOP("ModelText", "{life}, Secure, HttpOnly"),
    QT_TRANSLATE_NOOP("ModelText", "{name} replaced: {old} → {new} (same name, domain and path: "
                      "the new cookie replaces the old one, RFC 6265 §5.3 step 11)"),
    QT_TRANSLATE_NOOP("ModelText", "{name} set again with the same value ({life})"),
    QT_TRANSLATE_NOOP("ModelText", "{cookie} evicted: {domain} has more than {limit} cookies, "
                      "and the least recently used goes first (RFC 6265 §5.3 step 12)"),
    QT_TRANSLATE_NOOP("ModelText", "{cookie} evicted: the jar holds more than {limit} cookies, "
                      "and the least recently used goes first (RFC 6265 §5.3 step 12)"),
    QT_TRANSLATE_NOOP("ModelText", "{cookie} ignored: {why}"),
    QT_TRANSLATE_NOOP("ModelText", "{cookie} ignored: {why}."),
    QT_TRANSLATE_NOOP("ModelText", "Domain={domain} is a public suffix (RFC 6265 §5.3 step 5)"),
    QT_TRANSLATE_NOOP("ModelText", "Domain={domain} is on the Public Suffix List "
                      "(publicsuffix.org): no site may set a cookie for all of it (RFC 6265 "
                      "§5.3 step 5)"),
    QT_TRANSLATE_NOOP("ModelText", "the request host {host} does not domain-match "
                      "Domain={domain} (RFC 6265 §5.3 step 6)"),
    QT_TRANSLATE_NOOP("ModelText", "bad signature: the HMAC does not match the payload and "
                      "timestamp (tampered, or another secret key)"),
    QT_TRANSLATE_NOOP("ModelText", "the payload is too large to decode: its {size} compressed "
                      "bytes expand past the {limit} limit"),
    QT_TRANSLATE_NOOP("ModelText", "signature verified with fallback key {number} of "
                      "SECRET_KEY_FALLBACKS: an older key the app still accepts (HMAC-SHA1, "
                      "salt cookie-session)"),
    QT_TRANSLATE_NOOP("ModelText", "expired: signed {age} s ago, more than max_age = {max_age} s"),
    QT_TRANSLATE_NOOP("ModelText", "expired: signed {age} s in the future"),
    QT_TRANSLATE_NOOP("ModelText", "signature matched but the payload does not load"),
    QT_TRANSLATE_NOOP("ModelText", "not a Flask session cookie: {why}"),
    QT_TRANSLATE_NOOP("ModelText", "the payload is not base64url"),
    QT_TRANSLATE_NOOP("ModelText", "the payload is not zlib-compressed base64url"),
    QT_TRANSLATE_NOOP("ModelText", "the payload is not Flask's tagged JSON"),
)

# simulator/models/http/problems.py: why a parser could not fully understand a message
# (``HttpMessage.problems``, the message view's warning box); the fixed ones
PROBLEMS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "both Transfer-Encoding and Content-Length: Transfer-Encoding "
                      "wins (RFC 9112 §6.3 rule 3; a sign of request smuggling)"),
    QT_TRANSLATE_NOOP("ModelText", "the start line is not valid UTF-8 (its bytes are shown as "
                      "Latin-1)"),
    QT_TRANSLATE_NOOP("ModelText", "a header name is not valid UTF-8 (its bytes are shown as "
                      "Latin-1)"),
    QT_TRANSLATE_NOOP("ModelText", "the start line holds control bytes (binary data), shown as "
                      "\\xNN"),
    QT_TRANSLATE_NOOP("ModelText", "a header name holds control bytes (binary data), shown as "
                      "\\xNN"),
    QT_TRANSLATE_NOOP("ModelText", "HTTP/1.1 request without a Host header (RFC 9112 §3.2)"),
    QT_TRANSLATE_NOOP("ModelText", "the request target contains spaces"),
    QT_TRANSLATE_NOOP("ModelText", "request line without an HTTP version (HTTP/0.9 style)"),
    QT_TRANSLATE_NOOP("ModelText", "malformed start line: expected METHOD TARGET HTTP/x.y"),
    QT_TRANSLATE_NOOP("ModelText", "malformed start line: expected HTTP/x.y CODE REASON"),
    QT_TRANSLATE_NOOP("ModelText", "chunked body interrupted; its end cannot be found"),
    QT_TRANSLATE_NOOP("ModelText", "the capture ends before the connection closed, so the body "
                      "(read until close) may be incomplete"),
    QT_TRANSLATE_NOOP("ModelText", "truncated chunked body: the last chunk never came"),
    QT_TRANSLATE_NOOP("ModelText", "the stream ends inside the message head"),
    QT_TRANSLATE_NOOP("ModelText", "a chunk-size line is longer than 4 KiB"),
    QT_TRANSLATE_NOOP("ModelText", "chunk data is not followed by CRLF"),
    # simulator/net/http/streams.py: why stream bytes are missing (inside "{length} bytes
    # missing from the capture ({reason})")
    QT_TRANSLATE_NOOP("ModelText", "not in the capture (segment lost before the capture point or "
                      "never captured)"),
    QT_TRANSLATE_NOOP("ModelText", "not in the capture"),
)

# simulator/models/http/problems.py and net/http/streams.py: the problems with values
PROBLEM_TEMPLATES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "header {name} is not valid UTF-8 (its bytes are shown as "
                      "Latin-1)"),
    QT_TRANSLATE_NOOP("ModelText", "header {name} holds control bytes (binary data), shown as "
                      "\\xNN"),
    QT_TRANSLATE_NOOP("ModelText", "oversized head: {size} bytes (servers commonly refuse more "
                      "than {limit} KiB)"),
    QT_TRANSLATE_NOOP("ModelText", "a header line is {size} bytes long (longer than the {limit} "
                      "KiB many servers accept)"),
    QT_TRANSLATE_NOOP("ModelText", "line {number} continues the previous header (obsolete "
                      "folding)"),
    QT_TRANSLATE_NOOP("ModelText", "line {number} is not a header field (no colon): {line}"),
    QT_TRANSLATE_NOOP("ModelText", "line {number}: the header name {name} is not a token"),
    QT_TRANSLATE_NOOP("ModelText", "malformed start line: {version} is not an HTTP version "
                      "(expected HTTP/x.y)"),
    QT_TRANSLATE_NOOP("ModelText", "Transfer-Encoding {codings} does not end in chunked"),
    QT_TRANSLATE_NOOP("ModelText", "conflicting Content-Length headers: {values}; using the "
                      "first"),
    QT_TRANSLATE_NOOP("ModelText", "Content-Length {value} is not a number"),
    QT_TRANSLATE_NOOP("ModelText", "the connection closed before the message was complete: "
                      "{refusal}"),
    QT_TRANSLATE_NOOP("ModelText", "body longer than {limit} MiB: only its start is kept"),
    QT_TRANSLATE_NOOP("ModelText", "h11 refused it: {reason}"),
    QT_TRANSLATE_NOOP("ModelText", "{length} bytes missing from the capture ({reason})"),
    QT_TRANSLATE_NOOP("ModelText", "cut short: {where}; the rest of it cannot be framed"),
    QT_TRANSLATE_NOOP("ModelText", "body bytes {first}..{last} are {length} bytes missing from the "
                      "capture ({reason})"),
    QT_TRANSLATE_NOOP("ModelText", "no end of the head within {limit} KiB"),
    QT_TRANSLATE_NOOP("ModelText", "chunked body: {error}"),
    QT_TRANSLATE_NOOP("ModelText", "truncated body: {got} of {total} bytes before the stream "
                      "ends"),
    QT_TRANSLATE_NOOP("ModelText", "bad chunk-size line {line}"),
    QT_TRANSLATE_NOOP("ModelText", "more than {limit} header lines: the rest of the head is not "
                      "read"),
    QT_TRANSLATE_NOOP("ModelText", "more than {limit} messages in this direction of the "
                      "connection: the bytes after this one are not parsed"),
    QT_TRANSLATE_NOOP("ModelText", "packet {packet} was cut to the snapshot length ({count} "
                      "payload bytes not captured)"),
)

# h11's refusals (its RemoteProtocolError messages when reading, h11 0.14-0.16), quoted by
# "h11 refused it: {reason}" and by the strict parser as they are
H11_REFUSALS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "peer unexpectedly closed connection"),
    QT_TRANSLATE_NOOP("ModelText", "Receive buffer too long"),
    QT_TRANSLATE_NOOP("ModelText", "peer closed connection without sending complete message body "
                      "(incomplete chunked read)"),
    QT_TRANSLATE_NOOP("ModelText", "continuation line at start of headers"),
    QT_TRANSLATE_NOOP("ModelText", "illegal request line"),
    QT_TRANSLATE_NOOP("ModelText", "no request line received"),
    QT_TRANSLATE_NOOP("ModelText", "no response line received"),
    QT_TRANSLATE_NOOP("ModelText", "conflicting Content-Length headers"),
    QT_TRANSLATE_NOOP("ModelText", "bad Content-Length"),
    QT_TRANSLATE_NOOP("ModelText", "multiple Transfer-Encoding headers"),
    QT_TRANSLATE_NOOP("ModelText", "Only Transfer-Encoding: chunked is supported"),
    QT_TRANSLATE_NOOP("ModelText", "Missing mandatory Host: header"),
    QT_TRANSLATE_NOOP("ModelText", "Found multiple Host: headers"),
    QT_TRANSLATE_NOOP("ModelText", "Illegal method characters"),
    QT_TRANSLATE_NOOP("ModelText", "Illegal target characters"),
    QT_TRANSLATE_NOOP("ModelText", "Got data when expecting EOF"),
    QT_TRANSLATE_NOOP("ModelText", "Can't receive data when peer state is ERROR"),
)
H11_REFUSAL_TEMPLATES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "illegal header line: {line}"),
    QT_TRANSLATE_NOOP("ModelText", "illegal request line: {line}"),
    QT_TRANSLATE_NOOP("ModelText", "illegal status line: {line}"),
    QT_TRANSLATE_NOOP("ModelText", "illegal chunk header: {line}"),
    QT_TRANSLATE_NOOP("ModelText", "malformed chunk footer: {data} (expected {expected})"),
    QT_TRANSLATE_NOOP("ModelText", "peer closed connection without sending complete message body "
                      "(received {got} bytes, expected {expected})"),
    QT_TRANSLATE_NOOP("ModelText", "Illegal header name {name}"),
    QT_TRANSLATE_NOOP("ModelText", "Illegal header value {value}"),
    QT_TRANSLATE_NOOP("ModelText", "Response status_code should be in range [200, 1000), not "
                      "{code}"),
    QT_TRANSLATE_NOOP("ModelText", "InformationalResponse status_code should be in range [100, "
                      "200), not {code}"),
)
