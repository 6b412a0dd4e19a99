"""The real-kernel corpus (tests/data/kernel, made by tools/kernel_corpus) and the checks
of a replay against it: each side's true states, in order, each within a tolerance of when
the kernel entered it; and no segment that the capture does not hold.

Times are seconds from the capture's first packet (the replay's clock); the truth file's
times are the captures' clock (CLOCK_REALTIME), so each is shifted by that capture's first
packet time. A state the kernel entered before the capture's first packet (the listener's
LISTEN, say, or the far side's SYN-SENT when its first SYNs were lost) cannot be timed from
the capture: the replay's initial state is matched with the truth's first entry of that
state, entries before it are shown as "before the capture", and a state the kernel entered
before the first packet only needs the replay to have entered it by then (+ tolerance).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scapy.layers.inet import IP, TCP
from scapy.utils import rdpcap

from simulator.models.timeline.steps import Timeline
from tests.paths import ROOT

KERNEL = ROOT / "tests" / "data" / "kernel"
SIDES = ("client", "server")
ENDS = ("client", "server")  # where a capture was taken
TOLERANCE = 0.15  # seconds
BEFORE = float("-inf")


def scenario_names() -> list[str]:
    return sorted(p.name for p in KERNEL.iterdir() if (p / "truth.json").exists())


def load_truth(name: str) -> dict[str, Any]:
    truth: dict[str, Any] = json.loads((KERNEL / name / "truth.json").read_text())
    return truth


def capture_path(name: str, end: str) -> Path:
    return KERNEL / name / f"{end}.pcap"


@dataclass(frozen=True)
class Entered:
    state: str  # RFC 9293 spelling, "SYN-RECEIVED"
    t: float  # seconds from the capture's first packet; BEFORE for an initial state


def true_states(truth: dict[str, Any], side: str, end: str) -> list[Entered]:
    """The side's states as the kernel recorded them, from CLOSED, in the ``end`` capture's
    clock."""
    t0 = float(truth["captures"][end]["first_packet_t"])
    return [Entered("CLOSED", BEFORE)] + [Entered(e["state"], float(e["t"]) - t0)
                                          for e in truth["states"][side]]


def role_of(timeline: Timeline, address: str) -> str:
    """Which of the replay's two roles ("client": who sent the first SYN) is the endpoint at
    ``address``: in a simultaneous open captured at the server, the server's SYN comes
    first."""
    roles = [role for role, a in timeline.addresses.items() if a == address]
    assert roles, f"{address} is neither end of the replay ({timeline.addresses})"
    return roles[0]


def replayed_states(timeline: Timeline, address: str) -> list[Entered]:
    """The endpoint's states in the replay: its initial state, then each change with its
    step's time."""
    role = role_of(timeline, address)
    out = [Entered(dict(timeline.initial_states)[role].replace("_", "-"), BEFORE)]
    for step in timeline.steps:
        state = step.snapshot(role).state.rfc_name
        if state != out[-1].state:
            out.append(Entered(state, step.time))
    return out


def _t(t: float) -> str:
    return "before" if t == BEFORE else f"{t:.3f}"


def compare_states(truth: Sequence[Entered], replay: Sequence[Entered],
                   tolerance: float = TOLERANCE) -> tuple[bool, str]:
    """(whether they agree, a table: the kernel's state and time, the replay's, verdict)."""
    initial = replay[0].state
    start = next((i for i, e in enumerate(truth) if e.state == initial and e.t <= tolerance),
                 None)
    rows: list[tuple[str, str, str, str, str]] = []
    ok = start is not None
    if start is None:
        start = 0
        rows.append(("", "", initial, "before", "the kernel was not in the replay's initial "
                                                "state at the capture's start"))
    for e in truth[:start]:
        rows.append((e.state, _t(e.t), "", "", "before the capture"))
    aligned = list(truth[start:])
    for k in range(max(len(aligned), len(replay))):
        want = aligned[k] if k < len(aligned) else None
        got = replay[k] if k < len(replay) else None
        if want is None or got is None:
            ok = False
            verdict = "never entered by the kernel" if want is None else "missing in the replay"
        elif want.state != got.state:
            ok, verdict = False, "different state"
        elif k == 0:
            verdict = "initial"
        elif want.t < 0 and got.t <= tolerance:
            verdict = "before the capture (not timed)"
        elif abs(want.t - got.t) > tolerance:
            ok, verdict = False, f"{got.t - want.t:+.3f} s off"
        else:
            verdict = f"ok ({got.t - want.t:+.3f})"
        rows.append((want.state if want else "—", _t(want.t) if want else "",
                     got.state if got else "—", _t(got.t) if got else "", verdict))
    width = max(len("kernel"), *(len(r[0]) for r in rows), *(len(r[2]) for r in rows)) + 2
    lines = [f"{'kernel':<{width}}{'t':>8}   {'replay':<{width}}{'t':>8}   verdict"]
    lines += [f"{a:<{width}}{b:>8}   {c:<{width}}{d:>8}   {v}" for a, b, c, d, v in rows]
    return ok, "\n".join(lines)


def largest_time_difference(truth: Sequence[Entered], replay: Sequence[Entered]) -> float:
    """The biggest |replay − truth| over states matched in order (for reports)."""
    pairs = zip([e for e in truth if e.t != BEFORE], [e for e in replay if e.t != BEFORE],
                strict=False)
    return max((abs(a.t - b.t) for a, b in pairs if a.state == b.state), default=0.0)


Signature = tuple[str, int, int, int, int]  # sender, flags, seq, ack, payload length


def captured_signatures(path: Path, client_address: str) -> Counter[Signature]:
    """Every TCP segment of the capture, read with scapy (not with the index under test);
    the sender is "client" when it is ``client_address`` (the replay's client role)."""
    out: Counter[Signature] = Counter()
    for packet in rdpcap(str(path)):
        if IP in packet and TCP in packet:
            tcp = packet[TCP]
            sender = ("client" if f"{packet[IP].src}:{tcp.sport}" == client_address
                      else "server")
            length = packet[IP].len - packet[IP].ihl * 4 - tcp.dataofs * 4
            out[(sender, int(tcp.flags) & 0x3F, tcp.seq, tcp.ack, length)] += 1
    return out


def invented_segments(timeline: Timeline, captured: Counter[Signature]) -> list[str]:
    """The timeline's segments (and the steps' segments) that the capture does not hold."""
    shown: Counter[Signature] = Counter()
    for seg in timeline.segments:
        shown[(seg.src, int(seg.flags) & 0x3F, seg.seq, seg.ack, seg.length)] += 1
    for step in timeline.steps:
        seg = step.segment
        if seg is not None:
            key = (seg.src, int(seg.flags) & 0x3F, seg.seq, seg.ack, seg.length)
            if key not in captured:
                shown[key] = max(shown[key], 1)
    return [f"{n - captured[k]} × {k[0]} flags=0x{k[1]:02x} seq={k[2]} ack={k[3]} len={k[4]}"
            for k, n in shown.items() if n > captured[k]]
