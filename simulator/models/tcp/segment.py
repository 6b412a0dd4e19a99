"""TCP segments as immutable values (RFC 9293 §3.1, header format).

Only the fields a learner needs are modelled: ports are implied by the connection, and the
one option carried is MSS (§3.7.1), which rides on SYN segments.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Flags(enum.IntFlag):
    """Control bits in header order (RFC 9293 §3.1)."""

    NONE = 0
    FIN = 0x01
    SYN = 0x02
    RST = 0x04
    PSH = 0x08
    ACK = 0x10
    URG = 0x20


_FLAG_ORDER = (Flags.SYN, Flags.FIN, Flags.RST, Flags.PSH, Flags.ACK, Flags.URG)


def flags_label(flags: Flags) -> str:
    """Wireshark-style label such as 'SYN, ACK' or 'FIN, ACK'."""
    names = [f.name for f in _FLAG_ORDER if f in flags and f.name is not None]
    return ", ".join(names) if names else "none"


def scaled_window(window: int, shift: int) -> int:
    """The window a segment's 16-bit field stands for once both SYNs negotiated window
    scaling: SEG.WND << Snd.Wind.Shift (RFC 7323 §2.3; a SYN's own window is never scaled)."""
    return window << shift


def segment_label(flags: Flags, seq: int, ack: int, length: int) -> str:
    """The one learner-facing label of a segment: '[SYN, ACK] seq=0 ack=1 len=0'."""
    text = f"[{flags_label(flags)}] seq={seq}"
    if Flags.ACK in flags:
        text += f" ack={ack}"
    return f"{text} len={length}"


@dataclass(frozen=True)
class Segment:
    """One TCP segment on the wire, from the sender's point of view."""

    src: str
    dst: str
    seq: int
    ack: int
    flags: Flags
    window: int
    payload: bytes = b""
    mss: int | None = None

    @property
    def length(self) -> int:
        """Payload length in bytes (SEG.LEN counts SYN and FIN too: see seg_len)."""
        return len(self.payload)

    @property
    def seg_len(self) -> int:
        """SEG.LEN: octets of sequence space the segment occupies, SYN and FIN included (§3.4)."""
        return len(self.payload) + (1 if Flags.SYN in self.flags else 0) + (
            1 if Flags.FIN in self.flags else 0
        )

    def has(self, flag: Flags) -> bool:
        return flag in self.flags

    def label(self) -> str:
        """Compact learner-facing label: flags, seq, ack, len."""
        return segment_label(self.flags, self.seq, self.ack, self.length)
