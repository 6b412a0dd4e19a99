"""The supervisor: one worker process, a time limit and a memory limit per job.

A job is sent to the worker (``worker.py``) as a JSON line; while waiting for its answer the
supervisor watches the clock and the worker's resident size (``/proc/PID/status``). Past the
time limit, or past the memory limit above what the worker held before the job, the worker
is asked for its stack (SIGUSR1, ``faulthandler``) and killed, and the job is recorded as a
``hang`` or ``memory`` outcome with that stack; a worker that dies by itself is a ``crash``.
The next job gets a fresh worker. Workers are also replaced every ``recycle`` jobs and when
their resident size creeps up, so one job's leftovers never count against another.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from simulator.fuzz.pipeline import Job
from simulator.fuzz.worker import DEFAULT_TARGET, proc_status

_POLL = 0.02
#: A job stopped for time or memory is sampled this many times, this far apart: the frames
#: all samples share name where it was stuck (one sample would name wherever it happened to be).
_SAMPLES = 5
_SAMPLE_GAP = 0.1
_DUMP_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<func>\S+)')


@dataclass
class Outcome:
    """How one job ended: ``clean``, ``capture-error``, or a failure (``error``, ``hang``,
    ``memory``, ``crash``) with the exception and its frames (outermost first)."""

    kind: str
    seconds: float
    peak_mb: float = 0.0
    growth_mb: float = 0.0
    error_type: str = ""
    message: str = ""
    frames: list[tuple[str, int, str]] = field(default_factory=list)
    traceback: str = ""
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.kind not in ("clean", "capture-error")


def dump_stacks(text: str) -> list[list[tuple[str, int, str]]]:
    """The job's stack (frames outermost first) in each of faulthandler's dumps in ``text``:
    of the threads dumped, the one running the worker's job loop (one per dump)."""
    stacks: list[list[tuple[str, int, str]]] = []
    for line in text.splitlines():
        if line.startswith(("Thread 0x", "Current thread 0x", "Stack (most recent")):
            stacks.append([])
            continue
        m = _DUMP_FRAME.match(line)
        if m and stacks:
            stacks[-1].append((m["file"], int(m["line"]), m["func"]))
    loop = os.path.join("fuzz", "worker.py")
    # Only samples taken inside a job: one taken after the job ended (it finished while
    # being sampled) would cut the shared frames down to the worker's loop.
    return [list(reversed(s)) for s in stacks
            if any(f.endswith(loop) and fn == "run_one" for f, _, fn in s)]


def common_frames(stacks: list[list[tuple[str, int, str]]]) -> list[tuple[str, int, str]]:
    """The frames every stack shares from the outermost down (compared by file and function,
    the lines of the last stack): where a job that would not end spent all its time."""
    if not stacks:
        return []
    last = stacks[-1]
    depth = 0
    while depth < len(last) and all(
            len(s) > depth and s[depth][0] == last[depth][0] and s[depth][2] == last[depth][2]
            for s in stacks):
        depth += 1
    return last[:depth]


