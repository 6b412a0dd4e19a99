"""Benchmark: one TCP connection carrying N pipelined GET requests and their responses.

Run by hand (not a test)::

    python bench/bench_pipelined.py [--sizes 2500,5000,10000,50000] [--batch 100]
                                    [--one-per-packet] [--cookies] [--profile N]

Issue 13 (hostile input) measured HTTP extraction going quadratic in the messages of one
connection. For each N a capture is written with ``struct`` (not scapy: 50k requests are
~5,000 packets of pipelined requests, or 200k with ``--one-per-packet``) into a temporary
directory: a handshake, then batches of ``--batch`` requests sent back to back (packed into
full segments, each acknowledged) before the server answers them all, the same way; a FIN
each way. Requests are small GETs (``GET /r/i HTTP/1.1``, a Host), responses ``200 OK`` with
a 2-byte body. ``--cookies`` makes every 10th response set one of 20 cookie names and every
request carry a Cookie header (the jar replays them all).

Two processes per N, one after the other, each timed from the parent and measured with
``os.wait4`` (CPU time and peak RSS of that child):

* **analyze** - ``python main.py analyze FILE --json`` (index, HTTP, and the analyze
  command's RFC 9293 replay of the connection), its output checked by another child: N
  exchanges, all answered by a 200, in order ("ok"), or, past
  ``limits.MESSAGES_PER_STREAM``, that many, the last saying the rest is not parsed ("cut");
* **http** - ``capture_http(build_index(path))`` (with the cookie jars) in a child, the time
  inside around that call.

``--profile N`` runs cProfile around ``analyze_document`` in this process for one N and
prints the 25 most expensive functions (cumulative).
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import os
import pstats
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
MSS = 1448


def _request(i: int, cookies: bool) -> bytes:
    cookie = f"Cookie: c{i % 20}=v\r\n" if cookies else ""
    return f"GET /r/{i} HTTP/1.1\r\nHost: example.test\r\n{cookie}\r\n".encode()


def _response(i: int, cookies: bool) -> bytes:
    cookie = f"Set-Cookie: c{i % 20}=v{i}; Path=/\r\n" if cookies and i % 10 == 0 else ""
    return f"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n{cookie}\r\nok".encode()


def _segments(data: bytes, one_per_packet: list[int] | None) -> list[bytes]:
    """``data`` cut into MSS-sized segments, or at the given message boundaries."""
    if one_per_packet is not None:
        return [data[a:b] for a, b in itertools.pairwise([0, *one_per_packet])]
    return [data[at:at + MSS] for at in range(0, len(data), MSS)]


def generate(path: Path, n: int, batch: int, one_per_packet: bool, cookies: bool) -> int:
    """Write the capture; returns its packet count."""
    ip_struct = struct.Struct("!BBHHHBBH4s4s")
    tcp_struct = struct.Struct("!HHIIBBHHH")
    rec = struct.Struct("<IIII")
    mac = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00"
    hosts = (bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    ports = (40000, 80)
    seq = [1000, 50000]
    t_us = 1_700_000_000 * 1_000_000
    out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1)]
    count = 0

    def packet(d: int, flags: int, payload: bytes = b"") -> None:
        nonlocal t_us, count
        ip = ip_struct.pack(0x45, 0, 40 + len(payload), count & 0xFFFF, 0x4000, 64, 6, 0,
                            hosts[d], hosts[1 - d])
        tcp = tcp_struct.pack(ports[d], ports[1 - d], seq[d] % (1 << 32),
                              seq[1 - d] % (1 << 32), 0x50, flags, 65535, 0, 0)
        t_us += 50
        size = 54 + len(payload)
        out.append(rec.pack(t_us // 1_000_000, t_us % 1_000_000, size, size))
        out.extend((mac, ip, tcp, payload))
        seq[d] += len(payload) + (1 if flags & (SYN | FIN) else 0)
        count += 1

    packet(0, SYN)
    packet(1, SYN | ACK)
    packet(0, ACK)
    for first in range(0, n, batch):
        numbers = range(first, min(first + batch, n))
        for d, make in ((0, _request), (1, _response)):
            messages = [make(i, cookies) for i in numbers]
            ends = list(itertools.accumulate(map(len, messages))) if one_per_packet else None
            for segment in _segments(b"".join(messages), ends):
                packet(d, PSH | ACK, segment)
                packet(1 - d, ACK)
    packet(0, FIN | ACK)
    packet(1, FIN | ACK)
    packet(0, ACK)
    path.write_bytes(b"".join(out))
    return count


HTTP_ONLY = """
import sys, time
sys.path.insert(0, ROOT)
from simulator.net.capture.index import build_index
from simulator.net.http.capture_http import capture_http
t = time.perf_counter()
found = capture_http(build_index(PATH))
print(f"{time.perf_counter() - t:.3f}", len(found.connections[0].exchanges))
"""


def run(cmd: list[str], timeout: float, stdout: Path) -> tuple[float, float, float]:
    """Run ``cmd`` with its output into ``stdout``; return (wall seconds, CPU seconds (user +
    system: steadier than wall time on a shared machine), peak RSS MB) of the child. A child
    still running after ``timeout`` seconds is killed: (inf, nan, nan)."""
    with open(stdout, "wb") as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        deadline = t0 + timeout
        while True:  # os.wait4 (not communicate) so the child's own ru_maxrss is read
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                return float("inf"), float("nan"), float("nan")
            time.sleep(0.02)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            raise SystemExit(f"{cmd} failed with {proc.returncode}: {err.read().decode()[-2000:]}")
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


CHECK = """
import json, sys
sys.path.insert(0, ROOT)
try:
    from simulator.models.limits import MESSAGES_PER_STREAM as LIMIT
