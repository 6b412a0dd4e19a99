"""Learner-facing explanations of one step: what happened, why (the rule), the arithmetic.

The "why" and the RFC section come straight from the transition table row that fired, so an
explanation can never disagree with what the model did. The arithmetic lines are derived from
the control block before and after (RFC 9293 §3.3.1 names: SND.UNA, SND.NXT, RCV.NXT).

What happened and the arithmetic are ``Phrase``s (``tcp.phrase``): templates whose sequence
numbers are ``Seq`` values, so a view shows them relative to each side's ISN or absolute, in
its language. Whose ISN a number counts from is decided here (RFC 9293 §3.4): a segment's SEQ
and its sender's SND.UNA/SND.NXT in the sender's space, its ACK and the receiver's RCV.NXT in
the receiver's; a segment sent by an endpoint that never chose an ISS (a closed port's RST,
``<SEQ=0>``) counts in no space and is shown as it is. The caller passes each side's ISN on
the step's connection (``isn``); without it the control blocks' ISS and IRS are used.

The endpoint's notes (``Reaction.notes``) are English strings written by the TCP modules;
``note_phrase`` reads the ones that carry values back into phrases (the templates are the
notes' own formats, listed in ``NOTE_TEMPLATES``), so their numbers follow the convention too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from simulator.models.tcp.control_block import TcbSnapshot
from simulator.models.tcp.phrase import Phrase, SegmentLabel, Seq, Value
from simulator.models.tcp.reaction import Reaction
from simulator.models.tcp.segment import Flags, Segment, flags_label
from simulator.models.tcp.states import EventKind

ARRIVAL_WORDS = {"client": "Client", "server": "Server"}
PEER = {"client": "server", "server": "client"}

# What happened (the headline); a replay writes a call's or a timeout's without the full
# stop and goes on.
CALLS = "{who} calls {call}: {change}; {sends}"
CALL_ERROR = '{who} calls {call}: error "{error}"'
RECEIVES = "{who} receives {segment} in {state} ({event}): {change}; {sends}"
TIMER = "{who}'s {event}: {change}; {sends}"

# The arithmetic lines (RFC 9293 §3.3.1, §3.4).
SEG_LEN = {
    (False, False): "SEG.LEN = {data} data = {total}",
    (True, False): "SEG.LEN = {data} data (SYN counts 1) = {total}",
    (False, True): "SEG.LEN = {data} data (FIN counts 1) = {total}",
    (True, True): "SEG.LEN = {data} data (SYN counts 1, FIN counts 1) = {total}",
}
ARRIVED = "arrived: SEG.SEQ = {seq}, {length}"
ARRIVED_ACK = "arrived: SEG.SEQ = {seq}, {length}, SEG.ACK = {ack}"
SENT = {  # (has ACK, has MSS option)
    (False, False): "sent: SEQ = {seq}, {length}, WND = {window}",
    (True, False): "sent: SEQ = {seq}, ACK = {ack}, {length}, WND = {window}",
    (False, True): "sent: SEQ = {seq}, {length}, WND = {window}, MSS option {mss}",
    (True, True): "sent: SEQ = {seq}, ACK = {ack}, {length}, WND = {window}, MSS option {mss}",
}
ISS_GENERATED = "ISS = {iss} (chosen by the RFC 6528 generator)"
ISS_CAPTURED = "ISS = {iss} (chosen by the sender; seen in the capture)"
IRS = "IRS = SEG.SEQ = {irs}"
RCV_NXT_FIRST = "RCV.NXT = SEG.SEQ + 1 = {seq} + 1 = {nxt}"
RCV_NXT_GREW = "RCV.NXT = {old} + {grew} = {new}"
SND_UNA = "SND.UNA = SEG.ACK: {old} → {new}"
SND_NXT_FIRST = "SND.NXT = ISS + 1 = {nxt}"
SND_NXT_GREW = "SND.NXT = {old} + {grew} = {new}"

# The endpoint's notes that carry values (tcp.arrival, sending, timers, user_calls) and the
# replay's (replay.engine): each field is a sequence number in the space of the side that
# wrote the note ("own") or of its peer ("peer"), a phrase of its own ("phrase"), or a
# value written as it is (not listed).
NOTE_TEMPLATES: dict[str, dict[str, str]] = {
    "{count} octet(s) of sequence space acknowledged; SND.UNA = {una}": {"una": "own"},
    "duplicate ACK #{number} for {ack}": {"ack": "own"},
    "{size} bytes delivered to the application; RCV.NXT = {nxt}": {"nxt": "peer"},
    "out of order: expected {expected}, got {got}; held, and the ACK repeats RCV.NXT "
    "(a duplicate ACK)": {"expected": "peer", "got": "peer"},
    "{size} held out-of-order bytes now delivered": {},
    "RTT sample {ms} ms: RTO {change} (RFC 6298 §2, 1 s minimum)": {"change": "phrase"},
    "retransmission #{number}: RTO {old} s → {new} s (doubled, RFC 6298 §5.5)": {},
    "gave up: retransmitted for {waited} s, R2 = {r2} s (RFC 9293 §3.8.3)": {},
    "our SYN had to be retransmitted: RTO {old} s → {new} s now that data can flow "
    "(RFC 6298 §5.7)": {},
    "the FIN arrived out of order (expected {expected}, got {got}): held until the gap fills; "
    "the duplicate ACK repeats RCV.NXT": {"expected": "peer", "got": "peer"},
    "CLOSE queued with {size} bytes until the connection is established": {},
    "2·MSL timer started: {duration} s, until t={deadline} s": {},
    "2·MSL timer restarted: {duration} s, until t={deadline} s": {},
    "peer's window ({window} bytes) is full: {queued} bytes wait": {},
    "{size} bytes split into {count} segment(s) of at most MSS={mss} bytes": {},
    "{size} bytes queued until the connection is established": {},
    "{count} bytes before this segment were never seen (an unseen or lost segment)": {},
    "{count} bytes this ACK acknowledges were never seen sent (an unseen segment)": {},
    "{count} bytes this ACK acknowledges arrived unseen (an unseen segment)": {},
}
STAYS = "stays {state}"  # also an RTO that did not change: "stays 1 s"


def _who(name: str) -> Phrase:
    return Phrase(ARRIVAL_WORDS.get(name, name.capitalize()))


class Numbers:
    """Whose ISN each number of one reaction counts from (see the module docstring).

    ``isn``: each side's ISN on the step's connection, as the timeline knows them (None: the
    control blocks' ISS and IRS). ``arrived_counts``: the arriving segment's sender had chosen
    an ISS when it sent it (False for a closed port's RST)."""

    def __init__(self, r: Reaction, isn: Mapping[str, int] | None = None,
                 arrived_counts: bool = True) -> None:
        self.own, self.peer = r.endpoint, PEER.get(r.endpoint, "")
        b, a = r.before, r.after
        own_tcb = b.iss if b.iss is not None else a.iss
        peer_tcb = a.irs if a.irs is not None else b.irs
        self.own_isn = isn.get(self.own, own_tcb) if isn is not None else own_tcb
        self.peer_isn = isn.get(self.peer, peer_tcb) if isn is not None else peer_tcb
        # An ABORT's RST is sent from the TCB it deletes: the ISS before counts too.
        self.sender_has_iss = b.iss is not None or a.iss is not None
        self.arrived_counts = arrived_counts

    def own_seq(self, value: int) -> Seq:
        """SEQ of a segment this side sends, or its SND.UNA / SND.NXT / ISS."""
        if not self.sender_has_iss or self.own_isn is None:
            return Seq(value)
        return Seq(value, self.own, self.own_isn)

    def own_ack(self, value: int) -> Seq:
        """An acknowledgement this side receives (the peer's ACK counts in our space)."""
        return Seq(value) if self.own_isn is None else Seq(value, self.own, self.own_isn)

    def peer_seq(self, value: int) -> Seq:
        """SEQ of the arriving segment, our RCV.NXT or IRS, or the ACK we send."""
        return Seq(value) if self.peer_isn is None else Seq(value, self.peer, self.peer_isn)

    def arrived_seq(self, value: int) -> Seq:
        return self.peer_seq(value) if self.arrived_counts else Seq(value)

    def arrived_label(self, seg: Segment) -> SegmentLabel:
        return SegmentLabel(flags_label(seg.flags), self.arrived_seq(seg.seq),
                            self.own_ack(seg.ack) if seg.has(Flags.ACK) else None, seg.length)

    def sent_label(self, seg: Segment) -> SegmentLabel:
        return SegmentLabel(flags_label(seg.flags), self.own_seq(seg.seq),
                            self.peer_seq(seg.ack) if seg.has(Flags.ACK) else None, seg.length)


def _state_change(r: Reaction) -> Value:
    b, a = r.before.state, r.after.state
    return f"{b.rfc_name} → {a.rfc_name}" if a is not b else Phrase(STAYS, state=a.rfc_name)


def _sends(r: Reaction) -> Phrase:
    if not r.sent:
        return Phrase("sends nothing")
    kinds = [flags_label(s.flags) + (f" +{s.length} B" if s.length else "") for s in r.sent]
    return Phrase("sends {segments}", segments="; ".join(f"[{k}]" for k in kinds))


def _seq_space(seg: Segment) -> Phrase:
    template = SEG_LEN[seg.has(Flags.SYN), seg.has(Flags.FIN)]
    return Phrase(template, data=seg.length, total=seg.seg_len)


def arithmetic(r: Reaction, isn: Mapping[str, int] | None = None, *,
               arrived_counts: bool = True, captured: bool = False) -> tuple[Phrase, ...]:
    """The sequence-number bookkeeping of this step, in RFC 9293 §3.3.1 names. ``captured``:
    the step is a replayed capture's, whose ISS the sender's own stack chose."""
    n = Numbers(r, isn, arrived_counts)
    lines: list[Phrase] = []
    b, a = r.before, r.after
    seg = r.arrived
    if seg is not None:
        if seg.has(Flags.ACK):
            lines.append(Phrase(ARRIVED_ACK, seq=n.arrived_seq(seg.seq), length=_seq_space(seg),
                                ack=n.own_ack(seg.ack)))
        else:
            lines.append(Phrase(ARRIVED, seq=n.arrived_seq(seg.seq), length=_seq_space(seg)))
    lines.extend(_changes(n, b, a, seg, captured))
    for out in r.sent:
        values: dict[str, Value] = {"seq": n.own_seq(out.seq), "length": _seq_space(out),
                                    "window": out.window}
        if out.has(Flags.ACK):
            values["ack"] = n.peer_seq(out.ack)
        if out.mss is not None:
            values["mss"] = out.mss
        lines.append(Phrase(SENT[out.has(Flags.ACK), out.mss is not None], **values))
    return tuple(lines)


def _changes(n: Numbers, b: TcbSnapshot, a: TcbSnapshot, seg: Segment | None,
             captured: bool) -> list[Phrase]:
    lines: list[Phrase] = []
    if a.iss is not None and b.iss is None:
        lines.append(Phrase(ISS_CAPTURED if captured else ISS_GENERATED, iss=n.own_seq(a.iss)))
    if a.irs is not None and b.irs is None:
        lines.append(Phrase(IRS, irs=n.peer_seq(a.irs)))
    if a.rcv_nxt is not None and a.rcv_nxt != b.rcv_nxt:
        if b.rcv_nxt is None and seg is not None:
            lines.append(Phrase(RCV_NXT_FIRST, seq=n.arrived_seq(seg.seq).operand(),
                                nxt=n.peer_seq(a.rcv_nxt)))
        elif b.rcv_nxt is not None:
            grew = (a.rcv_nxt - b.rcv_nxt) % 2**32
            lines.append(Phrase(RCV_NXT_GREW, old=n.peer_seq(b.rcv_nxt).operand(), grew=grew,
                                new=n.peer_seq(a.rcv_nxt)))
    if a.snd_una is not None and b.snd_una is not None and a.snd_una != b.snd_una:
        lines.append(Phrase(SND_UNA, old=n.own_seq(b.snd_una).operand(),
                            new=n.own_seq(a.snd_una)))
    if a.snd_nxt is not None and a.snd_nxt != b.snd_nxt:
        if b.snd_nxt is None:
            lines.append(Phrase(SND_NXT_FIRST, nxt=n.own_seq(a.snd_nxt)))
        else:
            grew = (a.snd_nxt - b.snd_nxt) % 2**32
            lines.append(Phrase(SND_NXT_GREW, old=n.own_seq(b.snd_nxt).operand(), grew=grew,
                                new=n.own_seq(a.snd_nxt)))
    return lines


@cache
def _note_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{([a-z_]+)\}", template)
    return re.compile("".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
                              for i, part in enumerate(parts)), re.DOTALL)


def note_phrase(note: str, numbers: Numbers) -> str:
    """A note of the endpoint or the replay as a Phrase when it is one of ``NOTE_TEMPLATES``
    (its English unchanged), else the note as it is (a fixed sentence, or an unknown one)."""
    for template, kinds in NOTE_TEMPLATES.items():
        found = _note_pattern(template).fullmatch(note)
        if found is None:
            continue
        values: dict[str, Value] = {}
        for name, text in found.groupdict().items():
            kind = kinds.get(name)
            if kind in ("own", "peer") and text.isdigit():
                number = int(text)
                values[name] = numbers.own_ack(number) if kind == "own" \
                    else numbers.peer_seq(number)
            elif kind == "phrase" and text.startswith("stays "):
                values[name] = Phrase(STAYS, state=text.removeprefix("stays "))
            else:
                values[name] = text
        phrase = Phrase(template, **values)
        if phrase == note:
            return phrase
    return note


def note_lines(r: Reaction, isn: Mapping[str, int] | None = None, *,
          arrived_counts: bool = True) -> tuple[str, ...]:
    """The reaction's notes for the arithmetic list, as phrases where they carry values."""
    n = Numbers(r, isn, arrived_counts)
    return tuple(note_phrase(note, n) for note in r.notes)


def explain_reaction(kind: EventKind, r: Reaction, call: str = "",
                     isn: Mapping[str, int] | None = None, *, arrived_counts: bool = True,
                     stop: bool = True) -> tuple[Phrase, str, str]:
    """(what, why, rfc) for a user call, an arrival or a timeout. ``stop``: end the
    headline of a call or a timeout with its full stop (a replay goes on after it to say
    what the capture shows sent)."""
    n = Numbers(r, isn, arrived_counts)
    end = "." if stop else ""
    who = _who(r.endpoint)
    row = r.transition
    if kind is EventKind.USER:
        called = call if isinstance(call, Phrase) else Phrase(call or row.event.label)
        if r.error:
            what = Phrase(CALL_ERROR, who=who, call=called, error=Phrase(r.error))
        else:
            what = Phrase(CALLS + end, who=who, call=called, change=_state_change(r),
                          sends=_sends(r))
    elif kind is EventKind.SEGMENT:
        assert r.arrived is not None
        what = Phrase(RECEIVES + ".", who=who, segment=n.arrived_label(r.arrived),
                      state=r.before.state.rfc_name, event=Phrase(row.event.label),
                      change=_state_change(r), sends=_sends(r))
    else:
        what = Phrase(TIMER + end, who=who, event=Phrase(row.event.label),
                      change=_state_change(r), sends=_sends(r))
    why = " Then: ".join(t.rule for t in r.transitions)
    rfc = ", ".join(dict.fromkeys(
        t.rfc if t.rfc.startswith("RFC") else f"RFC 9293 {t.rfc}" for t in r.transitions))
    return what, why, rfc
