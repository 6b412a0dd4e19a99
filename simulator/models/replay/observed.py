"""What a capture shows of one TCP connection: the replay's input.

``ObservedSegment`` is one captured segment; ``ObservedColumns`` holds the same fields for a
whole connection as parallel sequences, which is how the capture index hands over 100,000
segments without building an object for each (``simulator.net.capture.connection_replay``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from simulator.models.tcp.segment import Flags, Segment

_M = 2**32
_FIN, _SYN = int(Flags.FIN), int(Flags.SYN)


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

    def __len__(self) -> int:
        return len(self.time)

    @classmethod
    def of(cls, segments: Sequence[ObservedSegment]) -> ObservedColumns:
        return cls([s.time for s in segments], [bool(s.from_client) for s in segments],
                   [s.flags for s in segments], [s.seq for s in segments],
                   [s.ack for s in segments], [s.length for s in segments],
                   [s.window for s in segments], [s.packet for s in segments],
                   {i: s.annotations for i, s in enumerate(segments) if s.annotations})

    def seg_len(self, i: int) -> int:
        f = self.flags[i]
        return self.length[i] + (1 if f & _SYN else 0) + (1 if f & _FIN else 0)

    def segment(self, i: int) -> Segment:
        """Segment i as the endpoint model sees it. The index keeps lengths, not bytes:
        zeros stand in for the payload so that SEG.LEN, the acceptability test and the
        explanations use the captured length."""
        src, dst = ("client", "server") if self.from_client[i] else ("server", "client")
        return Segment(src, dst, self.seq[i] % _M, self.ack[i] % _M,
                       Flags(self.flags[i] & 0x3F), self.window[i], bytes(self.length[i]), None)

    def pure_syns(self) -> tuple[list[int], list[int]]:
        """Indices of the SYN segments without ACK: (the client's, the server's)."""
        fc = self.from_client
        syns = [i for i, f in enumerate(self.flags) if f & 0x12 == _SYN]
        return [i for i in syns if fc[i]], [i for i in syns if not fc[i]]
