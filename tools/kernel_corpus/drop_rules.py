"""Which frames the relay drops: a rule per scenario, said in the model's terms.

A rule names the sender ("client" or "server"), what the frame must be, and how many such
frames to drop (the first ``count`` that match, as ``Link.drop_next`` in the model):

* ``syn`` — a SYN without ACK; ``syn-ack`` — a SYN,ACK;
* ``data`` — a segment carrying data;
* ``ack-of-fin`` — a segment whose ACK acknowledges the other side's FIN (the relay saw
  that FIN go the other way first).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from tools.kernel_corpus.frames import ACK, SYN, TcpHeader

KINDS = ("syn", "syn-ack", "data", "ack-of-fin")


@dataclass
class DropRule:
    sender: str
    kind: str
    count: int = 1

    def describe(self) -> str:
        what = {"syn": "SYN", "syn-ack": "SYN,ACK", "data": "data segment",
                "ack-of-fin": "ACK of the other side's FIN"}[self.kind]
        plural = "s" if self.count > 1 else ""
        return f"the first {self.count} {what}{plural} from the {self.sender}"

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> DropRule:
        return cls(**json.loads(text))


class DropState:
    """Applies rules to the frames in the order the relay sees them."""

    def __init__(self, rules: list[DropRule]) -> None:
        self.rules = rules
        self.fin_end: dict[str, int] = {}  # sender -> the sequence number after its FIN

    def should_drop(self, sender: str, tcp: TcpHeader) -> DropRule | None:
        if tcp.flags & 0x01:
            self.fin_end[sender] = (tcp.seq + tcp.seg_len) % 2**32
        for rule in self.rules:
            if rule.count > 0 and rule.sender == sender and self._matches(rule, tcp):
                rule.count -= 1
                return rule
        return None

    def _matches(self, rule: DropRule, tcp: TcpHeader) -> bool:
        if rule.kind == "syn":
            return tcp.flags & (SYN | ACK) == SYN
        if rule.kind == "syn-ack":
            return tcp.flags & (SYN | ACK) == SYN | ACK
        if rule.kind == "data":
            return tcp.payload_len > 0
        if rule.kind == "ack-of-fin":
            other = "server" if rule.sender == "client" else "client"
            return bool(tcp.flags & ACK) and self.fin_end.get(other) == tcp.ack
        raise ValueError(f"unknown drop rule kind {rule.kind!r}")
