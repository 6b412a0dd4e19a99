"""Light, dark and high contrast: follow the system's colour scheme, or keep the learner's.

Qt 6.5+ reports the system's scheme (``QStyleHints.colorScheme``) and signals when it
changes. Native styles on Windows 11 and macOS repaint themselves, but on Linux many
desktops give Qt no dark palette, so when the scheme is dark we switch to the Fusion style
with a dark palette of our own; light restores the style and palette the app started with.
Views pick their own colours from the palette they get (``palette.is_dark``), so one
application palette is all they need. High contrast is black on white with pure, saturated
marks (WCAG's 7:1 for text): for a washed-out projector, or a learner who needs it. The choice
is kept in QSettings ("appearance").
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

SETTINGS_KEY = "appearance"


class Appearance(enum.Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high-contrast"


def high_contrast_palette() -> QPalette:
    """Black on white, a dark blue selection with white text, dark grey when disabled."""
    p = QPalette()
    white, black = QColor(255, 255, 255), QColor(0, 0, 0)
    for role, colour in (
        (QPalette.ColorRole.Window, white), (QPalette.ColorRole.WindowText, black),
        (QPalette.ColorRole.Base, white), (QPalette.ColorRole.AlternateBase, QColor(235, 235, 235)),
        (QPalette.ColorRole.ToolTipBase, white), (QPalette.ColorRole.ToolTipText, black),
        (QPalette.ColorRole.Text, black), (QPalette.ColorRole.Button, white),
        (QPalette.ColorRole.ButtonText, black), (QPalette.ColorRole.BrightText, black),
        (QPalette.ColorRole.Link, QColor(0, 0, 170)),
        (QPalette.ColorRole.Highlight, QColor(0, 0, 150)),
        (QPalette.ColorRole.HighlightedText, white),
        (QPalette.ColorRole.PlaceholderText, QColor(70, 70, 70)),
        (QPalette.ColorRole.Light, white), (QPalette.ColorRole.Midlight, QColor(200, 200, 200)),
        (QPalette.ColorRole.Mid, QColor(90, 90, 90)), (QPalette.ColorRole.Dark, black),
        (QPalette.ColorRole.Shadow, black),
    ):
        p.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(70, 70, 70))
    return p


def dark_palette() -> QPalette:
    """A dark palette in the spirit of Fusion's: grey surfaces, light text, blue selection."""
    p = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    disabled = QColor(130, 130, 130)
    for role, colour in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, QColor(40, 40, 43)),
        (QPalette.ColorRole.ToolTipBase, QColor(60, 60, 64)),
        (QPalette.ColorRole.ToolTipText, text), (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, window), (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor(255, 110, 110)),
        (QPalette.ColorRole.Link, QColor(110, 170, 255)),
        (QPalette.ColorRole.Highlight, QColor(42, 110, 190)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
        (QPalette.ColorRole.PlaceholderText, disabled),
        (QPalette.ColorRole.Light, QColor(70, 70, 74)),
        (QPalette.ColorRole.Midlight, QColor(58, 58, 62)),
        (QPalette.ColorRole.Mid, QColor(40, 40, 42)), (QPalette.ColorRole.Dark, QColor(20, 20, 22)),
        (QPalette.ColorRole.Shadow, QColor(0, 0, 0)),
    ):
        p.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def saved_appearance(settings: QSettings | None = None) -> Appearance:
    value = (settings or QSettings()).value(SETTINGS_KEY, Appearance.SYSTEM.value)
    try:
        return Appearance(str(value))
    except ValueError:
        return Appearance.SYSTEM


class AppearanceManager:
    """Applies the learner's choice to the application and re-applies it when the system's
    scheme changes while the choice is 'follow the system'."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        style = app.style()
        self._start_style = style.name() if style is not None else "fusion"
        self._start_palette = QPalette(app.palette())
        self.choice = Appearance.SYSTEM
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(lambda _scheme: self._follow_system())

    def wants_dark(self) -> bool:
        if self.choice is Appearance.SYSTEM:
            return system_is_dark()
        return self.choice is Appearance.DARK

    def apply(self, choice: Appearance, remember: bool = True) -> None:
        self.choice = choice
        if remember:
            QSettings().setValue(SETTINGS_KEY, choice.value)
        if choice is Appearance.HIGH_CONTRAST:
            self._app.setStyle(QStyleFactory.create("Fusion"))
            self._app.setPalette(high_contrast_palette())
        elif self.wants_dark():
            self._app.setStyle(QStyleFactory.create("Fusion"))
            self._app.setPalette(dark_palette())
        elif choice is Appearance.LIGHT and system_is_dark():
            # Light on a dark desktop: the native style would follow the system, Fusion won't.
            fusion = QStyleFactory.create("Fusion")
            self._app.setStyle(fusion)
            self._app.setPalette(fusion.standardPalette())
        else:
            self._app.setStyle(QStyleFactory.create(self._start_style))
            self._app.setPalette(self._start_palette)

    def _follow_system(self) -> None:
        if self.choice is Appearance.SYSTEM:
            self.apply(Appearance.SYSTEM, remember=False)


_manager: AppearanceManager | None = None


def appearance_manager() -> AppearanceManager:
    """The one manager of the running application (created on first use)."""
    global _manager
    app = QApplication.instance()
    assert isinstance(app, QApplication), "appearance needs a QApplication"
    if _manager is None or _manager._app is not app:
        _manager = AppearanceManager(app)
    return _manager
