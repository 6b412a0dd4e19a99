"""Benchmark: issue 14's table in one run - index and analyze, pcap and pcapng, first open
and reopen, the first window, seeking - each next to its target and as a ratio to scapy's bare
reader loop over the same file.

Run by hand (not a test)::

    python bench/bench_files.py                  # 300k and 1M packets, then the window
    python bench/bench_files.py --sizes 300000   # one size
    python bench/bench_files.py --seeks 300      # fewer seeks in the window

The captures are ``bench_index.py``'s (generated on first use): classic pcap, and the same
packets written as pcapng here (one section, one interface, an enhanced packet block each).
Every contender is a whole process started after the file has been read once (page cache
warm), measured from outside: wall seconds and peak RSS (``ru_maxrss`` of ``os.wait4``), so
the interpreter and imports are included. "work" is time measured inside the process around
the work only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_index import OUT, ensure_capture, prefix  # noqa: E402

TARGETS = {
    "pcapng_vs_pcap": 1.3,  # pcapng index within 1.3x of classic pcap (time and memory)
    "analyze_vs_bare": 1.5,  # analyze within 1.5x of scapy's bare loop
    "analyze_peak_300k": 200.0,  # MB
    "analyze_peak_1m": 250.0,  # MB
    "reopen_work": 0.1,  # s
    "first_window_cpu": 1.0,  # s
    "seek_p95": 16.0,  # ms
}


def to_pcapng(src: Path, dst: Path) -> None:
    """Write the packets of the little-endian microsecond pcap ``src`` as pcapng."""
    def block(kind: int, body: bytes) -> bytes:
        body += b"\0" * (-len(body) % 4)
        return struct.pack("<II", kind, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))

    with open(src, "rb") as f, open(dst.with_suffix(".tmp"), "wb") as g:
        f.read(24)
        g.write(block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)))
        g.write(block(1, struct.pack("<HHI", 1, 0, 0)))
        out = []
        while True:
            hdr = f.read(16)
            if len(hdr) < 16:
                break
            sec, usec, caplen, wirelen = struct.unpack("<IIII", hdr)
            stamp = sec * 1_000_000 + usec
            out.append(block(6, struct.pack("<IIIII", 0, stamp >> 32, stamp & 0xFFFFFFFF,
                                            caplen, wirelen) + f.read(caplen)))
            if len(out) >= 10_000:
                g.write(b"".join(out))
                out.clear()
        g.write(b"".join(out))
    dst.with_suffix(".tmp").rename(dst)


def captures(packets: int) -> dict[str, Path]:
    full = ensure_capture(1_000_000)
    pcap = full if packets == 1_000_000 else OUT / f"bench_{packets}_v2.pcap"
    if not pcap.exists():
        prefix(full, pcap, packets)
    pcapng = pcap.with_suffix(".pcapng")
    if not pcapng.exists():
        to_pcapng(pcap, pcapng)
    return {"pcap": pcap, "pcapng": pcapng}


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float | str]:
    """Run ``cmd``: wall s, cpu s (user + system), peak MB, the last line of its stdout."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT,
                                env={**os.environ, **(env or {})})
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode(errors="replace")
        if proc.returncode:
            raise SystemExit(f"{cmd} failed ({proc.returncode}): "
                             f"{err.read().decode(errors='replace')[-2000:]}")
    lines = text.strip().splitlines()
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "peak": usage.ru_maxrss / 1024, "out": lines[-1] if lines else ""}


PY = sys.executable

BARE = {
    "pcap": "import time, scapy.utils as u\nt=time.perf_counter()\n"
            "n=sum(1 for _ in u.RawPcapReader(P))\nprint(f'{time.perf_counter()-t:.3f} {n}')",
    "pcapng": "import time, scapy.utils as u\nt=time.perf_counter()\n"
              "n=sum(1 for _ in u.RawPcapNgReader(P))\nprint(f'{time.perf_counter()-t:.3f} {n}')",
}
INDEX = ("import time\nfrom simulator.net.capture.index import build_index\n"
         "t=time.perf_counter(); ix=build_index(P)\n"
         "print(f'{time.perf_counter()-t:.3f} {ix.packet_count} {len(ix.connections)}')")
REOPEN = ("import time\nfrom simulator.net.capture.index_cache import open_index\n"
          "t=time.perf_counter(); ix=open_index(P)\n"
          "print(f'{time.perf_counter()-t:.3f} {ix.packet_count}')")


def snippet(code: str, path: Path, env: dict[str, str] | None = None) -> dict[str, float | str]:
    return measure([PY, "-c", f"P={str(path)!r}\n" + code], env)


def row(label: str, r: dict[str, float | str], bare: float, target: str = "") -> None:
    wall = float(r["wall"])
    print(f"| {label} | {wall:.2f} | {float(r['cpu']):.2f} | {float(r['peak']):.0f} | "
          f"{wall / bare:.2f}x | {target} |")


