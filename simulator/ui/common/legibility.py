"""How big the words are: one size for the screen the window is on, times the learner's zoom,
and never less than 20 px while presenting to a class.

A class reads the projector from the back of the room, so the stage has a floor, not a
style: at the default zoom no text anywhere is smaller than 12 px on a 720-line screen and
14 px on a 1080-line one (in proportion between, and on from there), and in presentation mode
no smaller than 20 px. Every view takes its text size from ``legibility().text_px()``: widgets
through the application font, which ``Legibility`` sets, and scene views (the ladder, the
state diagrams) by sizing their scene text so that it is that many pixels *after* the view's
transform. Nothing draws a "small print" size below it; emphasis is weight or colour, or a
larger size (``text_px(1.25)``).

Ctrl+= / Ctrl+- / Ctrl+0 step the zoom through ``ZOOMS``; the zoom is remembered (QSettings).
``changed`` tells the views to lay their text out again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

SMALL_SCREEN = (720, 12.0)  # (screen lines, smallest text px) at the default zoom
LARGE_SCREEN = (1080, 14.0)
PRESENTING_PX = 20.0
ZOOMS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
ZOOM_KEY = "view/zoom"


def screen_px(screen_lines: int) -> float:
    """The smallest text for a screen this many lines tall, at the default zoom."""
    (low_lines, low_px), (high_lines, high_px) = SMALL_SCREEN, LARGE_SCREEN
    if screen_lines <= low_lines:
        return low_px
    slope = (high_px - low_px) / (high_lines - low_lines)
    return round(low_px + (screen_lines - low_lines) * slope, 1)


def _nearest_zoom(value: float) -> float:
    return min(ZOOMS, key=lambda z: abs(z - value))


class Legibility(QObject):
    """The application's text size: screen, zoom, presentation."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        screen = QGuiApplication.primaryScreen()
        self._screen_lines = screen.availableGeometry().height() if screen else 720
        self._zoom = 1.0
        self._presenting = False

    # ------------------------------------------------------------------ what views ask
    def text_px(self, scale: float = 1.0) -> float:
        """The body text size in pixels; ``scale`` > 1 for headings (never below the body)."""
        body = screen_px(self._screen_lines) * self._zoom
        if self._presenting:
            body = max(body, PRESENTING_PX)
        return body * max(1.0, scale)

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def presenting(self) -> bool:
        return self._presenting

    # ------------------------------------------------------------------ what changes it
    def set_screen_lines(self, lines: int) -> None:
        """The window is on (or is rendered for) a screen this many lines tall."""
        if lines > 0 and lines != self._screen_lines:
            self._screen_lines = lines
            self._changed()

    def set_zoom(self, zoom: float, remember: bool = True) -> None:
        zoom = _nearest_zoom(zoom)
        if remember:
            QSettings().setValue(ZOOM_KEY, zoom)
        if zoom != self._zoom:
            self._zoom = zoom
            self._changed()

    def zoom_in(self) -> None:
        self.set_zoom(ZOOMS[min(len(ZOOMS) - 1, ZOOMS.index(self._zoom) + 1)])

    def zoom_out(self) -> None:
        self.set_zoom(ZOOMS[max(0, ZOOMS.index(self._zoom) - 1)])

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def restore_zoom(self) -> None:
        """The zoom the learner left the app at."""
        try:
            saved = float(QSettings().value(ZOOM_KEY, 1.0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            saved = 1.0
        self.set_zoom(saved, remember=False)

    def set_presenting(self, on: bool) -> None:
        if on != self._presenting:
            self._presenting = on
            self._changed()

    def apply_font(self) -> None:
        """The application font at the body size: every widget's text follows it."""
        if not isinstance(QApplication.instance(), QApplication):
            return
        font = QFont(QApplication.font())
        font.setPixelSize(round(self.text_px()))
        QApplication.setFont(font)  # QApplication's: it re-fonts every widget

    def _changed(self) -> None:
        self.apply_font()
        self.changed.emit()


def text_font(scale: float = 1.0, *, bold: bool = False, mono: bool = False) -> QFont:
    """A font at ``legibility().text_px(scale)`` pixels, for text a view paints itself (a
    QPainter, a scene item, a model's FontRole): the size follows zoom and presentation.

    Views that paint text themselves report the smallest size they drew with a
    ``rendered_text_px() -> float`` method (scene text times the view's scale); the tests of
    issue 11 measure every view through it."""
    font = QFont(QApplication.font()) if isinstance(QApplication.instance(), QApplication) \
        else QFont()
    if mono:
        font.setFamilies(["DejaVu Sans Mono", "Noto Sans Mono CJK SC", *font.families()])
        font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPixelSize(round(legibility().text_px(scale)))
    font.setBold(bold)
    return font


_legibility: Legibility | None = None


def legibility() -> Legibility:
    """The running application's one Legibility (made on first use)."""
    global _legibility
    app = QGuiApplication.instance()
    if _legibility is None or _legibility.parent() is not app:
        _legibility = Legibility(app)
    return _legibility
