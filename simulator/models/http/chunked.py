"""Chunked transfer coding read by hand (RFC 9112 §7.1), for bodies h11 is not reading.

The stream parsers let h11 de-chunk a body whenever they can. A body is read here instead
when its head was one h11 refused (``tolerant_parser``: the head was read by hand, so h11 never
saw the message), or from where h11 stopped reading the chunk framing itself (a chunk-size
line with whitespace before its ";", which RFC 9112 §7.1's BWS allows, or chunk lines ending
in a bare LF, which h11 waits on or refuses): :class:`Dechunker` takes the body's bytes in any
pieces, ignores chunk extensions and tolerates a bare LF for CRLF in chunk lines, as RFC 9112
§2.2 tolerates it in the start line and header fields; it stops after the last chunk and
the trailer section, saying where in its input the message ended so the next message is found
exactly. A chunk-size line that is not one sets ``error``: the framing is lost from there.
"""

from __future__ import annotations

import re

from simulator.models.http import problems as say
from simulator.models.limits import CHUNK_LINE_BYTES

_HEX_DIGITS = re.compile(rb"[0-9A-Fa-f]+")  # chunk-size = 1*HEXDIG (RFC 9112 §7.1)
LINE_LIMIT = CHUNK_LINE_BYTES  # bytes of a chunk-size or trailer line (CHUNK_LINE_TOO_LONG)


class Dechunker:
    """Incremental chunked-body decoder (RFC 9112 §7.1), tolerant of bare LF.

    ``feed`` returns where in the given bytes the message's bytes stop; ``done`` is set after
    the last chunk and the trailer section; a bad chunk-size line sets ``error``; ``chunks``
    counts the chunks whose data has arrived.
    """

    _remaining: int  # chunk data bytes still to come (set with the chunk's size line)

    def __init__(self, *, after_chunk_data: bool = False) -> None:
        """``after_chunk_data``: start right after a chunk's data (its CRLF comes first), where
        another reader (h11) left off."""
        self.body = bytearray()
        self.done = False
        self.error: str | None = None
        self.trailers: list[tuple[bytes, bytes]] = []
        self.chunks = 0
        self._state = "data-end" if after_chunk_data else "size"
        self._line = bytearray()

    def feed(self, data: bytes | bytearray, start: int = 0) -> int:
        """Decode from ``data[start:]``; return the index just past the bytes used."""
        i = start
        n = len(data)
        while i < n and not self.done and self.error is None:
            if self._state == "data":
                take = min(self._remaining, n - i)
                self.body += data[i:i + take]
                i += take
                self._remaining -= take
                if not self._remaining:
                    self._state = "data-end"
                    self.chunks += 1
                continue
            j = data.find(b"\n", i)
            if j < 0:
                self._line += data[i:]
                if len(self._line) > LINE_LIMIT:
                    self.error = say.CHUNK_LINE_TOO_LONG
                return n
            self._line += data[i:j]
            i = j + 1
            if len(self._line) > LINE_LIMIT:  # the same limit however the line arrived
                self.error = say.CHUNK_LINE_TOO_LONG
                return i
            line = bytes(self._line).rstrip(b"\r")
            self._line.clear()
            self._line_done(line)
        return i

    def _line_done(self, line: bytes) -> None:
        if self._state == "data-end":
            if line:
                self.error = say.CHUNK_WITHOUT_CRLF
            self._state = "size"
        elif self._state == "size":
            size_text = line.partition(b";")[0].strip()
            if not _HEX_DIGITS.fullmatch(size_text):  # 1*HEXDIG: not "-5", "0x5" or "+5"
                self.error = say.BAD_CHUNK_SIZE.format(line=repr(line[:40]))
                return
            size = int(size_text, 16)
            if size == 0:
                self._state = "trailer"
            else:
                self._remaining = size
                self._state = "data"
        elif self._state == "trailer":
            if not line:
                self.done = True
            else:
                name, _, value = line.partition(b":")
                self.trailers.append((name.strip(), value.strip()))
