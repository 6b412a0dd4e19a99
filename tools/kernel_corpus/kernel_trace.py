"""The kernel's own record of each socket's state changes: the ``sock:inet_sock_set_state``
tracepoint, in a tracefs instance of our own.

The instance (``/sys/kernel/tracing/instances/pskc``) has its own buffer, clock and event
switches, so nothing global is touched. Its clock is ``mono`` (CLOCK_MONOTONIC); the
captures' timestamps are CLOCK_REALTIME, so ``ClockOffset`` measures realtime − monotonic
(the pair of readings closest together of many) to convert. The events are filtered on the
run's two ports. Also enabled, for the truth file's notes: the kernel's retransmissions
(``tcp:tcp_retransmit_skb``, ``tcp:tcp_retransmit_synack``) and resets sent and received.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

TRACEFS = Path("/sys/kernel/tracing")
INSTANCE = TRACEFS / "instances" / "pskc"
STATE_EVENT = "sock/inet_sock_set_state"
NOTE_EVENTS = ("tcp/tcp_retransmit_skb", "tcp/tcp_retransmit_synack", "tcp/tcp_receive_reset",
               "tcp/tcp_send_reset", "tcp/tcp_cong_state_set")

_LINE = re.compile(r"\s(?P<ts>\d+\.\d+):\s+(?P<event>\w+):\s+(?P<body>.*)$")
_FIELD = re.compile(r"(\w+)=(\S+)")


@dataclass(frozen=True)
class TraceEvent:
    t: float  # CLOCK_REALTIME seconds (the captures' clock)
    event: str
    fields: dict[str, str]


class ClockOffset:
    """CLOCK_REALTIME − CLOCK_MONOTONIC, from the closest of many paired readings."""

    @staticmethod
    def measure(samples: int = 2000) -> tuple[float, float]:
        """(offset in seconds, uncertainty in seconds)."""
        best: tuple[int, int] | None = None
        for _ in range(samples):
            m0 = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
            r = time.clock_gettime_ns(time.CLOCK_REALTIME)
            m1 = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
            if best is None or m1 - m0 < best[1]:
                best = (r - (m0 + m1) // 2, m1 - m0)
        assert best is not None
        return best[0] / 1e9, best[1] / 1e9


class KernelTrace:
    def __init__(self, ports: tuple[int, ...]) -> None:
        self.ports = ports
        self.offset = 0.0
        self.offset_uncertainty = 0.0
        self.offset_drift = 0.0

    def start(self) -> None:
        if not (TRACEFS / "events").exists():
            os.system(f"mount -t tracefs nodev {TRACEFS}")
        if INSTANCE.exists():
            self._disable()
            INSTANCE.rmdir()
        INSTANCE.mkdir()
        (INSTANCE / "trace_clock").write_text("mono")
        (INSTANCE / "buffer_size_kb").write_text("4096")
        port_filter = " || ".join(f"sport == {p} || dport == {p}" for p in self.ports)
        for event in (STATE_EVENT, *NOTE_EVENTS):
            d = INSTANCE / "events" / event
            if not d.exists():
                continue
            if event != "tcp/tcp_send_reset":  # its addresses are sockaddrs: filtered later
                (d / "filter").write_text(port_filter)
            (d / "enable").write_text("1")
        self.offset, self.offset_uncertainty = ClockOffset.measure()

    def _disable(self) -> None:
        for event in (STATE_EVENT, *NOTE_EVENTS):
            enable = INSTANCE / "events" / event / "enable"
            if enable.exists():
                enable.write_text("0")

    def stop(self) -> list[TraceEvent]:
        """Stop tracing, return the events (realtime clock), remove the instance."""
        self._disable()
        offset_after, _ = ClockOffset.measure()
        self.offset_drift = offset_after - self.offset
        text = (INSTANCE / "trace").read_text()
        INSTANCE.rmdir()
        events = []
        for line in text.splitlines():
            if line.startswith("#"):
                continue
            m = _LINE.search(line)
            if m is None:
                continue
            fields = dict(_FIELD.findall(m["body"]))
            if m["event"] == "tcp_send_reset" and "10.203.0." not in m["body"]:
                continue
            events.append(TraceEvent(float(m["ts"]) + self.offset, m["event"], fields))
        return events
