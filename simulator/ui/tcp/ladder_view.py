"""The ladder (sequence) diagram: two lifelines, time flowing down, one arrow per segment,
and the layers above TCP on it — HTTP messages on their segments, the server's call chain
beside its lifeline.

Theory of operation
-------------------
Legible first. The scene is scaled so that its body text (``ladder_fonts.FONT_UNITS``) is
``legibility().text_px()`` pixels on screen, whatever the view's size: at 12 px on a 720-line
screen, 14 px on a 1080-line one, more when zoomed or presenting (``changed`` lays it out
again). The view's *width* does not scale anything: it places the lifelines
(``ladder_layout.lanes_for``), and labels that do not fit wrap or are abbreviated
(``ladder_label``). Below ``MIN_SPAN`` between the lifelines the scene grows wider than the
view and scrolls. The endpoints' header is a widget pinned above the scene
(``ladder_header``): it stays in view however far the learner scrolls.

The items themselves are ``ladder_scene``'s, built near the "now" line and what is on screen
(a replayed capture has 100,000 segments). The view keeps the "now" line two thirds down as
the cursor moves, rebuilds the items when the width, the text size or the language changes
(at the same cursor and scroll position), and turns a click within a few pixels of an arrow
into the step that sent it (``segment_clicked``).

Colours follow the view's palette: items pick theirs when painted (``palette.look_for``), so
on a palette change the view only resets its background and repaints.

The view keeps no protocol state: everything comes from the Timeline and the cursor.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QMouseEvent, QPainter, QResizeEvent, QTransform
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from simulator.models.tcp.phrase import Rendering
from simulator.models.timeline.numbers import segment_label
from simulator.models.timeline.steps import SegmentRecord, Timeline
from simulator.ui.common import palette
from simulator.ui.common.legibility import legibility
from simulator.ui.tcp.ladder_axis import LadderAxis
from simulator.ui.tcp.ladder_badges import StateBadgeItem
from simulator.ui.tcp.ladder_facts import LadderFacts, facts_of
from simulator.ui.tcp.ladder_fonts import FONT_UNITS, sizes_used
from simulator.ui.tcp.ladder_frame import BreakItem
from simulator.ui.tcp.ladder_header import LadderHeader
from simulator.ui.tcp.ladder_items import SegmentArrowItem
from simulator.ui.tcp.ladder_label import SegmentLabelItem
from simulator.ui.tcp.ladder_lane import ServerLaneItem
from simulator.ui.tcp.ladder_layout import MIN_SPAN, LadderLayout, Lanes, layout_of
from simulator.ui.tcp.ladder_scene import LadderScene, Range
from simulator.ui.text.i18n import is_language_change

FULL_BUILD_SEGMENTS = 400  # up to this many segments (and steps), build every item once
FULL_BUILD_STEPS = 1000
FOLLOW_AT = 0.65  # the "now" line sits this far down the viewport
WINDOW_MARGIN = 0.5  # build items this many viewport heights beyond what is shown
MIN_WINDOW = 600.0  # scene units, when the viewport is not laid out yet
CLICK_PX = 6.5  # a click this close to an arrow's line (in pixels) is a click on it


class LadderView(QGraphicsView):
    """Sequence diagram of the timeline at the cursor (see the module docstring)."""

    segment_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        scene = QGraphicsScene(self)
        # A few hundred items at most, added and removed as the window moves: a linear
        # search is cheaper than keeping a BSP tree up to date.
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        # Always there, so the width the lanes are laid out for does not change when the
        # scene grows taller than the view.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._header = LadderHeader(self)
        self._timeline: Timeline | None = None
        self._layout: LadderLayout | None = None
        self._facts: LadderFacts | None = None
        self._items: LadderScene | None = None
        self._full = True
        self._relative = True
        self._index = -1
        self._progress = 1.0
        self._scale = 1.0
        self._click_taken = False
        self._following = False
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self._place_header())
        legibility().changed.connect(self._on_text_size)
        self._apply_scale()
        self._apply_theme()

    # ------------------------------------------------------------------ public API

    def set_timeline(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._layout = layout = layout_of(timeline)
        self._facts = facts = facts_of(timeline)
        self._full = (layout.segment_count <= FULL_BUILD_SEGMENTS
                      and len(timeline) <= FULL_BUILD_STEPS)
        self._items = LadderScene(self.scene(), timeline, layout, facts, self._label)
        self._index = len(timeline) - 1 if len(timeline) else -1
        self._rebuild()
        self.set_cursor(self._index)

    def set_cursor(self, index: int, progress: float = 1.0) -> None:
        if self._timeline is None or self._items is None:
            return
        n = len(self._timeline)
        self._index = max(-1, min(index, n - 1))
        self._progress = min(1.0, max(0.0, progress))
        y_now = self._place_marker()
        if self.isVisible():
            self._following = True
            self._follow(y_now)
            self._following = False
        self._update_window()
        self._items.show_cursor(self._index, self._progress)
        self._show_addresses()

    def retranslate(self) -> None:
        """Rebuild the items at the same cursor and scroll position: labels, tooltips, stage
        names and break bands hold words of the interface language, and their widths decide
        the lanes."""
        self._header.update()
        if self._timeline is None:
            self.viewport().update()
            return
        self._relayout(force=True)

    def header(self) -> LadderHeader:
        """The endpoints' header pinned above the scene."""
        return self._header

    def header_titles(self) -> list[str]:
        """The lane titles as drawn ('Client', 'Server' in the interface language)."""
        return self._header.titles

    def set_relative_numbers(self, relative: bool) -> None:
        self._relative = relative
        if self._items is not None:
            self._items.renumber()

    def relative_numbers(self) -> bool:
        return self._relative

    def arrow_items(self) -> list[SegmentArrowItem]:
        """The arrows drawn (segments already sent at the cursor, near it or on screen),
        by segment id."""
        if self._items is None:
            return []
        return [a for _, a in sorted(self._items.arrows.items()) if a.isVisible()]

    def all_arrow_items(self) -> list[SegmentArrowItem]:
        """Every arrow item built (for a long timeline, only those near the window)."""
        return [] if self._items is None else [a for _, a in sorted(self._items.arrows.items())]

    def badge_items(self) -> list[StateBadgeItem]:
        if self._items is None:
            return []
        return [b for _, b in sorted(self._items.badges.items()) if b.isVisible()]

    def break_items(self) -> list[BreakItem]:
        if self._items is None:
            return []
        return [b for _, b in sorted(self._items.breaks.items()) if b.isVisible()]

    def lane_items(self) -> list[ServerLaneItem]:
        """The server's activation bars (one per request it runs) shown at the cursor."""
        return [] if self._items is None else [i for i in self._items.lane_items
                                               if i.isVisible()]

    def time_labels(self) -> list[str]:
        """The time labels shown at the cursor, top to bottom."""
        if self._items is None or self._items.time_axis is None:
            return []
        return self._items.time_axis.shown_texts()

    def lanes(self) -> Lanes:
        """Where the time labels and the lifelines are across (scene units)."""
        assert self._items is not None
        return self._items.lanes

    def sizeHint(self) -> QSize:
        """Wide enough for the lifelines' least span at the current text size (narrower, the
        scene scrolls sideways rather than shrink its words)."""
        width = 520.0
        if self._items is not None:
            lanes = self._items.lanes
            least = lanes.width - lanes.span + MIN_SPAN
            width = least * self._scale + self.verticalScrollBar().sizeHint().width()
        return QSize(round(width) + 2 * self.frameWidth(), 480)

    def rendered_text_px(self) -> float:
        """The smallest scene text drawn, in screen pixels: the smallest font the scene's
        items asked for (``ladder_fonts``, never below the body size) times the view's scale
        (the convention ``legibility.text_font`` documents)."""
        return min(sizes_used(), default=FONT_UNITS) * self._scale

    def text_scale(self) -> float:
        """Pixels on screen per scene unit (scene text is FONT_UNITS of them)."""
        return self._scale

    def marker_y(self) -> float:
        if self._items is None or self._items.marker is None:
            return 0.0
        return self._items.marker.line_y()

    @property
    def _axis(self) -> LadderAxis:
        assert self._layout is not None
        return self._layout.axis

    # ------------------------------------------------------------------ building

    def _label(self, record: SegmentRecord) -> tuple[str, str]:
        """The segment's label and its numbers alone, as the numbers module writes them (the
        one convention: each connection counts from its own ISNs, RFC 9293 §3.4), relative
        or absolute."""
        assert self._timeline is not None and self._layout is not None
        had_iss = bool(self._layout.columns.seg_sender_has_iss[record.id])
        label = segment_label(self._timeline, record, had_iss)
        rendering = Rendering(self._relative)
        return label.text(rendering), label.numbers(rendering)

    def _rebuild(self) -> None:
        assert self._items is not None
        self._items.hit_width = 2 * CLICK_PX / self._scale
        lanes = self._lanes_for_width()
        self._items.build(lanes, self._full)
        self._place_header()

    def _relayout(self, force: bool = False) -> None:
        """New lanes (the width or the text size changed) or new words: rebuild at the same
        cursor and scroll position."""
        if self._items is None:
            return
        if not force and self._lanes_for_width() == self._items.lanes:
            self._place_header()
            return
        bar = self.verticalScrollBar()
        value = bar.value()
        self._rebuild()
        self._place_marker()
        self._update_window()
        self._items.show_cursor(self._index, self._progress)
        bar.setValue(value)
        self.viewport().update()

    def _lanes_for_width(self) -> Lanes:
        """The lanes for the viewport's width at the current text size."""
        assert self._items is not None
        return self._items.lanes_for_width(max(self.viewport().width() - 2, 100) / self._scale)

    # ------------------------------------------------------------------ the window

    def _place_marker(self) -> float:
        """Put the "now" line at the cursor; returns its y."""
        assert self._layout is not None and self._items is not None
        y_now = self._layout.axis.y_at(self._index - 1 + self._progress)
        if self._items.marker is not None:
            self._items.marker.set_y(y_now)
        return y_now

    def _window(self) -> list[Range]:
        """The y ranges whose items must exist: around the "now" line and on screen."""
        assert self._layout is not None
        height = max(MIN_WINDOW, self.viewport().height() / self._scale)
        margin = WINDOW_MARGIN * height
        y_now = self._layout.axis.y_at(self._index - 1 + self._progress)
        ranges = [(y_now - FOLLOW_AT * height - margin, y_now + (1 - FOLLOW_AT) * height
                   + margin)]
        if self.isVisible():
            shown = self.mapToScene(self.viewport().rect()).boundingRect()
            ranges.append((shown.top() - margin, shown.bottom() + margin))
        return ranges

    def _update_window(self) -> None:
        if not self._full and self._items is not None and self._layout is not None:
            u = self._index - 1 + self._progress
            self._items.sync(self._window(), set(self._layout.current_badges(u).values()))

    def _on_scrolled(self, _value: int) -> None:
        if not self._following and not self._full and self._items is not None:
            self._update_window()
            self._items.show_cursor(self._index, self._progress)

    def _follow(self, y: float) -> None:
        """Keep the "now" line two thirds down the viewport: the past stays in view."""
        at = self.mapFromScene(QPointF(0, y)).y()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + round(at - FOLLOW_AT * self.viewport().height()))

    # ------------------------------------------------------------------ size and header

    def _apply_scale(self) -> None:
        """Scene units to pixels: the body text at the application's smallest text size."""
        self._scale = legibility().text_px() / FONT_UNITS
        self.setTransform(QTransform.fromScale(self._scale, self._scale))
        self.setViewportMargins(0, self._header.preferred_height(), 0, 0)

    def _on_text_size(self) -> None:
        self._apply_scale()
        self._header.updateGeometry()
        self._relayout(force=True)
        if self._items is not None and self.isVisible():
            self._follow(self.marker_y())

    def _place_header(self) -> None:
        frame = self.frameWidth()
        self._header.setGeometry(frame, frame, self.viewport().width(),
                                 self._header.preferred_height())
        if self._items is not None:
            lanes = self._items.lanes
            self._header.set_lanes(self.mapFromScene(QPointF(lanes.client_x, 0)).x(),
                                   self.mapFromScene(QPointF(lanes.server_x, 0)).x())

    def _show_addresses(self) -> None:
        tl = self._timeline
        if tl is None:
            return
        connection = tl.steps[self._index].connection if self._index >= 0 else 0
        info = next((c for c in tl.connections if c.number == connection), None)
        if info is not None:
            self._header.set_addresses(info.client_address, info.server_address)
        else:
            self._header.set_addresses(tl.addresses.get("client", ""),
                                       tl.addresses.get("server", ""))

    # ------------------------------------------------------------------ Qt events

    def _apply_theme(self) -> None:
        self.setBackgroundBrush(QBrush(palette.look(palette.is_dark(self.palette())).background))
        self.viewport().update()
        self._header.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()
        elif is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_header()
        self._relayout()
        if self._items is not None and self.isVisible():
            self._follow(self.marker_y())

    def arrow_near(self, pos: QPointF) -> SegmentArrowItem | None:
        """The shown arrow whose line (or label) is within ``CLICK_PX`` pixels of the
        viewport point ``pos``: the nearest if several."""
        p = pos.toPoint()
        reach = round(CLICK_PX) + 1
        around = QRect(p.x() - reach, p.y() - reach, 2 * reach + 1, 2 * reach + 1)
        at = self.mapToScene(p)
        best: tuple[float, SegmentArrowItem] | None = None
        for item in self.items(around):
            on_label = isinstance(item, SegmentLabelItem)
            node = item.owner if isinstance(item, SegmentLabelItem) else item
            if not isinstance(node, SegmentArrowItem) or not node.isVisible():
                continue
            on_label = on_label and item.contains(item.mapFromScene(at))
            distance = 0.0 if on_label else node.distance_to(at) * self._scale
            if distance <= CLICK_PX and (best is None or distance < best[0]):
                best = (distance, node)
        return None if best is None else best[1]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            arrow = self.arrow_near(event.position())
            if arrow is not None:
                self._click_taken = True
                event.accept()
                self.segment_clicked.emit(arrow.sent_step)
                return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._click_taken:
            self._click_taken = False
            event.accept()
            return
        super().mouseReleaseEvent(event)
