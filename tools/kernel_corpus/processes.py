"""The child processes of a run (relay, actors): started with ``ip netns exec``, their
stdout read line by line in a thread, stopped by their own process id."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository: actors import simulator.*


class Child:
    def __init__(self, name: str, ns: str, args: list[str]) -> None:
        self.name = name
        self.proc = subprocess.Popen(
            ["ip", "netns", "exec", ns, sys.executable, *args], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[tuple[float, str]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.proc.pid  # ip netns exec execs the program: this is its pid

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            self.log.append((time.time(), line))
            self.on_line(line)
            self.lines.put(line)

    def on_line(self, line: str) -> None:
        """Hook for subclasses (the relay's bookkeeping)."""

    def expect(self, prefix: str, timeout: float = 10.0) -> str:
        """The next line starting with ``prefix`` (other lines are kept in the log only)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                err = self.proc.stderr.read() if self.proc.poll() is not None and \
                    self.proc.stderr else ""
                raise TimeoutError(f"{self.name}: no {prefix!r} line in {timeout} s {err}")
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if line.startswith(prefix):
                return line

    def send_line(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
