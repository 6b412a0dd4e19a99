"""What-if on a replayed capture in the window: D at a step loses its segment and the TCP
model runs on from there (``simulator.models.simulation.capture_what_if``).

``CaptureWhatIfs`` keeps the replay the what-if was made from, puts the what-if's timeline
on the stage and a banner above it that says, in the interface language, that the steps
from N on are simulated ("simulated from step N", steps counted from 1 as the transport bar
counts them) and which packet was lost, with a button back to the capture. D again in the
simulated part loses that segment too (the run is deterministic, so the same fork gives the
same steps up to it); D in the replayed part starts a new what-if from there. The packet
details follow the cursor through the replayed steps (they are the capture's packets).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from simulator.models.simulation.capture_what_if import (
    CaptureWhatIf,
    WhatIfFailed,
    WhatIfRefused,
    capture_what_if,
)
from simulator.models.timeline.steps import StepKind, Timeline
from simulator.ui.app.capture_source import CaptureSource
from simulator.ui.app.stage import Stage
from simulator.ui.capture.packet_detail_view import captured_packet_number
from simulator.ui.common import palette
from simulator.ui.common.player import Player
from simulator.ui.text.i18n import is_language_change
from simulator.ui.text.model_text import translate_text


class _Window(Protocol):
    """What the what-ifs use of the main window."""

    stage: Stage
    captures: CaptureSource
    player: Player
    reset_action: QAction

    @property
    def scenario_name(self) -> str: ...

    def statusBar(self) -> QStatusBar: ...

BANNER_FILL = palette.WARNING_FILL
BANNER_EDGE = palette.CURRENT_STATE_BORDER_SHADE


class WhatIfBanner(QFrame):
    """Above the stage while a what-if of a capture plays: what is simulated from where."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("what-if-banner")
        self.setFrameShape(QFrame.Shape.Box)
        self.setAutoFillBackground(True)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.back = QPushButton(self)
        self.back.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrow keys stay the Player's
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.back, 0, Qt.AlignmentFlag.AlignVCenter)
        self._what_if: CaptureWhatIf | None = None
        self._packet: int | None = None
        self.retranslate()
        self.hide()

    def show_what_if(self, what_if: CaptureWhatIf, packet: int | None) -> None:
        self._what_if, self._packet = what_if, packet
        self.retranslate()
        self.show()

    @property
    def text(self) -> str:
        """The banner's words, without markup (for tests and screen readers)."""
        return self.label.text().replace("<b>", "").replace("</b>", "")

    def retranslate(self) -> None:
        self.back.setText(self.tr("Back to the capture"))
        self.back.setToolTip(self.tr("Replay the captured connection again, as it "
                                     "happened"))
        w = self._what_if
        if w is None:
            return
        n = w.first_simulated_step
        lost = (self.tr("packet {number}").format(number=self._packet)
                if self._packet is not None else f"#{w.lost}")
        head = self.tr("What-if: simulated from step {step}").format(step=n)
        rest = self.tr("Steps 1 to {last} are the capture as replayed; then {lost} is lost "
                       "and the TCP model runs both sides on.").format(last=n - 1, lost=lost)
        self.label.setText(f"<b>{head}</b> — {rest}")
        self.setAccessibleName(f"{head}. {rest}")
        self._colour()

    def _colour(self) -> None:
        dark = palette.widget_is_dark(self.parentWidget())
        p = self.palette()
        p.setColor(QPalette.ColorRole.Window, BANNER_FILL.pick(dark))
        p.setColor(QPalette.ColorRole.WindowText, palette.INK_SHADE.pick(dark))
        p.setColor(QPalette.ColorRole.Light, BANNER_EDGE.pick(dark))
        p.setColor(QPalette.ColorRole.Dark, BANNER_EDGE.pick(dark))
        self.setPalette(p)

    def showEvent(self, event: QShowEvent) -> None:
        self._colour()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)


class CaptureWhatIfs(QObject):
    """The window's what-ifs of the replayed capture (see the module's docstring)."""

    def __init__(self, window: _Window, parent: QObject) -> None:
        super().__init__(parent)
        self._window = window
        self.banner = WhatIfBanner(window.stage)
        layout = window.stage.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.banner)  # over the ladder and the details
        self.current: CaptureWhatIf | None = None
        self._origin = 0  # the replay's step the learner pressed D at

    @property
    def active(self) -> bool:
        return self.current is not None

    def shows(self, timeline: Timeline) -> bool:
        return self.current is not None and timeline is self.current.timeline

    def drop(self, index: int) -> str:
        """Lose the segment of step ``index`` of the timeline on the stage (the capture, or a
        what-if of it); the status bar's message."""
        w = self._window
        current = self.current
        replay = w.captures.replayed_timeline
        if replay is None:
            return self.tr("What-if works on scenarios and replayed captures.")
        if current is not None and index >= current.fork:
            step = current.timeline[index]
            if step.segment is None or step.kind is StepKind.LOSE:
                return self.tr("This step has no segment on the wire to drop.")
            origin, also = self._origin, current.also_lost | {step.segment.id}
            lost_id = step.segment.id
        else:
            origin, also, lost_id = index, frozenset(), None
        packet = captured_packet_number(replay, replay[origin]) if 0 <= origin < len(
            replay) else None
        info = w.captures.replayed_info
        rtt = info.rtt if info is not None else None
        try:
            what_if = capture_what_if(replay, origin, packet=packet, also_lost=also,
                                      one_way_delay=rtt / 2 if rtt else None)
        except (WhatIfRefused, WhatIfFailed) as refused:
            return translate_text(str(refused))
        self.current, self._origin = what_if, origin
        lost = what_if.lost if lost_id is None else lost_id
        self.banner.show_what_if(what_if, packet)
        w.player.set_timeline(what_if.timeline, 0)
        where = [s.index for s in what_if.timeline if s.kind is StepKind.LOSE
                 and s.segment is not None and s.segment.id == lost]
        w.player.seek(where[0] if where else what_if.fork)
        w.reset_action.setEnabled(True)
        return self.tr("What-if: {lost} is lost from step {step} on; the TCP model runs both "
                       "sides. Step forward to watch TCP react.").format(
            lost=(self.tr("packet {number}").format(number=packet)
                  if packet is not None and lost_id is None else f"#{lost}"),
            step=what_if.first_simulated_step)

    def drop_segment(self, segment: int) -> str:
        """D at the step that sends the replay's segment ``segment`` (``--drop`` with
        ``--open``: the number the JSON export gives it)."""
        replay = self._window.captures.replayed_timeline
        if replay is None or not 0 <= segment < len(replay.segments):
            return self.tr("This step has no segment on the wire to drop.")
        self.current = None
        return self.drop(replay.segments[segment].sent_step)

    def back(self) -> None:
        """The capture again, at the step the learner lost a segment from."""
        current, replay = self.current, self._window.captures.replayed_timeline
        self.clear()
        self._window.statusBar().clearMessage()
        if current is not None and replay is not None:
            self._window.player.set_timeline(replay, min(self._origin, len(replay) - 1))

    def clear(self) -> None:
        """Another timeline takes the stage: no what-if any more."""
        self.current = None
        self.banner.hide()
        self._window.reset_action.setEnabled(bool(self._window.scenario_name))

    def show_packet(self, index: int) -> bool:
        """The packet details at a replayed step of the what-if (True if it is one)."""
        current = self.current
        if current is None or not 0 <= index < current.fork:
            return False
        self._window.captures.show_packet(current.replay, current.replay[index])
        return True
