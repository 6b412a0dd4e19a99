"""Benchmark: open the largest connection of the 1M-packet capture and seek through it.

Run by hand (not a test)::

    python bench/bench_replay.py [--packets 1000000] [--seeks 1000] [--profile]

Uses the capture of ``bench_index.py`` (generated on first use; its largest connection has
100,000 segments, i.e. 200,000 steps). Two whole processes, one after the other:

* **replay** - build the index, then time ``replay_connection`` of the largest connection
  (the RFC 9293 model over every segment, into a Timeline), ``Timeline.states`` of both
  sides and building 1,000 random steps. Memory: the process's resident set before and
  after the replay (what the Timeline keeps) and its peak.
* **views** - the four views the target names (ladder, both state diagrams, explanation),
  laid out as in the window (``QT_QPA_PLATFORM=offscreen``), on their own Player: open the
  connection through ``ReplayLoader`` (replay and ladder layout in its worker thread, then
  every view's ``set_timeline``), then seek to random steps through the Player, as a click
  on the transport bar does. Each seek is timed until the event loop has painted the
  ladder and the explanation (paint events counted with an event filter) and any diagram
  whose look changed. Reported per seek: median, 95th percentile and maximum.
* **window** - the same in the real MainWindow (``open_connection``), with all its other
  panes (packet details, HTTP views, lessons, transport bar).

``--profile`` adds a cProfile listing of the replay and of the four views' seeks.
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
from simulator.net.capture.index import build_index
from simulator.net.capture.connection_replay import replay_connection

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

GUI_COMMON = r"""
import json, os, random, resource, statistics, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, ROOT)
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt
from PySide6.QtWidgets import QApplication
app = QApplication([])
QCoreApplication.setOrganizationName("protocol-sim-bench")
from simulator.net.capture.index import build_index

ix = build_index(PATH)
conn = max(ix.connections, key=lambda c: sum(c.packets))


class PaintCounter(QObject):
    def __init__(self, watched):
        super().__init__()
        self.painted = set()
        for w in watched:
            w.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.painted.add(obj)
        return False


def open_with(loader, start):
    # start() the replay; run the event loop until the loader's slots have shown it, paint
    loop = QEventLoop()
    loader.loaded.connect(loop.quit)  # connected after the slots that show the timeline
    t = time.perf_counter()
    start()
    loop.exec()
    return time.perf_counter() - t


def seeks(player, ladder, diagrams, explanation, top):
    # Seek as a click on the transport bar does, then let the event loop paint what changed:
    # until the ladder and the explanation have painted (a diagram whose look did not
    # change has nothing to paint), then once more for the rest.
    counter = PaintCounter([ladder.viewport(), explanation.viewport()]
                           + [d.viewport() for d in diagrams])
    must = {ladder.viewport(), explanation.viewport()}
    rng = random.Random(11)
    picks = [rng.randrange(len(player.timeline)) for _ in range(SEEKS)]
    times = []
    for k in picks:
        counter.painted.clear()
        t0 = time.perf_counter()
        player.seek(k)
        for _ in range(50):
            app.processEvents()
            if must <= counter.painted:
                break
        app.processEvents()
        times.append(time.perf_counter() - t0)
        assert must <= counter.painted
    times.sort()
    if PROFILE:
        import cProfile, pstats, io
        prof = cProfile.Profile()
        prof.enable()
        for k in picks[:300]:
            player.seek(k)
            app.processEvents()
        prof.disable()
        text = io.StringIO()
        pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(15)
        print(text.getvalue(), file=sys.stderr)
    return {"seek_median_ms": 1000 * statistics.median(times),
            "seek_p95_ms": 1000 * times[int(0.95 * len(times)) - 1],
            "seek_max_ms": 1000 * times[-1], "seeks": len(times),
            "ladder_items": len(ladder.scene().items()),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
"""

VIEWS = GUI_COMMON + r"""
# The four views the target names, laid out as in the window, on their own Player.
from PySide6.QtWidgets import QSplitter
from simulator.ui.tcp.explanation_panel import ExplanationPanel
from simulator.ui.tcp.ladder_view import LadderView
from simulator.ui.common.player import Player
from simulator.ui.capture.replay_loader import ReplayLoader
from simulator.ui.tcp.state_diagram_view import StateDiagramView

views = QSplitter(Qt.Orientation.Vertical)
top = QSplitter(Qt.Orientation.Horizontal, views)
ladder = LadderView(top)
column = QSplitter(Qt.Orientation.Vertical, top)
diagrams = [StateDiagramView("client", column), StateDiagramView("server", column)]
explanation = ExplanationPanel(views)
top.setSizes([880, 560])
views.setSizes([640, 230])
views.resize(1400, 870)
views.show()
app.processEvents()
player = Player()
for view in (ladder, *diagrams, explanation):
    player.timeline_changed.connect(view.set_timeline)
    player.cursor_changed.connect(view.set_cursor)
loader = ReplayLoader(views)
loader.loaded.connect(lambda timeline, info, conn_id: player.set_timeline(timeline, 0))
open_s = open_with(loader, lambda: loader.start(ix, conn.id))
views.repaint()
open_s_painted = open_s
out = seeks(player, ladder, diagrams, explanation, views)
out["open_s"] = open_s
print(json.dumps(out))
"""

WINDOW = GUI_COMMON + r"""
from simulator.ui.app.main_window import MainWindow

window = MainWindow()
window.show()
app.processEvents()
window.capture_index = ix
window.capture_panel.set_index(ix)
open_s = open_with(window.replay_loader, lambda: window.open_connection(conn.id))
window.repaint()
assert len(window.timeline) == 2 * sum(conn.packets)
out = seeks(window.player, window.ladder, [window.client_diagram, window.server_diagram],
            window.explanation, window)
out["open_s"] = open_s
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
    for label, code in (("ladder + both state diagrams + explanation", VIEWS),
                        ("the whole window (also packet details, HTTP and lesson panes)",
                         WINDOW)):
        g = run(code, path, args.seeks, args.profile)
        print(f"{label}:")
        print(f"  open the connection: {g['open_s']:.3f} s until every view has it "
              "(replay and ladder layout in the worker thread)")
        print(f"  seek + paint, {g['seeks']} random steps: median {g['seek_median_ms']:.1f} ms, "
              f"p95 {g['seek_p95_ms']:.1f} ms, max {g['seek_max_ms']:.1f} ms (target <= 16 ms)")
        print(f"  ladder scene items at the end: {g['ladder_items']}; process peak RSS "
              f"{g['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
