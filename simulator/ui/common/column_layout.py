"""Widgets stacked top to bottom: the layout most panels are made of.

A panel is usually a column: a title, a caption, the view that takes the spare height, a
legend. ``column_layout`` lays such a column out in one call (a ``(widget, stretch)`` row
takes that share of the spare height); ``headed_box`` is the smallest column, a heading over
the widget it names, as one widget to put in a splitter or a stack.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

#: A row of a column: a widget, or a widget and its stretch factor.
Row = QWidget | tuple[QWidget, int]


def column_layout(parent: QWidget, *rows: Row, margin: int = 0,
                  spacing: int | None = None) -> QVBoxLayout:
    """Lay ``rows`` out top to bottom in ``parent`` (``spacing`` None: the style's)."""
    layout = QVBoxLayout(parent)
    layout.setContentsMargins(margin, margin, margin, margin)
    if spacing is not None:
        layout.setSpacing(spacing)
    for row in rows:
        widget, stretch = row if isinstance(row, tuple) else (row, 0)
        layout.addWidget(widget, stretch)
    return layout


def headed_box(parent: QWidget, heading: QWidget, body: QWidget) -> QWidget:
    """A new widget in ``parent``: ``heading`` over ``body``, which takes the height."""
    box = QWidget(parent)
    column_layout(box, heading, (body, 1), spacing=2)
    return box
