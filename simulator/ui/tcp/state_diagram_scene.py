"""The state diagram's scene: RFC 9293 figure 5's items, laid out for a viewport at a text size
and put in the look of a focus.

Theory of operation
-------------------
``DiagramScene`` holds one item per box (``GRID``), one arc and one label per (state, next)
pair of the transition table, and the header and footer strips. ``fit_to`` chooses the fonts
(``metrics``: the legibility floor, grown up to 1.5× when the viewport is roomy, never shrunk)
and places the grid (``state_diagram_layout.fit``); it only redoes that when the viewport or
the text size changed, so stepping never moves the figure. ``show_focus`` gives every box and
arc the role the focus says, sizes the boxes by role around their fixed centres, re-clips the
arcs to them (stopping a little short, so each name stands free), and labels the arc just
taken and the current state's outgoing arcs (``state_diagram_labels``); an outgoing label
with no room is left out. ``pan_goals`` says what the view must keep in sight, and what it
would like to.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsScene

from simulator.models.tcp.states import TcpState
from simulator.ui.common import palette
from simulator.ui.tcp.state_diagram_arcs import (
    arc_label_lines,
    broken_lines,
    drawn_as_stub,
    table_arcs,
    taken_label_lines,
)
from simulator.ui.tcp.state_diagram_focus import ArcRole, BoxRole, Focus
from simulator.ui.tcp.state_diagram_items import ArcItem, ArcLabelItem, StateBoxItem, StripItem
from simulator.ui.tcp.state_diagram_labels import (
    ALONG,
    LabelRequest,
    Obstacle,
    Placement,
    place_labels,
)
from simulator.ui.tcp.state_diagram_layout import (
    GRID,
    BoxSizes,
    Fit,
    arc_path,
    box_key,
    fit,
    route,
    stub_path,
)

Pair = tuple[TcpState, TcpState]
MAX_REMEMBERED_PLACEMENTS = 512  # foci whose labels are remembered (a few dozen in practice)
GROWTH = (1.5, 1.35, 1.2, 1.1, 1.0)  # text grows in a roomy view, never shrinks
CURRENT_SCALE, TAKEN_SCALE, TITLE_SCALE = 1.2, 1.15, 1.1
BOX_HEIGHT = 1.4  # a box is this many times its text's pixel size tall
# In text sizes: arcs stop this short of a box; an arrow head; a stub into CLOSED.
ARC_CLEARANCE, ARROW, STUB = 0.12, 0.5, 1.2
BOX_WEIGHT = {BoxRole.CURRENT: 90.0, BoxRole.LEFT: 50.0, BoxRole.NEAR: 40.0,
              BoxRole.FAINT: 5.0}  # what covering a box with a label costs, per px²


@dataclass(frozen=True)
class Metrics:
    """Fonts and sizes for one text size (``px``: the smallest text, after growth)."""

    px: float
    fonts: dict[BoxRole, QFont]
    boxes: BoxSizes
    label: QFont
    taken_label: QFont
    title: QFont
    caption: QFont

    def box_size(self, role: BoxRole) -> QSizeF:
        if role is BoxRole.CURRENT:
            return self.boxes.current
        return self.boxes.left if role is BoxRole.LEFT else self.boxes.small

    def strip_heights(self) -> tuple[float, float]:
        """(header, footer) heights: a line of title, a line of legend."""
        return StripItem.height_for(self.title), StripItem.height_for(self.label)

    def spacing(self) -> tuple[tuple[float, float], float]:
        """((gap between columns of boxes, gap between rows: room for an arrow between two
        boxes), room beside the outer columns for the stubs into CLOSED)."""
        arrow = 2 * ARC_CLEARANCE + ARROW + 0.3  # clear of both boxes, a head, some shaft
        stub = ARC_CLEARANCE + STUB + ARROW * 0.7  # ... and its ring
        return (0.6 * self.px, arrow * self.px), (stub + 0.2) * self.px


def _font(px: float, bold: bool = False) -> QFont:
    return palette.font(math.ceil(px - 1e-6), bold=bold)  # never rounded below the floor


def _name_font(px: float) -> QFont:
    """A receding state's name: the smallest size, but a heavier weight than body text, so
    that it still reads on a projector (and in an OCR pass of a screenshot)."""
    font = _font(px)
    font.setWeight(QFont.Weight.DemiBold)
    return font


def metrics(px: float) -> Metrics:
    """The diagram's fonts with ``px`` as the smallest text."""
    fonts = {BoxRole.FAINT: _name_font(px), BoxRole.NEAR: _name_font(px),
             BoxRole.LEFT: _font(px, True), BoxRole.CURRENT: _font(px * CURRENT_SCALE, True)}

    def box(font: QFont) -> QSizeF:
        # sized by the pixel size, not the line height: a CJK family first in the fallbacks
        # (the app's font) has a line half as tall again, and the names are Latin capitals
        size = font.pixelSize()
        widest = max(QFontMetricsF(font).horizontalAdvance(s.rfc_name) for s in TcpState)
        return QSizeF(widest + size * 0.9, size * BOX_HEIGHT)

    sizes = BoxSizes(box(fonts[BoxRole.FAINT]), box(fonts[BoxRole.LEFT]),
                     box(fonts[BoxRole.CURRENT]))
    return Metrics(px, fonts, sizes, _font(px), _font(px * TAKEN_SCALE, True),
                   _font(px * TITLE_SCALE, True), _font(px, True))


