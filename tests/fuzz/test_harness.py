"""The fuzz harness itself: deterministic variants, root causes, the time and memory guards."""

from __future__ import annotations

import json
import random
import re
import signal
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.fuzz import campaign, cli, http_variants, mutators
from simulator.fuzz.formats import layout_of
from simulator.fuzz.pipeline import Job
from simulator.fuzz.supervisor import Outcome, Supervisor, common_frames, dump_stacks
from simulator.fuzz.triage import root_cause
from simulator.fuzz.variants import Corpus, Settings, Variant, make_variant
from tests.paths import CAPTURES, ROOT

GET = CAPTURES / "http-get-basic--zeek--get.pcap"  # 14 packets
PCAPNG = CAPTURES / "http-get-cookie-gzip--chrissanders--http_google.pcapng"  # 12 packets
TARGETS = "tests.fuzz.targets"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.load([CAPTURES])


def test_layout_maps_every_record() -> None:
    assert len(layout_of(GET.read_bytes()).packets) == 14
    lay = layout_of(PCAPNG.read_bytes())
    assert len(lay.packets) == 12 and lay.records[0].kind == "shb"
    assert any(f.name.endswith(".linktype") for f in lay.fields)


@pytest.mark.parametrize("mutator", [m for m, _ in mutators.MUTATORS],
                         ids=lambda m: m.__name__)
def test_a_mutator_is_deterministic_for_a_seed(mutator: mutators.Mutator,
                                               corpus: Corpus) -> None:
    ctx = mutators.Context(corpus.files[:3])
    results = []
    for seed in (5, 5, 6):
        data = bytearray(PCAPNG.read_bytes() if seed % 2 else GET.read_bytes())
        change = mutator(random.Random(seed), data, ctx)
        results.append((bytes(data), change))
    assert results[0] == results[1]
    assert results[0][1] is not None


def test_a_variant_is_the_same_from_its_seed_and_number(corpus: Corpus) -> None:
    small = Settings(max_bytes=64 << 10)
    first = [make_variant(11, n, corpus, small) for n in range(40)]
    again = [make_variant(11, n, corpus, small) for n in range(40)]
    assert [(v.data, v.steps, v.secret_key) for v in first] == \
        [(v.data, v.steps, v.secret_key) for v in again]
    other = [make_variant(12, n, corpus, small) for n in range(40)]
    assert [v.data for v in first] != [v.data for v in other]
    assert {v.family for v in first} >= {"capture", "http"}


def test_an_http_variant_is_deterministic() -> None:
    a = http_variants.http_variant(random.Random(3))
    b = http_variants.http_variant(random.Random(3))
    assert a == b and a[0][:4] == b"\xd4\xc3\xb2\xa1"


def test_root_cause_is_the_innermost_frame_inside_simulator() -> None:
    frames = [("/x/simulator/fuzz/worker.py", 70, "run_one"),
              ("/x/simulator/net/http/jars.py", 120, "client_jars"),
              ("/x/simulator/models/http/cookie_jar.py", 301, "_store_one"),
              ("/usr/lib/python3.11/urllib/parse.py", 500, "urlsplit")]
    outcome = Outcome("error", 0.1, error_type="ValueError", frames=frames)
    assert root_cause(outcome) == \
        "ValueError at simulator/models/http/cookie_jar.py:301 in _store_one"
    assert root_cause(Outcome("capture-error", 0.1)) is None
    stuck = [("<frozen runpy>", 88, "_run_code"), ("/x/simulator/fuzz/worker.py", 70, "run_one"),
             ("/x/simulator/fuzz/pipeline.py", 59, "run_pipeline")]
    assert root_cause(Outcome("hang", 10.0, frames=stuck)) == \
        "hang in simulator/fuzz/pipeline.py:run_pipeline"
    assert root_cause(Outcome("clean", 7.0), slow_limit=5.0) == "slow"
    assert root_cause(Outcome("clean", 7.0), slow_limit=None) is None
    stages = {"build_index": 0.2, "analyze_document": 6.5, "capture_http": 0.3}
    assert root_cause(Outcome("clean", 7.0, info={"stages": stages}), slow_limit=5.0) == \
        "slow in analyze_document"


def test_a_stuck_job_is_named_by_the_frames_all_its_samples_share() -> None:
    dump = ('Thread 0x01 (most recent call first):\n'
            '  File "/x/simulator/net/capture/pcap_records.py", line 180 in run\n'
            '\nCurrent thread 0x02 (most recent call first):\n'
            '  File "/x/simulator/models/http/chunked.py", line 62 in feed\n'
            '  File "/x/simulator/net/http/streams.py", line 9 in parse\n'
            '  File "/x/simulator/fuzz/worker.py", line 70 in run_one\n'
            'Current thread 0x02 (most recent call first):\n'
            '  File "/x/simulator/models/http/head.py", line 3 in split\n'
            '  File "/x/simulator/models/http/chunked.py", line 64 in feed\n'
            '  File "/x/simulator/net/http/streams.py", line 9 in parse\n'
            '  File "/x/simulator/fuzz/worker.py", line 70 in run_one\n')
    idle = ('Current thread 0x02 (most recent call first):\n'
            '  File "/x/simulator/fuzz/worker.py", line 105 in serve\n')
    stacks = dump_stacks(dump + idle)  # the last sample came after the job had ended
    assert len(stacks) == 2 and stacks[0][0] == ("/x/simulator/fuzz/worker.py", 70, "run_one")
    assert common_frames(stacks) == [("/x/simulator/fuzz/worker.py", 70, "run_one"),
                                     ("/x/simulator/net/http/streams.py", 9, "parse"),
                                     ("/x/simulator/models/http/chunked.py", 64, "feed")]


