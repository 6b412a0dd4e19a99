"""The sentences a replayed capture adds to a step's explanation, as ``Phrase``s.

A scenario's steps are explained by the table's rows alone; a capture's also say what only
a capture has: Wireshark's analysis of a segment (in words, never its token), why a segment
sent again was not a retransmission timeout, why a segment is taken as lost, and the options
the segment carried (RFC 7323's window scale and timestamps, RFC 2018's SACK, RFC 9293's
MSS). Every template here is catalogued for translation (``ui/text/catalogue_phrases``).
"""

from __future__ import annotations

from collections.abc import Iterable

from simulator.models.replay.losses import Loss
from simulator.models.replay.observed import SackBlocks, SynOptions
from simulator.models.replay.sent_labels import SendKind
from simulator.models.tcp.phrase import Phrase, SegmentLabel, Seq, Series

# Wireshark's analysis flags (User's Guide 7.5 "TCP Analysis"), explained.
ANALYSIS: dict[str, str] = {
    "retransmission": "Wireshark marks this segment a retransmission: it carries sequence "
                      "numbers its sender had sent before.",
    "fast_retransmission": "Wireshark marks it a fast retransmission: it was resent right "
                           "after duplicate ACKs asked for it again (RFC 5681 §3.2), not when "
                           "a retransmission timer expired.",
    "spurious_retransmission": "Wireshark marks it a spurious retransmission: the receiver "
                               "had already acknowledged these bytes when it was resent.",
    "out_of_order": "Wireshark marks it out-of-order: its sequence numbers lie below ones "
                    "already seen, and it came too soon after them to be a retransmission.",
    "duplicate_ack": "Wireshark marks it a duplicate ACK: it repeats the previous "
                     "acknowledgement number because a later segment arrived while an "
                     "earlier one is still missing (RFC 5681 §4.2).",
    "zero_window": "Wireshark marks it a zero window: the receiver's buffer is full and the "
                   "sender must wait (RFC 9293 §3.8.6.1).",
    "keep_alive": "Wireshark marks it a keep-alive: one byte sent before, to learn whether "
                  "the peer is still there (RFC 9293 §3.8.4).",
    "window_update": "Wireshark marks it a window update: it only announces a new receive "
                     "window.",
    "zero_window_probe": "Wireshark marks it a zero-window probe: one byte sent into a closed "
                         "window to learn when it opens (RFC 9293 §3.8.6.1).",
}
# a plain "retransmission" flag says nothing more beside one of these
_RETRANSMISSION_KINDS = ("fast_retransmission", "spurious_retransmission")

# Send steps of a segment sent again that no retransmission timer caused.
RESENT: dict[SendKind, tuple[str, str, str]] = {  # headline, why, RFC
    SendKind.FAST: (
        "{who} resends {segment} without waiting for its timer: a fast retransmission, "
        "after duplicate ACKs asked for these bytes again.",
        "After three duplicate ACKs the sender takes the segment they ask for as lost and "
        "resends it at once (fast retransmit), instead of waiting for the retransmission "
        "timer; the connection's state does not change.",
        "RFC 5681 §3.2"),
    SendKind.OUT_OF_ORDER: (
        "{who} sends {segment} again less than a round trip after later data: Wireshark "
        "calls it out-of-order; no retransmission timer expired.",
        "A sender may resend a segment early (selective acknowledgements or duplicate ACKs "
        "showed it missing); resending changes no state.",
        "RFC 2018, RFC 6675"),
    SendKind.KEEP_ALIVE: (
        "{who} sends a keep-alive {segment}: a byte it had sent before, to learn whether the "
        "peer is still there.",
        "A keep-alive carries one already acknowledged byte (or none), so the peer answers "
        "with an ACK; it changes no state.",
        "RFC 9293 §3.8.4"),
    SendKind.PROBE: (
        "{who} probes the peer's zero window with {segment}.",
        "While the peer's window is zero the sender still sends one byte now and then, so "
        "that it learns when the window opens.",
        "RFC 9293 §3.8.6.1"),
}

# The loss step.
LOST_WHY = ("A capture cannot see a loss; this one is inferred from what the two ends did "
            "next.")
