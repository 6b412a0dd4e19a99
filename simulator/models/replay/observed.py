"""What a capture shows of one TCP connection: the replay's input.

``ObservedSegment`` is one captured segment; ``ObservedColumns`` holds the same fields for a
whole connection as parallel sequences, which is how the capture index hands over 100,000
segments without building an object for each (``simulator.net.capture.connection_replay``).

TCP options (RFC 9293 §3.1, RFC 7323, RFC 2018) travel beside the header fields, kept as
cheap as the rest: the options a SYN carries (MSS, window scale, SACK permitted,
timestamps) in a sparse map, the timestamps of every segment in two columns (or none when
the connection never used them), and SACK blocks in a sparse map (only duplicate ACKs carry
them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from simulator.models.tcp.segment import Flags, Segment

_M = 2**32
_FIN, _SYN = int(Flags.FIN), int(Flags.SYN)
NO_TIMESTAMP = -1  # in the timestamp columns: this segment carried no timestamps option

SackBlocks = tuple[tuple[int, int], ...]  # (left edge, right edge) pairs, RFC 2018 §3


@dataclass(frozen=True)
class SynOptions:
    """The options a SYN (or SYN,ACK) offered: what the two ends negotiate from.

    ``window_scale`` is the shift count (RFC 7323 §2.2), None without the option;
    ``timestamps``: the SYN carried a timestamps option (RFC 7323 §3.2)."""

    mss: int | None = None
    window_scale: int | None = None
    sack_permitted: bool = False
    timestamps: bool = False


@dataclass(frozen=True)
class ObservedSegment:
    """One captured TCP segment of a connection, as the capture index gives it."""

    time: float
    from_client: bool
    flags: int
    seq: int
    ack: int
    length: int
    window: int
    packet: int = 0
    annotations: tuple[str, ...] = ()
    # options (RFC 7323, RFC 2018): what the segment carried; None / () when absent
    mss: int | None = None
    window_scale: int | None = None
    sack_permitted: bool = False
    tsval: int | None = None
    tsecr: int | None = None
    sack: SackBlocks = ()


@dataclass(frozen=True)
class ObservedColumns:
    """The same facts as a list of ``ObservedSegment``, one sequence per field (what the
    capture index hands over without building an object per segment)."""

    time: Sequence[float]
    from_client: Sequence[int]  # 1 (or True) for client -> server
    flags: Sequence[int]
    seq: Sequence[int]
    ack: Sequence[int]
    length: Sequence[int]
    window: Sequence[int]
    packet: Sequence[int]
    annotations: Mapping[int, tuple[str, ...]] = field(default_factory=dict)  # sparse
    # options: a SYN's (sparse, by segment), every segment's timestamps (NO_TIMESTAMP where
    # absent; None: no segment had them) and SACK blocks (sparse)
    syn_options: Mapping[int, SynOptions] = field(default_factory=dict)
    tsval: Sequence[int] | None = None
    tsecr: Sequence[int] | None = None
    sack: Mapping[int, SackBlocks] = field(default_factory=dict)
    # segment -> the segment that first carried its first sequence number, for segments that
    # carry sequence numbers sent before (``replay.resent``); None: not computed yet
    originals: Mapping[int, int] | None = None
    # whether ``annotations`` is the capture's analysis (Wireshark's tcp.analysis flags, from
    # the index); False for segments written by hand, whose retransmissions the replay
    # recognises itself
    analysed: bool = False

    def __len__(self) -> int:
        return len(self.time)

    @classmethod
    def of(cls, segments: Sequence[ObservedSegment]) -> ObservedColumns:
        syn_options = {i: SynOptions(s.mss, s.window_scale, s.sack_permitted,
                                     s.tsval is not None)
                       for i, s in enumerate(segments) if s.flags & _SYN}
        has_ts = any(s.tsval is not None for s in segments)
        return cls([s.time for s in segments], [bool(s.from_client) for s in segments],
                   [s.flags for s in segments], [s.seq for s in segments],
                   [s.ack for s in segments], [s.length for s in segments],
                   [s.window for s in segments], [s.packet for s in segments],
                   {i: s.annotations for i, s in enumerate(segments) if s.annotations},
                   syn_options={i: o for i, o in syn_options.items() if o != SynOptions()},
                   tsval=[NO_TIMESTAMP if s.tsval is None else s.tsval for s in segments]
                   if has_ts else None,
                   tsecr=[NO_TIMESTAMP if s.tsecr is None else s.tsecr for s in segments]
                   if has_ts else None,
                   sack={i: s.sack for i, s in enumerate(segments) if s.sack})

    def seg_len(self, i: int) -> int:
        f = self.flags[i]
        return self.length[i] + (1 if f & _SYN else 0) + (1 if f & _FIN else 0)

    def end(self, i: int) -> int:
        """SEG.SEQ + SEG.LEN of segment i, modulo 2**32."""
        return (self.seq[i] + self.seg_len(i)) % _M

    def timestamps(self, i: int) -> tuple[int, int] | None:
        """(TSval, TSecr) of segment i, or None without the option."""
        if self.tsval is None or self.tsecr is None or self.tsval[i] == NO_TIMESTAMP:
            return None
        return self.tsval[i], self.tsecr[i]

    def segment(self, i: int) -> Segment:
        """Segment i as the endpoint model sees it. The index keeps lengths, not bytes:
        zeros stand in for the payload so that SEG.LEN, the acceptability test and the
        explanations use the captured length."""
        src, dst = ("client", "server") if self.from_client[i] else ("server", "client")
        options = self.syn_options.get(i)
        return Segment(src, dst, self.seq[i] % _M, self.ack[i] % _M,
                       Flags(self.flags[i] & 0x3F), self.window[i], bytes(self.length[i]),
                       None if options is None else options.mss)

    def pure_syns(self) -> tuple[list[int], list[int]]:
        """Indices of the SYN segments without ACK: (the client's, the server's)."""
        fc = self.from_client
        syns = [i for i, f in enumerate(self.flags) if f & 0x12 == _SYN]
        return [i for i in syns if fc[i]], [i for i in syns if not fc[i]]
