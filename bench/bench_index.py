"""Benchmark: index a 1,000,000-packet classic pcap, compared with scapy and tshark.

Run by hand (not a test)::

    python bench/bench_index.py [--packets 1000000] [--skip-rdpcap] [--rdpcap-full]

The capture is generated once with ``struct`` (not scapy) and cached under ``bench/out/``.
Every contender runs as its own process; wall time is measured around the whole process
and peak RSS is the child's ``ru_maxrss`` from ``os.wait4``. "index MB" is our process's
peak RSS minus the peak RSS of a process that only imports the same modules (the
interpreter + numpy + scapy + simulator.net baseline).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
MSS = 1448

Packet = tuple[int, int, int, int, int, int]  # direction, flags, seq, ack, payload, window


def _connection(rng: random.Random, segments: int) -> Iterator[Packet]:
    """One realistic connection of about ``segments`` packets: handshake, request/response
    rounds, some loss, teardown."""
    cs = rng.getrandbits(32)
    ss = rng.getrandbits(32)
    m = 0xFFFFFFFF
    yield 0, SYN, cs, 0, 0, 64240
    yield 1, SYN | ACK, ss, (cs + 1) & m, 0, 65160
    cs = (cs + 1) & m
    ss = (ss + 1) & m
    yield 0, ACK, cs, ss, 0, 502
    sent = 3
    while sent < segments - 3:
        req = rng.randint(80, 700)
        yield 0, PSH | ACK, cs, ss, req, 502
        cs = (cs + req) & m
        sent += 1
        resp = rng.randint(1, 40)
        for k in range(resp):
            size = MSS if k < resp - 1 else rng.randint(1, MSS)
            yield 1, ACK | (PSH if k == resp - 1 else 0), ss, cs, size, 509
            sent += 1
            if rng.random() < 0.01:  # lost and retransmitted
                yield 1, ACK, ss, cs, size, 509
                sent += 1
            ss = (ss + size) & m
            if k % 2 == 1 or k == resp - 1:
                yield 0, ACK, cs, ss, 0, 502
                sent += 1
                if rng.random() < 0.005:
                    yield 0, ACK, cs, ss, 0, 502  # duplicate ACK
                    sent += 1
            if sent >= segments - 3:
                break
    if rng.random() < 0.1:
        yield 0, RST | ACK, cs, ss, 0, 0
    else:
        yield 0, FIN | ACK, cs, ss, 0, 502
        yield 1, FIN | ACK, ss, (cs + 1) & m, 0, 509
        yield 0, ACK, (cs + 1) & m, (ss + 1) & m, 0, 502


BULK_SEGMENTS = 100_000  # the largest connection: a long download beside many short ones
BULK_SHARE = 0.12  # its share of the packets while it lasts (it ends after ~830k packets)
CONCURRENT = 64  # short connections interleaved at any time


def generate(path: Path, packets: int, seed: int = 2) -> None:
    """Write ``packets`` packets: one 100k-segment connection interleaved with ~1,000 short
    ones (50-1,700 segments each, 64 at a time)."""
    rng = random.Random(seed)
    pad = bytes(MSS)
    ip_struct = struct.Struct("!BBHHHBBH4s4s")
    tcp_struct = struct.Struct("!HHIIBBHHH")
    rec = struct.Struct("<IIII")
    mac = b"\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\x08\x00"
    t_us = 1_700_000_000 * 1_000_000
    written = 0
    Flow = tuple[Iterator[Packet], bytes, bytes, int, int]

    def flow(i: int, n: int) -> Flow:
        cli = bytes([10, 0, i >> 8 & 0xFF, i & 0xFF])
        srv = bytes([192, 168, 1, 1 + i % 200])
        return _connection(rng, n), cli, srv, 30000 + i % 30000, 443

    bulk: Flow | None = flow(0, BULK_SEGMENTS)
    active: list[Flow] = []
    started = 1
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        out: list[bytes] = []
        while written < packets:
            while len(active) < CONCURRENT:
                active.append(flow(started, rng.randint(50, 1700)))
                started += 1
            heavy = bulk is not None and rng.random() < BULK_SHARE
            j = rng.randrange(len(active))
            chosen = bulk if heavy else active[j]
            assert chosen is not None
            gen, cli, srv, cport, sport = chosen
            pkt = next(gen, None)
            if pkt is None:
                if heavy:
                    bulk = None
                else:
                    active.pop(j)
                continue
            d, flags, seq, ack, plen, win = pkt
            src, dst, sp, dp = (cli, srv, cport, sport) if d == 0 else (srv, cli, sport, cport)
            ip = ip_struct.pack(0x45, 0, 40 + plen, written & 0xFFFF, 0x4000, 64, 6, 0, src, dst)
            tcp = tcp_struct.pack(sp, dp, seq, ack, 0x50, flags, win, 0, 0)
            t_us += rng.randint(1, 40)
            size = 54 + plen
            out.append(rec.pack(t_us // 1_000_000, t_us % 1_000_000, size, size))
            out.append(mac)
            out.append(ip)
            out.append(tcp)
            if plen:
                out.append(pad[:plen])
            written += 1
            if len(out) > 200_000:
                f.write(b"".join(out))
                out.clear()
        f.write(b"".join(out))


def prefix(src: Path, dst: Path, packets: int) -> None:
    """Copy the first ``packets`` records of a little-endian pcap."""
    with open(src, "rb") as f, open(dst, "wb") as g:
        g.write(f.read(24))
        for _ in range(packets):
            hdr = f.read(16)
            if len(hdr) < 16:
                break
            caplen = struct.unpack("<I", hdr[8:12])[0]
            g.write(hdr + f.read(caplen))


def run(cmd: list[str]) -> tuple[float, float, str]:
    """Run ``cmd``; return (wall seconds, peak RSS MB, stdout)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    assert proc.stdout is not None
    output = proc.stdout.read().decode()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{cmd} failed with {proc.returncode}")
    return wall, usage.ru_maxrss / 1024.0, output.strip()


