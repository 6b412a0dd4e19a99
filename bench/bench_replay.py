"""Benchmark: open the largest connection of the 1M-packet capture and seek through it.

Run by hand (not a test)::

    python bench/bench_replay.py [--packets 1000000] [--seeks 1000] [--profile]

Uses the capture of ``bench_index.py`` (generated on first use; its largest connection has
100,000 segments, i.e. 200,000 steps). Two whole processes, one after the other:

* **replay** - build the index, then time ``replay_connection`` of the largest connection
  (the RFC 9293 model over every segment, into a Timeline), ``Timeline.states`` of both
  sides and building 1,000 random steps. Memory: the process's resident set before and
  after the replay (what the Timeline keeps) and its peak.
* **gui** - the real window (``QT_QPA_PLATFORM=offscreen``), shown: open the connection
  through ``MainWindow.open_connection`` (replay and layout in the worker thread, then every
  view's ``set_timeline`` and the first paint), then seek to random steps through the Player
  as a click on the transport bar would; each seek is timed until the event loop has painted
  the ladder, both state diagrams and the explanation (counted with an event filter), as
  it does after a real click. Reported per seek: median, 95th percentile and maximum; peak
  RSS of the process.

``--profile`` adds a cProfile listing of the replay and of the seeks.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

REPLAY = r"""
import json, random, resource, sys, time
sys.path.insert(0, ROOT)
from simulator.net.capture_index import build_index
from simulator.net.connection_replay import replay_connection

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20

ix = build_index(PATH)
conn = max(ix.connections, key=lambda c: sum(c.packets))
before = rss_mb()
t = time.perf_counter()
timeline, info = replay_connection(ix, conn.id)
replay_s = time.perf_counter() - t
after = rss_mb()
t = time.perf_counter()
states = (timeline.states("client"), timeline.states("server"))
states_s = time.perf_counter() - t
rng = random.Random(7)
picks = [rng.randrange(len(timeline)) for _ in range(1000)]
t = time.perf_counter()
for k in picks:
    timeline[k]
steps_s = time.perf_counter() - t
out = {"connection": conn.id, "segments": sum(conn.packets), "steps": len(timeline),
       "replay_s": replay_s, "states_s": states_s, "step_ms": steps_s,
       "timeline_mb": after - before,
       "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
       "client_states": states[0], "server_states": states[1],
       "capture_point": info.capture_point}
if PROFILE:
    import cProfile, pstats, io
    prof = cProfile.Profile()
    prof.enable()
    replay_connection(ix, conn.id)
    prof.disable()
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(12)
    print(text.getvalue(), file=sys.stderr)
print(json.dumps(out))
"""

GUI = r"""
import json, os, random, resource, statistics, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, ROOT)
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QCoreApplication
app = QApplication([])
QCoreApplication.setOrganizationName("protocol-sim-bench")
from simulator.net.capture_index import build_index
from simulator.ui.main_window import MainWindow

window = MainWindow()
window.show()
app.processEvents()
ix = build_index(PATH)
conn = max(ix.connections, key=lambda c: sum(c.packets))
window.capture_index = ix
window.capture_panel.set_index(ix)
from PySide6.QtCore import QEventLoop
done = []
loop = QEventLoop()
window.replay_loader.loaded.connect(lambda *a: done.append(time.perf_counter()))
window.replay_loader.loaded.connect(loop.quit)  # after the window's own slot
t = time.perf_counter()
window.open_connection(conn.id)
loop.exec()
shown_s = done[0] - t
app.processEvents()
window.repaint()
open_s = time.perf_counter() - t
timeline = window.timeline
assert len(timeline) == 2 * sum(conn.packets), len(timeline)
t = time.perf_counter()
for view in (window.ladder, window.client_diagram, window.server_diagram, window.explanation):
    view.set_timeline(timeline)
set_timeline_s = time.perf_counter() - t

from PySide6.QtCore import QEvent, QObject

class PaintCounter(QObject):
    def __init__(self):
        super().__init__()
        self.painted = set()
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.painted.add(obj)
        return False

counter = PaintCounter()
watched = [window.ladder.viewport(), window.client_diagram.viewport(),
           window.server_diagram.viewport(), window.explanation.viewport()]
