"""One scenario's run: the topology, the relay, the two actors, the captures and the
recorders, with the model's user-level API on top (``client.connect()``, ``settle()``, ...).

``NetworkRun`` is what a scenario script (``scenario_actions``) is handed, like the model's
``Simulation``: ``run.client`` and ``run.server`` take the user calls, ``settle()`` waits
until the network is quiet (no user call and no frame for ``QUIET`` seconds, the relay
holds no frame, and neither end's socket has anything unacknowledged: sock_diag's write
queue is empty and the socket is in no state that waits for its SYN or FIN to be
acknowledged), and
``finish()`` settles, then waits until each end's socket is in TIME-WAIT or gone, then a
little more (Linux's TIME-WAIT lasts 60 s: it is entered, not waited out).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.kernel_corpus.capture import Dumpcap
from tools.kernel_corpus.drop_rules import DropRule
from tools.kernel_corpus.kernel_trace import KernelTrace, TraceEvent
from tools.kernel_corpus.processes import Child
from tools.kernel_corpus.topology import (
    CLIENT_IF,
    CLIENT_IP,
    CLIENT_NS,
    RELAY_NS,
    SERVER_IF,
    SERVER_IP,
    SERVER_NS,
    Topology,
)

CLIENT_PORT, SERVER_PORT = 49152, 80  # the model's ports (simulation/network.py)
QUIET = 0.25  # seconds without a frame before the network counts as quiet
AFTER_TIME_WAIT = 0.3  # how long recording goes on once both ends are done
BUSY_STATES = ("SYN_SENT", "SYN_RECV", "FIN_WAIT1", "CLOSING", "LAST_ACK")
POLL_INTERVAL = 0.0005  # seconds between two sock_diag lookups (each takes ~0.05 ms)
CLIENT_END, SERVER_END = f"{CLIENT_IP}:{CLIENT_PORT}", f"{SERVER_IP}:{SERVER_PORT}"


class RelayProcess(Child):
    def __init__(self, delay: float, rules: list[DropRule]) -> None:
        args = ["-m", "tools.kernel_corpus.relay", "--delay", str(delay)]
        for rule in rules:
            args += ["--rule", rule.to_json()]
        self.in_flight = 0
        self.last_activity = time.monotonic()
        self.events: list[dict[str, object]] = []
        super().__init__("relay", RELAY_NS, args)

    def on_line(self, line: str) -> None:
        event = json.loads(line)
        self.events.append(event)
        kind = event["event"]
        if kind == "in":
            self.in_flight += 1
        elif kind == "out":
            self.in_flight -= 1
        self.last_activity = time.monotonic()


class SockPoller(Child):
    """``sock_poll`` in one endpoint's namespace: that end's socket of the connection."""

    def __init__(self, side: str, ns: str, local: str, remote: str) -> None:
        self.side = side
        self.changes: list[dict[str, object]] = []
        self.latest: dict[str, object] = {"state": None}
        super().__init__(f"poll-{side}", ns, ["-m", "tools.kernel_corpus.sock_poll", local,
                                               remote, str(POLL_INTERVAL)])

    def on_line(self, line: str) -> None:
        change = json.loads(line)
        if "t" in change:
            change["side"] = self.side
            self.changes.append(change)
            self.latest = change


class Endpoint:
    """One end's user calls, as the model's ``Actor`` spells them."""

    def __init__(self, run: NetworkRun, name: str, ns: str, address: str) -> None:
        self.run, self.name, self.address = run, name, address
        self.child = Child(name, ns, ["-m", "tools.kernel_corpus.actor", address])
        self.child.expect("ready")

    def _call(self, line: str) -> None:
        self.run.last_action = time.monotonic()
        self.run.actions.append({"t": time.time(), "side": self.name, "action": line})
        self.child.send_line(line)
        answer = self.child.expect("ok ")
        self.run.actions[-1]["answer"] = answer

    def listen(self) -> None:
        self._call(f"listen {SERVER_PORT}")

    def connect(self) -> None:
        if self.name == "client":
            self._call(f"connect {CLIENT_PORT} {SERVER_IP} {SERVER_PORT}")
        else:  # the server's half of a simultaneous open
            self._call(f"connect {SERVER_PORT} {CLIENT_IP} {CLIENT_PORT}")

    def send(self, payload: str) -> None:
        self._call(f"send {payload}")

    def close(self) -> None:
        self._call("close")

    def abort(self) -> None:
        self._call("abort")


@dataclass
class RunRecord:
    """Everything a run observed, for the truth file."""

    trace: list[TraceEvent]
    polls: list[dict[str, object]]
    relay_events: list[dict[str, object]]
    actions: list[dict[str, object]]
    actor_logs: dict[str, list[tuple[float, str]]]
    clock: dict[str, float]
    poll: dict[str, float] = field(default_factory=dict)


class NetworkRun:
    def __init__(self, out: Path, rules: list[DropRule], delay: float,
                 sysctls: tuple[tuple[str, str], ...] = ()) -> None:
        self.out = out
        self.rules = rules
        self.delay = delay
        self.topology = Topology(sysctls)
        self.actions: list[dict[str, object]] = []
        self.last_action = time.monotonic()

    def __enter__(self) -> NetworkRun:
        self.topology.create()
        self.relay = RelayProcess(self.delay, self.rules)
        self.relay.expect("{")  # the relay's "ready" line
        self.captures = {"client": Dumpcap(CLIENT_NS, CLIENT_IF, self.out / "client.pcap"),
                         "server": Dumpcap(SERVER_NS, SERVER_IF, self.out / "server.pcap")}
        for capture in self.captures.values():
            capture.start()
        self.client = Endpoint(self, "client", CLIENT_NS, CLIENT_IP)
        self.server = Endpoint(self, "server", SERVER_NS, SERVER_IP)
        self.pollers = [SockPoller("client", CLIENT_NS, CLIENT_END, SERVER_END),
                        SockPoller("server", SERVER_NS, SERVER_END, CLIENT_END)]
        for poller in self.pollers:
            poller.expect("{")
        self.trace = KernelTrace((CLIENT_PORT, SERVER_PORT))
        self.trace.start()
        time.sleep(0.1)
        return self

    def __exit__(self, *exc: object) -> None:
        for capture in getattr(self, "captures", {}).values():
            capture.stop()
        for child in (getattr(self, "client", None), getattr(self, "server", None)):
            if child is not None:
                child.child.stop()
        for poller in getattr(self, "pollers", []):
            poller.stop()
        if hasattr(self, "relay"):
            self.relay.stop()
        self.topology.destroy()

    # ------------------------------------------------------------------ time passing
    def _unacknowledged(self) -> bool:
        for poller in self.pollers:
            state, wq = poller.latest["state"], poller.latest.get("wq", 0)
            if state in BUSY_STATES or (state not in (None, "LISTEN", "TIME_WAIT") and wq):
                return True
        return False

    def settle(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            now = time.monotonic()
            quiet = now - max(self.relay.last_activity, self.last_action) >= QUIET
            if quiet and self.relay.in_flight == 0 and not self._unacknowledged():
                return
            time.sleep(0.005)
        raise TimeoutError("the network did not settle")

    def finish(self) -> None:
        self.settle()
        deadline = time.monotonic() + 60
        while any(p.latest["state"] not in (None, "LISTEN", "TIME_WAIT") for p in self.pollers):
            if time.monotonic() > deadline:
                raise TimeoutError(f"sockets still open: {[p.latest for p in self.pollers]}")
            time.sleep(0.005)
        time.sleep(AFTER_TIME_WAIT)

    def record(self) -> RunRecord:
        """Stop the recorders and hand over what they saw (call after the script)."""
        trace = self.trace.stop()
        for poller in self.pollers:
            poller.stop()
        for capture in self.captures.values():
            capture.stop()
        for endpoint in (self.client, self.server):
            endpoint.child.send_line("quit")
            endpoint.child.expect("ok quit")
        return RunRecord(
            trace=trace, polls=[c for p in self.pollers for c in p.changes],
            relay_events=self.relay.events,
            actions=self.actions,
            actor_logs={"client": self.client.child.log, "server": self.server.child.log},
            clock={"realtime_minus_monotonic": self.trace.offset,
                   "offset_uncertainty": self.trace.offset_uncertainty,
                   "offset_drift_during_run": self.trace.offset_drift},
            poll={"interval": POLL_INTERVAL})