class DiagramScene(QGraphicsScene):
    """Figure 5's items for one endpoint, laid out in view pixels."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, StateBoxItem] = {}
        self.arcs: dict[Pair, ArcItem] = {}
        self.labels: dict[Pair, ArcLabelItem] = {}
        self.header, self.footer = StripItem(), StripItem()
        self.metrics = metrics(12.0)
        self.fit: Fit | None = None
        self._fitted_for: tuple[float, float, float] = (0.0, 0.0, 0.0)
        # Label placements already found for this fit, by focus and words: placing them is
        # the costly part of a step (a search over candidate spots), and a replay revisits
        # the same few foci thousands of times.
        self._placements: dict[Hashable, list[Placement | None]] = {}
        for key in GRID:
            state = TcpState.CLOSED if key.startswith("CLOSED") else TcpState[key]
            self.boxes[key] = StateBoxItem(state, key)
            self.addItem(self.boxes[key])
        for (state, nxt), rows in table_arcs().items():
            arc = ArcItem(state, nxt, rows, minor=drawn_as_stub(nxt, rows))
            self.arcs[arc.key], self.labels[arc.key] = arc, ArcLabelItem(arc.key)
            self.addItem(arc)
            self.addItem(self.labels[arc.key])
        self.addItem(self.header)
        self.addItem(self.footer)

    # ------------------------------------------------------------------ fitting

    def fit_to(self, viewport: QSizeF, floor: float, force: bool = False) -> None:
        """Fonts and grid for a viewport, with ``floor`` px as the smallest text: the largest
        growth at which the whole figure (and the legend) fits roomily, else the floor, packed
        (the view then pans; the legend is left out)."""
        key = (viewport.width(), viewport.height(), floor)
        if key == self._fitted_for and self.fit is not None and not force:
            return
        self._fitted_for = key
        self._placements.clear()
        for growth in GROWTH:
            m = metrics(floor * growth)
            header, footer = m.strip_heights()
            whole = fit(viewport, header, footer, m.boxes, *m.spacing())
            roomy = whole.pitch >= 1.35 * (m.boxes.current.height() + m.px)
            if whole.fits and (roomy or growth == GROWTH[-1]):
                self.metrics, self.fit = m, whole
                self.footer.setVisible(True)
                break
        else:
            self.fit = fit(viewport, header, 0.0, m.boxes, *m.spacing())
            self.metrics = m
            self.footer.setVisible(False)
        self.setSceneRect(self.fit.scene)

    def figure_area(self) -> QRectF:
        """The scene below the header band and above a shown footer."""
        assert self.fit is not None
        scene, header = self.fit.scene, self.header.height()
        footer = self.footer.height() if self.footer.isVisible() else 0.0
        return QRectF(0, header, scene.width(), scene.height() - header - footer)

    def row_gaps(self) -> list[float]:
        """The scene y of the top of the figure and of the gaps between rows of boxes."""
        assert self.fit is not None
        rows = sorted({c.y() for c in self.fit.centres.values()})
        return [self.header.height()] + [(a + b) / 2 for a, b in itertools.pairwise(rows)]

    # ------------------------------------------------------------------ the focus

    def show_focus(self, focus: Focus) -> None:
        """Roles, sizes, arcs and labels for ``focus`` (after ``fit_to``)."""
        assert self.fit is not None
        m = self.metrics
        out = [pair for pair in self.arcs if focus.arc_role(pair) is ArcRole.OUT
               and box_key(pair[0]) == focus.current_key]
        near = {box_key(b, arriving_from=a) for a, b in out if not self.arcs[(a, b)].minor}
        for key, box in self.boxes.items():
            role = focus.box_role(key, near)
            size, centre = m.box_size(role), self.fit.centres[key]
            box.set_geometry(QRectF(centre - QPointF(size.width(), size.height()) / 2, size),
                             m.fonts[role])
            box.set_look(role, box.pulse)
        clear = ARC_CLEARANCE * m.px
        for (a, b), arc in self.arcs.items():
            start = self.boxes[box_key(a)].rect().adjusted(-clear, -clear, clear, clear)
            if arc.minor:
                path = stub_path(start, a, STUB * m.px)
            else:
                end = self.boxes[box_key(b, arriving_from=a)].rect()
                path = arc_path(start, end.adjusted(-clear, -clear, clear, clear),
                                route(a, b), 0.5 * m.boxes.small.width())
            arc.set_path(path, ARROW * m.px)
            arc_role = ArcRole.TAKEN if (a, b) in focus.taken else (
                ArcRole.OUT if (a, b) in out else ArcRole.FAINT)
            arc.set_look(arc_role, arc.dot if arc_role is ArcRole.TAKEN else None)
        self._place_labels(focus, out)

    def _place_labels(self, focus: Focus, out: list[Pair]) -> None:
        m = self.metrics
        wanted = [(pair, taken_label_lines(focus.taken_rows(pair)), m.taken_label,
                   ArcRole.TAKEN) for pair in focus.taken]
        wanted += [(pair, arc_label_lines(self.arcs[pair].rows), m.label, ArcRole.OUT)
                   for pair in out]
        area = self.figure_area().adjusted(2, 2, -2, -2)
        key = (focus, tuple((pair, tuple(lines), role) for pair, lines, _, role in wanted),
               area.getRect())
        placements = self._placements.get(key)
        if placements is None:
            placements = self._find_places(wanted, area)
            if len(self._placements) >= MAX_REMEMBERED_PLACEMENTS:
                self._placements.clear()
            self._placements[key] = placements
        shown = set()
        for (pair, _, font, role), placement in zip(wanted, placements, strict=True):
            if placement is not None:
                self.labels[pair].show_at(placement.lines, placement.rect, font, role)
                shown.add(pair)
        for pair, label in self.labels.items():
            if pair not in shown and label.isVisible():
                label.setVisible(False)

    def _find_places(self, wanted: list[tuple[Pair, list[str], QFont, ArcRole]],
                     area: QRectF) -> list[Placement | None]:
        m = self.metrics
        requests = []
        for pair, lines, font, role in wanted:
            layouts = [(ls, QSizeF(*ArcLabelItem.size_for(ls, font)))
                       for ls in (lines, broken_lines(lines)) if ls]
            along = (1.0, 0.6) if self.arcs[pair].minor else ALONG
            requests.append(LabelRequest(self.arcs[pair].path(), layouts, along,
                                         optional=role is not ArcRole.TAKEN))
        clear = 0.3 * m.px
        obstacles = [Obstacle(box.rect().adjusted(-clear, -clear, clear, clear),
                              BOX_WEIGHT[box.role], important=True)  # no name hidden
                     for box in self.boxes.values()]
        big = m.boxes.current  # past a box and its margin
        reach = QSizeF(big.width() / 2 + 2 * clear, big.height() / 2 + 2 * clear)
        return place_labels(requests, area, obstacles, clear, reach)

    def pan_goals(self, focus: Focus) -> tuple[list[QRectF], list[QRectF]]:
        """(what must be in sight: the current state and the taken arc's label; what should
        be, in order: the state just left, the outgoing labels, the next states)."""
        shown = [label for label in self.labels.values() if label.isVisible()]
        musts = [self.boxes[focus.current_key].rect()]
        musts += [label.rect() for label in shown if label.is_highlighted]
        wants = [self.boxes[k].rect() for k in sorted(focus.left_keys)]
        wants += [label.rect() for label in shown if not label.is_highlighted]
        wants += [box.rect() for box in self.boxes.values() if box.role is BoxRole.NEAR]
        return musts, wants

    # ------------------------------------------------------------------ strips

    def set_strips(self, title: str, caption: str, subtitle: str, legend: str,
                   width: float) -> None:
        """The header (title, then the caption, or the subtitle when there is none) and the
        footer (the legend), as wide as the viewport."""
        m = self.metrics
        second = (caption, m.caption, StripItem.STRONG) if caption \
            else (subtitle, m.label, StripItem.MUTED)
        self.header.set_runs([(title, m.title, StripItem.INK), second], width)
        self.footer.set_runs([(legend, m.label, StripItem.MUTED)], width)

    def follow(self, top_left: QPointF, viewport_height: float) -> None:
        """Keep the header at the top of what is in sight, the footer at its bottom."""
        self.header.setPos(top_left)
        self.footer.setPos(top_left.x(), top_left.y() + viewport_height - self.footer.height())

    def text_pixel_sizes(self) -> list[int]:
        """The pixel size of every text drawn now (scene units)."""
        sizes = [px for box in self.boxes.values() for px in box.text_pixel_sizes()]
        sizes += [px for label in self.labels.values() for px in label.text_pixel_sizes()]
        return sizes + self.header.text_pixel_sizes() + self.footer.text_pixel_sizes()
