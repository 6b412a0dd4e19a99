"""The relay: forwards frames between two veths in user space, each one way after a delay.

Runs inside the relay's namespace (which has no IP address), ``python -m
tools.kernel_corpus.relay --delay 0.05 [--rule JSON ...]``. Two AF_PACKET sockets, one per
veth, receive every frame (ARP included); frames the socket itself sent come back marked
PACKET_OUTGOING and are skipped. Each frame is sent out of the other veth ``delay`` seconds
after it arrived, unless a drop rule (``drop_rules``) takes it. Every frame is reported on
stdout as a JSON line (when it came in, when it went out or that it was dropped), which the
controller uses to know when the network is quiet and the truth file to list the drops.
"""

from __future__ import annotations

import argparse
import heapq
import json
import select
import signal
import socket
import sys
import time

from tools.kernel_corpus.drop_rules import DropRule, DropState
from tools.kernel_corpus.frames import tcp_of_frame
from tools.kernel_corpus.topology import RELAY_CLIENT_IF, RELAY_SERVER_IF

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def _say(**fields: object) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def relay(delay: float, rules: list[DropRule]) -> None:
    sockets: dict[str, socket.socket] = {}
    for ifname in (RELAY_CLIENT_IF, RELAY_SERVER_IF):
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        s.bind((ifname, 0))
        s.setblocking(False)
        sockets[ifname] = s
    other = {RELAY_CLIENT_IF: RELAY_SERVER_IF, RELAY_SERVER_IF: RELAY_CLIENT_IF}
    sender_of = {RELAY_CLIENT_IF: "client", RELAY_SERVER_IF: "server"}
    drops = DropState(rules)
    queue: list[tuple[float, int, str, bytes]] = []  # (due, order, out interface, frame)
    order = 0
    running = True

    def stop(*_: object) -> None:
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    _say(event="ready")
    by_fd = {s.fileno(): name for name, s in sockets.items()}
    while running:
        timeout = max(0.0, queue[0][0] - time.monotonic()) if queue else 0.05
        readable, _, _ = select.select(list(sockets.values()), [], [], timeout)
        for s in readable:
            ifname = by_fd[s.fileno()]
            while True:
                try:
                    frame, address = s.recvfrom(65535)
                except BlockingIOError:
                    break
                if address[2] == PACKET_OUTGOING:
                    continue
                now = time.monotonic()
                sender = sender_of[ifname]
                tcp = tcp_of_frame(frame)
                summary = tcp.summary() if tcp else f"ethertype 0x{frame[12:14].hex()}"
                rule = drops.should_drop(sender, tcp) if tcp else None
                if rule is not None:
                    _say(event="drop", t=time.time(), sender=sender, summary=summary,
                         rule=rule.describe(), id=order)
                else:
                    heapq.heappush(queue, (now + delay, order, other[ifname], frame))
                    _say(event="in", t=time.time(), sender=sender, summary=summary, id=order)
                order += 1
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, frame_id, out, frame = heapq.heappop(queue)
            sockets[out].send(frame)
            _say(event="out", t=time.time(), id=frame_id)
    for s in sockets.values():
        s.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--rule", action="append", default=[], help="a DropRule as JSON")
    args = parser.parse_args()
    relay(args.delay, [DropRule.from_json(r) for r in args.rule])


if __name__ == "__main__":
    main()
