"""Each end's true state changes, from what the kernel recorded, in RFC 9293's spelling.

Sources, each named in the entry's ``observed``:

* the ``sock:inet_sock_set_state`` tracepoint (``kernel_trace``): every change of a full
  socket, with its old and new state — the main source;
* the server capture's first SYN,ACK leaving: when the passive side entered SYN-RECEIVED.
  Linux keeps a passive open's SYN-RECEIVED in a request socket, which the tracepoint does
  not see (it fires for the child socket only when the handshake's last ACK creates it,
  and that event is left out); the kernel sends the SYN,ACK in the same call that creates
  the request socket, and the sock_diag poll (``sock_poll``) confirms it, its delay
  recorded in the entry;
* the sock_diag poll for TIME-WAIT: the kernel replaces the full socket by a timewait
  socket, and the full socket's last tracepoint event says CLOSE. Where the poll finds a
  TIME_WAIT socket of the same address pair right after, the entry at the tracepoint's time
  is TIME-WAIT.
"""

from __future__ import annotations

from dataclasses import dataclass

from tools.kernel_corpus.capture import CapturedPacket
from tools.kernel_corpus.frames import ACK, SYN
from tools.kernel_corpus.kernel_trace import TraceEvent

Poll = dict[str, object]  # one sock_poll line: t, side, state, wq, rq, ...

RFC_NAMES = {"TCP_ESTABLISHED": "ESTABLISHED", "TCP_SYN_SENT": "SYN-SENT",
             "TCP_SYN_RECV": "SYN-RECEIVED", "TCP_FIN_WAIT1": "FIN-WAIT-1",
             "TCP_FIN_WAIT2": "FIN-WAIT-2", "TCP_TIME_WAIT": "TIME-WAIT",
             "TCP_CLOSE": "CLOSED", "TCP_CLOSE_WAIT": "CLOSE-WAIT", "TCP_LAST_ACK": "LAST-ACK",
             "TCP_LISTEN": "LISTEN", "TCP_CLOSING": "CLOSING"}
TIME_WAIT_LOOKAHEAD = 0.05  # seconds after the CLOSE event within which the poll must see it


@dataclass(frozen=True)
class Ends:
    client: str  # "10.203.0.1:49152"
    server: str


def _short(kernel_name: str) -> str:
    return kernel_name.removeprefix("TCP_")


def side_of(event: TraceEvent, ends: Ends) -> str | None:
    sport = event.fields.get("sport")
    if sport == ends.client.rsplit(":", 1)[1]:
        return "client"
    if sport == ends.server.rsplit(":", 1)[1]:
        return "server"
    return None


def _first_poll(polls: list[Poll], side: str, state: str, after: float, until: float
                ) -> float | None:
    """When the side's poll first found its socket in ``state`` within [after, until]."""
    for change in polls:
        t = float(change["t"])  # type: ignore[arg-type]
        if change["side"] == side and change["state"] == state and after - 0.002 <= t <= until:
            return t
    return None


def side_states(side: str, trace: list[TraceEvent], polls: list[Poll], ends: Ends,
                server_capture: list[CapturedPacket]) -> list[dict[str, object]]:
    """The side's state entries: [{"t", "state", "observed"}, ...] in time order."""
    entries: list[dict[str, object]] = []
    passive = False
    for event in trace:
        if event.event != "inet_sock_set_state" or side_of(event, ends) != side:
            continue
        old, new = event.fields["oldstate"], event.fields["newstate"]
        how = f"tracepoint sock:inet_sock_set_state {_short(old)} → {_short(new)}"
        if new == "TCP_LISTEN":
            passive = True
            entries.append({"t": event.t, "state": "LISTEN",
                            "observed": how + " (the listening socket)"})
            continue
        if old == "TCP_LISTEN":
            if new == "TCP_SYN_RECV":  # the child socket made by the handshake's last ACK
                continue
            continue  # the listener closing at the end of the run: not the connection
        state = RFC_NAMES[new]
        if new == "TCP_CLOSE" and old in ("TCP_FIN_WAIT1", "TCP_FIN_WAIT2", "TCP_CLOSING"):
            seen = _first_poll(polls, side, "TIME_WAIT", event.t, event.t + TIME_WAIT_LOOKAHEAD)
            if seen is not None:
                state = "TIME-WAIT"
                how += (" (the full socket is replaced by a timewait socket; the sock_diag "
                        f"poll finds it in TIME_WAIT {1000 * (seen - event.t):+.1f} ms after)")
        entries.append({"t": event.t, "state": state, "observed": how})
    if side == "server" and passive:
        syn_ack = next((p for p in server_capture
                        if p.tcp.flags & (SYN | ACK) == SYN | ACK
                        and f"{p.tcp.src}:{p.tcp.sport}" == ends.server), None)
        if syn_ack is not None:
            seen = _first_poll(polls, "server", "SYN_RECV", syn_ack.t - 0.05, syn_ack.t + 1)
            polled = (f"; the sock_diag poll finds the request socket "
                      f"{1000 * (seen - syn_ack.t):+.1f} ms after" if seen is not None
                      else "; the poll did not catch the request socket")
            entries.append({"t": syn_ack.t, "state": "SYN-RECEIVED",
                            "observed": "the server capture's first SYN,ACK leaving (the "
                                        "request socket, which the tracepoint does not "
                                        "see, is made in the same call)" + polled})
    entries.sort(key=lambda e: float(e["t"]))  # type: ignore[arg-type]
    out: list[dict[str, object]] = []
    for entry in entries:
        if not out or out[-1]["state"] != entry["state"]:
            out.append(entry)
    return out


def kernel_notes(trace: list[TraceEvent], ends: Ends) -> list[dict[str, object]]:
    """The kernel's retransmissions, resets and congestion-state changes, for the reader."""
    out: list[dict[str, object]] = []
    for event in trace:
        if event.event == "inet_sock_set_state":
            continue
        side = side_of(event, ends)
        if side is None and event.event == "tcp_send_reset":  # addresses as "ip:port"
            saddr = event.fields.get("src")
            side = "client" if saddr == ends.client else "server" if saddr == ends.server \
                else None
        fields = {k: v for k, v in event.fields.items()
                  if k in ("state", "cong_state", "reason", "sport", "dport", "src", "dest",
                           "err")}
        out.append({"t": event.t, "event": event.event, "side": side, **fields})
    return out
