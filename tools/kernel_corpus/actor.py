"""One endpoint's application: real sockets, driven by the controller over a line protocol.

Runs inside an endpoint's namespace (``ip netns exec NS python -m tools.kernel_corpus.actor
ADDRESS``). Each line on stdin is one user-level action; the answer is one line on stdout
(``ok ...`` or ``error ...``). What happens later on its own (a connection accepted or
established, bytes received, end of stream, a reset) is reported as ``event ...`` lines.

Commands (RFC 9293 §3.10 user calls, as the sockets API spells them):

* ``listen PORT`` — passive OPEN: bind, listen, accept in the background;
* ``connect LOCAL_PORT HOST PORT`` — active OPEN from a fixed port, in the background
  (a simultaneous open needs both ends bound to known ports);
* ``send NAME`` — SEND the bytes the model's scenarios send (``request``, ``response``,
  ``big-response``, ``long-response``);
* ``close`` — CLOSE: ``shutdown(SHUT_WR)``, "no more data from me", the socket stays open
  to receive (the descriptor itself is closed at ``quit``); ``abort`` — ABORT:
  ``SO_LINGER {1, 0}`` then ``close()``, which sends RST (after ``shutdown(SHUT_RD)``,
  which sends nothing, has woken the thread blocked in ``recv()``);
* ``quit`` — close every descriptor and exit.
"""

from __future__ import annotations

import socket
import struct
import sys
import threading

from simulator.models.simulation.scenarios import (
    BIG_RESPONSE,
    LONG_RESPONSE,
    REQUEST,
    RESPONSE,
)

PAYLOADS = {"request": REQUEST, "response": RESPONSE, "big-response": BIG_RESPONSE,
            # the model's fast-retransmit response: 8,081 bytes, six segments
            "long-response": LONG_RESPONSE}

#: Linux's own default congestion control, set on each socket (TCP_CONGESTION): this VM's
#: host chose bbr, whose pacing spreads a window's segments over the round trip, and a
#: namespace may not make cubic its default when the host does not allow it.
CONGESTION_CONTROL = b"cubic"

_lock = threading.Lock()


def tcp_socket() -> socket.socket:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, CONGESTION_CONTROL)
    return s


def say(line: str) -> None:
    with _lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


class Actor:
    def __init__(self, address: str) -> None:
        self.address = address
        self.listener: socket.socket | None = None
        self.conn: socket.socket | None = None
        self.reader: threading.Thread | None = None  # the thread blocked in recv()

    def listen(self, port: str) -> None:
        s = tcp_socket()
        s.bind((self.address, int(port)))
        s.listen(1)
        self.listener = s
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        assert self.listener is not None
        conn, peer = self.listener.accept()
        self.conn = conn
        self.reader = threading.current_thread()
        say(f"event accepted {peer[0]}:{peer[1]}")
        self._read(conn)

    def connect(self, local_port: str, host: str, port: str) -> None:
        s = tcp_socket()
        s.bind((self.address, int(local_port)))
        self.conn = s
        self.reader = threading.Thread(target=self._connect, args=(s, host, int(port)),
                                       daemon=True)
        self.reader.start()

    def _connect(self, s: socket.socket, host: str, port: int) -> None:
        try:
            s.connect((host, port))
        except OSError as e:
            say(f"event connect-failed {e.strerror}")
            return
        say("event connected")
        self._read(s)

    @staticmethod
    def _read(s: socket.socket) -> None:
        total = 0
        try:
            while data := s.recv(65536):
                total += len(data)
                say(f"event received {len(data)} total {total}")
        except OSError as e:
            say(f"event recv-error {e.strerror}")
            return
        say(f"event eof total {total}")

    def send(self, name: str) -> int:
        assert self.conn is not None
        self.conn.sendall(PAYLOADS[name])
        return len(PAYLOADS[name])

    def close(self) -> None:
        assert self.conn is not None
        self.conn.shutdown(socket.SHUT_WR)

    def abort(self) -> None:
        assert self.conn is not None
        self.conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # close() releases the socket only when no thread is inside recv() on it: wake the
        # reader first (SHUT_RD sends nothing on Linux), then close, which sends the RST.
        self.conn.shutdown(socket.SHUT_RD)
        if self.reader is not None:
            self.reader.join(timeout=5)
        self.conn.close()
        self.conn = None

    def quit(self) -> None:
        for s in (self.conn, self.listener):
            if s is not None:
                s.close()


def main() -> None:
    actor = Actor(sys.argv[1])
    say("ready")
    for line in sys.stdin:
        command, *args = line.split()
        try:
            if command == "listen":
                actor.listen(*args)
            elif command == "connect":
                actor.connect(*args)
            elif command == "send":
                say(f"ok send {actor.send(*args)}")
                continue
            elif command == "close":
                actor.close()
            elif command == "abort":
                actor.abort()
            elif command == "quit":
                actor.quit()
                say("ok quit")
                return
            else:
                raise ValueError(f"unknown command {command!r}")
        except (OSError, ValueError, AssertionError) as e:
            say(f"error {command} {e}")
            continue
        say(f"ok {command}")


if __name__ == "__main__":
    main()
