"""Opening a long captured connection replays it off the GUI thread; Cancel stops it; a short
one opens at once. The capture is a real pcap file written here with struct."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from simulator.net.capture.index import build_index
from simulator.ui.capture import replay_loader
from simulator.ui.capture.replay_loader import ReplayLoader
from tests.models.replay.replay_streams import long_connection


def write_pcap(path: Path, segments: int) -> Path:
    """One Ethernet/IPv4/TCP connection of ``segments`` packets (see long_connection)."""
    c = long_connection(segments)
    mac = bytes.fromhex("020000000002020000000001") + b"\x08\x00"
    client, server = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
    out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)]
    for i in range(len(c)):
        src, dst, sport, dport = ((client, server, 40000, 80) if c.from_client[i]
                                  else (server, client, 80, 40000))
        length = c.length[i]
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + length, i & 0xFFFF, 0x4000, 64, 6, 0,
                         src, dst)
        tcp = struct.pack("!HHIIBBHHH", sport, dport, c.seq[i], c.ack[i], 0x50, c.flags[i],
                          c.window[i], 0, 0)
        micros = round((1_700_000_000 + c.time[i]) * 1e6)
        size = 54 + length
        out += [struct.pack("<IIII", micros // 10**6, micros % 10**6, size, size), mac, ip,
                tcp, bytes(length)]
    path.write_bytes(b"".join(out))
    return path


@pytest.fixture(scope="module")
def long_index(tmp_path_factory):
    return build_index(str(write_pcap(tmp_path_factory.mktemp("cap") / "long.pcap", 12_000)))


def test_a_long_connection_is_replayed_in_a_worker_thread(qtbot, long_index):
    loader = ReplayLoader()
    assert sum(long_index.connections[0].packets) > replay_loader.IN_THREAD_ABOVE
    with qtbot.waitSignal(loader.loaded, timeout=60_000) as blocker:
        loader.start(long_index, 0)
        assert loader.busy  # start returned while the worker runs
    timeline, info, conn_id = blocker.args
    assert conn_id == 0 and len(timeline) == 24_000
    assert info.opened == "handshake" and not loader.busy
    assert timeline.states("server")[:3] == ["LISTEN", "SYN_RECEIVED", "ESTABLISHED"]


def test_cancel_stops_the_replay_and_nothing_opens(qtbot, long_index):
    loader = ReplayLoader()
    opened = []
    loader.loaded.connect(lambda *args: opened.append(args))
    with qtbot.waitSignal(loader.cancelled, timeout=60_000):
        loader.start(long_index, 0)
        loader.cancel()
    assert opened == [] and not loader.busy


def test_a_short_connection_opens_at_once(qtbot, tmp_path):
    index = build_index(str(write_pcap(tmp_path / "short.pcap", 200)))
    loader = ReplayLoader()
    opened = []
    loader.loaded.connect(lambda *args: opened.append(args))
    loader.start(index, 0)
    assert len(opened) == 1 and len(opened[0][0]) == 400 and not loader.busy


def test_the_window_shows_a_long_connection_once_replayed(qtbot, long_index):
    from simulator.ui.app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.capture_index = long_index
    with qtbot.waitSignal(window.replay_loader.loaded, timeout=60_000):
        window.open_connection(0)
    assert len(window.timeline) == 24_000
    assert window.timeline.name == "connection-0"
    window.player.seek(20_000)
    assert window.explanation.plain_text().startswith("Step 20001 of 24000")
    assert len(window.ladder.scene().items()) < 400
