"""Before the first window: can Qt open one here? If not, say why in one line.

On Linux, Qt draws windows through a platform plugin (X11's ``xcb`` unless
``QT_QPA_PLATFORM`` names another) that needs system libraries pip cannot install; since Qt
6.5 a fresh desktop often lacks ``libxcb-cursor0`` and the like. Without them Qt prints a
paragraph about plugins and aborts. This module asks the dynamic linker first (``ldd`` on the
plugin, which resolves its whole dependency tree) and turns "not found" into the package to
install, so the learner reads one line such as::

    protocol-sim: cannot open a window: Qt's xcb platform plugin needs libxcb-cursor.so.0
    (Debian/Ubuntu: sudo apt install libxcb-cursor0)

It also notices when there is no display at all (no ``DISPLAY`` or ``WAYLAND_DISPLAY``).
Windows and macOS ship what Qt needs; nothing is checked there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Shared libraries Qt's xcb plugin loads → the Debian/Ubuntu package that provides each
# (the list in Qt's "Qt for X11 Requirements" page, checked against Debian 12's packages).
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def missing_from_ldd(output: str) -> list[str]:
    """The libraries ``ldd`` could not find, each once, in the order it met them."""
    return list(dict.fromkeys(_NOT_FOUND.findall(output)))


def missing_libraries(library: Path) -> list[str]:
    """What ``library`` needs that the dynamic linker cannot find (empty if it cannot tell)."""
    ldd = shutil.which("ldd")
    if ldd is None or not library.is_file():
        return []
    try:
        result = subprocess.run([ldd, str(library)], capture_output=True, text=True,
                                timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return missing_from_ldd(result.stdout)


def install_hint(libraries: list[str]) -> str:
    """'libxcb-cursor.so.0 (Debian/Ubuntu: sudo apt install libxcb-cursor0)'."""
    packages = [DEBIAN_PACKAGES[name] for name in libraries if name in DEBIAN_PACKAGES]
    hint = f" (Debian/Ubuntu: sudo apt install {' '.join(packages)})" if packages else ""
    return ", ".join(libraries) + hint


def xcb_plugin() -> Path:
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return plugins / "platforms" / "libqxcb.so"


def window_problem(environ: dict[str, str] | None = None) -> str | None:
    """Why no window can open here, in one line, or None when Qt should manage."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None  # offscreen, wayland, vnc...: Qt's own choice, not checked here
    if not platform and env.get("WAYLAND_DISPLAY") and (
            env.get("XDG_SESSION_TYPE") == "wayland" or not env.get("DISPLAY")):
        return None  # a Wayland session: Qt tries its wayland plugin first
    if not env.get("DISPLAY"):
        return ("there is no display to open a window on (DISPLAY is not set); to render "
                "images without one use --export-png, or set QT_QPA_PLATFORM=offscreen")
    missing = missing_libraries(xcb_plugin())
    if missing:
        return f"Qt's xcb platform plugin needs {install_hint(missing)}"
    return None