class Supervisor:
    """Runs jobs in one worker process with a time and a memory limit each."""

    def __init__(self, *, target: str = DEFAULT_TARGET, time_limit: float = 10.0,
                 memory_limit_mb: int = 400, recycle: int = 1000,
                 log_dir: Path | None = None) -> None:
        self.target = target
        self.time_limit = time_limit
        self.memory_limit_mb = memory_limit_mb
        self.recycle = recycle
        self._own_dir = tempfile.TemporaryDirectory(prefix="simulator-fuzz-worker-")
        self.log_dir = log_dir or Path(self._own_dir.name)
        self._proc: subprocess.Popen[str] | None = None
        self._jobs = 0
        self._ready_rss = 0.0
        self._lives = 0
        self.startup_seconds = 0.0
        self._base_rss = 0.0
        self._sent = 0.0

    # ------------------------------------------------------------------ worker life
    def _dump_path(self) -> Path:
        return self.log_dir / f"worker-{self._lives}.stack"

    def _start(self) -> subprocess.Popen[str]:
        self._lives += 1
        started = time.perf_counter()
        env = dict(os.environ)
        # The worker imports what this process can (the target may live in tests/).
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p and os.path.isdir(p))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        log = open(self.log_dir / "worker.log", "a")  # noqa: SIM115  (the child keeps it)
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "simulator.fuzz.worker", "--target", self.target,
                 "--address-space-mb", str(2 * self.memory_limit_mb + 512),
                 "--dump", str(self._dump_path())],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
                encoding="utf-8", env=env,
                # Ctrl+C reaches the terminal's process group: the campaign stops and writes
                # its summary; the worker, in a session of its own, is not counted as crashed.
                start_new_session=True)
        finally:
            log.close()
        assert proc.stdout is not None
        line = self._read_line(proc, proc.stdout, 120.0)
        if line is None:
            proc.kill()
            proc.wait()
            raise RuntimeError(f"the fuzz worker did not start; see {self.log_dir}/worker.log")
        self._ready_rss = float(json.loads(line).get("VmRSS", 0.0))
        self._jobs = 0
        self.startup_seconds += time.perf_counter() - started
        return proc

    @staticmethod
    def _read_line(proc: subprocess.Popen[str], stream: IO[str], timeout: float) -> str | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([stream], [], [], _POLL)
            if ready:
                line = stream.readline()
                return line or None
            if proc.poll() is not None:
                return None
        return None

    def _stop(self, ask_stack: bool) -> list[tuple[str, int, str]]:
        """Kill the worker (after asking for its stack); return the stack it wrote."""
        proc, self._proc = self._proc, None
        if proc is None:
            return []
        if ask_stack:
            for _ in range(_SAMPLES):
                if proc.poll() is not None:
                    break
                with contextlib.suppress(ProcessLookupError):
                    os.kill(proc.pid, signal.SIGUSR1)
                time.sleep(_SAMPLE_GAP)
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
        try:
            return common_frames(dump_stacks(self._dump_path().read_text(errors="replace")))
        except OSError:
            return []

    def close(self) -> None:
        """Stop the worker (if any) and remove the supervisor's own temporary files."""
        proc, self._proc = self._proc, None
        if proc is not None:
            assert proc.stdin is not None
            try:
                proc.stdin.close()
                proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        self._own_dir.cleanup()

    def __enter__(self) -> Supervisor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ jobs
    def submit(self, job: Job) -> None:
        """Send ``job`` to the worker (starting one if needed); then call :meth:`result`."""
        creeping = self._proc is not None and proc_status(self._proc.pid).get(
            "VmRSS", 0.0) > self._ready_rss + self.memory_limit_mb / 2
        if self._proc is not None and (self._jobs >= self.recycle or creeping):
            self._stop(ask_stack=False)
        if self._proc is None or self._proc.poll() is not None:
            self._proc = self._start()
        assert self._proc.stdin is not None
        self._base_rss = proc_status(self._proc.pid).get("VmRSS", 0.0)
        self._sent = time.monotonic()
        self._jobs += 1
        self._proc.stdin.write(json.dumps({"path": job.path, "secret_key": job.secret_key,
                                           "offsets": list(job.offsets), "pick": job.pick})
                               + "\n")
        self._proc.stdin.flush()

    def result(self) -> Outcome:
        """Wait for the job sent last; enforce the limits while waiting."""
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        peak = 0.0
        while True:
            ready, _, _ = select.select([proc.stdout], [], [], _POLL)
            elapsed = time.monotonic() - self._sent
            if ready:
                line = proc.stdout.readline()
                if line:
                    return self._outcome(json.loads(line))
            rss = proc_status(proc.pid).get("VmRSS", 0.0)
            peak = max(peak, rss)
            if ready or proc.poll() is not None:  # the worker died by itself
                code = proc.poll()
                frames = self._stop(ask_stack=False)
                name = signal.Signals(-code).name if code is not None and code < 0 else \
                    f"exit status {code}"
                return Outcome("crash", elapsed, peak, max(0.0, peak - self._base_rss),
                               error_type=name, message=f"the worker died ({name})",
                               frames=frames)
            if rss - self._base_rss > self.memory_limit_mb:
                frames = self._stop(ask_stack=True)
                return Outcome("memory", elapsed, rss, rss - self._base_rss,
                               error_type="MemoryLimit",
                               message=f"resident size grew by {rss - self._base_rss:.0f} MiB "
                                       f"(limit {self.memory_limit_mb} MiB)", frames=frames)
            if elapsed > self.time_limit:
                frames = self._stop(ask_stack=True)
                return Outcome("hang", elapsed, peak, max(0.0, peak - self._base_rss),
                               error_type="TimeLimit",
                               message=f"still running after {self.time_limit:g} s",
                               frames=frames)

    def _outcome(self, r: dict[str, Any]) -> Outcome:
        kind = str(r["outcome"])
        growth = float(r.get("growth_mb", 0.0))
        out = Outcome(kind, float(r.get("seconds", 0.0)), float(r.get("peak_mb", 0.0)), growth,
                      str(r.get("type", "")), str(r.get("message", "")),
                      [(str(f), int(n), str(fn)) for f, n, fn in r.get("frames", [])],
                      str(r.get("traceback", "")), dict(r.get("info", {})))
        if not out.failed and growth > self.memory_limit_mb:
            out.kind, out.error_type = "memory", "MemoryLimit"
            out.message = f"peak resident size grew by {growth:.0f} MiB " \
                          f"(limit {self.memory_limit_mb} MiB)"
        return out

    def run(self, job: Job) -> Outcome:
        """Run one job and wait for it."""
        self.submit(job)
        return self.result()
