"""What the index tells a learner about a capture's quality, once the packets are read.

Link types the decoder does not support (an error when no interface is usable), and
packets whose analysis is limited: cut to the snapshot length, IP fragments, TCP headers
that were not captured, absurd or backwards timestamps. Each check counts flags or values
in whole columns of the :class:`~simulator.net.capture.packet_table.PacketTable`.
"""

from __future__ import annotations

import numpy as np

from simulator.net.capture.errors import CaptureError
from simulator.net.capture.link_layers import SUPPORTED_LINKTYPES
from simulator.net.capture.packet_table import PF_FRAGMENT, PF_TCP_CUT, PF_TRUNCATED, PacketTable
from simulator.net.capture.pcap_records import ReadReport, plural

_SANE_TS_MAX = 4102444800.0  # 2100-01-01
_SECONDS_PER_YEAR = 31556952.0


def check_link_types(report: ReadReport, packets: PacketTable, warnings: list[str]) -> None:
    """Warn about interfaces of unsupported link types; raise if none is supported."""
    unknown = [lt for lt in dict.fromkeys(report.interfaces) if lt not in SUPPORTED_LINKTYPES]
    if not unknown:
        return
    if all(lt not in SUPPORTED_LINKTYPES for lt in report.interfaces):
        names = ", ".join(str(lt) for lt in unknown)
        raise CaptureError(
            f"The capture's link type ({names}) is not supported; supported link types are "
            "Ethernet, Linux cooked (SLL/SLL2), raw IP and BSD loopback."
        )
    lt_col = packets["linktype"]
    for lt in unknown:
        count = int(np.count_nonzero(lt_col == lt))
        ifaces = sum(1 for x in report.interfaces if x == lt)
        noun = "interface has" if ifaces == 1 else "interfaces have"
        warnings.append(
            f"{ifaces} {noun} link type {lt} (not supported); its {plural(count, 'packet')} "
            f"{'was' if count == 1 else 'were'} skipped."
        )


def packet_warnings(report: ReadReport, packets: PacketTable, warnings: list[str]) -> None:
    """Warn about truncated, fragmented and header-less packets and odd timestamps."""
    n = len(packets)
    if n == 0:
        warnings.append("The capture holds no packets.")
        return
    pflags = packets["pflags"]
    trunc = int(np.count_nonzero(pflags & PF_TRUNCATED))
    if trunc:
        snap = f" (snaplen {report.snaplen})" if report.fmt == "pcap" else ""
        warnings.append(
            f"{plural(trunc, 'packet')} {'was' if trunc == 1 else 'were'} cut to the snapshot "
            f"length{snap}; {'its' if trunc == 1 else 'their'} payload bytes are "
            "missing (TCP lengths still come from the IP header)."
        )
    frag = int(np.count_nonzero(pflags & PF_FRAGMENT))
    if frag:
        warnings.append(
            f"IP fragments: {plural(frag, 'packet')} "
            f"{'was a fragment' if frag == 1 else 'were fragments'} and not reassembled; "
            "TCP inside fragments is not analysed."
        )
    cut = int(np.count_nonzero(pflags & PF_TCP_CUT))
    if cut:
        first = int(np.flatnonzero(pflags & PF_TCP_CUT)[0]) + 1
        warnings.append(
            f"{plural(cut, 'TCP packet')} (first: packet {first}) captured without a "
            "complete TCP header: left out of the connections."
        )
    ts = packets["time"]
    bad = np.flatnonzero((ts > _SANE_TS_MAX) | (ts <= 0) | ~np.isfinite(ts))
    if len(bad):
        first = int(bad[0])
        year = 1970 + int(ts[first] / _SECONDS_PER_YEAR) if np.isfinite(ts[first]) else 0
        shown = ", ".join(str(int(b) + 1) for b in bad[:5])
        more = ", ..." if len(bad) > 5 else ""
        warnings.append(
            f"Absurd timestamps on {plural(len(bad), 'packet')} "
            f"(packet{'s' if len(bad) > 1 else ''} {shown}{more}; packet "
            f"{first + 1} is dated year {year}); times and durations involving them are "
            "meaningless."
        )
    back = np.flatnonzero(ts[1:] < ts[:-1])
    if len(back):
        warnings.append(
            f"Timestamps go backwards {plural(len(back), 'time')} (first at packet "
            f"{int(back[0]) + 2}); "
            "packets are kept in file order."
        )
