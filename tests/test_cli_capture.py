"""A capture's connection exports as a scenario does: ``--open CAPTURE [--connection N]``
with ``--export-json``, ``--export-png/svg`` and ``--export-mermaid/plantuml``.

The facts come from outside: tshark (skipped where it is not installed) says which packets
make up the connection, their times from the capture's first packet, and their sequence
numbers, flags and lengths; the exported replay must show every one of them, in order.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.paths import CAPTURES, ROOT

TSHARK = shutil.which("tshark")
needs_tshark = pytest.mark.skipif(TSHARK is None, reason="tshark is not installed")

GET = CAPTURES / "http-get-basic--zeek--get.pcap"  # one connection, captured at the client
RANGES = CAPTURES / "http-ooo-retrans-range--zeek--206_example_a.pcap"  # two; retransmissions
FLAG_NAMES = ((0x01, "FIN"), (0x02, "SYN"), (0x04, "RST"), (0x08, "PSH"), (0x10, "ACK"),
              (0x20, "URG"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, env=env, timeout=300, cwd=ROOT)


@dataclass(frozen=True)
class Packet:
    """One frame of a TCP stream, as tshark dissects it."""

    number: int
    time: float  # frame.time_relative: seconds from the capture's first packet
    seq: int
    ack: int
    flags: set[str]
    length: int
    src: str


def tshark_stream(path: Path, stream: int) -> list[Packet]:
    assert TSHARK is not None
    out = subprocess.run(
        [TSHARK, "-n", "-r", str(path), "-Y", f"tcp.stream=={stream}", "-T", "fields",
         "-e", "frame.number", "-e", "frame.time_relative", "-e", "tcp.seq_raw",
         "-e", "tcp.ack_raw", "-e", "tcp.flags", "-e", "tcp.len", "-e", "ip.src",
         "-e", "tcp.srcport"], capture_output=True, text=True, check=True).stdout
    packets = []
    for line in out.splitlines():
        number, time, seq, ack, flags, length, ip, port = line.split("\t")
        bits = int(flags, 16)
        packets.append(Packet(int(number), float(time), int(seq), int(ack),
                              {name for bit, name in FLAG_NAMES if bits & bit}, int(length),
                              f"{ip}:{port}"))
    return packets


def export_json(path: Path, *extra: str) -> dict[str, Any]:
    result = run("--open", str(path), *extra, "--export-json", "-")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    doc: dict[str, Any] = json.loads(result.stdout)  # '-': the JSON is all of stdout
    return doc


def first_seen(doc: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Per packet, the first step that shows its segment where the capture saw it."""
    seen: dict[int, dict[str, Any]] = {}
    for step in doc["steps"]:
        seg = step["segment"]
        if seg is not None and seg["packet"] not in seen and \
                abs(step["time"] - seg["captured_at"]) < 1e-6:
            seen[seg["packet"]] = step
    return seen


# ------------------------------------------------------------------ the JSON against tshark
@needs_tshark
@pytest.mark.parametrize("path, connection", [(GET, None), (RANGES, "0"), (RANGES, "1")],
                         ids=["get-default-connection", "206-example-connection-0",
                              "206-example-connection-1"])
def test_every_captured_packet_appears_in_order_with_tsharks_numbers(path, connection):
    doc = export_json(path, *(("--connection", connection) if connection else ()))
    stream = int(connection or 0)
    truth = tshark_stream(path, stream)
    segments = doc["segments"]
    assert [s["packet"] for s in segments] == [p.number for p in truth]
    for seg, packet in zip(segments, truth, strict=True):
        assert (seg["seq"], seg["ack"], seg["len"]) == (packet.seq, packet.ack, packet.length)
        assert set(seg["flags"].split(", ")) == packet.flags
        assert seg["captured_at"] == pytest.approx(packet.time, abs=1e-6)
        assert doc["addresses"][seg["src"]] == packet.src
    shown = {step["segment"]["packet"] for step in doc["steps"] if step["segment"]}
    assert shown == {p.number for p in truth}  # every packet has a step on the ladder
    assert doc["capture"]["connection"]["number"] == stream
    assert doc["capture"]["connection"]["start"] == pytest.approx(truth[0].time, abs=1e-6)


