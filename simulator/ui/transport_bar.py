"""Transport controls: first / back / play-pause / forward / last, pacing, speed and a scrub
slider.

The bar forwards every input to the Player and only mirrors the Player's cursor; it keeps
no position of its own. Buttons and slider take no keyboard focus so that the window's
shortcuts (Space, Left, Right, Home, End) always reach the Player.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

from simulator.models.timeline import Timeline
from simulator.ui.player import REAL_SPEEDS, SPEEDS, Pacing, Player


class TransportBar(QWidget):
    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._player = player
        style = self.style()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)

        def button(icon: QStyle.StandardPixmap, tip: str, slot: object) -> QToolButton:
            b = QToolButton(self)
            b.setIcon(style.standardIcon(icon))
            b.setToolTip(tip)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(slot)
            layout.addWidget(b)
            return b

        self.first_button = button(QStyle.StandardPixmap.SP_MediaSkipBackward,
                                   "First step (Home)", player.first)
        self.back_button = button(QStyle.StandardPixmap.SP_MediaSeekBackward,
                                  "Step back (Left)", player.step_back)
        self.play_button = button(QStyle.StandardPixmap.SP_MediaPlay, "Play / pause (Space)",
                                  player.toggle)
        self.forward_button = button(QStyle.StandardPixmap.SP_MediaSeekForward,
                                     "Step forward (Right)", player.step_forward)
        self.last_button = button(QStyle.StandardPixmap.SP_MediaSkipForward, "Last step (End)",
                                  player.last)

        self.pacing_box = QComboBox(self)
        self.pacing_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pacing_box.setToolTip(
            "Even steps: every step takes the same time.\n"
            "Real timing: follow the timeline's own clock (a capture's timestamps),\n"
            "scaled by the speed factor.")
        for pacing in Pacing:
            self.pacing_box.addItem(pacing.value, pacing)
        self.pacing_box.currentIndexChanged.connect(
            lambda i: player.set_pacing(self.pacing_box.itemData(i)))
        layout.addWidget(self.pacing_box)

        self.speed_box = QComboBox(self)
        self.speed_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.speed_box.setToolTip("Playback speed")
        self._fill_speeds(SPEEDS)
        self.speed_box.currentIndexChanged.connect(self._on_speed)
        layout.addWidget(QLabel("Speed", self))
        layout.addWidget(self.speed_box)

        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider.setToolTip("Scrub through the steps")
        self.slider.valueChanged.connect(self._on_slider)
        layout.addWidget(self.slider, 1)
        self.position_label = QLabel(self)
        self.position_label.setMinimumWidth(170)
        layout.addWidget(self.position_label)

        player.timeline_changed.connect(self._on_timeline)
        player.cursor_changed.connect(self._on_cursor)
        player.playing_changed.connect(self._on_playing)
        player.pacing_changed.connect(self._on_pacing)

    def _fill_speeds(self, speeds: tuple[float, ...]) -> None:
        self.speed_box.blockSignals(True)
        self.speed_box.clear()
        for speed in speeds:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setCurrentIndex(speeds.index(1.0))
        self.speed_box.blockSignals(False)
        self._player.set_speed(1.0)

    def _on_speed(self, i: int) -> None:
        if i >= 0:
            self._player.set_speed(float(self.speed_box.itemData(i)))

    def _on_pacing(self, pacing: Pacing) -> None:
        self._fill_speeds(REAL_SPEEDS if pacing is Pacing.REAL else SPEEDS)
        self.pacing_box.blockSignals(True)
        self.pacing_box.setCurrentIndex(list(Pacing).index(pacing))
        self.pacing_box.blockSignals(False)

    def _on_timeline(self, timeline: Timeline) -> None:
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(timeline) - 1))
        self.slider.blockSignals(False)

    def _on_slider(self, value: int) -> None:
        if value != self._player.cursor:
            self._player.pause()
            self._player.seek(value)

    def _on_cursor(self, index: int, _progress: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(index)
        self.slider.blockSignals(False)
        timeline = self._player.timeline
        if timeline is not None and len(timeline):
            step = timeline[index]
            text = f"Step {index + 1} / {len(timeline)}   t = {step.time:.3f} s"
            wait = self._player.seconds_to_next_step()
            if wait is not None and wait >= 1.0:
                text += f"   (next in {wait:.0f} s)"
            self.position_label.setText(text)
        self.back_button.setEnabled(index > 0)
        self.first_button.setEnabled(index > 0)
        at_end = index >= self._player.last_index
        self.forward_button.setEnabled(not at_end)
        self.last_button.setEnabled(not at_end)

    def _on_playing(self, playing: bool) -> None:
        icon = (QStyle.StandardPixmap.SP_MediaPause if playing
                else QStyle.StandardPixmap.SP_MediaPlay)
        self.play_button.setIcon(self.style().standardIcon(icon))