IMPORTS = "import numpy, scapy.utils, scapy.all, simulator.net.capture.index as ci, time"

SNIPPETS = {
    "baseline (imports only)": IMPORTS + "\nprint('-')",
    "ours: build_index": IMPORTS + (
        "\nt=time.perf_counter(); ix=ci.build_index(P)"
        "\nprint(f'{time.perf_counter()-t:.3f}s in build_index, {ix.packet_count} packets, '"
        "f'{len(ix.connections)} connections, index arrays "
        "{ix.packets.nbytes/2**20:.0f} MB')"
    ),
    "scapy RawPcapReader (bare loop)": IMPORTS + (
        "\nt=time.perf_counter(); n=sum(1 for _ in scapy.utils.RawPcapReader(P))"
        "\nprint(f'{time.perf_counter()-t:.3f}s in loop, {n} packets')"
    ),
}


def ensure_capture(packets: int) -> Path:
    """The generated capture of ``packets`` packets, generated on first use."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"bench_{packets}_v2.pcap"
    if not path.exists():
        t0 = time.perf_counter()
        generate(path.with_suffix(".tmp"), packets)
        path.with_suffix(".tmp").rename(path)
        print(f"generated {path} in {time.perf_counter() - t0:.1f}s")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--packets", type=int, default=1_000_000)
    ap.add_argument("--skip-rdpcap", action="store_true")
    ap.add_argument("--rdpcap-full", action="store_true", help="rdpcap the full file")
    ap.add_argument("--check-tshark", action="store_true",
                    help="also compare tcp.stream and tcp.analysis flags frame by frame")
    args = ap.parse_args()
    path = ensure_capture(args.packets)
    small = OUT / f"bench_{args.packets}_v2_prefix100k.pcap"
    if not small.exists():
        prefix(path, small, 100_000)
    size_mb = path.stat().st_size / 2**20
    print(f"capture: {path.name}, {args.packets} packets, {size_mb:.0f} MB, cpus={os.cpu_count()}")

    # Warm the page cache so every contender reads from memory.
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass
    rows: list[tuple[str, float, float, str]] = []
    for name, code in SNIPPETS.items():
        wall, rss, out = run([sys.executable, "-c", f"P={str(path)!r}\n" + code])
        rows.append((name, wall, rss, out))
    if not args.skip_rdpcap:
        target, factor, label = (path, 1, "full") if args.rdpcap_full else (small, 10, "100k")
        code = IMPORTS + (
            "\nt=time.perf_counter(); n=len(scapy.utils.rdpcap(P))"
            "\nprint(f'{time.perf_counter()-t:.3f}s in rdpcap, {n} packets')"
        )
        wall, rss, out = run([sys.executable, "-c", f"P={str(target)!r}\n" + code])
        rows.append((f"scapy rdpcap ({label} prefix)", wall, rss, out))
        if factor != 1:
            base_wall = rows[0][1]
            est = base_wall + (wall - base_wall) * factor
            rows.append(
                ("scapy rdpcap (1M, EXTRAPOLATED x10)", est, float("nan"), "extrapolated")
            )
    tshark = shutil.which("tshark")
    if tshark:
        fields = ["frame.number", "tcp.stream", "tcp.flags", "tcp.seq_raw", "tcp.ack_raw",
                  "tcp.len", "tcp.analysis.retransmission"]
        cmd = [tshark, "-n", "-r", str(path), "-T", "fields"]
        for fld in fields:
            cmd += ["-e", fld]
        wall, rss, out = run(cmd)
        rows.append(("tshark -T fields", wall, rss, f"{out.count(chr(10)) + 1} lines"))
    else:
        rows.append(("tshark -T fields", float("nan"), float("nan"), "not installed"))

    base_rss = rows[0][2]
    ours_wall = rows[1][1]
    ours_compute = _compute_seconds(rows[1][3])
    print(f"\n{'contender':38} {'wall s':>7} {'work s':>7} {'peak MB':>8} {'x ours':>7}  notes")
    for name, wall, rss, out in rows:
        work = _compute_seconds(out)
        if "EXTRAPOLATED" in name:
            work = wall - rows[0][1]
        ratio = work / ours_compute if work == work and ours_compute else wall / ours_wall
        print(f"{name:38} {wall:7.2f} {work:7.2f} {rss:8.0f} {ratio:7.1f}  {out}")
    ours_rss = rows[1][2]
    print("\nwall s = whole process (interpreter start, imports, work); work s = time measured "
          "inside the process around the work only; x ours = work s / our work s "
          "(tshark: wall s / our wall s).")
    print(f"index memory = our peak RSS {ours_rss:.0f} MB - baseline peak RSS {base_rss:.0f} MB "
          f"= {ours_rss - base_rss:.0f} MB (target <= 100 MB)")
    print(f"index time = {ours_compute:.2f} s in build_index (target <= 1.0 s)")
    if args.check_tshark and tshark:
        check_tshark(tshark, path)


def check_tshark(tshark: str, path: Path) -> None:
    """Frame-by-frame comparison of tcp.stream and the analysis flags with tshark."""
    sys.path.insert(0, str(ROOT))
    from simulator.net.capture import tcp_anomalies as ta
    from simulator.net.capture.index import build_index

    cmd = [tshark, "-n", "-r", str(path), "-T", "fields", "-e", "frame.number",
           "-e", "tcp.stream"]
    for name in ta.ANOMALY_NAMES.values():
        cmd += ["-e", f"tcp.analysis.{name}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    ix = build_index(str(path))
    anomalies, conn = ix.packets["anomalies"], ix.packets["conn"]
    mismatches = 0
    flagged = dict.fromkeys(ta.ANOMALY_NAMES.values(), 0)
    for line in out.splitlines():
        number, stream, *flags = line.split("\t")
        i = int(number) - 1
        mismatches += bool(stream) and int(stream) != conn[i]
        for (bit, name), value in zip(ta.ANOMALY_NAMES.items(), flags, strict=True):
            flagged[name] += bool(value)
            mismatches += bool(value) != bool(anomalies[i] & bit)
    print(f"tshark frame-by-frame check: {mismatches} mismatches; tshark flagged {flagged}")


def _compute_seconds(out: str) -> float:
    head = out.split("s in ", 1)[0]
    try:
        return float(head)
    except ValueError:
        return float("nan")

if __name__ == "__main__":
    main()