@needs_tshark
@pytest.mark.parametrize("path, connection", [(GET, None), (RANGES, "0")],
                         ids=["get-at-the-client", "206-example-0-at-the-server"])
def test_each_packet_is_on_the_ladder_when_and_in_the_order_the_capture_saw_it(
        path, connection):
    """Where the capture was taken, a segment left (or reached) that end at the captured
    time: the step that shows it there has that time, and those steps come in capture
    order."""
    doc = export_json(path, *(("--connection", connection) if connection else ()))
    truth = tshark_stream(path, int(connection or 0))
    seen = first_seen(doc)
    assert sorted(seen) == [p.number for p in truth]
    order = [seen[p.number]["index"] for p in truth]
    assert order == sorted(order)


@needs_tshark
def test_times_count_from_the_capture_s_first_packet_not_the_connection_s():
    """Connection 1 of 206_example starts 0.976 s into the capture: its SYN's step says so."""
    doc = export_json(RANGES, "--connection", "1")
    syn = tshark_stream(RANGES, 1)[0]
    assert syn.time == pytest.approx(0.975947, abs=1e-6)
    step = first_seen(doc)[syn.number]
    assert step["time"] == pytest.approx(syn.time, abs=1e-6)
    times = [s["time"] for s in doc["steps"]]
    assert times == sorted(times)


def test_the_json_has_the_scenario_schema_and_says_where_the_capture_was_taken():
    doc = export_json(GET)
    assert {"name", "title", "description", "addresses", "isn", "client_states",
            "server_states", "steps", "segments"} <= set(doc)
    assert [s["index"] for s in doc["steps"]] == list(range(len(doc["steps"])))
    for step in doc["steps"]:
        assert {"index", "time", "segment", "client_state", "server_state", "transitions",
                "annotations", "explanation"} <= set(step)
        assert step["client_state"] and step["server_state"]
    assert doc["client_states"][:3] == ["CLOSED", "SYN_SENT", "ESTABLISHED"]
    assert doc["server_states"][:3] == ["LISTEN", "SYN_RECEIVED", "ESTABLISHED"]
    conn = doc["capture"]["connection"]
    assert (conn["client"], conn["server"]) == ("141.142.228.5:59856", "192.150.187.43:80")
    assert (conn["client_port"], conn["server_port"]) == (59856, 80)
    assert conn["number"] == 0 and conn["connections_in_capture"] == 1
    point = doc["capture"]["capture_point"]
    # SYN → SYN,ACK took 69.7 ms and SYN,ACK → ACK 0.3 ms: the round trip lies before the
    # SYN,ACK, so the capture was taken at the client (Wget's host)
    assert point["end"] == "client" and "SYN,ACK" in point["reason"]
    assert doc["capture"]["file"] == GET.name


@needs_tshark
def test_annotations_are_tsharks_analysis_of_the_step_s_segment():
    doc = export_json(RANGES, "--connection", "1")
    assert TSHARK is not None
    out = subprocess.run([TSHARK, "-n", "-r", str(RANGES), "-Y",
                          "tcp.stream==1 && tcp.analysis.retransmission", "-T", "fields",
                          "-e", "frame.number"], capture_output=True, text=True,
                         check=True).stdout
    retransmitted = {int(n) for n in out.split()}
    assert retransmitted  # the SYN and SYN,ACK sent again, and more
    marked = {s["segment"]["packet"] for s in doc["steps"]
              if "retransmission" in s["annotations"]}
    assert marked == retransmitted


def test_the_default_connection_is_the_one_the_window_opens():
    """capture_source opens connections[0] when a capture has several."""
    assert export_json(RANGES)["capture"]["connection"]["number"] == 0