LOSS_REASONS: dict[str, str] = {
    "sent again": "the {sender} sent it again, and no ACK from the {peer} covered it before "
                  "that copy arrived",
    "duplicate ACKs": "the {peer}'s duplicate ACKs ({count}) kept asking for {seq}, and the "
                      "{sender} sent it again",
    "peer SYN again": "the {peer} sent its own SYN again: it never got this segment",
    "later copy echoed": "the {peer}'s answer echoes the timestamp of a later copy: it never "
                         "got this one (RFC 7323 §4.1)",
    "resent after ACK": "the {peer} sent its segment again after this ACK should have "
                        "arrived: it never got the ACK",
}
LOSS_RFC = {"sent again": "RFC 9293 §3.8.1, RFC 6298 §5", "duplicate ACKs": "RFC 5681 §3.2",
            "peer SYN again": "RFC 9293 §3.8.1, RFC 6298 §5", "later copy echoed": "RFC 7323 §4.1",
            "resent after ACK": "RFC 9293 §3.8.1, RFC 6298 §5"}

# Options (RFC 9293 §3.1).
MSS = "MSS option: {mss} bytes per segment at most (RFC 9293 §3.7.1)"
WINDOW_SCALE = "window scale option: shift {shift}, later windows count × {factor} (RFC 7323 §2.2)"
SACK_PERMITTED = "SACK permitted option: selective acknowledgements may follow (RFC 2018 §2)"
TIMESTAMPS_OFFERED = "timestamps option offered (RFC 7323 §3)"
TIMESTAMPS = "timestamps option: TSval = {tsval}, TSecr = {tsecr} (RFC 7323 §3.2)"
SACK = "SACK option: the {who} also holds {blocks} (RFC 2018 §3)"
SACK_BLOCK = "{left}–{right}"
SCALED_WINDOW = "SND.WND = SEG.WND << {shift} = {window} << {shift} = {scaled} (RFC 7323 §2.3)"
SCALING_ON = ("window scaling is in effect: both SYNs carried the option; windows on later "
              "segments are shifted (RFC 7323 §2.2)")
SCALING_OFF = ("window scaling is off: not both SYNs carried the option; windows count as "
               "sent (RFC 7323 §2.2)")


def analysis_lines(tokens: Iterable[str]) -> tuple[Phrase, ...]:
    """Wireshark's analysis of a segment in sentences (a plain retransmission flag is left
    out beside a fast or spurious one)."""
    tokens = list(dict.fromkeys(tokens))
    if any(kind in tokens for kind in _RETRANSMISSION_KINDS):
        tokens = [t for t in tokens if t != "retransmission"]
    return tuple(Phrase(ANALYSIS[t]) for t in tokens if t in ANALYSIS)


def resent_headline(kind: SendKind, who: Phrase, segment: SegmentLabel) -> Phrase:
    return Phrase(RESENT[kind][0], who=who, segment=segment)


def loss_line(loss: Loss, sender: str, peer: str, seq: Seq) -> Phrase:
    return Phrase(LOSS_REASONS[loss.kind], sender=Phrase(sender), peer=Phrase(peer),
                  count=loss.count, seq=seq)


def syn_option_lines(options: SynOptions) -> tuple[Phrase, ...]:
    lines = []
    if options.mss is not None:
        lines.append(Phrase(MSS, mss=options.mss))
    if options.window_scale is not None:
        shift = min(options.window_scale, 14)
        lines.append(Phrase(WINDOW_SCALE, shift=shift, factor=2**shift))
    if options.sack_permitted:
        lines.append(Phrase(SACK_PERMITTED))
    if options.timestamps:
        lines.append(Phrase(TIMESTAMPS_OFFERED))
    return tuple(lines)


def sack_line(who: str, blocks: SackBlocks, side: str | None, isn: int | None) -> Phrase:
    """The SACK blocks a receiver sent, numbered in the data sender's space (``side``)."""
    items = tuple(Phrase(SACK_BLOCK, left=Seq(left, side, isn), right=Seq(right, side, isn))
                  for left, right in blocks)
    return Phrase(SACK, who=Phrase(who), blocks=Series(items, ", "))
