"""Learner-facing explanations of one step: what happened, why (the rule), the arithmetic.

The "why" and the RFC section come straight from the transition table row that fired, so an
explanation can never disagree with what the model did. The arithmetic lines are derived from
the control block before and after (RFC 9293 §3.3.1 names: SND.UNA, SND.NXT, RCV.NXT).
"""

from __future__ import annotations

from simulator.models.tcp.control_block import TcbSnapshot
from simulator.models.tcp.reaction import Reaction
from simulator.models.tcp.segment import Flags, Segment, flags_label
from simulator.models.tcp.states import EventKind

ARRIVAL_WORDS = {"client": "Client", "server": "Server"}


def _who(name: str) -> str:
    return ARRIVAL_WORDS.get(name, name.capitalize())


def _state_change(r: Reaction) -> str:
    b, a = r.before.state, r.after.state
    return f"{b.rfc_name} → {a.rfc_name}" if a is not b else f"stays {a.rfc_name}"


def _sends(r: Reaction) -> str:
    if not r.sent:
        return "sends nothing"
    kinds = [flags_label(s.flags) + (f" +{s.length} B" if s.length else "") for s in r.sent]
    return "sends " + "; ".join(f"[{k}]" for k in kinds)


def _seq_space(seg: Segment) -> str:
    extra = []
    if seg.has(Flags.SYN):
        extra.append("SYN counts 1")
    if seg.has(Flags.FIN):
        extra.append("FIN counts 1")
    note = f" ({', '.join(extra)})" if extra else ""
    return f"SEG.LEN = {seg.length} data{note} = {seg.seg_len}"


def arithmetic(r: Reaction) -> tuple[str, ...]:
    """The sequence-number bookkeeping of this step, in RFC 9293 §3.3.1 names."""
    lines: list[str] = []
    b, a = r.before, r.after
    seg = r.arrived
    if seg is not None:
        lines.append(f"arrived: SEG.SEQ = {seg.seq}, {_seq_space(seg)}"
                     + (f", SEG.ACK = {seg.ack}" if seg.has(Flags.ACK) else ""))
    lines.extend(_changes(b, a, seg))
    for out in r.sent:
        line = f"sent: SEQ = {out.seq}"
        if out.has(Flags.ACK):
            line += f", ACK = {out.ack}"
        line += f", {_seq_space(out)}, WND = {out.window}"
        if out.mss is not None:
            line += f", MSS option {out.mss}"
        lines.append(line)
    return tuple(lines)


def _changes(b: TcbSnapshot, a: TcbSnapshot, seg: Segment | None) -> list[str]:
    lines: list[str] = []
    if a.iss is not None and b.iss is None:
        lines.append(f"ISS = {a.iss} (chosen by the RFC 6528 generator)")
    if a.irs is not None and b.irs is None:
        lines.append(f"IRS = SEG.SEQ = {a.irs}")
    if a.rcv_nxt is not None and a.rcv_nxt != b.rcv_nxt:
        if b.rcv_nxt is None and seg is not None:
            lines.append(f"RCV.NXT = SEG.SEQ + 1 = {seg.seq} + 1 = {a.rcv_nxt}")
        elif b.rcv_nxt is not None:
            grew = (a.rcv_nxt - b.rcv_nxt) % 2**32
            lines.append(f"RCV.NXT = {b.rcv_nxt} + {grew} = {a.rcv_nxt}")
    if a.snd_una is not None and b.snd_una is not None and a.snd_una != b.snd_una:
        lines.append(f"SND.UNA = SEG.ACK: {b.snd_una} → {a.snd_una}")
    if a.snd_nxt is not None and a.snd_nxt != b.snd_nxt:
        if b.snd_nxt is None:
            lines.append(f"SND.NXT = ISS + 1 = {a.snd_nxt}")
        else:
            grew = (a.snd_nxt - b.snd_nxt) % 2**32
            lines.append(f"SND.NXT = {b.snd_nxt} + {grew} = {a.snd_nxt}")
    return lines


def explain_reaction(kind: EventKind, r: Reaction, call: str = "") -> tuple[str, str, str]:
    """(what, why, rfc) for a user call, an arrival or a timeout."""
    who = _who(r.endpoint)
    row = r.transition
    if kind is EventKind.USER:
        what = f"{who} calls {call or row.event.label}"
        if r.error:
            what += f": error \"{r.error}\""
        else:
            what += f": {_state_change(r)}; {_sends(r)}."
    elif kind is EventKind.SEGMENT:
        assert r.arrived is not None
        what = (f"{who} receives {r.arrived.label()} in {r.before.state.rfc_name} "
                f"({row.event.label}): {_state_change(r)}; {_sends(r)}.")
    else:
        what = f"{who}'s {row.event.label}: {_state_change(r)}; {_sends(r)}."
    why = " Then: ".join(t.rule for t in r.transitions)
    rfc = ", ".join(dict.fromkeys(
        t.rfc if t.rfc.startswith("RFC") else f"RFC 9293 {t.rfc}" for t in r.transitions))
    return what, why, rfc
