"""What hostile input may cost: every limit in one place, with what the learner sees.

A capture or an HTTP stream is untrusted: a file can claim a 4 GB record, a head that never
ends, a million pipelined requests or a 1 MB cookie that inflates to 700 MB. Each cost that
grows with the input is bounded by one of the numbers below; the modules that read input
import them from here (nothing else sets a limit), and when one is hit the learner is told,
in the sentence beside it, and the rest is still shown.

========================  ==========  ======================================================
limit                     value       where, and what happens when it is hit
========================  ==========  ======================================================
``CAPTURE_RECORD``        256 KiB     a pcap/pcapng record longer than this (or the file's
                                      snaplen, up to 16 MiB) ends reading: the packets
                                      before it are kept, a warning names the byte
``HEAD_BYTES``            1 MiB       a captured message head that has not ended by then
                                      is not a head (``NO_HEAD_END``)
``STRICT_HEAD_BYTES``     16 KiB      h11's limit for the simulated peers and the
                                      warning threshold for captured heads
``HEADER_LINES``          1,000       lines of a head h11 refused, read by hand: the rest
                                      is not read (``TOO_MANY_HEADER_LINES``); a head h11
                                      accepts keeps every line, as h11 framed its body
``CHUNK_LINE_BYTES``      4 KiB       a chunk-size or trailer line (``CHUNK_LINE_TOO_LONG``)
``BODY_KEPT``             16 MiB      body bytes kept per message; its length is still
                                      counted (``BODY_TOO_LONG``)
``DECODED_BODY``          16 MiB      a gzip/deflate body decoded for display: only its
                                      start is shown, and the window says so
``SESSION_PAYLOAD``       1 MiB       a Flask session payload once decompressed: larger is
                                      not decoded (``PAYLOAD_TOO_LARGE``)
``MESSAGES_PER_STREAM``   10,000      messages read from one direction of a connection:
                                      the rest of it is not parsed (``TOO_MANY_MESSAGES``);
                                      servers close a keep-alive connection long before
                                      (nginx after 1,000 requests, Apache after 100)
``REPLAYED_CONNECTIONS``  10,000      connections ``analyze`` replays for their states (the
                                      window replays the one chosen): the rest have none,
                                      and the document says so (``NOT_REPLAYED``)
``COOKIES_PER_DOMAIN``    180         cookies the jar keeps for one domain, and in all
``COOKIES_IN_JAR``        3,000       (Chrome's numbers; RFC 6265 §6.1 asks for at least 50
                                      and 3,000): the least recently used are evicted and
                                      the jar says so (``EVICTED_FROM_DOMAIN``, ``_JAR``)
``SHOWN_CHARACTERS``      6,000       characters of one header value, cookie, session or
                                      text body a view lays out: "… (N more characters)"
                                      (Qt lays out a 130 KB cookie for most of a second)
========================  ==========  ======================================================

Real traffic is far inside all of them (browsers send heads of a few KiB, Flask's cookie
stays under the 4 KiB browsers store), so they only ever cut what is hostile or broken.
The sentences are English templates; the window translates them through its catalogue
(``simulator/ui/text``), like every model sentence.
"""

from __future__ import annotations

__all__ = [
    "BODY_KEPT",
    "CAPTURE_RECORD",
    "CHUNK_LINE_BYTES",
    "COOKIES_IN_JAR",
    "COOKIES_PER_DOMAIN",
    "DECODED_BODY",
    "EVICTED_FROM_DOMAIN",
    "EVICTED_FROM_JAR",
    "HEADER_LINES",
    "HEAD_BYTES",
    "MESSAGES_PER_STREAM",
    "NOT_REPLAYED",
    "PAYLOAD_TOO_LARGE",
    "REPLAYED_CONNECTIONS",
    "SESSION_PAYLOAD",
    "SHOWN_CHARACTERS",
    "STRICT_HEAD_BYTES",
    "TOO_MANY_HEADER_LINES",
    "TOO_MANY_MESSAGES",
    "size_text",
]

KiB = 1024
MiB = 1024 * KiB

#: Largest packet Wireshark accepts in a record (WTAP_MAX_PACKET_SIZE_STANDARD).
CAPTURE_RECORD = 256 * KiB
#: A captured head that has not ended after this many bytes is not an HTTP head.
HEAD_BYTES = 1 * MiB
#: h11's default ``max_incomplete_event_size``; heads above it are flagged as oversized.
STRICT_HEAD_BYTES = 16 * KiB
#: Lines (start line included) of a head read by hand, h11 having refused it.
HEADER_LINES = 1000
#: Bytes of one chunk-size or trailer line (RFC 9112 §7.1).
CHUNK_LINE_BYTES = 4 * KiB
#: Body bytes kept per message (the length is still counted).
BODY_KEPT = 16 * MiB
#: Bytes a gzip/deflate body is decoded to for display.
DECODED_BODY = 16 * MiB
#: Bytes a Flask session payload may decompress to.
SESSION_PAYLOAD = 1 * MiB
#: Messages read from one direction of one connection.
MESSAGES_PER_STREAM = 10_000
#: Connections ``analyze`` replays through the model for their states (a 10 MB SYN scan
#: holds 70,000; each replay costs ~0.15 ms).
REPLAYED_CONNECTIONS = 10_000
#: Cookies the jar keeps for one domain and in all (RFC 6265 §5.3 step 12, §6.1; Chrome).
COOKIES_PER_DOMAIN = 180
COOKIES_IN_JAR = 3000
#: Characters of one value (header, cookie, session payload, text body) a view shows.
SHOWN_CHARACTERS = 6000

TOO_MANY_HEADER_LINES = "more than {limit} header lines: the rest of the head is not read"
TOO_MANY_MESSAGES = ("more than {limit} messages in this direction of the connection: the "
                     "bytes after this one are not parsed")
EVICTED_FROM_DOMAIN = ("{cookie} evicted: {domain} has more than {limit} cookies, and the "
                       "least recently used goes first (RFC 6265 §5.3 step 12)")
EVICTED_FROM_JAR = ("{cookie} evicted: the jar holds more than {limit} cookies, and the least "
                    "recently used goes first (RFC 6265 §5.3 step 12)")
NOT_REPLAYED = ("{count} connections: the states of the first {limit} are replayed; the "
                "rest have none (client_states and server_states are null)")
PAYLOAD_TOO_LARGE = ("the payload is too large to decode: its {size} compressed bytes expand "
                     "past the {limit} limit")


def size_text(size: int) -> str:
    """A limit as a learner reads it: '1 MiB', '16 KiB', '700 B'."""
    for unit, name in ((MiB, "MiB"), (KiB, "KiB")):
        if size >= unit and size % unit == 0:
            return f"{size // unit} {name}"
    return f"{size} B"
