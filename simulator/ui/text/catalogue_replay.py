"""What a replayed capture adds to a step's explanation, catalogued for ``lupdate``.

``simulator.models.replay.wording`` writes these sentences (Wireshark's analysis of a
segment in words, why a segment sent again fired no timeout row, why a segment is taken as
lost, the options a segment carried); ``model_text`` registers them, so a view shows them in
the interface language with their values kept. A test keeps this list equal to the model's.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# Fixed sentences: Wireshark's analysis flags explained, the "why" of a resent segment's
# send step and of a loss, the options without values.
SENTENCES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "Wireshark marks this segment a retransmission: it carries "
                      "sequence numbers its sender had sent before."),
    QT_TRANSLATE_NOOP("ModelText", "Wireshark marks it a fast retransmission: it was resent right "
                      "after duplicate ACKs asked for it again (RFC 5681 §3.2), not when a "
                      "retransmission timer expired."),
    QT_TRANSLATE_NOOP("ModelText", "Wireshark marks it a spurious retransmission: the receiver "
                      "had already acknowledged these bytes when it was resent."),
    QT_TRANSLATE_NOOP("ModelText", "Wireshark marks it out-of-order: its sequence numbers lie "
                      "below ones already seen, and it came too soon after them to be a "
                      "retransmission."),
    QT_TRANSLATE_NOOP("ModelText", "Wireshark marks it a duplicate ACK: it repeats the previous "
                      "acknowledgement number because a later segment arrived while an earlier "
                      "one is still missing (RFC 5681 §4.2)."),
    QT_TRANSLATE_NOOP("ModelText", "Wireshark marks it a zero window: the receiver's buffer is "
                      "full and the sender must wait (RFC 9293 §3.8.6.1)."),
    QT_TRANSLATE_NOOP("ModelText", "Wireshark marks it a keep-alive: one byte sent before, to "
                      "learn whether the peer is still there (RFC 9293 §3.8.4)."),
    QT_TRANSLATE_NOOP("ModelText", "Wireshark marks it a window update: it only announces a new "
                      "receive window."),
    QT_TRANSLATE_NOOP("ModelText", "Wireshark marks it a zero-window probe: one byte sent into a "
                      "closed window to learn when it opens (RFC 9293 §3.8.6.1)."),
    QT_TRANSLATE_NOOP("ModelText", "After three duplicate ACKs the sender takes the segment they "
                      "ask for as lost and resends it at once (fast retransmit), instead of "
                      "waiting for the retransmission timer; the connection's state does not "
                      "change."),
    QT_TRANSLATE_NOOP("ModelText", "A sender may resend a segment early (selective "
                      "acknowledgements or duplicate ACKs showed it missing); resending changes "
                      "no state."),
    QT_TRANSLATE_NOOP("ModelText", "A keep-alive carries one already acknowledged byte (or none), "
                      "so the peer answers with an ACK; it changes no state."),
    QT_TRANSLATE_NOOP("ModelText", "While the peer's window is zero the sender still sends one "
                      "byte now and then, so that it learns when the window opens."),
    QT_TRANSLATE_NOOP("ModelText", "A capture cannot see a loss; this one is inferred from what "
                      "the two ends did next."),
    QT_TRANSLATE_NOOP("ModelText", "SACK permitted option: selective acknowledgements may follow "
                      "(RFC 2018 §2)"),
    QT_TRANSLATE_NOOP("ModelText", "timestamps option offered (RFC 7323 §3)"),
    QT_TRANSLATE_NOOP("ModelText", "window scaling is in effect: both SYNs carried the option; "
                      "windows on later segments are shifted (RFC 7323 §2.2)"),
    QT_TRANSLATE_NOOP("ModelText", "window scaling is off: not both SYNs carried the option; "
                      "windows count as sent (RFC 7323 §2.2)"),
)

# Sentences with values: a resent segment's send step, why a segment is taken as lost, the
# options with values.
TEMPLATES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "{who} resends {segment} without waiting for its timer: a fast "
                      "retransmission, after duplicate ACKs asked for these bytes again."),
    QT_TRANSLATE_NOOP("ModelText", "{who} sends {segment} again less than a round trip after "
                      "later data: Wireshark calls it out-of-order; no retransmission timer "
                      "expired."),
    QT_TRANSLATE_NOOP("ModelText", "{who} sends a keep-alive {segment}: a byte it had sent "
                      "before, to learn whether the peer is still there."),
    QT_TRANSLATE_NOOP("ModelText", "{who} probes the peer's zero window with {segment}."),
    QT_TRANSLATE_NOOP("ModelText", "the {sender} sent it again, and no ACK from the {peer} "
                      "covered it before that copy arrived"),
    QT_TRANSLATE_NOOP("ModelText", "the {peer}'s duplicate ACKs ({count}) kept asking for {seq}, "
                      "and the {sender} sent it again"),
    QT_TRANSLATE_NOOP("ModelText", "the {peer} sent its own SYN again: it never got this "
                      "segment"),
    QT_TRANSLATE_NOOP("ModelText", "the {peer}'s answer echoes the timestamp of a later copy: it "
                      "never got this one (RFC 7323 §4.1)"),
    QT_TRANSLATE_NOOP("ModelText", "the {peer} sent its segment again after this ACK should have "
                      "arrived: it never got the ACK"),
    QT_TRANSLATE_NOOP("ModelText", "MSS option: {mss} bytes per segment at most (RFC 9293 "
                      "§3.7.1)"),
    QT_TRANSLATE_NOOP("ModelText", "window scale option: shift {shift}, later windows count × "
                      "{factor} (RFC 7323 §2.2)"),
    QT_TRANSLATE_NOOP("ModelText", "timestamps option: TSval = {tsval}, TSecr = {tsecr} (RFC 7323 "
                      "§3.2)"),
    QT_TRANSLATE_NOOP("ModelText", "SACK option: the {who} also holds {blocks} (RFC 2018 §3)"),
)

__all__ = ["SENTENCES", "TEMPLATES"]