except ImportError:  # an older checkout: no limit
    LIMIT = N
conns = json.load(open(OUT))["connections"]
rows = conns[0]["http"] if len(conns) == 1 else []
good = len(rows) == min(N, LIMIT) and all(
    r["uri"] == f"/r/{i}" and r["status"] == 200 for i, r in enumerate(rows))
cut = N > LIMIT and good and any(str(LIMIT) in p for p in rows[-1]["request_problems"])
print("cut" if cut else "ok" if good and N <= LIMIT else
      f"WRONG ({len(conns)} connections, {len(rows)} exchanges)")
"""


def check(out: Path, n: int, root: Path) -> str:
    """'ok' when the analyze JSON has the N exchanges, in order, each answered by a 200;
    'cut' when N is over ``limits.MESSAGES_PER_STREAM`` and the exchanges up to it are
    there, the last saying why the rest is not (read in a child: this process stays small,
    as the children's peak RSS counts the parent's resident set when they were started)."""
    code = f"ROOT={str(root)!r}\nOUT={str(out)!r}\nN={n}\n" + CHECK
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()


def write_in_child(path: Path, n: int, args: argparse.Namespace) -> int:
    """``generate`` in a child process, so that this one stays small (see ``check``)."""
    cmd = [sys.executable, __file__, "--write", str(path), "--sizes", str(n),
           "--batch", str(args.batch)]
    cmd += ["--one-per-packet"] * args.one_per_packet + ["--cookies"] * args.cookies
    return int(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def profile(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from simulator.analyze_cli import analyze_document

    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.runcall(analyze_document, str(path))
    print(f"analyze_document: {time.perf_counter() - t:.2f} s (under cProfile)")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="2500,5000,10000,50000",
                    help="numbers of requests, comma-separated")
    ap.add_argument("--batch", type=int, default=100,
                    help="requests sent before the server answers them")
    ap.add_argument("--one-per-packet", action="store_true",
                    help="each message in its own segment (instead of full segments)")
    ap.add_argument("--cookies", action="store_true", help="Set-Cookie and Cookie headers too")
    ap.add_argument("--profile", type=int, metavar="N", help="cProfile analyze for this N")
    ap.add_argument("--write", type=Path, help=argparse.SUPPRESS)  # (write_in_child)
    ap.add_argument("--timeout", type=float, default=600.0,
                    help="seconds before a child is killed (reported as inf)")
    ap.add_argument("--root", type=Path, default=ROOT,
                    help="the checkout whose main.py and simulator to run (e.g. an older "
                         "commit unpacked with git archive, for before/after)")
    args = ap.parse_args()
    if args.write:
        print(generate(args.write, int(args.sizes), args.batch, args.one_per_packet,
                       args.cookies))
        return
    with tempfile.TemporaryDirectory(prefix="bench_pipelined_") as tmp:
        if args.profile:
            path = Path(tmp) / f"pipelined_{args.profile}.pcap"
            generate(path, args.profile, args.batch, args.one_per_packet, args.cookies)
            profile(path)
            return
        shape = "one message per packet" if args.one_per_packet else "full segments"
        print(f"batch {args.batch}, {shape}{', cookies' if args.cookies else ''}, "
              f"cpus={os.cpu_count()}, PYTHONUNBUFFERED={os.environ.get('PYTHONUNBUFFERED')}")
        print(f"\n{'N':>7} {'packets':>8} {'MB':>5} | {'analyze s':>9} {'cpu s':>6} "
              f"{'s/1k':>6} {'peak MB':>7} {'check':>5} | {'http s':>7} {'s/1k':>6} "
              f"{'peak MB':>7}")
        for n in (int(x) for x in args.sizes.split(",")):
            path = Path(tmp) / f"pipelined_{n}.pcap"
            out = Path(tmp) / "out.json"
            packets = write_in_child(path, n, args)
            size = path.stat().st_size / 2**20
            wall, cpu, rss = run([sys.executable, str(args.root / "main.py"), "analyze",
                                  str(path), "--json"], args.timeout, out)
            verdict = check(out, n, args.root) if wall < float("inf") else "timeout"
            code = f"ROOT={str(args.root)!r}\nPATH={str(path)!r}\n" + HTTP_ONLY
            try:
                _wall, _cpu, http_rss = run([sys.executable, "-c", code], args.timeout, out)
                text = out.read_text()
                http_s = float(text.split()[0]) if text else float("inf")
            except SystemExit:  # an older checkout without capture_http
                http_s = http_rss = float("nan")
            print(f"{n:7} {packets:8} {size:5.1f} | {wall:9.2f} {cpu:6.2f} "
                  f"{wall / n * 1000:6.3f} {rss:7.0f} {verdict:>5} | {http_s:7.2f} "
                  f"{http_s / n * 1000:6.3f} {http_rss:7.0f}", flush=True)
            path.unlink()
    print("\nanalyze s = the whole `main.py analyze FILE --json` process (start-up, index, HTTP, "
          "replay, JSON), cpu s its user + system time; http s = capture_http(build_index(path)) "
          "(with the cookie jars) timed inside its process; peak MB = that child's peak RSS.")


if __name__ == "__main__":
    main()
