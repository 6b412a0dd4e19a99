"""The templates of the TCP model's phrases, catalogued for ``lupdate`` (see ``model_text``).

What happened at a TCP step and its arithmetic are ``Phrase``s (``simulator.models.tcp.phrase``):
an English template with ``{fields}`` and values. A view translates the template (this
catalogue, context "ModelText") and fills the values in, so numbers are shown relative or
absolute whatever the language, and no sentence has to be matched by a pattern.
A translation keeps every ``{field}`` and the RFC names (SEG.SEQ, RCV.NXT, SND.WND, SYN, ACK,
MSS, state names) as they are; everything else is the interface language's.

Templates without words (``IRS = SEG.SEQ = {irs}``, ``SND.NXT = {old} + {grew} = {new}``)
read the same in every language and are not listed. ``WORDS`` are the replay's fixed notes,
shown in the arithmetic.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# tcp/explain.py: what happened (the replay writes the headline without its full stop), the
# arithmetic lines, the endpoint's notes with values; simulation/network.py's lost segment;
# replay/lazy_timeline.py's headlines; phrase.py's relative number with its absolute value.
TEMPLATES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "{who} calls {call}: {change}; {sends}."),
    QT_TRANSLATE_NOOP("ModelText", "{who} calls {call}: {change}; {sends}"),
    QT_TRANSLATE_NOOP("ModelText", "{who} calls {call}: error \"{error}\""),
    QT_TRANSLATE_NOOP("ModelText", "{who} receives {segment} in {state} ({event}): {change}; "
                      "{sends}."),
    QT_TRANSLATE_NOOP("ModelText", "{who}'s {event}: {change}; {sends}."),
    QT_TRANSLATE_NOOP("ModelText", "{who}'s {event}: {change}; {sends}"),
    QT_TRANSLATE_NOOP("ModelText", "stays {state}"),
    QT_TRANSLATE_NOOP("ModelText", "sends {segments}"),
    QT_TRANSLATE_NOOP("ModelText", "SEND ({size} bytes)"),
    QT_TRANSLATE_NOOP("ModelText", "arrived: SEG.SEQ = {seq}, {length}"),
    QT_TRANSLATE_NOOP("ModelText", "arrived: SEG.SEQ = {seq}, {length}, SEG.ACK = {ack}"),
    QT_TRANSLATE_NOOP("ModelText", "SEG.LEN = {data} data = {total}"),
    QT_TRANSLATE_NOOP("ModelText", "SEG.LEN = {data} data (SYN counts 1) = {total}"),
    QT_TRANSLATE_NOOP("ModelText", "SEG.LEN = {data} data (FIN counts 1) = {total}"),
    QT_TRANSLATE_NOOP("ModelText", "SEG.LEN = {data} data (SYN counts 1, FIN counts 1) = "
                      "{total}"),
    QT_TRANSLATE_NOOP("ModelText", "sent: SEQ = {seq}, {length}, WND = {window}"),
    QT_TRANSLATE_NOOP("ModelText", "sent: SEQ = {seq}, ACK = {ack}, {length}, WND = {window}"),
    QT_TRANSLATE_NOOP("ModelText", "sent: SEQ = {seq}, {length}, WND = {window}, MSS option "
                      "{mss}"),
    QT_TRANSLATE_NOOP("ModelText", "sent: SEQ = {seq}, ACK = {ack}, {length}, WND = {window}, "
                      "MSS option {mss}"),
    QT_TRANSLATE_NOOP("ModelText", "ISS = {iss} (chosen by the RFC 6528 generator)"),
    QT_TRANSLATE_NOOP("ModelText", "ISS = {iss} (chosen by the sender; seen in the capture)"),
    QT_TRANSLATE_NOOP("ModelText", "{relative} (abs {absolute})"),
    QT_TRANSLATE_NOOP("ModelText", "The network loses the {who}'s [{flags}] seq={seq}."),
    QT_TRANSLATE_NOOP("ModelText", "The network loses the {who}'s [{flags}] seq={seq} (+{size} "
                      "bytes)."),
    QT_TRANSLATE_NOOP("ModelText", "segment #{number} never reaches the {who}"),
    QT_TRANSLATE_NOOP("ModelText", "2·MSL timer started: {duration} s, until t={deadline} s"),
    QT_TRANSLATE_NOOP("ModelText", "2·MSL timer restarted: {duration} s, until t={deadline} s"),
    QT_TRANSLATE_NOOP("ModelText", "peer's window ({window} bytes) is full: {queued} bytes wait"),
    QT_TRANSLATE_NOOP("ModelText", "{size} bytes split into {count} segment(s) of at most "
                      "MSS={mss} bytes"),
    QT_TRANSLATE_NOOP("ModelText", "{size} bytes queued until the connection is established"),
    QT_TRANSLATE_NOOP("ModelText", "gave up: retransmitted for {waited} s, R2 = {r2} s (RFC 9293 "
                      "§3.8.3)"),
    QT_TRANSLATE_NOOP("ModelText", "our SYN had to be retransmitted: RTO {old} s → {new} s now "
                      "that data can flow (RFC 6298 §5.7)"),
    QT_TRANSLATE_NOOP("ModelText", "the FIN arrived out of order (expected {expected}, got "
                      "{got}): held until the gap fills; the duplicate ACK repeats RCV.NXT"),
    QT_TRANSLATE_NOOP("ModelText", "CLOSE queued with {size} bytes until the connection is "
                      "established"),
    QT_TRANSLATE_NOOP("ModelText", "retransmission #{number}: RTO {old} s → {new} s (doubled, "
                      "RFC 6298 §5.5)"),
    QT_TRANSLATE_NOOP("ModelText", "RTT sample {ms} ms: RTO {change} (RFC 6298 §2, 1 s minimum)"),
    QT_TRANSLATE_NOOP("ModelText", "{count} octet(s) of sequence space acknowledged; SND.UNA = "
                      "{una}"),
    QT_TRANSLATE_NOOP("ModelText", "duplicate ACK #{number} for {ack}"),
    QT_TRANSLATE_NOOP("ModelText", "{size} bytes delivered to the application; RCV.NXT = {nxt}"),
    QT_TRANSLATE_NOOP("ModelText", "{size} held out-of-order bytes now delivered"),
    QT_TRANSLATE_NOOP("ModelText", "out of order: expected {expected}, got {got}; held, and the "
                      "ACK repeats RCV.NXT (a duplicate ACK)"),
    QT_TRANSLATE_NOOP("ModelText", "{count} bytes before this segment were never seen (an unseen "
                      "or lost segment)"),
    QT_TRANSLATE_NOOP("ModelText", "{count} bytes this ACK acknowledges were never seen sent (an "
                      "unseen segment)"),
    QT_TRANSLATE_NOOP("ModelText", "{count} bytes this ACK acknowledges arrived unseen (an "
                      "unseen segment)"),
    QT_TRANSLATE_NOOP("ModelText", "{headline} — the capture shows it sending {segment}."),
    QT_TRANSLATE_NOOP("ModelText", "{who} sends {segment} in {state}; no transition (an "
                      "acknowledgement, or a reply the table already decided)."),
    QT_TRANSLATE_NOOP("ModelText", "{who} receives {segment} in {state}; its state cannot be "
                      "inferred further."),
    QT_TRANSLATE_NOOP("ModelText", "{what} (Inferred: the capture was taken at the {point}.)"),
)

# replay/engine.py's fixed notes (Wireshark's analysis tokens among a replayed step's notes
# are catalogue_capture.anomaly_words's)
WORDS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "the SYN this answers is not in the capture"),
    QT_TRANSLATE_NOOP("ModelText", "it answers a SYN, so it was listening by then (it had "
                      "refused an earlier one)"),
    QT_TRANSLATE_NOOP("ModelText", "the capture starts mid-connection: both sides are assumed "
                      "ESTABLISHED, numbers are relative to the first segment seen"),
)
