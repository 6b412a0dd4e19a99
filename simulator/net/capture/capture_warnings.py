"""What the index tells a learner about a capture's quality, once the packets are read.

Link types the decoder does not support (an error when no interface is usable), and
packets whose analysis is limited: cut to the snapshot length, IP fragments, TCP headers
that were not captured, absurd or backwards timestamps. Each check counts flags or values
in whole columns of the :class:`~simulator.net.capture.packet_table.PacketTable`.
"""

from __future__ import annotations

import numpy as np

from simulator.net.capture import messages as say
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.link_layers import SUPPORTED_LINKTYPES
from simulator.net.capture.packet_table import PF_FRAGMENT, PF_TCP_CUT, PF_TRUNCATED, PacketTable
from simulator.net.capture.pcap_records import ReadReport

_SANE_TS_MAX = 4102444800.0  # 2100-01-01
_SECONDS_PER_YEAR = 31556952.0


def check_link_types(report: ReadReport, packets: PacketTable, warnings: list[str]) -> None:
    """Warn about interfaces of unsupported link types; raise if none is supported."""
    unknown = [lt for lt in dict.fromkeys(report.interfaces) if lt not in SUPPORTED_LINKTYPES]
    if not unknown:
        return
    if all(lt not in SUPPORTED_LINKTYPES for lt in report.interfaces):
        names = ", ".join(str(lt) for lt in unknown)
        raise CaptureError(say.NO_SUPPORTED_LINK_TYPE.format(link_types=names))
    lt_col = packets["linktype"]
    for lt in unknown:
        count = int(np.count_nonzero(lt_col == lt))
        ifaces = sum(1 for x in report.interfaces if x == lt)
        forms = say.ONE_INTERFACE_UNSUPPORTED if ifaces == 1 else say.INTERFACES_UNSUPPORTED
        warnings.append(forms.say(count, interfaces=ifaces, link_type=lt))


def packet_warnings(report: ReadReport, packets: PacketTable, warnings: list[str]) -> None:
    """Warn about truncated, fragmented and header-less packets and odd timestamps."""
    n = len(packets)
    if n == 0:
        warnings.append(say.NO_PACKETS)
        return
    pflags = packets["pflags"]
    trunc = int(np.count_nonzero(pflags & PF_TRUNCATED))
    if trunc:
        if report.fmt == "pcap":
            warnings.append(say.SNAPLEN_CUT.say(trunc, snaplen=report.snaplen))
        else:
            warnings.append(say.SNAPSHOT_CUT.say(trunc))
    frag = int(np.count_nonzero(pflags & PF_FRAGMENT))
    if frag:
        warnings.append(say.FRAGMENTS.say(frag))
    cut = int(np.count_nonzero(pflags & PF_TCP_CUT))
    if cut:
        first = int(np.flatnonzero(pflags & PF_TCP_CUT)[0]) + 1
        warnings.append(say.TCP_HEADER_CUT.say(cut, first=first))
    ts = packets["time"]
    bad = np.flatnonzero((ts > _SANE_TS_MAX) | (ts <= 0) | ~np.isfinite(ts))
    if len(bad):
        first = int(bad[0])
        year = 1970 + int(ts[first] / _SECONDS_PER_YEAR) if np.isfinite(ts[first]) else 0
        shown = ", ".join(str(int(b) + 1) for b in bad[:5])
        more = ", ..." if len(bad) > 5 else ""
        warnings.append(say.ABSURD_TIMESTAMPS.say(len(bad), numbers=shown + more,
                                                  first=first + 1, year=year))
    back = np.flatnonzero(ts[1:] < ts[:-1])
    if len(back):
        warnings.append(say.BACKWARDS.say(len(back), first=int(back[0]) + 2))
