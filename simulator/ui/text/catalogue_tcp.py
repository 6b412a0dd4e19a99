"""The TCP model's fixed English, catalogued for ``lupdate`` (see ``model_text``).

RFC 9293's transition table (``tcp.table``) says in each row's ``rule`` why a step happened;
the explanation panel shows it as "Why:". The rows' event labels are the arcs of the state
diagrams (RFC 9293 figure 5 notation: "rcv SYN"); RFC names in them (SYN, SND.NXT, TIME-WAIT,
§ numbers, <SEQ=...><CTL=...> segment notation) stay as the RFC writes them in every language.
``TEMPLATES`` are the replay's titles and descriptions with values: ``{fields}`` are filled
with the values the English carried. What happened at a step and its arithmetic are phrases
(``tcp.phrase``), catalogued in ``catalogue_phrases``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# simulator/models/tcp/table.py: Transition.rule (the "Why:" of every TCP step);
# _retransmit_rows fills its rule with "the data" or "our FIN", both listed.
RULES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "A passive OPEN creates a connection record and waits for a "
                      "SYN."),
    QT_TRANSLATE_NOOP("ModelText", "An active OPEN picks an initial sequence number (ISS) and "
                      "sends SYN with SEQ=ISS; SND.UNA=ISS, SND.NXT=ISS+1."),
    QT_TRANSLATE_NOOP("ModelText", "SEND on a connection that does not exist is refused."),
    QT_TRANSLATE_NOOP("ModelText", "CLOSE on a connection that does not exist is refused."),
    QT_TRANSLATE_NOOP("ModelText", "ABORT on a connection that does not exist is refused."),
    QT_TRANSLATE_NOOP("ModelText", "Nobody listens on this port: a SYN is answered with RST "
                      "<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (connection refused)."),
    QT_TRANSLATE_NOOP("ModelText", "A segment for a connection that does not exist is answered "
                      "with RST (<SEQ=SEG.ACK><CTL=RST> if it carried an ACK, else "
                      "<SEQ=0><ACK=SEG.SEQ+SEG.LEN>)."),
    QT_TRANSLATE_NOOP("ModelText", "An RST arriving at a closed port is discarded: an RST is "
                      "never answered."),
    QT_TRANSLATE_NOOP("ModelText", "A SYN arrives: IRS=SEG.SEQ, RCV.NXT=SEG.SEQ+1; pick ISS and "
                      "reply <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>; SND.UNA=ISS, SND.NXT=ISS+1."),
    QT_TRANSLATE_NOOP("ModelText", "Nothing has been sent yet, so any ACK is unacceptable: reply "
                      "<SEQ=SEG.ACK><CTL=RST>."),
    QT_TRANSLATE_NOOP("ModelText", "An incoming RST is ignored in LISTEN."),
    QT_TRANSLATE_NOOP("ModelText", "Any other segment without SYN is dropped."),
    QT_TRANSLATE_NOOP("ModelText", "SEND on a listening connection with a known peer turns it "
                      "active: send SYN."),
    QT_TRANSLATE_NOOP("ModelText", "CLOSE while listening deletes the connection record."),
    QT_TRANSLATE_NOOP("ModelText", "ABORT while listening deletes the connection record; nothing "
                      "is sent."),
    QT_TRANSLATE_NOOP("ModelText", "OPEN on an existing connection is refused."),
    QT_TRANSLATE_NOOP("ModelText", "An active OPEN (with the peer's socket given) on a listening "
                      "connection changes it from passive to active: pick ISS, send "
                      "<SEQ=ISS><CTL=SYN>, SND.UNA=ISS, SND.NXT=ISS+1, enter SYN-SENT."),
    QT_TRANSLATE_NOOP("ModelText", "A second passive OPEN: the connection is already listening; "
                      "the call is refused."),
    QT_TRANSLATE_NOOP("ModelText", "SYN,ACK acknowledges our SYN (SND.UNA < SEG.ACK =< SND.NXT): "
                      "IRS=SEG.SEQ, RCV.NXT=SEG.SEQ+1, SND.UNA=SEG.ACK; the connection is "
                      "established; send ACK."),
    QT_TRANSLATE_NOOP("ModelText", "A SYN without ACK while our own SYN is out: simultaneous "
                      "open (figure 7). Reply <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>."),
    QT_TRANSLATE_NOOP("ModelText", "RST with an acceptable ACK: the peer refused the connection "
                      "(\"connection reset\")."),
    QT_TRANSLATE_NOOP("ModelText", "An RST whose ACK does not acknowledge our SYN is dropped."),
    QT_TRANSLATE_NOOP("ModelText", "SEG.ACK does not acknowledge our SYN: reply "
                      "<SEQ=SEG.ACK><CTL=RST> and drop it."),
    QT_TRANSLATE_NOOP("ModelText", "Neither SYN nor RST: the segment is dropped."),
    QT_TRANSLATE_NOOP("ModelText", "Data is queued until the connection is established."),
    QT_TRANSLATE_NOOP("ModelText", "SEND after CLOSE (queued until ESTABLISHED) is refused."),
    QT_TRANSLATE_NOOP("ModelText", "CLOSE was already called (it is queued until ESTABLISHED)."),
    QT_TRANSLATE_NOOP("ModelText", "CLOSE before the handshake completed deletes the connection "
                      "record."),
    QT_TRANSLATE_NOOP("ModelText", "ABORT before the handshake completed deletes the connection "
                      "record."),
    QT_TRANSLATE_NOOP("ModelText", "No SYN,ACK before the retransmission timer expired: resend "
                      "the SYN and double the RTO (exponential backoff, RFC 6298 §5.5)."),
    QT_TRANSLATE_NOOP("ModelText", "The SYN went unanswered for R2 (at least 3 minutes for a SYN, "
                      "MUST-23): give up (\"connection timed out\")."),
    QT_TRANSLATE_NOOP("ModelText", "SND.UNA < SEG.ACK =< SND.NXT: our SYN is acknowledged, the "
                      "connection is established."),
    QT_TRANSLATE_NOOP("ModelText", "The ACK of our SYN also carries the peer's FIN: the fifth "
                      "check (ACK) establishes the connection, the eighth (FIN) enters "
                      "CLOSE-WAIT; RCV.NXT advances past the FIN and it is acknowledged."),
    QT_TRANSLATE_NOOP("ModelText", "The ACK does not acknowledge our SYN: reply "
                      "<SEQ=SEG.ACK><CTL=RST>."),
    QT_TRANSLATE_NOOP("ModelText", "Simultaneous open: the peer's SYN,ACK. Its SYN (SEG.SEQ = "
                      "IRS) lies before RCV.NXT and is trimmed off as a duplicate (first check); "
                      "what remains begins at RCV.NXT and its ACK acknowledges our SYN: "
                      "ESTABLISHED (figure 7). The duplicate SYN is answered with an ACK "
                      "<SEQ=SND.NXT><ACK=RCV.NXT>."),
    QT_TRANSLATE_NOOP("ModelText", "The segment's sequence number is outside the receive window "
                      "(e.g. a duplicate SYN): answer with an ACK <SEQ=SND.NXT><ACK=RCV.NXT> and "
                      "drop it."),
    QT_TRANSLATE_NOOP("ModelText", "A SYN inside the window (fourth check) after a passive OPEN: "
                      "return to LISTEN."),
    QT_TRANSLATE_NOOP("ModelText", "A SYN inside the window (fourth check) after an active OPEN: "
                      "handled as in the synchronized states, with a challenge ACK "
                      "<SEQ=SND.NXT><ACK=RCV.NXT>; the SYN is dropped."),
    QT_TRANSLATE_NOOP("ModelText", "RST in SYN-RECEIVED after a passive OPEN: go back to LISTEN."),
    QT_TRANSLATE_NOOP("ModelText", "RST in SYN-RECEIVED after an active OPEN: the connection was "
                      "refused."),
    QT_TRANSLATE_NOOP("ModelText", "RST inside the window but not at RCV.NXT: send a challenge "
                      "ACK and drop it."),
    QT_TRANSLATE_NOOP("ModelText", "An RST outside the receive window is dropped."),
    QT_TRANSLATE_NOOP("ModelText", "A segment without ACK is dropped until the handshake "
                      "completes."),
    QT_TRANSLATE_NOOP("ModelText", "CLOSE with no SEND issued and nothing queued: send FIN and "
                      "enter FIN-WAIT-1."),
    QT_TRANSLATE_NOOP("ModelText", "CLOSE with data queued: the CLOSE is queued too, for "
                      "processing once ESTABLISHED is reached (then the data goes out, then the "
                      "FIN)."),
    QT_TRANSLATE_NOOP("ModelText", "ABORT: send <SEQ=SND.NXT><CTL=RST> and delete the connection."),
    QT_TRANSLATE_NOOP("ModelText", "Our SYN,ACK was not acknowledged in time: resend it, double "
                      "the RTO."),
    QT_TRANSLATE_NOOP("ModelText", "Our SYN,ACK went unacknowledged for R2 (at least 3 minutes "
                      "for a SYN, MUST-23): give up."),
    QT_TRANSLATE_NOOP("ModelText", "An acceptable segment: process its ACK (SND.UNA advances) "
                      "and its data (RCV.NXT advances and an ACK is sent)."),
    QT_TRANSLATE_NOOP("ModelText", "The peer's FIN: it has no more data. RCV.NXT advances past "
                      "the FIN; send ACK and tell the application (end of stream). We may still "
                      "send (half-close)."),
    QT_TRANSLATE_NOOP("ModelText", "Segment the data (at most the MSS per segment, within the "
                      "peer's window) and send."),
    QT_TRANSLATE_NOOP("ModelText", "CLOSE: after the queued data, send FIN (it occupies one "
                      "sequence number); enter FIN-WAIT-1."),
    QT_TRANSLATE_NOOP("ModelText", "The retransmission timer expired before the data was "
                      "acknowledged: resend the oldest unacknowledged segment and double the RTO "
                      "(RFC 6298 §5.4-5.5)."),
    QT_TRANSLATE_NOOP("ModelText", "The same segment went unacknowledged for R2 (at least 100 s, "
                      "SHLD-11): give up and delete the connection (\"connection aborted due to "
                      "user timeout\")."),
    QT_TRANSLATE_NOOP("ModelText", "RST with SEG.SEQ = RCV.NXT exactly: the peer reset the "
                      "connection; delete it."),
    QT_TRANSLATE_NOOP("ModelText", "RST outside the receive window: drop it silently."),
    QT_TRANSLATE_NOOP("ModelText", "SYN on a synchronized connection: send a challenge ACK and "
                      "drop the segment."),
    QT_TRANSLATE_NOOP("ModelText", "SYN in TIME-WAIT: RFC 9293 lets an implementation reopen "
                      "the connection from TIME-WAIT for a newer SYN (MAY-2; with timestamps, RFC "
                      "6191), as Linux does. This model does not: it sends a challenge ACK (RFC "
                      "5961 §4) and drops the SYN."),
    QT_TRANSLATE_NOOP("ModelText", "Unacceptable sequence number (old duplicate or beyond the "
                      "window): reply <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and drop it."),
    QT_TRANSLATE_NOOP("ModelText", "SEG.ACK is not acceptable: above SND.NXT it acknowledges "
                      "something not yet sent; below SND.UNA − MAX.SND.WND it is too old to be "
                      "real. Send an ACK and drop the segment."),
    QT_TRANSLATE_NOOP("ModelText", "ABORT: send <SEQ=SND.NXT><CTL=RST>, flush the queues and "
                      "delete the connection."),
    QT_TRANSLATE_NOOP("ModelText", "Our FIN is acknowledged (SEG.ACK = SND.NXT): enter "
                      "FIN-WAIT-2 and wait for the peer's FIN."),
    QT_TRANSLATE_NOOP("ModelText", "The peer's FIN arrives before the ACK of ours: both closed "
                      "at once (simultaneous close, figure 13). ACK it and enter CLOSING."),
    QT_TRANSLATE_NOOP("ModelText", "The peer's FIN also acknowledges ours: ACK it, enter "
                      "TIME-WAIT, start the 2·MSL timer."),
    QT_TRANSLATE_NOOP("ModelText", "Data may still arrive after our FIN: accept and acknowledge "
                      "it."),
    QT_TRANSLATE_NOOP("ModelText", "SEND after our own CLOSE is refused."),
    QT_TRANSLATE_NOOP("ModelText", "CLOSE was already called."),
    QT_TRANSLATE_NOOP("ModelText", "The retransmission timer expired before our FIN was "
                      "acknowledged: resend the oldest unacknowledged segment and double the RTO "
                      "(RFC 6298 §5.4-5.5)."),
    QT_TRANSLATE_NOOP("ModelText", "The peer's FIN: ACK it, enter TIME-WAIT and start the 2·MSL "
                      "timer."),
    QT_TRANSLATE_NOOP("ModelText", "Half-close: the peer may keep sending after our FIN; accept "
                      "and acknowledge."),
    QT_TRANSLATE_NOOP("ModelText", "The peer has closed its direction: only its ACKs matter now "
                      "(data after FIN is ignored)."),
    QT_TRANSLATE_NOOP("ModelText", "Half-close: our direction is still open, so we may keep "
                      "sending."),
    QT_TRANSLATE_NOOP("ModelText", "CLOSE: send our FIN after the queued data and enter LAST-ACK."),
    QT_TRANSLATE_NOOP("ModelText", "Our FIN is acknowledged: enter TIME-WAIT and start the 2·MSL "
                      "timer."),
    QT_TRANSLATE_NOOP("ModelText", "A segment that does not acknowledge our FIN: nothing changes."),
    QT_TRANSLATE_NOOP("ModelText", "RST with SEG.SEQ = RCV.NXT: delete the connection (enter "
                      "CLOSED)."),
    QT_TRANSLATE_NOOP("ModelText", "ABORT after our FIN: just delete the connection; nothing is "
                      "sent."),
    QT_TRANSLATE_NOOP("ModelText", "The last ACK: our FIN is acknowledged; delete the connection."),
    QT_TRANSLATE_NOOP("ModelText", "A segment that does not acknowledge our FIN: keep waiting."),
    QT_TRANSLATE_NOOP("ModelText", "A retransmitted FIN (our last ACK was lost): acknowledge it "
                      "again and restart the 2·MSL timer. This is why TIME-WAIT exists."),
    QT_TRANSLATE_NOOP("ModelText", "Nothing else is expected in TIME-WAIT; the segment is "
                      "dropped."),
    QT_TRANSLATE_NOOP("ModelText", "2·MSL passed: no old duplicate can still be in the network. "
                      "Delete the connection."),
)

# simulator/models/tcp/states.py: TcpEvent.label, the arcs of the state diagrams
# (SEND, CLOSE and ABORT are RFC call names and stay as they are)
EVENT_LABELS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "active OPEN"),
    QT_TRANSLATE_NOOP("ModelText", "passive OPEN"),
    QT_TRANSLATE_NOOP("ModelText", "rcv SYN"),
    QT_TRANSLATE_NOOP("ModelText", "rcv SYN,ACK"),
    QT_TRANSLATE_NOOP("ModelText", "rcv ACK of SYN"),
    QT_TRANSLATE_NOOP("ModelText", "rcv ACK of FIN"),
    QT_TRANSLATE_NOOP("ModelText", "rcv FIN"),
    QT_TRANSLATE_NOOP("ModelText", "rcv FIN + ACK of FIN"),
    QT_TRANSLATE_NOOP("ModelText", "rcv data/ACK"),
    QT_TRANSLATE_NOOP("ModelText", "rcv RST"),
    QT_TRANSLATE_NOOP("ModelText", "rcv RST (in window, not exact)"),
    QT_TRANSLATE_NOOP("ModelText", "rcv RST (not acceptable)"),
    QT_TRANSLATE_NOOP("ModelText", "rcv unacceptable seq"),
    QT_TRANSLATE_NOOP("ModelText", "rcv unacceptable ACK"),
    QT_TRANSLATE_NOOP("ModelText", "retransmission timeout"),
    QT_TRANSLATE_NOOP("ModelText", "user timeout (gave up)"),
    QT_TRANSLATE_NOOP("ModelText", "2·MSL timeout"),
)

# tcp/table.py errors; tcp/explain.py and simulation/network.py words; timeline StepKind and
# Fate; tcp/states.py Send; simulation/network.py's lost segment; the tcp endpoint's fixed
# notes; replays of captures (replay/lazy_timeline.py, engine.py, timing.py)
WORDS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "connection does not exist"),
    QT_TRANSLATE_NOOP("ModelText", "connection already exists"),
    QT_TRANSLATE_NOOP("ModelText", "connection closing"),
    QT_TRANSLATE_NOOP("ModelText", "Client"),
    QT_TRANSLATE_NOOP("ModelText", "Server"),
    QT_TRANSLATE_NOOP("ModelText", "client"),
    QT_TRANSLATE_NOOP("ModelText", "active OPEN (connect)"),
    QT_TRANSLATE_NOOP("ModelText", "passive OPEN (listen)"),
    QT_TRANSLATE_NOOP("ModelText", "sends nothing"),
    QT_TRANSLATE_NOOP("ModelText", "user call"),
    QT_TRANSLATE_NOOP("ModelText", "segment arrives"),
    QT_TRANSLATE_NOOP("ModelText", "segment lost"),
    QT_TRANSLATE_NOOP("ModelText", "timer expires"),
    QT_TRANSLATE_NOOP("ModelText", "HTTP layer"),
    QT_TRANSLATE_NOOP("ModelText", "delivered"),
    QT_TRANSLATE_NOOP("ModelText", "lost"),
    QT_TRANSLATE_NOOP("ModelText", "in flight"),
    QT_TRANSLATE_NOOP("ModelText", "data"),
    QT_TRANSLATE_NOOP("ModelText", "retransmit"),
    QT_TRANSLATE_NOOP("ModelText", "Segments can be lost anywhere on the path. The sender cannot "
                      "see the loss; only its retransmission timer (or duplicate ACKs) will tell "
                      "it."),
    QT_TRANSLATE_NOOP("ModelText", "connection reset by peer"),
    QT_TRANSLATE_NOOP("ModelText", "segment without ACK dropped"),
    QT_TRANSLATE_NOOP("ModelText", "end of the peer's data stream (FIN consumes one sequence "
                      "number)"),
    QT_TRANSLATE_NOOP("ModelText", "third duplicate ACK: fast retransmit (RFC 5681 §3.2)"),
    QT_TRANSLATE_NOOP("ModelText", "R1 reached (3 retransmissions): the application is told of "
                      "the delivery problem (RFC 9293 §3.8.3)"),
    QT_TRANSLATE_NOOP("ModelText", "the gap is filled: the FIN held since it arrived out of order "
                      "is processed now"),
    QT_TRANSLATE_NOOP("ModelText", "the SYN in it is already known (SEG.SEQ = IRS < RCV.NXT) and "
                      "is trimmed off; the rest acknowledges our SYN (simultaneous open, "
                      "figure 7)"),
    QT_TRANSLATE_NOOP("ModelText", "URG is set: the urgent data is delivered in line with the "
                      "rest (the urgent pointer is not modelled; RFC 6093 §4)"),
    QT_TRANSLATE_NOOP("ModelText", "the CLOSE queued in SYN-RECEIVED goes ahead: queued data, "
                      "then the FIN"),
    QT_TRANSLATE_NOOP("ModelText", "data after the peer's FIN is ignored"),
    QT_TRANSLATE_NOOP("ModelText", "duplicate data (already received); acknowledged again"),
    QT_TRANSLATE_NOOP("ModelText", "Sending what an earlier row decided changes no state."),
    QT_TRANSLATE_NOOP("ModelText", "Not enough was captured to classify this arrival."),
    QT_TRANSLATE_NOOP("ModelText", "Captured connection"),
    QT_TRANSLATE_NOOP("ModelText", "no complete handshake to time"),
    QT_TRANSLATE_NOOP("ModelText", "the handshake's last ACK is not in the capture"),
    QT_TRANSLATE_NOOP("ModelText", "the handshake's delays are too similar to tell"),
)

# replays of captures: titles, descriptions, the handshake's timing (the TCP model's
# sentences with values are phrases: catalogue_phrases)
TEMPLATES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "{client} → {server} (connection {number})"),
    QT_TRANSLATE_NOOP("ModelText", "Replayed from a capture: {count} segments, captured at the "
                      "{point} ({reason}); the {far}'s states are inferred."),
    QT_TRANSLATE_NOOP("ModelText", "Replayed from a capture: {count} segments, capture point "
                      "unknown ({reason})."),
    QT_TRANSLATE_NOOP("ModelText", "SYN → SYN,ACK took {first} ms, SYN,ACK → ACK {second} ms: "
                      "the round trip lies before the SYN,ACK"),
    QT_TRANSLATE_NOOP("ModelText", "SYN → SYN,ACK took {first} ms, SYN,ACK → ACK {second} ms: "
                      "the round trip lies after the SYN,ACK"),
)
