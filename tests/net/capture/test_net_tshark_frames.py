"""Frame-by-frame agreement with tshark, when tshark is installed (skipped otherwise).

manifest.json only has per-file totals; this compares, for every frame, tcp.stream and the
nine tcp.analysis flags that we compute with those of the local tshark.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from simulator.net.capture import tcp_anomalies as ta
from simulator.net.capture.index import build_index
from tests.net.conftest import CAPTURES, GENERATED

TSHARK = shutil.which("tshark")
FLAGS = {
    "tcp.analysis.retransmission": ta.RETRANSMISSION,
    "tcp.analysis.fast_retransmission": ta.FAST_RETRANSMISSION,
    "tcp.analysis.spurious_retransmission": ta.SPURIOUS_RETRANSMISSION,
    "tcp.analysis.out_of_order": ta.OUT_OF_ORDER,
    "tcp.analysis.duplicate_ack": ta.DUPLICATE_ACK,
    "tcp.analysis.zero_window": ta.ZERO_WINDOW,
    "tcp.analysis.keep_alive": ta.KEEP_ALIVE,
    "tcp.analysis.window_update": ta.WINDOW_UPDATE,
    "tcp.analysis.zero_window_probe": ta.ZERO_WINDOW_PROBE,
}
FILES = sorted(
    [*CAPTURES.glob("*.pcap"), *CAPTURES.glob("*.pcapng"), *GENERATED.glob("*.pcap*")]
)


@pytest.mark.skipif(TSHARK is None, reason="tshark is not installed")
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_frame_matches_tshark(path: Path) -> None:
    assert TSHARK is not None
    cmd = [TSHARK, "-n", "-r", str(path), "-T", "fields", "-e", "frame.number",
           "-e", "tcp.stream"]
    for name in FLAGS:
        cmd += ["-e", name]
    lines = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.splitlines()
    ix = build_index(str(path))
    anomalies = ix.packets["anomalies"]
    conn = ix.packets["conn"]
    diffs = []
    for line in lines:
        number, stream, *flags = line.split("\t")
        i = int(number) - 1
        if stream and int(stream) != conn[i]:
            # Deliberate: tshark reassembles IPv4 fragments into a TCP segment; we don't.
            if path.name == "ip-fragments.pcap" and conn[i] == -1:
                continue
            diffs.append((number, "tcp.stream", stream, int(conn[i])))
        for (name, bit), value in zip(FLAGS.items(), flags, strict=True):
            if bool(value) != bool(anomalies[i] & bit):
                diffs.append((number, name, bool(value), bool(anomalies[i] & bit)))
    assert lines and not diffs
