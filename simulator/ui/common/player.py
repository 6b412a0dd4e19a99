"""The Player: the only owner of real time (ARCHITECTURE.md, idea 3).

It holds a Timeline and a cursor. Stepping, seeking and playing only move the cursor; views
redraw "the timeline at cursor i" when ``cursor_changed`` fires. ``progress`` in [0, 1] is the
fraction of the move from step i-1 to step i that has been animated, so arrows can fly;
stepping back or seeking jumps straight to progress 1, which is why stepping back shows
exactly what stepping forward showed.

Two pacings: *even* gives every step the same real time (STEP_SECONDS at 1×), which suits a
lesson; *real timing* plays the timeline's own clock (a capture's timestamps, a scenario's
virtual seconds) scaled by the speed factor, so a 200 ms RTT and a 1 s retransmission timeout
look as different as they were. In real timing the cursor is the next step to happen and
``progress`` is how far the clock has moved from the previous step's time towards it.
"""

from __future__ import annotations

import bisect
import enum

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from simulator.models.timeline.steps import Timeline
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP

TICK_MS = 33
STEP_SECONDS = 1.2  # real seconds one step takes at speed 1×
ANIMATE_SECONDS = 0.45  # a single step forward animates this long (at any speed)
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
REAL_SPEEDS = (0.001, 0.01, 0.1, 0.25, 0.5, 1.0, 2.0, 10.0, 100.0)


class Pacing(enum.Enum):
    """The value is the English name; show ``QCoreApplication.translate("Pacing", value)``."""

    EVEN = QT_TRANSLATE_NOOP("Pacing", "Even steps")
    REAL = QT_TRANSLATE_NOOP("Pacing", "Real timing")


class Player(QObject):
    cursor_changed = Signal(int, float)
    playing_changed = Signal(bool)
    timeline_changed = Signal(object)
    pacing_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeline: Timeline | None = None
        self._cursor = 0
        self._progress = 1.0
        self._playing = False
        self._speed = 1.0
        self._animating = False
        self._pacing = Pacing.EVEN
        self._clock_time = 0.0  # the timeline's time reached by real-timing playback
        self._times: list[float] | None = None  # step times, built when real timing needs them
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    # -------------------------------------------------------------- state
    @property
    def timeline(self) -> Timeline | None:
        return self._timeline

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def progress(self) -> float:
        return self._progress

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def pacing(self) -> Pacing:
        return self._pacing

    @property
    def last_index(self) -> int:
        return max(0, len(self._timeline) - 1) if self._timeline else 0

    def set_timeline(self, timeline: Timeline, cursor: int = 0) -> None:
        self.pause()
        self._timeline = timeline
        self._times = None
        self.timeline_changed.emit(timeline)
        self.seek(cursor)

    # -------------------------------------------------------------- moves
    def seek(self, index: int) -> None:
        if self._timeline is None:
            return
        self._animating = False
        self._cursor = max(0, min(index, self.last_index))
        self._progress = 1.0
        self.cursor_changed.emit(self._cursor, 1.0)

    def first(self) -> None:
        self.pause()
        self.seek(0)

    def last(self) -> None:
        self.pause()
        self.seek(self.last_index)

    def step_back(self) -> None:
        self.pause()
        self.seek(self._cursor - 1)

    def step_forward(self, animate: bool = True) -> None:
        """One step on; the arrow of the new step flies for ANIMATE_SECONDS."""
        if self._playing:
            self.pause()
        if self._timeline is None or self._cursor >= self.last_index:
            return
        self._cursor += 1
        if not animate:
            self.seek(self._cursor)
            return
        self._progress = 0.0
        self._animating = True
        self._clock.start()
        self._timer.start()
        self.cursor_changed.emit(self._cursor, 0.0)

    def play(self) -> None:
        if self._timeline is None or self._playing:
            return
        if self._cursor >= self.last_index:
            self.seek(0)
        self._playing = True
        self._animating = False
        self._clock_time = self._step_times()[self._cursor]
        self._clock.start()
        self._timer.start()
        self.playing_changed.emit(True)

    def pause(self) -> None:
        if not self._playing:
            return
        self._playing = False
        self._timer.stop()
        if self._progress < 1.0:
            self._progress = 1.0
            self.cursor_changed.emit(self._cursor, 1.0)
        self.playing_changed.emit(False)

    def toggle(self) -> None:
        self.pause() if self._playing else self.play()

    def set_speed(self, speed: float) -> None:
        self._speed = max(0.0001, speed)

    def set_pacing(self, pacing: Pacing) -> None:
        if pacing is self._pacing:
            return
        self._pacing = pacing
        if self._playing:
            self._clock_time = self._step_times()[self._cursor]
        self.pacing_changed.emit(pacing)

    def _step_times(self) -> list[float]:
        if self._times is None:
            self._times = [step.time for step in self._timeline] if self._timeline else [0.0]
        return self._times

    # -------------------------------------------------------------- real time
    def _tick(self) -> None:
        self.advance(self._clock.restart() / 1000.0)

    def advance(self, elapsed: float) -> None:
        """Move playback on by ``elapsed`` real seconds (the timer calls this every tick; tests
        call it directly, so they never depend on the wall clock)."""
        if self._animating:
            self._progress = min(1.0, self._progress + elapsed / ANIMATE_SECONDS)
            self.cursor_changed.emit(self._cursor, self._progress)
            if self._progress >= 1.0:
                self._animating = False
                self._timer.stop()
            return
        if not self._playing:
            self._timer.stop()
            return
        if self._pacing is Pacing.REAL:
            self._tick_real_time(elapsed)
            return
        self._progress += elapsed * self._speed / STEP_SECONDS
        if self._progress >= 1.0:
            if self._cursor >= self.last_index:
                self._progress = 1.0
                self.cursor_changed.emit(self._cursor, 1.0)
                self.pause()
                return
            self._cursor += 1
            self._progress = 0.0
        self.cursor_changed.emit(self._cursor, self._progress)

    def _tick_real_time(self, elapsed: float) -> None:
        """Advance the timeline's clock by elapsed × speed; the cursor is the first step not yet
        reached (several steps at one instant pass together, as they did)."""
        times = self._step_times()
        self._clock_time += elapsed * self._speed
        if self._clock_time >= times[-1]:
            self._cursor = self.last_index
            self._progress = 1.0
            self.cursor_changed.emit(self._cursor, 1.0)
            self.pause()
            return
        upcoming = max(self._cursor, bisect.bisect_right(times, self._clock_time))
        self._cursor = min(upcoming, self.last_index)
        before = times[self._cursor - 1] if self._cursor > 0 else times[0]
        gap = times[self._cursor] - before
        self._progress = 1.0 if gap <= 0 else min(1.0, (self._clock_time - before) / gap)
        self.cursor_changed.emit(self._cursor, self._progress)

    def seconds_to_next_step(self) -> float | None:
        """Real seconds until the cursor's step happens, in real-timing playback (else None)."""
        if not self._playing or self._pacing is not Pacing.REAL:
            return None
        return max(0.0, (self._step_times()[self._cursor] - self._clock_time) / self._speed)
