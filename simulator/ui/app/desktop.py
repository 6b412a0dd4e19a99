"""Desktop polish: the application icon, the About box's versions and licences, and the
window layout kept between runs (QSettings: the app's own settings store).

The window opens inside the screen's available geometry (a 1280×720 projector gets a window
that fits, not a 1400×900 one that hangs off it), and its layout — size, position, docks —
is remembered per screen size, so the laptop's layout and the projector's do not overwrite
each other."""

from __future__ import annotations

import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, QCoreApplication, QRect, QSettings, QSize, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QMainWindow, QTabBar, QToolBar

from simulator.resources import assets

GEOMETRY_KEY = "geometry"
STATE_KEY = "state"
LAYOUT_VERSION = 2  # bump when the docks change so an old layout is not restored
DEFAULT_SIZE = QSize(1400, 900)
SCREEN_MARGIN = 0.96  # of the available geometry a first window may take

# (distribution, licence) shown in the About box.
COMPONENTS = (
    ("scapy", "GPL-2.0-only"),
    ("Flask", "BSD-3-Clause"),
    ("Werkzeug", "BSD-3-Clause"),
    ("itsdangerous", "BSD-3-Clause"),
    ("h11", "MIT"),
)


def app_icon() -> QIcon:
    return QIcon(str(assets() / "icon.svg"))


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return QCoreApplication.translate("AboutBox", "not installed")


def about_html() -> str:
    rows = [("Protocol Simulator", _version("protocol-simulator"), "GPL-2.0-or-later"),
            ("Python", platform.python_version(), "PSF-2.0"),
            ("PySide6 / Qt", f"{pyside_version} / Qt {qVersion()}", "LGPL-3.0"),
            *((name, _version(name), licence) for name, licence in COMPONENTS)]
    table = "".join(f"<tr><td>{n}</td><td>{v}</td><td>{lic}</td></tr>" for n, v, lic in rows)
    heads = "".join(f"<th align='left'>{h}</th>" for h in (
        QCoreApplication.translate("AboutBox", "Component"),
        QCoreApplication.translate("AboutBox", "Version"),
        QCoreApplication.translate("AboutBox", "Licence")))
    summary = QCoreApplication.translate(
        "AboutBox", "Step through TCP (RFC 9293), HTTP cookies and sessions, and Flask's WSGI "
                    "call chain, from scenarios and real captures.")
    licence = QCoreApplication.translate(
        "AboutBox", "This program is free software under the GNU General Public License, "
                    "version 2 or (at your option) any later version. The sample captures "
                    "and their sources are listed in tests/data/captures/SOURCES.md.")
    return (f"<b>Protocol Simulator</b><br>{summary}<br><br><table cellspacing='6'>"
            f"<tr>{heads}</tr>{table}</table><br>{licence}")


def _name_toolbars(window: QMainWindow) -> None:
    """saveState/restoreState find toolbars and docks by objectName."""
    for bar in window.findChildren(QToolBar):
        if not bar.objectName():
            bar.setObjectName(f"toolbar-{bar.windowTitle().lower() or 'main'}")


def available_geometry(window: QMainWindow) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def layout_group(window: QMainWindow) -> str:
    """The settings group of this screen size, e.g. 'window/1280x720'."""
    area = available_geometry(window)
    return f"window/{area.width()}x{area.height()}"


def fit_to_screen(window: QMainWindow) -> None:
    """The default size, or less: never larger than the screen's available geometry."""
    area = available_geometry(window)
    size = DEFAULT_SIZE.boundedTo(QSize(round(area.width() * SCREEN_MARGIN),
                                        round(area.height() * SCREEN_MARGIN)))
    if size.width() < DEFAULT_SIZE.width() or size.height() < DEFAULT_SIZE.height():
        size = area.size()  # a small screen: all of it
    window.resize(size.expandedTo(window.minimumSizeHint()).boundedTo(area.size()))
    frame = window.frameGeometry()
    frame.moveCenter(area.center())
    window.move(max(frame.left(), area.left()), max(frame.top(), area.top()))


def save_layout(window: QMainWindow, settings: QSettings | None = None) -> None:
    _name_toolbars(window)
    settings = settings if settings is not None else QSettings()
    group = layout_group(window)
    settings.setValue(f"{group}/{GEOMETRY_KEY}", window.saveGeometry())
    settings.setValue(f"{group}/{STATE_KEY}", window.saveState(LAYOUT_VERSION))


def restore_layout(window: QMainWindow, settings: QSettings | None = None) -> bool:
    """Restore the size, position and docks last used on a screen of this size; False when
    there are none."""
    _name_toolbars(window)
    settings = settings if settings is not None else QSettings()
    group = layout_group(window)
    geometry = settings.value(f"{group}/{GEOMETRY_KEY}")
    state = settings.value(f"{group}/{STATE_KEY}")
    restored = False
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        restored = window.restoreGeometry(geometry)
    if isinstance(state, QByteArray) and not state.isEmpty():
        restored = window.restoreState(state, LAYOUT_VERSION) or restored
        _hide_stray_dock_tab_bars(window)
    return restored


def _hide_stray_dock_tab_bars(window: QMainWindow) -> None:
    """restoreState over docks that were tabified in the constructor leaves the old group's
    tab bar behind, shown at (0, 0) over the menu bar with a single tab. A tab bar with one
    tab has nothing to switch; QMainWindow shows the bars it uses again as soon as a group
    has two visible docks."""
    for bar in window.findChildren(QTabBar):
        if bar.parent() is window and bar.count() < 2:
            bar.hide()
