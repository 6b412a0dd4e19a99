"""Werkzeug's request handler with its socket watched: every byte read and written is recorded.

Theory of operation
-------------------
``werkzeug.serving.WSGIRequestHandler`` reads the request through ``self.rfile`` (a buffered
reader on the connected socket) and writes the response through ``self.wfile``. The handler
made by ``recording_handler`` replaces both, right after ``setup()`` made them, with wrappers
that pass each ``recv_into`` and ``sendall`` through unchanged and report the bytes to the
current ``FrameRecorder``. So the recorded request and response are exactly the bytes that
crossed the socket, in order, each placed among the call-chain events — the input from which
the TCP model can rebuild the segments (RFC 9293: a TCP byte stream has no message
boundaries, so the chunk sizes here are the application's reads and writes, not segments).

It also keeps the server's log lines and Flask's error log (``environ['wsgi.errors']``, which
Werkzeug sets to ``sys.stderr``) with the trace instead of printing them: the learner's
traceback belongs in the trace, not on the terminal of a ``--json`` run.
"""

from __future__ import annotations

import io
import re
import socket
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import WSGIRequestHandler

from simulator.models.wsgi.call_chain import Direction
from simulator.net.live.recorder import FrameRecorder

_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # Werkzeug colours its log lines for terminals


@dataclass
class ServeState:
    """Shared between the handler class and the trace: the recorder of the request being
    served, and everything the server would otherwise have printed."""

    recorder: FrameRecorder | None = None
    errors: io.StringIO = field(default_factory=io.StringIO)
    log: list[str] = field(default_factory=list)

    def note(self, direction: Direction, data: bytes) -> None:
        if self.recorder is not None:
            self.recorder.note_wire(direction, data)


class _RecordingReader(io.RawIOBase):
    def __init__(self, sock: socket.socket, state: ServeState) -> None:
        self._sock = sock
        self._state = state

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._sock.recv_into(buffer)
        if n:
            with memoryview(buffer) as view:
                self._state.note(Direction.IN, bytes(view[:n]))
        return n


class _RecordingWriter(io.BufferedIOBase):
    def __init__(self, sock: socket.socket, state: ServeState) -> None:
        self._sock = sock
        self._state = state

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        with memoryview(data) as view:
            self._state.note(Direction.OUT, bytes(view))
            self._sock.sendall(view)
            return view.nbytes

    def fileno(self) -> int:
        return self._sock.fileno()


def recording_handler(state: ServeState, limit: float) -> type[WSGIRequestHandler]:
    """A WSGIRequestHandler subclass that records into ``state``; ``limit`` bounds every
    socket read, so a client that never finishes its request cannot hold the server."""

    class RecordingRequestHandler(WSGIRequestHandler):
        # socketserver.StreamRequestHandler applies it to the connection in setup()
        timeout = limit

        def setup(self) -> None:
            super().setup()
            self.rfile.close()  # replace the plain reader and writer setup() made
            self.rfile = io.BufferedReader(_RecordingReader(self.connection, state))
            self.wfile = _RecordingWriter(self.connection, state)

        def make_environ(self) -> Any:
            environ = super().make_environ()
            environ["wsgi.errors"] = state.errors
            return environ

        def log(self, type: str, message: str, *args: Any) -> None:
            text = message % args if args else message
            state.log.append(f"{type}: {_ANSI.sub('', text)}")

    return RecordingRequestHandler
