"""Retransmission timeout estimation, RFC 6298.

§2: before any RTT sample RTO = 1 s; the first sample R sets SRTT = R, RTTVAR = R/2; later
samples update RTTVAR = 3/4·RTTVAR + 1/4·|SRTT - R| and SRTT = 7/8·SRTT + 1/8·R; then
RTO = SRTT + max(G, 4·RTTVAR), rounded up to 1 s (§2.4) and capped at 60 s (§2.5).
§5.5: each expiry doubles RTO ("backs off the timer"). Karn's rule (§3): no sample is taken
from a segment that was retransmitted.
"""

from __future__ import annotations

from dataclasses import dataclass

INITIAL_RTO = 1.0
MIN_RTO = 1.0
MAX_RTO = 60.0
SYN_LOSS_RTO = 3.0  # §5.7: after a SYN timed out, RTO is 3 s once the handshake is done
CLOCK_GRANULARITY = 0.001  # G: the virtual clock ticks in milliseconds


@dataclass
class RtoEstimator:
    rto: float = INITIAL_RTO
    srtt: float | None = None
    rttvar: float | None = None

    def sample(self, rtt: float) -> None:
        """Take one RTT measurement (RFC 6298 §2.2-2.3)."""
        if self.srtt is None or self.rttvar is None:
            self.srtt = rtt
            self.rttvar = rtt / 2
        else:
            self.rttvar = 0.75 * self.rttvar + 0.25 * abs(self.srtt - rtt)
            self.srtt = 0.875 * self.srtt + 0.125 * rtt
        self.rto = min(MAX_RTO, max(MIN_RTO, self.srtt + max(CLOCK_GRANULARITY, 4 * self.rttvar)))

    def back_off(self) -> None:
        """RFC 6298 §5.5: RTO <- RTO * 2, up to the maximum."""
        self.rto = min(MAX_RTO, self.rto * 2)