# ------------------------------------------------------------------ images and ladder texts
def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_png_and_svg_are_images_of_the_connection_s_step(tmp_path):
    png, svg = tmp_path / "step.png", tmp_path / "step.svg"
    result = run("--open", str(GET), "--step", "9", "--size", "1200x800", "--export-png",
                 str(png), "--export-svg", str(svg), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert png_size(png) == (1200, 800)
    assert png.stat().st_size > 20_000  # a drawn ladder, not an empty page
    text = svg.read_text()
    assert "<svg" in text and "step 10 of 28" in text  # 0-based --step, 1-based title
    assert "141.142.228.5:59856 → 192.150.187.43:80 (connection 0)" in text


@needs_tshark
@pytest.mark.parametrize("option, arrow", [("--export-mermaid", ("->>", "-x")),
                                           ("--export-plantuml", (" -> ", " ->x "))])
def test_ladder_texts_have_one_arrow_per_captured_segment(option, arrow):
    result = run("--open", str(RANGES), "--connection", "1", option, "-")
    assert result.returncode == 0, result.stderr
    arrows = [line for line in result.stdout.splitlines()
              if any(a in line for a in arrow) and ("client" in line and "server" in line)]
    assert len(arrows) == len(tshark_stream(RANGES, 1))
    assert "[SYN] seq=0 len=0" in arrows[0]


# ------------------------------------------------------------------ what-if: --drop
@needs_tshark
def test_drop_on_a_capture_exports_the_what_if_marked_simulated_from_its_step():
    """--drop N loses the replay's segment N (its "id" in the JSON): the request, packet 4."""
    doc = export_json(GET, "--drop", "3")
    truth = tshark_stream(GET, 0)
    what_if = doc["what_if"]
    fork = what_if["simulated_from_step"]
    assert what_if["lost_packet"] == 4 and what_if["lost_captured_segment"] == 3
    assert f"Simulated from step {fork + 1}" in doc["title"]
    steps = doc["steps"]
    assert [s["simulated"] for s in steps] == [s["index"] >= fork for s in steps]
    # before the fork: the capture's packets, with tshark's numbers and times
    by_number = {p.number: p for p in truth}
    for step in steps[:fork]:
        seg = step["segment"]
        packet = by_number[seg["packet"]]
        assert (seg["seq"], seg["ack"], seg["len"]) == (packet.seq, packet.ack, packet.length)
        assert seg["captured_at"] == pytest.approx(packet.time, abs=1e-6)
    lost = steps[fork]
    assert lost["kind"] == "lose"
    assert lost["segment"]["packet"] == 4 and lost["segment"]["fate"] == "lost"
    # the model sends the request again (a segment no capture holds) and both sides close
    again = [s for s in steps[fork:] if s["segment"] and s["segment"]["packet"] is None
             and s["segment"]["len"] == 136 and s["segment"]["retransmission"]]
    assert again and again[0]["kind"] == "timeout"
    assert again[0]["time"] == pytest.approx(by_number[4].time + 1.0, abs=1e-6)
    assert steps[-1]["client_state"] == "CLOSED" and steps[-1]["server_state"] == "CLOSED"


def test_the_what_if_s_ladder_text_draws_the_loss():
    result = run("--open", str(GET), "--drop", "3", "--export-mermaid", "-")
    assert result.returncode == 0, result.stderr
    lost = [line for line in result.stdout.splitlines() if "-x" in line]
    assert len(lost) == 1 and "len=136" in lost[0] and "LOST" in lost[0]


def test_a_screenshot_of_a_capture_s_what_if_is_the_window_at_the_loss(tmp_path):
    out = tmp_path / "what-if.png"
    result = run("--open", str(GET), "--drop", "3", "--screenshot", str(out), "--size",
                 "1280x720", "--lang", "zh_CN")
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1280, 720)


@pytest.mark.parametrize("extra, message", [
    (("--drop", "14", "--export-json", "-"), "has segments 0 to 13"),
    (("--drop", "14", "--screenshot", "x.png"), "has segments 0 to 13"),
    (("--drop", "3", "--drop", "5", "--export-json", "-"), "takes one segment"),
    (("--drop", "3"), "press D at a step"),  # the window: D, not the command line
], ids=["no-such-segment", "no-such-segment-screenshot", "two-drops", "no-export"])
def test_drop_mistakes_on_a_capture_are_one_line(extra, message):
    result = run("--open", str(GET), *extra)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert result.stdout == ""



