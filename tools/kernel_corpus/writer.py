"""Writes one scenario's corpus entry: client.pcap, server.pcap (already written by dumpcap
into the folder) and truth.json."""

from __future__ import annotations

import json
import platform
from pathlib import Path

from tools.kernel_corpus.capture import CapturedPacket, read_pcap
from tools.kernel_corpus.network_run import CLIENT_PORT, SERVER_PORT, RunRecord
from tools.kernel_corpus.scenario_actions import KernelScenario
from tools.kernel_corpus.topology import CLIENT_IP, SERVER_IP
from tools.kernel_corpus.truth import Ends, kernel_notes, side_states

SCHEMA = 1


def _capture_facts(packets: list[CapturedPacket]) -> dict[str, object]:
    return {"packets": len(packets), "first_packet_t": packets[0].t if packets else None,
            "last_packet_t": packets[-1].t if packets else None}


def _drops(record: RunRecord, captures: dict[str, list[CapturedPacket]]
           ) -> list[dict[str, object]]:
    """Each dropped frame, with the packet number it has in its sender's capture."""
    out = []
    for event in record.relay_events:
        if event["event"] != "drop":
            continue
        sender = str(event["sender"])
        t = float(event["t"])  # type: ignore[arg-type]
        summary = str(event["summary"])
        match = min((p for p in captures[sender] if p.tcp.summary() == summary),
                    key=lambda p: abs(p.t - t), default=None)
        out.append({"t": t, "sender": sender, "summary": summary, "rule": event["rule"],
                    f"{sender}_capture_packet": match.number if match else None})
    return out


def _relay_facts(record: RunRecord) -> dict[str, object]:
    """How many frames the relay forwarded and how long it really held them."""
    came = {e["id"]: float(e["t"]) for e in record.relay_events  # type: ignore[arg-type]
            if e["event"] == "in"}
    held = sorted(float(e["t"]) - came[e["id"]] for e in record.relay_events  # type: ignore[arg-type]
                  if e["event"] == "out" and e["id"] in came)
    if not held:
        return {"forwarded": 0}
    return {"forwarded": len(held), "held_min": round(held[0], 6),
            "held_median": round(held[len(held) // 2], 6), "held_max": round(held[-1], 6)}


def write_truth(out: Path, scenario: KernelScenario, record: RunRecord, delay: float,
                sysctls: dict[str, dict[str, str]], offloads: dict[str, dict[str, str]],
                quiet: float) -> dict[str, object]:
    ends = Ends(f"{CLIENT_IP}:{CLIENT_PORT}", f"{SERVER_IP}:{SERVER_PORT}")
    captures = {side: read_pcap(out / f"{side}.pcap") for side in ("client", "server")}
    states = {side: side_states(side, record.trace, record.polls, ends, captures["server"])
              for side in ("client", "server")}
    truth: dict[str, object] = {
        "schema": SCHEMA,
        "scenario": scenario.name,
        # the model's run of the same user actions (simulator.models.simulation.scenarios)
        "model": {"scenario": scenario.model[0] if scenario.model else scenario.name,
                  "drop_ids": list(scenario.model[1]) if scenario.model else []},
        "kernel": {"release": platform.release(), "version": platform.version(),
                   "machine": platform.machine()},
        "sysctls": sysctls,
        "offloads": offloads,
        "addresses": {"client": ends.client, "server": ends.server},
        "one_way_delay": delay,
        "relay": _relay_facts(record),
        "drop_rules": [r.describe() for r in scenario.rules],
        "dropped": _drops(record, captures),
        "captures": {side: {"file": f"{side}.pcap", **_capture_facts(captures[side])}
                     for side in ("client", "server")},
        "clock": {
            "captures": "pcap timestamps, CLOCK_REALTIME seconds (dumpcap at each end)",
            "states": "t in the captures' clock: tracepoint times (trace_clock mono) plus "
                      "realtime − monotonic measured at the start",
            **record.clock},
        "time_wait": "Linux holds TIME-WAIT for 60 s; recording stopped "
                     "about 0.3 s after both ends were in TIME-WAIT or closed, so no "
                     "TIME-WAIT → CLOSED is recorded",
        "user_actions": [{k: v for k, v in a.items()} for a in record.actions],
        "settle": f"the network counts as quiet after {quiet} s without a frame, nothing "
                  "held in the relay and nothing unacknowledged (sock_diag)",
        "poll": record.poll,
        "states": states,
        "kernel_events": kernel_notes(record.trace, ends),
        "notes": list(scenario.notes),
    }
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n")
    return truth
