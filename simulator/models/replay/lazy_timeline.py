"""The Timeline of a replayed capture, whose steps are built when a view asks for them.

Theory of operation
-------------------
A connection of 100,000 segments replays into 200,000 steps. Building each as a Step with
two control-block snapshots and an explained transition costs far more than running the
TCP model itself, and a learner looks at a few dozen of them. So the replay
(``simulator.models.replay.engine``) records into a ``ReplayLog`` only what each step *did*: the
transition-table rows that fired and the acting side's control block after it (a 7-tuple;
the other side's is shared with the step before). ``ReplayLog.step(k)`` rebuilds Step k
from that record exactly as an eager replay would have built it — snapshots, the RFC 9293
explanation (``explain``) and its arithmetic — and keeps the most recent ones in a small
cache, so the views redrawing the same step share one object.

A segment the replay found lost (``losses``) ends in a loss step, as a scenario's lost
segment does (``StepKind.LOSE``, the network acting, ``Fate.LOST``), explained by the
evidence; a step also says what its segment's options carried and Wireshark's analysis of
it in sentences (``wording``).

``ReplayTimeline`` is an ordinary ``Timeline`` to every caller (``len``, ``[i]``, iteration,
``.steps`` and ``.segments`` as sequences, slices included, ``.states()``); it also hands
its columns to views that lay out the whole connection (``timeline.columns``).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import TypeVar, overload

from simulator.models.http.snapshot import HttpMessage, HttpSnapshot
from simulator.models.replay import wording
from simulator.models.replay.losses import Loss
from simulator.models.replay.observed import ObservedColumns
from simulator.models.replay.sent_labels import SendKind
from simulator.models.tcp.control_block import TcbSnapshot
from simulator.models.tcp.explain import Numbers, arithmetic, explain_reaction, note_lines
from simulator.models.tcp.phrase import Phrase, Seq
from simulator.models.tcp.reaction import Reaction
from simulator.models.tcp.segment import Flags, flags_label
from simulator.models.tcp.sequence import seq_sub
from simulator.models.tcp.states import EventKind, TcpEvent, TcpState
from simulator.models.tcp.table import Transition
from simulator.models.timeline.columns import ColumnarTimeline, TimelineColumns
from simulator.models.timeline.steps import (
    Explanation,
    Fate,
    FiredTransition,
    SegmentRecord,
    Step,
    StepKind,
)

# One side's control block after a step: state (its RFC name, TcpState.value), ISS, IRS,
# SND.UNA, SND.NXT, SND.WND, RCV.NXT; the rest of a TcbSnapshot does not change during a
# replay (see ``ReplayLog.template``). Only strings, ints and None: the garbage collector
# stops tracking such tuples, so 400,000 of them do not slow every later collection.
Tcb = tuple[str, int | None, int | None, int | None, int | None, int, int | None]
_STATE = {s.value: s for s in TcpState}

CACHED_STEPS = 512
_M = 2**32
T = TypeVar("T")
_RESENT = (SendKind.TIMEOUT, SendKind.FAST, SendKind.SPURIOUS)
_NOT_ACCEPTED = (TcpEvent.RCV_OUT_OF_WINDOW, TcpEvent.RCV_BAD_ACK, TcpEvent.RCV_RST_IGNORED)


def is_retransmission(annotations: Iterable[str]) -> bool:
    """Whether a captured segment's analysis (Wireshark's names: retransmission, fast or
    spurious retransmission) says it resends bytes already sent."""
    return any("retransmission" in a for a in annotations)


class _Lru(OrderedDict[int, T]):
    def get_or_build(self, key: int, build: Callable[[int], T]) -> T:
        value = self.get(key)
        if value is None:
            value = self[key] = build(key)
            if len(self) > CACHED_STEPS:
                self.popitem(last=False)
        else:
            self.move_to_end(key)
        return value


@dataclass
class ReplayLog:
    """What the replay recorded, step by step (events: 2·i = segment i sent, 2·i + 1 = it
    arrives; ``order[k]`` is step k's event)."""

    columns: ObservedColumns
    order: Sequence[int]
    times: Sequence[float]  # per step
    sent_at: Sequence[float]  # per segment
    end_at: Sequence[float]  # per segment
    initial: dict[str, Tcb]  # each side's control block before step 0
    template: TcbSnapshot  # the snapshot fields a replay never changes (RTO, queues, timers)
    point: str  # where the capture was taken: "client" | "server" | "unknown"
    lost: Mapping[int, Loss] = field(default_factory=dict)  # segments that never arrived
    kinds: Mapping[int, SendKind] = field(default_factory=dict)  # why a segment was resent
    window_shift: tuple[int | None, int | None] = (None, None)  # client's, server's
    isn: dict[str, int] = field(default_factory=dict)  # each side's ISN, as the timeline's
    rows: list[tuple[Transition, ...]] = field(default_factory=list)  # per step
    client_tcb: list[Tcb] = field(default_factory=list)  # per step, after it
    server_tcb: list[Tcb] = field(default_factory=list)
    notes: dict[int, tuple[str, ...]] = field(default_factory=dict)  # sparse, per step
    step_of: Sequence[int] = ()  # event -> its step
    # The HTTP layer at a packet number (simulator.net.http.replay_layer), if the
    # connection carried HTTP: each step then shows it, as scenario steps do.
    http_at: Callable[[int], HttpSnapshot | None] | None = None
    # ... and its messages, each with the packet numbers that carried it (for the ladder).
    http_messages: tuple[tuple[HttpMessage, tuple[int, ...]], ...] = ()
    _steps: _Lru[Step] = field(default_factory=_Lru)
    _records: _Lru[SegmentRecord] = field(default_factory=_Lru)
    _columns: TimelineColumns | None = None

    def __len__(self) -> int:
        return len(self.order)

    def actor(self, k: int) -> str:
        """Who acted at step k: the sender, the receiver, or the network (a loss)."""
        e = self.order[k]
        if e & 1 and (e >> 1) in self.lost:
            return "network"
        return "client" if bool(self.columns.from_client[e >> 1]) != bool(e & 1) else "server"

    def snapshot(self, name: str, tcb: Tcb) -> TcbSnapshot:
        t = self.template
        state, iss, irs, snd_una, snd_nxt, snd_wnd, rcv_nxt = tcb
        return TcbSnapshot(
            name=name, state=_STATE[state], iss=iss, irs=irs, snd_una=snd_una, snd_nxt=snd_nxt,
            snd_wnd=snd_wnd, rcv_nxt=rcv_nxt, rcv_wnd=t.rcv_wnd, rto=t.rto, srtt=t.srtt,
            retries=t.retries,
            bytes_in_flight=(seq_sub(snd_nxt, snd_una)
                             if snd_nxt is not None and snd_una is not None else 0),
            bytes_queued=t.bytes_queued, bytes_delivered=t.bytes_delivered,
            retransmission_deadline=t.retransmission_deadline,
            time_wait_deadline=t.time_wait_deadline)

    def record(self, i: int) -> SegmentRecord:
        return self._records.get_or_build(i, self._build_record)

    def step(self, k: int) -> Step:
        return self._steps.get_or_build(k, self._build_step)

    def _build_record(self, i: int) -> SegmentRecord:
        c = self.columns
        fc = bool(c.from_client[i])
        options = c.syn_options.get(i)
        return SegmentRecord(
            id=i, src="client" if fc else "server", dst="server" if fc else "client",
            seq=c.seq[i] % _M, ack=c.ack[i] % _M, flags=Flags(c.flags[i] & 0x3F),
            window=c.window[i], length=c.length[i],
            mss=None if options is None else options.mss, payload=b"",
            sent_at=self.sent_at[i], sent_step=self.step_of[2 * i],
            fate=Fate.LOST if i in self.lost else Fate.DELIVERED,
            end_at=self.end_at[i], end_step=self.step_of[2 * i + 1],
            retransmission=self.kinds.get(i) in _RESENT
            or is_retransmission(c.annotations.get(i, ())))

    def _build_step(self, k: int) -> Step:
        e = self.order[k]
        i, is_send = e >> 1, not e & 1
        c = self.columns
        client = self.snapshot("client", self.client_tcb[k])
        server = self.snapshot("server", self.server_tcb[k])
        http = None if self.http_at is None else self.http_at(c.packet[i])
        if not is_send and i in self.lost:
            return Step(index=k, time=self.times[k], kind=StepKind.LOSE, actor="network",
                        segment=self.record(i), sent=(), transitions=(), client=client,
                        server=server, explanation=self._loss_explanation(i), http=http)
        actor = self.actor(k)
        own = self.client_tcb if actor == "client" else self.server_tcb
        after = client if actor == "client" else server
        before = self.snapshot(actor, own[k - 1] if k else self.initial[actor])
        rows = self.rows[k]
        sender = "client" if c.from_client[i] else "server"
        seen_here = is_send == (self.point in ("unknown", sender))
        notes = self.notes.get(k, ()) + (
            wording.analysis_lines(c.annotations.get(i, ())) if seen_here else ())
        seg = c.segment(i)
        reaction = Reaction(actor, rows, None if is_send else seg, (seg,) if is_send else (),
                            (), notes, None, before, after)
        inferred = self.point != "unknown" and actor != self.point
        counts = is_send or self._sender_has_iss(i)
        kind = self.kinds.get(i) if is_send and not rows else None
        return Step(
            index=k, time=self.times[k], kind=StepKind.USER if is_send else StepKind.ARRIVE,
            actor=actor, segment=self.record(i), sent=(i,) if is_send else (),
            transitions=tuple(FiredTransition(actor, row) for row in rows),
            client=client, server=server,
            explanation=explain(reaction, is_send, inferred, self.point, self.isn, counts,
                                kind, self._option_lines(i, is_send, reaction)),
            notes=notes, http=http)

    def _loss_explanation(self, i: int) -> Explanation:
        """A segment the evidence says never arrived, explained as a scenario's loss is."""
        c = self.columns
        loss = self.lost[i]
        sender = "client" if c.from_client[i] else "server"
        peer = "server" if sender == "client" else "client"
        counts = self._sender_has_iss(i)
        isn = self.isn.get(sender)
        seq = Seq(c.seq[i] % _M, sender, isn) if counts and isn is not None \
            else Seq(c.seq[i] % _M)
        values: dict[str, Phrase | Seq | str | int] = {
            "who": Phrase(sender), "flags": flags_label(Flags(c.flags[i] & 0x3F)), "seq": seq}
        if c.length[i]:
            values["size"] = c.length[i]
        what = Phrase("The network loses the {who}'s [{flags}] seq={seq}"
                      + (" (+{size} bytes)." if c.length[i] else "."), **values)
        lines = (Phrase("segment #{number} never reaches the {who}", number=i,
                        who=Phrase(peer)),
                 wording.loss_line(loss, sender, peer, seq.operand()))
        return Explanation(what, wording.LOST_WHY, lines, wording.LOSS_RFC[loss.kind])

    def _option_lines(self, i: int, is_send: bool, reaction: Reaction) -> tuple[Phrase, ...]:
        """What the segment's options say (RFC 7323, RFC 2018), for the step that shows it."""
        c = self.columns
        sender = "client" if c.from_client[i] else "server"
        syn = c.flags[i] & int(Flags.SYN)
        lines: list[Phrase] = []
        if is_send:
            options = c.syn_options.get(i)
            if options is not None:
                lines.extend(wording.syn_option_lines(options))
            stamps = c.timestamps(i)
            if stamps is not None:
                lines.append(Phrase(wording.TIMESTAMPS, tsval=stamps[0], tsecr=stamps[1]))
            blocks = c.sack.get(i)
            if blocks:
                peer = "server" if sender == "client" else "client"
                lines.append(wording.sack_line(sender, blocks, peer, self.isn.get(peer)))
            return tuple(lines)
        shift = self.window_shift[0 if sender == "client" else 1]
        if syn and c.syn_options and (c.flags[i] & int(Flags.ACK)
                                      or reaction.before.state is TcpState.SYN_SENT):
            # the second SYN of the handshake: window scaling is settled (RFC 7323 §2.2)
            lines.append(Phrase(wording.SCALING_ON if shift is not None
                                else wording.SCALING_OFF))
        if not syn and shift and c.flags[i] & int(Flags.ACK) and reaction.transitions \
                and reaction.transition.event not in _NOT_ACCEPTED \
                and reaction.after.snd_wnd == c.window[i] << shift:
            lines.append(Phrase(wording.SCALED_WINDOW, shift=shift, window=c.window[i],
                                scaled=c.window[i] << shift))
        return tuple(lines)

    def columns_view(self) -> TimelineColumns:
        if self._columns is None:
            n = len(self.columns)
            self._columns = TimelineColumns(
                times=self.times, seg_from_client=self.columns.from_client,
                seg_sent_step=self.step_of[0::2], seg_end_step=self.step_of[1::2],
                seg_sent_at=self.sent_at, seg_end_at=self.end_at,
                seg_lost=_LazySequence(self.lost.__contains__, range(n)),
                seg_sender_has_iss=_LazySequence(self._sender_has_iss, range(n)),
                initial_states={e: self._state_before_first(e) for e in ("client", "server")},
                state_changes={e: self._state_changes(e) for e in ("client", "server")})
        return self._columns

    def _sender_has_iss(self, i: int) -> bool:
        """As ``timeline.numbers.sender_had_iss``: after the sending step, or before it."""
        from_client = bool(self.columns.from_client[i])
        tcbs = self.client_tcb if from_client else self.server_tcb
        k = self.step_of[2 * i]
        before = tcbs[k - 1] if k else self.initial["client" if from_client else "server"]
        return tcbs[k][1] is not None or before[1] is not None

    def _tcbs(self, endpoint: str) -> list[Tcb]:
        return self.client_tcb if endpoint == "client" else self.server_tcb

    def _state_before_first(self, endpoint: str) -> TcpState:
        """As ``timeline.columns.initial_state``: the row that fired at step 0 says where the
        endpoint was, else its state after step 0."""
        if not self.order:
            return TcpState.CLOSED
        if self.actor(0) == endpoint and self.rows[0]:
            return self.rows[0][0].state
        return _STATE[self._tcbs(endpoint)[0][0]]

    def _state_changes(self, endpoint: str) -> tuple[tuple[int, TcpState], ...]:
        before = self._state_before_first(endpoint).value
        out: list[tuple[int, TcpState]] = []
        for k, tcb in enumerate(self._tcbs(endpoint)):
            if tcb[0] != before:
                before = tcb[0]
                out.append((k, _STATE[before]))
        return tuple(out)

    def state_names(self, endpoint: str, initial: str) -> list[str]:
        """The states ``endpoint`` went through, from ``initial``, each change once. (The
        runs of one state are found by ``groupby`` in C: a 100,000-segment connection has
        200,000 steps and a handful of changes.)"""
        out = [initial] if self.order else []
        for value, _ in groupby(map(itemgetter(0), self._tcbs(endpoint))):
            name = _STATE[value].name
            if out[-1] != name:
                out.append(name)
        return out


class _LazySequence(Sequence[T]):
    """Items ``build(k)`` for k in a range; slicing gives another lazy view."""

    def __init__(self, build: Callable[[int], T], indices: range) -> None:
        self._build = build
        self._indices = indices

    def __len__(self) -> int:
        return len(self._indices)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> _LazySequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | _LazySequence[T]:
        if isinstance(index, slice):
            return _LazySequence(self._build, self._indices[index])
        return self._build(self._indices[index])

    def __iter__(self) -> Iterator[T]:
        build = self._build
        return (build(k) for k in self._indices)

    def __reversed__(self) -> Iterator[T]:
        build = self._build
        return (build(k) for k in reversed(self._indices))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other,
                                                                          strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{len(self)} replayed items, built on demand>"


class _ReplaySteps(_LazySequence[Step]):
    def __init__(self, log: ReplayLog) -> None:
        super().__init__(log.step, range(len(log)))
        self.log = log


class ReplayTimeline(ColumnarTimeline):
    """A Timeline whose steps and segment records are built on demand from a ReplayLog."""

    @classmethod
    def of_log(cls, log: ReplayLog, *, name: str, title: str, description: str,
               addresses: dict[str, str], isn: dict[str, int], link_delay: float,
               initial_states: tuple[tuple[str, str], ...]) -> ReplayTimeline:
        log.isn = dict(isn)
        return cls(name=name, title=title, description=description,
                   steps=_ReplaySteps(log),
                   segments=_LazySequence(log.record, range(len(log.columns))),
                   addresses=addresses, isn=isn, link_delay=link_delay,
                   initial_states=initial_states)

    def show_http(self, http_at: Callable[[int], HttpSnapshot | None],
                  messages: Sequence[tuple[HttpMessage, tuple[int, ...]]] = ()) -> None:
        """Give every step the HTTP layer at its packet, and the ladder the messages with the
        packets that carried them (before the views see the timeline)."""
        self.log.http_at = http_at
        self.log.http_messages = tuple(messages)
        self.log._steps.clear()

    @property
    def log(self) -> ReplayLog:
        steps = self.steps
        assert isinstance(steps, _ReplaySteps)
        return steps.log

    @property
    def duration(self) -> float:
        times = self.log.times
        return times[-1] if times else 0.0

    def states(self, endpoint: str) -> list[str]:
        return self.log.state_names(endpoint, dict(self.initial_states)[endpoint])

    def step_time(self, index: int) -> float:
        return self.log.times[index]

    def step_events(self, index: int) -> tuple[str, frozenset[TcpEvent]]:
        log = self.log
        return log.actor(index), frozenset(row.event for row in log.rows[index])

    def segments_sent_by(self, step_index: int) -> tuple[SegmentRecord, ...]:
        log = self.log
        return tuple(log.record(i) for i in range(len(log.columns))
                     if log.step_of[2 * i] <= step_index)

    def columns(self) -> TimelineColumns:
        return self.log.columns_view()


def explain(reaction: Reaction, is_send: bool, inferred: bool, point: str,
            isn: dict[str, int] | None = None, arrived_counts: bool = True,
            kind: SendKind | None = None, extra: tuple[Phrase, ...] = ()) -> Explanation:
    """What a replayed step shows the learner: the row that fired, or why none did. Its
    numbers count from ``isn`` (each side's first sequence number in the capture); an
    ISS is the one the sender's own stack chose, seen in the capture. ``kind``: why a
    segment sent again fired no timeout row (a fast retransmission, a keep-alive...);
    ``extra``: the lines its options add."""
    who = Phrase(reaction.endpoint.capitalize())
    seg = reaction.sent[0] if is_send else reaction.arrived
    assert seg is not None
    numbers = Numbers(reaction, isn, arrived_counts)
    label = numbers.sent_label(seg) if is_send else numbers.arrived_label(seg)
    state = reaction.before.state.rfc_name
    what: Phrase
    if reaction.transitions:
        event_kind = EventKind.SEGMENT if not is_send else (
            EventKind.TIMEOUT if reaction.transition.event.kind is EventKind.TIMEOUT
            else EventKind.USER)
        what, why, rfc = explain_reaction(event_kind, reaction, "", isn,
                                          arrived_counts=arrived_counts, stop=not is_send)
        if is_send:
            what = Phrase("{headline} — the capture shows it sending {segment}.",
                          headline=what, segment=label)
    elif is_send and kind in wording.RESENT:
        _, why, rfc = wording.RESENT[kind]
        what = wording.resent_headline(kind, who, label)
    elif is_send:
        what = Phrase("{who} sends {segment} in {state}; no transition (an acknowledgement, "
                      "or a reply the table already decided).", who=who, segment=label,
                      state=state)
        why, rfc = "Sending what an earlier row decided changes no state.", "RFC 9293 §3.10"
    else:
        what = Phrase("{who} receives {segment} in {state}; its state cannot be inferred "
                      "further.", who=who, segment=label, state=state)
        why, rfc = "Not enough was captured to classify this arrival.", "RFC 9293 §3.10.7"
    if inferred:
        what = Phrase("{what} (Inferred: the capture was taken at the {point}.)", what=what,
                      point=Phrase(point))
    lines = (arithmetic(reaction, isn, arrived_counts=arrived_counts, captured=True)
             + extra + note_lines(reaction, isn, arrived_counts=arrived_counts))
    return Explanation(what, why, lines, rfc)
