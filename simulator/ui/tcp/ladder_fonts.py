"""The ladder's fonts: one body size in scene units, and nothing smaller.

The ladder view scales its scene so that ``FONT_UNITS`` scene units are
``legibility().text_px()`` pixels on screen (``ladder_view``); every word in the scene is drawn
in a font from ``ladder_font``, which never goes below that size, so no scene text is smaller
than the application's smallest text. Emphasis is weight, colour, or a larger size.

``sizes_used`` records the sizes asked for since ``forget_sizes``, so a test can check what a
rendering really drew.
"""

from __future__ import annotations

import functools

from PySide6.QtGui import QFont

from simulator.ui.common import palette

FONT_UNITS = 11.0  # the body text, in scene units
HEADING_UNITS = 13.0

_sizes_used: set[float] = set()


@functools.cache
def _font(units: float, bold: bool) -> QFont:
    return palette.font(units, bold=bold)


def ladder_font(units: float = FONT_UNITS, bold: bool = False) -> QFont:
    """A font of ``units`` scene units (at least the body size), made once per size: items are
    built and painted by the dozen per seek on a long capture. (A QFont is a value: setFont
    copies it.)"""
    size = max(units, FONT_UNITS)
    _sizes_used.add(size)
    return _font(size, bold)


def sizes_used() -> set[float]:
    """The font sizes (scene units) asked for since ``forget_sizes``."""
    return set(_sizes_used)


def forget_sizes() -> None:
    _sizes_used.clear()