for w in watched:
    w.installEventFilter(counter)
missed = [0]

def seek(k):
    # The player moves the cursor (every view's set_cursor), then the event loop paints
    # what changed, exactly as after a click; we wait until all four views have painted.
    counter.painted.clear()
    t0 = time.perf_counter()
    window.player.seek(k)
    for _ in range(50):
        app.processEvents()
        if window.ladder.viewport() in counter.painted and window.explanation.viewport() in counter.painted:
            break
    app.processEvents()  # and whatever else the seek changed (a diagram whose look changed)
    if len(counter.painted) < len(watched):
        missed[0] += 1  # a state diagram that looked the same at both steps
    return time.perf_counter() - t0

rng = random.Random(11)
picks = [rng.randrange(len(timeline)) for _ in range(SEEKS)]
times = [seek(k) for k in picks]
times.sort()
items = len(window.ladder.scene().items())
out = {"open_s": open_s, "shown_s": shown_s, "set_timeline_s": set_timeline_s,
       "seek_median_ms": 1000 * statistics.median(times),
       "seek_p95_ms": 1000 * times[int(0.95 * len(times)) - 1],
       "seek_max_ms": 1000 * times[-1], "seeks": len(times), "ladder_items": items,
       "unpainted": missed[0],
       "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
if PROFILE:
    import cProfile, pstats, io
    prof = cProfile.Profile()
    prof.enable()
    for k in picks[:300]:
        seek(k)
    prof.disable()
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(15)
    print(text.getvalue(), file=sys.stderr)
window.close()
print(json.dumps(out))
"""


def run(code: str, path: Path, seeks: int, profile: bool) -> dict[str, object]:
    prelude = f"ROOT={str(ROOT)!r}\nPATH={str(path)!r}\nSEEKS={seeks}\nPROFILE={profile}\n"
    proc = subprocess.run([sys.executable, "-c", prelude + code], cwd=ROOT, text=True,
                          stdout=subprocess.PIPE, stderr=None if profile else subprocess.PIPE)
    if proc.returncode:
        raise SystemExit(f"benchmark process failed ({proc.returncode}):\n{proc.stderr}")
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--packets", type=int, default=1_000_000)
    ap.add_argument("--seeks", type=int, default=1000)
    ap.add_argument("--profile", action="store_true", help="print cProfile listings")
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    from bench_index import ensure_capture

    path = ensure_capture(args.packets)
    print(f"capture: {path.name}, cpus={os.cpu_count()}")
    r = run(REPLAY, path, args.seeks, args.profile)
    print(f"largest connection: #{r['connection']}, {r['segments']} segments, "
          f"{r['steps']} steps, captured at the {r['capture_point']}")
    print(f"  client states: {' → '.join(r['client_states'])}")  # type: ignore[arg-type]
    print(f"  server states: {' → '.join(r['server_states'])}")  # type: ignore[arg-type]
    print(f"replay (model over every segment, into a Timeline): {r['replay_s']:.3f} s")
    print(f"  Timeline.states() of both sides: {r['states_s'] * 1000:.0f} ms; "
          f"1,000 random steps built: {r['step_ms']:.3f} s")
    print(f"  memory kept by the Timeline: {r['timeline_mb']:.0f} MB "
          f"(process peak {r['peak_mb']:.0f} MB, index build included)")
    g = run(GUI, path, args.seeks, args.profile)
    print(f"window: open the connection {g['open_s']:.3f} s until painted ("
          f"{g['shown_s']:.3f} s until every view has the timeline; replay and layout run in "
          f"the worker thread)")
    print(f"  set_timeline of ladder, both diagrams, explanation: "
          f"{g['set_timeline_s'] * 1000:.0f} ms")
    print(f"  seek, then the event loop until the ladder, explanation and any diagram that "
          f"changed have painted ({g['seeks'] - g['unpainted']} of {g['seeks']} seeks "
          f"repainted all four), {g['seeks']} random steps: "
          f"median {g['seek_median_ms']:.1f} ms, p95 {g['seek_p95_ms']:.1f} ms, "
          f"max {g['seek_max_ms']:.1f} ms (target <= 16 ms)")
    print(f"  ladder scene items after the seeks: {g['ladder_items']}; "
          f"process peak RSS {g['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