def test_an_exception_in_the_product_is_filed_under_its_frame(tmp_path: Path) -> None:
    with Supervisor(target=f"{TARGETS}:product_index_error", time_limit=30) as s:
        outcome = s.run(Job(str(GET)))
    assert outcome.kind == "error" and outcome.error_type == "IndexError"
    cause = root_cause(outcome)
    assert cause is not None
    assert cause.startswith("IndexError at simulator/net/capture/packet_detail.py:")
    assert cause.endswith(" in read_packet_bytes")


def test_capture_error_is_clean_and_other_exceptions_fail(tmp_path: Path) -> None:
    with Supervisor(target=f"{TARGETS}:unusable", time_limit=30) as s:
        assert s.run(Job(str(GET))).kind == "capture-error"
    with Supervisor(target=f"{TARGETS}:boom", time_limit=30) as s:
        outcome = s.run(Job(str(GET)))
    assert outcome.failed
    cause = root_cause(outcome)
    assert cause is not None
    assert re.fullmatch(r"KeyError at \S*targets\.py:\d+ in boom", cause)


def test_a_hang_is_killed_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    hang, fine = tmp_path / "hang.pcap", tmp_path / "fine.pcap"
    with Supervisor(target=f"{TARGETS}:spin_when_asked", time_limit=1.0) as s:
        stuck = s.run(Job(str(hang)))
        after = s.run(Job(str(fine)))
    assert stuck.kind == "hang" and stuck.seconds >= 1.0
    cause = root_cause(stuck)
    assert cause is not None and re.fullmatch(r"hang in \S*targets\.py:spin_when_asked", cause)
    assert after.kind == "clean"


def test_a_memory_bomb_is_stopped(tmp_path: Path) -> None:
    with Supervisor(target=f"{TARGETS}:grow", time_limit=30, memory_limit_mb=100) as s:
        outcome = s.run(Job(str(GET)))
    assert outcome.kind == "memory"
    cause = root_cause(outcome)
    assert cause is not None and cause.startswith(("memory", "MemoryError"))


def test_the_command_saves_reproducers_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[
        str]) -> None:
    out = tmp_path / "out"
    status = cli.main(["--file", str(GET), "--out", str(out), "--quiet",
                       "--target", f"{TARGETS}:boom"])
    assert status == 1
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    assert (folder / "reproducer.pcap").read_bytes() == GET.read_bytes()
    saved = json.loads((folder / "reproducer.json").read_text())
    assert re.match(r"KeyError at \S*targets\.py:\d+ in boom", saved["root_cause"])
    assert json.loads((out / "summary.json").read_text())["failures"] == 1
    (line,) = (out / "failures.jsonl").read_text().splitlines()
    assert json.loads(line)["variant"] == 0
    assert "failures: 1 (1 root causes)" in capsys.readouterr().out


def test_the_command_runs_variants(tmp_path: Path) -> None:
    status = cli.main(["--seed", "3", "--variants", "12", "--out", str(tmp_path), "--quiet",
                       "--corpus", str(CAPTURES / "generated")])
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert status == 0 and summary["variants"] == 12
    assert summary["clean"] + summary["capture_errors"] == 12


def test_a_variant_the_harness_cannot_make_is_a_failure_and_the_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = campaign.make_variant

    def flaky(seed: int, number: int, corpus: Corpus, settings: Settings | None = None
              ) -> Variant:
        if number == 1:
            raise struct.error("'H' format requires 0 <= number <= 65535")
        return real(seed, number, corpus, settings)

    monkeypatch.setattr(campaign, "make_variant", flaky)
    summary = campaign.run_campaign(campaign.Config(
        seed=1, variants=3, out=tmp_path, corpus=[CAPTURES / "generated"],
        settings=Settings(max_bytes=64 << 10)))
    assert summary.variants == 3 and summary.failures == 1
    (cause,) = summary.findings.buckets
    assert re.fullmatch(r"harness bug: struct\.error at \S*test_harness\.py:\d+ in flaky", cause)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize(("stop", "background"), [
    (signal.SIGINT, False),   # Ctrl+C
    (signal.SIGINT, True),    # kill -INT on a job a shell started with '&' (SIGINT ignored)
    (signal.SIGTERM, False),  # kill
])
def test_a_run_stopped_by_hand_ends_with_its_summary(
        tmp_path: Path, stop: signal.Signals, background: bool) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator.fuzz", "--seed", "1", "--variants", "100000",
         "--out", str(tmp_path), "--target", f"{TARGETS}:dawdle",
         "--corpus", str(CAPTURES / "generated")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=_ignore_sigint if background else None)
    assert proc.stderr is not None
    assert proc.stderr.readline().startswith("fuzzing variants 0–99999 of seed 1")
    proc.send_signal(stop)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["interrupted"] is True
    assert summary["failures"] == 0 and summary["variants"] < 100000
    assert "interrupted" in out
