"""``analyze --json``: the issue's document, with each side's states replayed through the
RFC 9293 model, for every public capture that has TCP."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.analyze_cli import analyze_document

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = ROOT / "tests" / "data" / "captures"
RFC_STATES = {"CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1",
              "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT"}
KEYS = {"id", "client", "server", "packets", "bytes", "opened", "closed", "client_states",
        "server_states", "counts"}
COUNTS = {"syn", "syn_ack", "fin", "rst", "retransmission", "fast_retransmission",
          "duplicate_ack", "out_of_order", "zero_window"}
PUBLIC = sorted(p.name for p in CAPTURES.glob("*.pcap*"))


@pytest.mark.parametrize("name", PUBLIC)
def test_document_has_the_documented_keys_and_rfc_state_names(name):
    try:
        doc = analyze_document(str(CAPTURES / name))
    except Exception as error:  # only unusable files may fail, and then with CaptureError
        assert type(error).__name__ == "CaptureError"
        return
    assert {"file", "packets", "warnings", "connections"} <= set(doc)
    for conn in doc["connections"]:
        assert set(conn) >= KEYS
        assert set(conn["counts"]) >= COUNTS
        for states in (conn["client_states"], conn["server_states"]):
            assert states and set(states) <= RFC_STATES
            assert all(a != b for a, b in itertools.pairwise(states))


def test_simultaneous_close_capture_shows_both_sides_closing():
    doc = analyze_document(str(CAPTURES / "http-gzip-simultaneous-close--zeek--get-gzip.pcap"))
    (conn,) = doc["connections"]
    assert "CLOSING" in conn["client_states"] and "CLOSING" in conn["server_states"]
    assert conn["client_states"][:3] == ["CLOSED", "SYN_SENT", "ESTABLISHED"]


def test_refused_connection_capture():
    doc = analyze_document(str(CAPTURES / "tcp-syn-rst-refused--chrissanders--"
                                          "tcp_refuseconnection.pcapng"))
    (conn,) = doc["connections"]
    assert conn["client_states"] == ["CLOSED", "SYN_SENT", "CLOSED"]
    assert conn["server_states"] == ["CLOSED"]
    assert conn["closed"] == "rst"


def test_cli_prints_json_and_fails_cleanly_on_a_text_file(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    ok = subprocess.run([sys.executable, str(ROOT / "main.py"), "analyze",
                         str(CAPTURES / "http-get-basic--zeek--get.pcap"), "--json"],
                        capture_output=True, text=True, env=env, timeout=120)
    assert ok.returncode == 0, ok.stderr
    doc = json.loads(ok.stdout)
    assert doc["connections"][0]["server_states"][-1] == "CLOSED"
    text = tmp_path / "notes.txt"
    text.write_text("hello\n")
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "analyze", str(text)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode != 0
    assert len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("as_json", [True, False])
def test_output_that_cannot_be_written_is_an_error_never_exit_0(as_json):
    """A full disk (Linux's /dev/full fails every write): one line on stderr, status 1."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    args = [sys.executable, str(ROOT / "main.py"), "analyze",
            str(CAPTURES / "http-get-basic--zeek--get.pcap"), *(["--json"] if as_json else [])]
    with open("/dev/full", "w") as full:
        result = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, text=True, env=env,
                                timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "protocol-sim analyze: cannot write the output: No space left on device"]


def test_a_reader_that_has_gone_is_a_write_error_too():
    """`analyze --json | head -c 0`: the pipe's reader is gone before the first write."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "analyze",
             str(CAPTURES / "http-get-basic--zeek--get.pcap"), "--json"],
            stdout=write_end, stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "protocol-sim analyze: cannot write the output: Broken pipe"]


def test_past_the_replay_limit_states_are_null_and_the_document_says_so(monkeypatch):
    """limits.REPLAYED_CONNECTIONS (a SYN scan holds tens of thousands): the first ones are
    replayed, the rest keep their counts and HTTP but no states, and a warning says why."""
    import simulator.analyze_cli as cli

    name = "pcapng-comments-multi-if--pcapplusplus--pcapng-example.pcapng"
    full = analyze_document(str(CAPTURES / name))
    assert len(full["connections"]) > 2
    monkeypatch.setattr(cli, "REPLAYED_CONNECTIONS", 2)
    cut = analyze_document(str(CAPTURES / name))
    assert cut["warnings"][-1] == (f"{len(full['connections'])} connections: the states of the "
                                   "first 2 are replayed; the rest have none (client_states and "
                                   "server_states are null)")
    assert cut["connections"][:2] == full["connections"][:2]
    for row, whole in zip(cut["connections"][2:], full["connections"][2:], strict=True):
        assert row["client_states"] is row["server_states"] is row["capture_point"] is None
        assert {k: v for k, v in row.items() if not k.endswith(("states", "point"))} == {
            k: v for k, v in whole.items() if not k.endswith(("states", "point"))}


def test_analyze_leaves_the_garbage_collector_as_it_found_it():
    """The replays run with the cyclic collector paused (``_replayed_states``): it is on
    again afterwards, and stays off for a caller who had turned it off."""
    import gc

    path = CAPTURES / "http-ooo-retrans-range--zeek--206_example_a.pcap"
    assert gc.isenabled()
    doc = analyze_document(str(path))
    assert doc["connections"][0]["client_states"][:2] == ["CLOSED", "SYN_SENT"]
    assert gc.isenabled()
    gc.disable()
    try:
        analyze_document(str(path))
        assert not gc.isenabled()
    finally:
        gc.enable()