def test_drop_where_the_capture_missed_the_syn_ack_seeds_it_as_sent():
    """lost-synack at the client: the server's first SYN,ACK never reached the capture, so
    the replay knows the server's SYN-RECEIVED but not its SND.UNA; the what-if seeds it from
    the ISS and the server retransmits its SYN,ACK (it used to be an AssertionError)."""
    result = run("--open", str(ROOT / "tests/data/kernel/lost-synack/client.pcap"),
                 "--drop", "1", "--export-json", "-")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    fork = doc["what_if"]["simulated_from_step"]
    later = doc["steps"][fork:]
    assert any(s["kind"] == "timeout" and (s.get("segment") or {}).get("flags") == "SYN, ACK"
               for s in later)
    assert "Traceback" not in result.stderr


def test_drop_on_a_garbled_capture_is_one_line_not_a_traceback():
    """A flipped byte makes a segment arrive before it was sent (it used to be a KeyError)."""
    garbled = ROOT / "tests/data/what-if/timestamps-backwards.pcap"
    for n in (0, 3, 5, 12):
        result = run("--open", str(garbled), "--drop", str(n), "--export-json", "/dev/null")
        assert "Traceback" not in result.stderr
        if result.returncode:
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("protocol-sim: error: --drop"), \
                result.stderr


# ------------------------------------------------------------------ mistakes: one line each
def hostile_pcap(path: Path) -> Path:
    """A valid pcap header, then a record claiming 4 GB and garbage."""
    header = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    record = struct.pack("<IIII", 0, 0, 0xFFFFFFF0, 0xFFFFFFF0)
    path.write_bytes(header + record + os.urandom(200))
    return path


@pytest.mark.parametrize("make, extra, message", [
    (lambda d: d, (), "Is a directory"),
    (lambda d: d / "missing.pcap", (), "No such file"),
    (lambda d: Path(ROOT / "README.md"), (), "not a pcap or pcapng"),
    (lambda d: hostile_pcap(d / "hostile.pcap"), (), "no TCP connection"),
    (lambda d: _cut(d, 20), (), "cut short inside the 24-byte pcap file header"),
    (lambda d: CAPTURES / "udp-dns-icmp-only--dpkt--dns_icmp.pcap", (), "no TCP connection"),
    (lambda d: GET, ("--connection", "3"), "has connections 0 to 0"),
    (lambda d: RANGES, ("--connection", "2"), "has connections 0 to 1"),
    (lambda d: GET, ("--step", "28"), "connection 0 of http-get-basic--zeek--get.pcap has "
                                      "steps 0 to 27"),
], ids=["directory", "missing", "not-a-capture", "hostile", "cut-in-header", "no-tcp",
        "connection-out-of-range", "connection-2-of-2", "step-out-of-range"])
def test_mistakes_are_one_line_on_stderr_and_nothing_on_stdout(tmp_path, make, extra, message):
    result = run("--open", str(make(tmp_path)), *extra, "--export-json", "-")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # never a silent export of something else


def _cut(folder: Path, size: int) -> Path:
    path = folder / f"cut{size}.pcap"
    path.write_bytes(GET.read_bytes()[:size])
    return path


def test_a_file_cut_short_exports_what_it_holds_and_says_so_as_tshark_does(tmp_path):
    """tshark prints the packets before the cut and exits 2; we export the connection they
    make up, say the reader's one line and exit non-zero."""
    result = run("--open", str(_cut(tmp_path, 1500)), "--export-json", "-")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cut short inside packet 6's data" in lines[0]
    doc = json.loads(result.stdout)
    assert [s["packet"] for s in doc["segments"]] == [1, 2, 3, 4, 5]
    assert doc["capture"]["warnings"] == [lines[0].removeprefix("protocol-sim: error: ")]


def test_the_json_export_of_a_capture_never_imports_qt(tmp_path):
    """A big capture is exported on a server without a display or Qt's libraries."""
    script = (
        "import sys\n"
        "class NoQt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt is not to be imported: ' + name)\n"
        "sys.meta_path.insert(0, NoQt())\n"
        "from simulator.cli import main\n"
        f"sys.exit(main(['--open', {str(RANGES)!r}, '--connection', '1', "
        f"'--export-json', {str(tmp_path / 'c1.json')!r}, '--export-mermaid', "
        f"{str(tmp_path / 'c1.mmd')!r}]))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "c1.json").read_text())["capture"]["connection"][
        "number"] == 1
