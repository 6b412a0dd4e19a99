"""Desktop polish: the application icon, the About box's versions and licences, and the
window layout kept between runs (QSettings: the app's own settings store)."""

from __future__ import annotations

import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow, QTabBar, QToolBar

from simulator.resources import assets

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
LAYOUT_VERSION = 1  # bump when the docks change so an old layout is not restored

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


def save_layout(window: QMainWindow, settings: QSettings | None = None) -> None:
    _name_toolbars(window)
    settings = settings if settings is not None else QSettings()
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.setValue(STATE_KEY, window.saveState(LAYOUT_VERSION))


def restore_layout(window: QMainWindow, settings: QSettings | None = None) -> bool:
    """Restore the last run's size, position and docks; False when there is none."""
    _name_toolbars(window)
    settings = settings if settings is not None else QSettings()
    geometry, state = settings.value(GEOMETRY_KEY), settings.value(STATE_KEY)
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