def files(sizes: list[int]) -> dict[str, float]:
    results: dict[str, float] = {}
    cache = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    env = {"PROTOCOL_SIM_CACHE_DIR": str(cache)}
    print("| what | wall s | cpu s | peak MB | vs bare loop (wall) | target |")
    print("|---|---:|---:|---:|---:|---|")
    for packets in sizes:
        for fmt, path in captures(packets).items():
            with open(path, "rb") as f:  # warm the page cache
                while f.read(1 << 24):
                    pass
            tag = f"{packets // 1000}k {fmt}"
            bare = snippet(BARE[fmt], path)
            row(f"{tag}: scapy {'RawPcapReader' if fmt == 'pcap' else 'RawPcapNgReader'}, "
                "bare loop", bare, float(bare["wall"]))
            b = float(bare["wall"])
            if shutil.which("capinfos"):
                row(f"{tag}: capinfos -c", measure(["capinfos", "-c", str(path)]), b)
            if shutil.which("tshark") and packets <= 300_000:
                row(f"{tag}: tshark -qz conv,tcp",
                    measure(["tshark", "-n", "-q", "-r", str(path), "-z", "conv,tcp"]), b)
            index = snippet(INDEX, path, {**env, "PROTOCOL_SIM_CACHE_DIR": str(cache / "x")})
            row(f"{tag}: ours, build_index (work {float(str(index['out']).split()[0]):.2f} s)",
                index, b)
            results[f"index_{packets}_{fmt}_wall"] = float(index["wall"])
            results[f"index_{packets}_{fmt}_peak"] = float(index["peak"])
            shutil.rmtree(cache, ignore_errors=True)
            first = measure([PY, "main.py", "analyze", str(path), "--json"], env)
            peak_target = TARGETS["analyze_peak_300k" if packets <= 300_000 else
                                  "analyze_peak_1m"]
            row(f"{tag}: ours, analyze --json, first open", first, b,
                f"<= {TARGETS['analyze_vs_bare']}x, <= {peak_target:.0f} MB")
            again = measure([PY, "main.py", "analyze", str(path), "--json"], env)
            row(f"{tag}: ours, analyze --json, reopen (cached index)", again, b)
            reopen = snippet(REOPEN, path, env)
            work = float(str(reopen["out"]).split()[0])
            row(f"{tag}: ours, reopen the index (work {work:.3f} s)", reopen, b,
                f"work <= {TARGETS['reopen_work']} s")
            results[f"analyze_{packets}_{fmt}_ratio"] = float(first["wall"]) / b
            results[f"analyze_{packets}_{fmt}_peak"] = float(first["peak"])
            results[f"reopen_{packets}_{fmt}_work"] = work
    for packets in sizes:
        ratio_t = results[f"index_{packets}_pcapng_wall"] / results[f"index_{packets}_pcap_wall"]
        ratio_m = results[f"index_{packets}_pcapng_peak"] / results[f"index_{packets}_pcap_peak"]
        print(f"\n{packets:,} packets: pcapng index / pcap index: time {ratio_t:.2f}x, "
              f"peak {ratio_m:.2f}x (target <= {TARGETS['pcapng_vs_pcap']}x)")
    shutil.rmtree(cache, ignore_errors=True)
    return results


#: ``python main.py`` as a learner starts it, ended by the event loop once the window has
#: been shown and painted: a paint filter on the main window quits at its first paint.
FIRST_PAINT = """
import runpy, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            QTimer.singleShot(0, QApplication.quit)  # after this paint, and its children's
        return False

exec_ = QApplication.exec
def exec_once(app):
    spy = FirstPaint(app)
    app.installEventFilter(spy)
    return exec_()
QApplication.exec = exec_once
sys.argv = ["main.py"]
runpy.run_path("main.py", run_name="__main__")
"""


def first_window() -> None:
    offscreen = {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as cold, tempfile.TemporaryDirectory() as warm, \
            tempfile.TemporaryDirectory() as settings:
        # (settings of its own: a learner's saved language or zoom would change the start)
        offscreen = {**offscreen, "XDG_CONFIG_HOME": settings}
        # bytecode kept in folders of our own: none at all (every module compiled at each
        # start), and one written by a first start (as an installed app has)
        for label, env in (
                ("no bytecode", {"PYTHONPYCACHEPREFIX": cold, "PYTHONDONTWRITEBYTECODE": "1"}),
                ("bytecode written by an earlier start", {"PYTHONPYCACHEPREFIX": warm})):
            env = {**offscreen, **env}
            cmd = [PY, "-c", FIRST_PAINT]
            if "PYTHONDONTWRITEBYTECODE" not in env:
                cmd = ["env", "-u", "PYTHONDONTWRITEBYTECODE", *cmd]
                measure(cmd, env)  # writes the bytecode
            runs = [measure(cmd, env) for _ in range(3)]
            cpu = sorted(float(r["cpu"]) for r in runs)
            print(f"first window (python main.py, shown and painted once; {label}): cpu "
                  f"{cpu[0]:.2f} / {cpu[1]:.2f} / {cpu[2]:.2f} s in 3 runs "
                  f"(target <= {TARGETS['first_window_cpu']} s cpu), "
                  f"peak {max(float(r['peak']) for r in runs):.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        shot = Path(tmp) / "first.png"
        r = measure([PY, "main.py", "--screenshot", str(shot)], offscreen)
    print(f"first window (python main.py --screenshot: start, lay out, paint, save a PNG, "
          f"exit): wall {float(r['wall']):.2f} s, cpu {float(r['cpu']):.2f} s, "
          f"peak {float(r['peak']):.0f} MB")


def seeks(count: int) -> None:
    from bench_replay import WINDOW
    from bench_replay import run as run_gui

    g = run_gui(WINDOW, ensure_capture(1_000_000), count, False)
    print(f"seek + paint in the whole window, 100k-segment connection, {g['seeks']} random "
          f"steps: median {g['seek_median_ms']:.1f} ms, p95 {g['seek_p95_ms']:.1f} ms, "
          f"max {g['seek_max_ms']:.1f} ms (target p95 <= {TARGETS['seek_p95']} ms)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[300_000, 1_000_000])
    ap.add_argument("--seeks", type=int, default=1000)
    ap.add_argument("--skip-window", action="store_true")
    args = ap.parse_args()
    print(f"cpus={os.cpu_count()}, python {sys.version.split()[0]}")
    results = files(args.sizes)
    if not args.skip_window:
        first_window()
        seeks(args.seeks)
    print("\n" + json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
