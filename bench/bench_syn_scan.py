"""Benchmark: a SYN scan, 170,000 one-packet connections, through ``analyze --json``.

Run by hand (not a test)::

    python bench/bench_syn_scan.py [--targets 170000] [--link raw|ether] [--mss] [--stages]
                                   [--root DIR]

Issue 13 (hostile input) measured a 9.5 MB SYN scan of 170k connections at 1.2 GB and 27 s
through ``python main.py analyze FILE --json``; its "done when" allows no file under 10 MB
above 400 MB or 30 s. The capture is written with ``struct`` into a temporary directory:
one scanner (10.9.9.9, source ports cycling from 40000) sends one option-less SYN to each
of ``--targets`` distinct (address, port) pairs in 10.0.0.0/8; 10 % answer with RST,ACK
(port closed), 1 % with SYN,ACK (open), which the scanner resets (nmap's half-open scan).
Raw IPv4 (link type 101, 56 bytes a SYN record: 170k SYNs are the issue's 9.5 MB) or
Ethernet; ``--mss``: the SYNs carry an MSS option, as nmap's do.

Measured, each in its own process (wall time from the parent; CPU time and peak RSS of
that child, ``ru_utime + ru_stime`` and ``ru_maxrss`` from ``os.wait4``):

* **analyze** - ``python main.py analyze FILE --json``, its output written to a file;
* **index** - ``build_index(path)`` alone, the time inside around the call;
* **imports** - a process that only imports what ``analyze`` imports (the RSS floor);
* **row by row, all replayed** - the JSON made and written one connection at a time
  (``net.analyze.connection_rows``, ``write_document``), every connection replayed for its
  states as its row is written: ``analyze`` streams its rows the same way but replays at
  most ``limits.REPLAYED_CONNECTIONS`` connections (the rest have no states).

``--stages`` also runs the analyze steps one by one in one child and prints the time and
the resident set after each (index, document, HTTP, the per-connection replay, JSON).
``--root DIR`` runs another checkout (e.g. ``git archive HEAD | tar -x -C DIR``) for
before/after comparisons.
"""

from __future__ import annotations

