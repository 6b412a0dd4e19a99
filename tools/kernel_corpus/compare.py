"""``python -m tools.kernel_corpus.compare``: the model's scenarios against the kernel's runs.

For each scenario of tests/data/kernel: do the model's states (per side, in order) match the
kernel's, and do its segments match the kernel's segment for segment (in the order their
senders sent them: flags without PSH, sequence and acknowledgment numbers relative to each
side's ISN, payload length)? Where not, the first difference. The model runs the scenario of
the same name, or the one truth.json names (a scenario with chosen segments lost). Needs no
root: it reads the committed corpus.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from simulator.models.simulation.scenarios import build
from simulator.models.timeline.steps import Timeline
from tools.kernel_corpus.capture import read_pcap
from tools.kernel_corpus.frames import ACK, FIN, RST, SYN

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "kernel"
_SHOWN_FLAGS = SYN | FIN | RST | ACK
_NAMES = ((SYN, "SYN"), (FIN, "FIN"), (RST, "RST"), (ACK, "ACK"))


@dataclass(frozen=True)
class Seg:
    sender: str
    flags: int
    seq: int  # relative to the sender's ISN
    ack: int  # relative to the receiver's ISN (0 without ACK)
    length: int

    def __str__(self) -> str:
        flags = ",".join(n for bit, n in _NAMES if self.flags & bit)
        return (f"{self.sender} [{flags}] seq={self.seq}"
                + (f" ack={self.ack}" if self.flags & ACK else "") + f" len={self.length}")


def _relative(raw: list[tuple[float, str, int, int, int, int]]) -> list[Seg]:
    """(time, sender, flags, seq, ack, length) → Seg, numbers relative to each ISN (the
    sender's SYN, else its first sequence number)."""
    isn: dict[str, int] = {}
    for _, sender, flags, seq, _, _ in raw:
        if flags & SYN:
            isn.setdefault(sender, seq)
    for _, sender, _, seq, _, _ in raw:
        isn.setdefault(sender, seq)
    other = {"client": "server", "server": "client"}
    return [Seg(sender, flags & _SHOWN_FLAGS, (seq - isn[sender]) % 2**32,
                (ack - isn.get(other[sender], ack)) % 2**32 if flags & ACK else 0, length)
            for _, sender, flags, seq, ack, length in sorted(raw, key=lambda r: r[0])]


def kernel_segments(folder: Path, truth: dict[str, object]) -> list[Seg]:
    """Every segment the kernels sent, from each sender's own capture (its send time)."""
    addresses = truth["addresses"]
    assert isinstance(addresses, dict)
    raw = []
    for side in ("client", "server"):
        for p in read_pcap(folder / f"{side}.pcap"):
            if f"{p.tcp.src}:{p.tcp.sport}" == addresses[side]:
                raw.append((p.t, side, p.tcp.flags, p.tcp.seq, p.tcp.ack, p.tcp.payload_len))
    return _relative(raw)


def model_segments(timeline: Timeline) -> list[Seg]:
    return _relative([(s.sent_at, s.src, int(s.flags), s.seq, s.ack, s.length)
                      for s in timeline.segments])


def kernel_states(truth: dict[str, object], side: str) -> list[str]:
    states = truth["states"]
    assert isinstance(states, dict)
    return ["CLOSED"] + [str(e["state"]) for e in states[side]]


def model_states(timeline: Timeline, side: str) -> list[str]:
    states = [s.replace("_", "-") for s in timeline.states(side)]
    if states[-2:] == ["TIME-WAIT", "CLOSED"]:  # the kernel's recording stops in TIME-WAIT
        states.pop()
    return states


@dataclass(frozen=True)
class Row:
    scenario: str
    model: str
    states: str
    segments: str
    first_difference: str


def compare(folder: Path) -> Row:
    truth = json.loads((folder / "truth.json").read_text())
    model = truth["model"]
    label = model["scenario"] + (f" drop {model['drop_ids']}" if model["drop_ids"] else "")
    try:
        timeline = build(model["scenario"], frozenset(model["drop_ids"]))
    except KeyError:
        return Row(folder.name, "—", "no model", "no model",
                   f"the model has no scenario {model['scenario']!r}")
    differences = []
    states_ok = True
    for side in ("client", "server"):
        k, m = kernel_states(truth, side), model_states(timeline, side)
        if k != m:
            states_ok = False
            differences.append(f"{side} states: kernel {' → '.join(k)}; "
                               f"model {' → '.join(m)}")
    kernel, modelled = kernel_segments(folder, truth), model_segments(timeline)
    first = next((i for i, (a, b) in enumerate(zip(kernel, modelled, strict=False))
                  if a != b), None)
    if first is None and len(kernel) != len(modelled):
        first = min(len(kernel), len(modelled))
    if first is not None:
        theirs = str(kernel[first]) if first < len(kernel) else "(no more)"
        ours = str(modelled[first]) if first < len(modelled) else "(no more)"
        differences.append(f"segment #{first}: kernel {theirs}; model {ours}")
    segments = ("match" if first is None
                else f"differ at #{first} ({len(kernel)} vs {len(modelled)})")
    return Row(folder.name, label, "match" if states_ok else "differ", segments,
               "; ".join(differences) or "—")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    args = parser.parse_args()
    rows = [compare(folder) for folder in sorted(args.corpus.iterdir())
            if (folder / "truth.json").exists()]
    header = ("scenario", "model run", "states", "segments", "first difference")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print(f"| {r.scenario} | {r.model} | {r.states} | {r.segments} | "
                  f"{r.first_difference} |")
        return
    widths = [max(len(header[i]), *(len(str(getattr(r, f))) for r in rows))
              for i, f in enumerate(("scenario", "model", "states", "segments"))]
    print("  ".join(h.ljust(w) for h, w in zip(header[:4], widths, strict=True)))
    for r in rows:
        cells = (r.scenario, r.model, r.states, r.segments)
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
        if r.first_difference != "—":
            print("    " + r.first_difference)


if __name__ == "__main__":
    main()
