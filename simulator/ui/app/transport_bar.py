"""Transport controls: first / back / play-pause / forward / last, pacing, speed and a scrub
slider.

The bar forwards every input to the Player and only mirrors the Player's cursor; it keeps
no position of its own. Buttons and slider take no keyboard focus so that the window's
shortcuts (Space, Left, Right, Home, End) always reach the Player.

Its words (tooltips, the pacing names, "Speed", the position) are set in ``retranslate``,
called again on every language change.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

from simulator.models.timeline.steps import Timeline
from simulator.ui.common.player import REAL_SPEEDS, SPEEDS, Pacing, Player
from simulator.ui.text.i18n import is_language_change


class TransportBar(QWidget):
    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._player = player
        style = self.style()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)

        def button(icon: QStyle.StandardPixmap, slot: object) -> QToolButton:
            b = QToolButton(self)
            b.setIcon(style.standardIcon(icon))
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(slot)
            layout.addWidget(b)
            return b

        self.first_button = button(QStyle.StandardPixmap.SP_MediaSkipBackward, player.first)
        self.back_button = button(QStyle.StandardPixmap.SP_MediaSeekBackward, player.step_back)
        self.play_button = button(QStyle.StandardPixmap.SP_MediaPlay, player.toggle)
        self.forward_button = button(QStyle.StandardPixmap.SP_MediaSeekForward,
                                     player.step_forward)
        self.last_button = button(QStyle.StandardPixmap.SP_MediaSkipForward, player.last)

        self.pacing_box = QComboBox(self)
        self.pacing_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for pacing in Pacing:
            self.pacing_box.addItem(pacing.value, pacing)
        self.pacing_box.currentIndexChanged.connect(
            lambda i: player.set_pacing(self.pacing_box.itemData(i)))
        layout.addWidget(self.pacing_box)

        self.speed_box = QComboBox(self)
        self.speed_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._fill_speeds(SPEEDS)
        self.speed_box.currentIndexChanged.connect(self._on_speed)
        self.speed_label = QLabel(self)
        layout.addWidget(self.speed_label)
        layout.addWidget(self.speed_box)

        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider.valueChanged.connect(self._on_slider)
        layout.addWidget(self.slider, 1)
        self.position_label = QLabel(self)
        self.position_label.setMinimumWidth(170)
        layout.addWidget(self.position_label)
        self._position_fit: tuple[object, ...] | None = None

        player.timeline_changed.connect(self._on_timeline)
        player.cursor_changed.connect(self._on_cursor)
        player.playing_changed.connect(self._on_playing)
        player.pacing_changed.connect(self._on_pacing)
        self.retranslate()

    def retranslate(self) -> None:
        self.first_button.setToolTip(self.tr("First step (Home)"))
        self.back_button.setToolTip(self.tr("Step back (Left)"))
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.forward_button.setToolTip(self.tr("Step forward (Right)"))
        self.last_button.setToolTip(self.tr("Last step (End)"))
        self.pacing_box.setToolTip(self.tr(
            "Even steps: every step takes the same time.\n"
            "Real timing: follow the timeline's own clock (a capture's timestamps),\n"
            "scaled by the speed factor."))
        for i in range(self.pacing_box.count()):
            pacing = self.pacing_box.itemData(i)
            self.pacing_box.setItemText(i, QCoreApplication.translate("Pacing", pacing.value))
        self.speed_box.setToolTip(self.tr("Playback speed"))
        self.speed_label.setText(self.tr("Speed"))
        self.slider.setToolTip(self.tr("Scrub through the steps"))
        self._show_position(self._player.cursor)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:  # the text size changed: fit again
            self._position_fit = None
            self._fit_position()
        super().changeEvent(event)

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
        self._fit_position()

    def _on_timeline(self, timeline: Timeline) -> None:
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(timeline) - 1))
        self.slider.blockSignals(False)
        self._fit_position()

    def _on_slider(self, value: int) -> None:
        if value != self._player.cursor:
            self._player.pause()
            self._player.seek(value)

    def _on_cursor(self, index: int, _progress: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(index)
        self.slider.blockSignals(False)
        self._show_position(index)
        self.back_button.setEnabled(index > 0)
        self.first_button.setEnabled(index > 0)
        at_end = index >= self._player.last_index
        self.forward_button.setEnabled(not at_end)
        self.last_button.setEnabled(not at_end)

    def _position_text(self, n: int, total: int, time: float, wait: float | None) -> str:
        text = self.tr("Step {n} / {total}").format(n=n, total=total)
        text += f"   t = {time:.3f} s"
        if wait is not None and wait >= 1.0:
            text += "   " + self.tr("(next in {seconds} s)").format(seconds=f"{wait:.0f}")
        return text

    def _show_position(self, index: int) -> None:
        timeline = self._player.timeline
        if timeline is None or not 0 <= index < len(timeline):
            return
        self._fit_position()
        step = timeline[index]
        self.position_label.setText(self._position_text(
            index + 1, len(timeline), step.time, self._player.seconds_to_next_step()))

    def _fit_position(self) -> None:
        """Give the position a fixed size, that of its widest text for this timeline: the
        last step, the latest time and, in real timing, the longest wait the speed can give
        (the whole duration at this speed: 0.001× makes seconds into quarter hours), with
        every digit the widest. A label whose size follows its text asks the whole window
        to lay out again at every step, and the window repainted every pane (~5 ms a step
        on a big capture)."""
        timeline = self._player.timeline
        label = self.position_label
        if timeline is None or not len(timeline):
            return
        last = abs(timeline.duration)  # the time with the most digits
        real = self._player.pacing is Pacing.REAL  # only then "(next in N s)"
        wait = max(88.0, last / self._player.speed) if real else None
        key = (len(timeline), int(last), None if wait is None else len(f"{wait:.0f}"),
               label.font().key(), self.tr("Step {n} / {total}"))
        if key == self._position_fit:
            return
        self._position_fit = key
        widest = max("0123456789", key=label.fontMetrics().horizontalAdvance)
        sample = "".join(widest if c.isdigit() else c for c in self._position_text(
            len(timeline), len(timeline), last, wait))
        # measured as the label lays it out (fallback fonts for Chinese included)
        shown = label.text()
        label.setText(sample)
        hint = label.sizeHint()
        label.setText(shown)
        label.setFixedSize(max(170, hint.width() + 8), hint.height())

    def _on_playing(self, playing: bool) -> None:
        icon = (QStyle.StandardPixmap.SP_MediaPause if playing
                else QStyle.StandardPixmap.SP_MediaPlay)
        self.play_button.setIcon(self.style().standardIcon(icon))
