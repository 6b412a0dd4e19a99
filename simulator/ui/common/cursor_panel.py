"""The base of the views that follow the Player's cursor and draw one snapshot per step.

Theory of operation
-------------------
The Player (``player.py``) owns the cursor; a view that shows "the timeline at the cursor" is
given the timeline (``set_timeline``) and then every cursor move (``set_cursor``). Playback
repeats the same index while an arrow flies, so the view remembers which (timeline, step) it
shows and draws again only when that changes. The subclass says which part of a step it draws
(``snapshot_at``: None where the step has none); a cursor outside the timeline, or no timeline,
counts as none too, and the view shows its placeholder for None. A view that reads more of the
step than its snapshot (the step's time) overrides ``show_step``; one that looks at the whole
timeline first (to decide which parts to show) overrides ``set_timeline`` and calls it.

The view keeps nothing but that snapshot: ``redraw`` draws it, in the palette's colours and the
interface language, so a palette change redraws and a language change calls ``retranslate``
(which by default just redraws).

``CursorFollower`` is that behaviour, mixed in before the Qt widget class it draws on (a text
browser, say); ``CursorPanel`` is the common case, a plain ``QWidget`` holding other widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from simulator.models.timeline.steps import Step, Timeline
from simulator.ui.text.i18n import is_language_change

SnapshotT = TypeVar("SnapshotT")

if TYPE_CHECKING:  # to the type checker the mixin is a widget; at run time the Qt class
    WidgetMixinBase = QWidget  # mixed in after it (QWidget, QTextBrowser, …) is the widget
else:
    WidgetMixinBase = object


class CursorFollower(Generic[SnapshotT], WidgetMixinBase):
    """Draws the ``SnapshotT`` of the step at the cursor (None: its placeholder); mix in
    before a Qt widget class: ``class View(CursorFollower[Snap], QTextBrowser)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline: Timeline | None = None
        self._shown: tuple[int, int] | None = None  # (id of the timeline, step index)
        self._snapshot: SnapshotT | None = None

    # ------------------------------------------------------------------ timeline protocol
    @property
    def timeline(self) -> Timeline | None:
        """The timeline followed (None before ``set_timeline``)."""
        return self._timeline

    def set_timeline(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._shown = None

    def set_cursor(self, index: int, _progress: float = 1.0) -> None:
        timeline = self._timeline
        if timeline is None or not 0 <= index < len(timeline):
            self._shown = None
            self.show_snapshot(None)
            return
        key = (id(timeline), index)
        if key != self._shown:  # playback repeats the index while an arrow flies
            self._shown = key
            self.show_step(timeline[index])

    def show_step(self, step: Step) -> None:
        """The cursor moved to this step: show its snapshot."""
        self.show_snapshot(self.snapshot_at(step))

    # ------------------------------------------------------------------ drawing
    @property
    def snapshot(self) -> SnapshotT | None:
        """What the view shows (None: its placeholder)."""
        return self._snapshot

    def snapshot_at(self, step: Step) -> SnapshotT | None:
        """The part of this step the view draws."""
        raise NotImplementedError

    def show_snapshot(self, snapshot: SnapshotT | None) -> None:
        self._snapshot = snapshot
        self.redraw()

    def redraw(self) -> None:
        """Draw ``snapshot`` (or the placeholder) in the current palette and language."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """The interface language changed: draw the words again."""
        self.redraw()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.redraw()
        elif is_language_change(event):
            self.retranslate()


class CursorPanel(CursorFollower[SnapshotT], QWidget):
    """A plain widget following the cursor (its subclass lays out the widgets it draws in)."""
