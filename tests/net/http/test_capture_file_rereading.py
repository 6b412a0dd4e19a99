"""Reading payload bytes back from the capture file for reassembly: the file must still be the
one that was indexed, and the reader lets go of it when done.

Each capture is built by hand (Ethernet 14 + IPv4 20 + TCP 20 header bytes per packet); the
client's data starts at sequence number 1001 after its SYN (ISN 1000).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import CaptureIndex, build_index
from simulator.net.http.streams import StreamRun, packet_bytes, reassemble
from tests.net.http.http_pcap import ACK, PSH, Flow

CHANGED = "The capture file changed on disk since it was opened."
SEQ_IN_FRAME = 14 + 20 + 4  # the TCP sequence number field (RFC 9293 §3.1)


def _indexed(tmp_path: Path, last_is_data: bool = False) -> tuple[Path, CaptureIndex]:
    """Handshake (packets 1-3), "0123456789" (4), "abcde" (5), then FIN exchange unless the
    capture is to end with a data packet."""
    flow = Flow()
    flow.handshake()
    flow.packet(0, PSH | ACK, b"0123456789")
    flow.packet(0, PSH | ACK, b"abcde")
    if not last_is_data:
        flow.close()
    path = flow.write(tmp_path / "c.pcap")
    return path, build_index(str(path))


def test_a_capture_ending_in_a_data_packet_is_read_to_its_last_byte(tmp_path: Path) -> None:
    _, index = _indexed(tmp_path, last_is_data=True)
    client, _ = reassemble(index, 0)
    assert client.runs == (StreamRun(0, b"0123456789abcde"),)


def test_a_capture_cut_short_after_it_was_indexed_is_reported_as_changed(tmp_path: Path) -> None:
    path, index = _indexed(tmp_path, last_is_data=True)
    path.write_bytes(path.read_bytes()[:-1])  # the last packet loses its last byte
    with pytest.raises(CaptureError, match=CHANGED):
        reassemble(index, 0)


def test_a_capture_emptied_after_it_was_indexed_is_reported_as_changed(tmp_path: Path) -> None:
    path, index = _indexed(tmp_path)
    path.write_bytes(b"")
    with pytest.raises(CaptureError, match=CHANGED):
        reassemble(index, 0)


def test_a_capture_removed_after_it_was_indexed_cannot_be_reread(tmp_path: Path) -> None:
    path, index = _indexed(tmp_path)
    path.unlink()
    with pytest.raises(CaptureError, match="Cannot re-read the capture file"):
        reassemble(index, 0)


def test_a_packet_rewritten_in_place_gives_a_note_and_a_gap_not_other_bytes(
    tmp_path: Path,
) -> None:
    """Packet 4's sequence number on disk no longer says 1001, so its TCP header is not where
    the index found it: its 10 bytes are not read (offsets 0..9 missing), not guessed."""
    path, index = _indexed(tmp_path)
    data = bytearray(path.read_bytes())
    data[int(index.packets["offset"][3]) + SEQ_IN_FRAME] ^= 0xFF
    path.write_bytes(bytes(data))
    client, _ = reassemble(index, 0)
    assert client.notes == ("packet 4: TCP header not found; its payload is missing",)
    assert client.runs == (StreamRun(10, b"abcde"),)
    assert [(g.offset, g.length) for g in client.gaps] == [(0, 10)]


def test_the_reader_lets_go_of_the_file_when_done(tmp_path: Path) -> None:
    _, index = _indexed(tmp_path)
    with packet_bytes(index) as reader:
        assert reader.payload(3, 40000, 8080, 1001, 10) == b"0123456789"
    assert reader.payload(3, 40000, 8080, 1001, 10) is None  # closed: the map is released
    reader.close()  # closing twice is harmless