import argparse
import os
import random
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def generate(path: Path, targets: int, link: str, mss: bool = False, seed: int = 13) -> int:
    """Write the scan; returns its packet count. ``mss``: the scanner's SYNs carry an MSS
    option (nmap's do), so every connection has options to read back from the file."""
    rng = random.Random(seed)
    ip_struct = struct.Struct("!BBHHHBBH4s4s")
    tcp_struct = struct.Struct("!HHIIBBHHH")
    rec = struct.Struct("<IIII")
    ether = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00"
    scanner = bytes([10, 9, 9, 9])
    linktype, link_header = (101, b"") if link == "raw" else (1, ether)
    # Distinct (address, port) pairs: addresses walk 10.0.0.0/8, ports a scan's usual range.
    picked = rng.sample(range(1 << 24), targets)
    out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype)]
    t_us = 1_700_000_000 * 1_000_000
    count = 0

    def packet(src: bytes, dst: bytes, sport: int, dport: int, seq: int, ack: int,
               flags: int) -> None:
        nonlocal t_us, count
        options = b"\x02\x04\x05\xb4" if mss and flags == SYN else b""  # MSS 1460
        ip = ip_struct.pack(0x45, 0, 40 + len(options), count & 0xFFFF, 0, 64, 6, 0, src, dst)
        tcp = tcp_struct.pack(sport, dport, seq, ack, (5 + len(options) // 4) << 4, flags,
                              1024, 0, 0)
        t_us += 30
        size = len(link_header) + 40 + len(options)
        out.append(rec.pack(t_us // 1_000_000, t_us % 1_000_000, size, size))
        out.extend((link_header, ip, tcp, options))
        count += 1

    for k, pick in enumerate(picked):
        target = bytes([10, pick >> 16 & 0xFF, pick >> 8 & 0xFF, pick & 0xFF])
        if target == scanner:
            target = bytes([11, 9, 9, 9])
        dport = 1 + pick % 1024
        sport = 40000 + k % 20000
        isn = rng.getrandbits(32)
        packet(scanner, target, sport, dport, isn, 0, SYN)
        fate = rng.random()
        if fate < 0.10:  # closed: RST,ACK
            packet(target, scanner, dport, sport, 0, (isn + 1) & 0xFFFFFFFF, RST | ACK)
        elif fate < 0.11:  # open: SYN,ACK, and the scanner's RST
            packet(target, scanner, dport, sport, rng.getrandbits(32),
                   (isn + 1) & 0xFFFFFFFF, SYN | ACK)
            packet(scanner, target, sport, dport, (isn + 1) & 0xFFFFFFFF, 0, RST)
    path.write_bytes(b"".join(out))
    return count


def run(cmd: list[str], cwd: Path, stdout: Path) -> tuple[float, float, float]:
    """Run ``cmd`` with its output into ``stdout``; return (wall seconds, CPU seconds (user +
    system: steadier than wall time on a shared machine), peak RSS MB) of the child. This
    process stays small (the capture is written by a child, the JSON is never read here):
    a child's ``ru_maxrss`` starts at its parent's resident set."""
    with open(stdout, "wb") as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd)
        _pid, status, usage = os.wait4(proc.pid, 0)  # (not communicate: the child's own RSS)
        wall = time.perf_counter() - t0
        if os.waitstatus_to_exitcode(status):
            err.seek(0)
            raise SystemExit(f"{cmd} failed: {err.read().decode()[-2000:]}")
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


IMPORTS = """
import sys, time
sys.path.insert(0, ROOT)
import simulator.analyze_cli
from simulator.net.capture.index import build_index
"""

INDEX = IMPORTS + """
t = time.perf_counter()
ix = build_index(PATH)
print(f"{time.perf_counter() - t:.3f}", len(ix.connections))
"""

STREAMED = IMPORTS + """
from simulator.net.analyze import connection_rows, document_head, write_document
from simulator.net.capture.connection_replay import replay_connection

def rows(index):
    for row in connection_rows(index):
        timeline, info = replay_connection(index, row["id"])
        row["client_states"] = timeline.states("client")
        row["server_states"] = timeline.states("server")
        row["capture_point"] = info.capture_point
        yield row

index = build_index(PATH)
write_document(document_head(index), rows(index), sys.stdout)
"""

STAGES = IMPORTS + """
import json, os, resource
from simulator.net.analyze import add_http, index_document
from simulator.net.capture.connection_replay import replay_connection

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20

def stage(name, t):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {name:34} {time.perf_counter() - t:6.2f} s  RSS after {rss():6.0f} MB"
          f"  peak so far {peak:6.0f} MB", flush=True)
    return time.perf_counter()

print(f"  {'imports':34} {'':8}  RSS after {rss():6.0f} MB")
t = time.perf_counter()
index = build_index(PATH)
t = stage("build_index", t)
doc = index_document(index)
t = stage("index_document", t)
add_http(doc, index, None)
t = stage("add_http", t)
for row, conn in zip(doc["connections"], index.connections, strict=True):
    timeline, info = replay_connection(index, conn.id)
    row["client_states"] = timeline.states("client")
    row["server_states"] = timeline.states("server")
    row["capture_point"] = info.capture_point
t = stage("replay every connection (analyze_cli)", t)
try:
    from simulator.net.analyze import write_document
except ImportError:  # an older checkout: as its analyze_cli wrote it
    def write_document(head, rows, out):
        json.dump({**head, "connections": rows}, out, indent=2, ensure_ascii=False)
with open(os.devnull, "w") as out:
    write_document({k: v for k, v in doc.items() if k != "connections"}, doc["connections"],
                   out)
t = stage("JSON written (to /dev/null)", t)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--targets", type=int, default=170_000)
    ap.add_argument("--link", choices=("raw", "ether"), default="raw")
    ap.add_argument("--mss", action="store_true", help="the SYNs carry an MSS option")
    ap.add_argument("--stages", action="store_true", help="time and RSS after each step")
    ap.add_argument("--root", type=Path, default=ROOT,
                    help="the checkout whose main.py and simulator to run")
    ap.add_argument("--write", type=Path, help=argparse.SUPPRESS)  # (the child that writes)
    args = ap.parse_args()
    if args.write:
        print(generate(args.write, args.targets, args.link, args.mss))
        return
    root = args.root.resolve()
    with tempfile.TemporaryDirectory(prefix="bench_syn_scan_") as tmp:
        path = Path(tmp) / "syn_scan.pcap"
        out = Path(tmp) / "out"
        packets = int(subprocess.run(
            [sys.executable, __file__, "--write", str(path), "--targets", str(args.targets),
             "--link", args.link, *["--mss"] * args.mss], capture_output=True, text=True,
            check=True).stdout)
        size = path.stat().st_size / 2**20
        print(f"SYN scan: {args.targets} targets, {packets} packets, {size:.1f} MB "
              f"({args.link}{', MSS option' if args.mss else ''}), checkout {root}, "
              f"cpus={os.cpu_count()}, PYTHONUNBUFFERED={os.environ.get('PYTHONUNBUFFERED')}")
        head = f"ROOT={str(root)!r}\nPATH={str(path)!r}\n"
        _w, _c, base_rss = run([sys.executable, "-c", head + IMPORTS], root, out)
        index = run([sys.executable, "-c", head + INDEX], root, out)
        index_s, conns = out.read_text().split()
        analyze = run([sys.executable, str(root / "main.py"), "analyze", str(path), "--json"],
                      root, out)
        json_mb = out.stat().st_size / 2**20
        try:
            streamed = run([sys.executable, "-c", head + STREAMED], root, out)
        except SystemExit:  # a checkout without connection_rows
            streamed = None
        print(f"\n{'process':28} {'wall s':>7} {'cpu s':>7} {'work s':>7} {'peak MB':>8}")
        print(f"{'imports only':28} {'':>7} {'':>7} {'':>7} {base_rss:8.0f}")
        print(f"{'build_index':28} {index[0]:7.2f} {index[1]:7.2f} {float(index_s):7.2f} "
              f"{index[2]:8.0f}  ({conns} connections)")
        print(f"{'main.py analyze --json':28} {analyze[0]:7.2f} {analyze[1]:7.2f} {'':>7} "
              f"{analyze[2]:8.0f}  ({json_mb:.0f} MB of JSON)")
        if streamed is not None:
            print(f"{'row by row, all replayed':28} {streamed[0]:7.2f} {streamed[1]:7.2f} "
                  f"{'':>7} {streamed[2]:8.0f}")
        if args.stages:
            print("\nanalyze step by step (one process):")
            subprocess.run([sys.executable, "-c", head + STAGES], cwd=root, check=True)


if __name__ == "__main__":
    main()
