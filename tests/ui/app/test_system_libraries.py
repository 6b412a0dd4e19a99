"""A machine that cannot open a window says why in one line, naming what to install."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from simulator.ui.app.system_libraries import (
    install_hint,
    missing_from_ldd,
    missing_libraries,
    window_problem,
    xcb_plugin,
)
from tests.paths import ROOT

LINUX = sys.platform.startswith("linux")


@pytest.mark.skipif(not (LINUX and shutil.which("gcc") and shutil.which("ldd")),
                    reason="needs Linux with gcc and ldd")
def test_a_library_the_linker_cannot_find_is_named(tmp_path) -> None:
    """A real shared object linked against a library that is then taken away: the real
    ldd reports it, and so do we."""
    (tmp_path / "gone.c").write_text("int gone(void) { return 1; }\n")
    (tmp_path / "uses.c").write_text("int gone(void); int uses(void) { return gone(); }\n")
    gcc = ["gcc", "-shared", "-fPIC"]
    subprocess.run([*gcc, "-Wl,-soname,libprotosim-gone.so.0", "-o",
                    str(tmp_path / "libprotosim-gone.so.0"), str(tmp_path / "gone.c")],
                   check=True)
    (tmp_path / "libprotosim-gone.so").symlink_to(tmp_path / "libprotosim-gone.so.0")
    subprocess.run([*gcc, "-o", str(tmp_path / "libuses.so"), str(tmp_path / "uses.c"),
                    f"-L{tmp_path}", "-lprotosim-gone"], check=True)
    assert missing_libraries(tmp_path / "libuses.so") == ["libprotosim-gone.so.0"]


def test_ldd_output_gives_each_missing_library_once() -> None:
    output = ("\tlinux-vdso.so.1 (0x00007ffd)\n"
              "\tlibxcb-cursor.so.0 => not found\n"
              "\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)\n"
              "\tlibxcb-icccm.so.4 => not found\n"
              "\tlibxcb-cursor.so.0 => not found\n")
    assert missing_from_ldd(output) == ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]


def test_the_hint_names_the_debian_packages() -> None:
    assert install_hint(["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"]) == (
        "libxcb-cursor.so.0, libxkbcommon-x11.so.0 "
        "(Debian/Ubuntu: sudo apt install libxcb-cursor0 libxkbcommon-x11-0)")
    assert install_hint(["libunknown.so.3"]) == "libunknown.so.3"


@pytest.mark.skipif(not LINUX, reason="Linux only")
@pytest.mark.parametrize(("environ", "problem"), [
    ({}, "no display"),
    ({"QT_QPA_PLATFORM": "offscreen"}, None),
    ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, None),
    ({"QT_QPA_PLATFORM": "xcb"}, "no display"),
])
def test_which_setups_are_checked(environ: dict[str, str], problem: str | None) -> None:
    found = window_problem(environ)
    assert (found is None) if problem is None else (found is not None and problem in found)


def _run_window(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py")], capture_output=True,
                          text=True, env=env, timeout=60, cwd=ROOT)


@pytest.mark.skipif(not LINUX, reason="Linux only")
def test_without_a_display_the_app_says_so_in_one_line() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = _run_window(env)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "no display" in result.stderr


@pytest.mark.skipif(not LINUX, reason="Linux only")
def test_missing_xcb_libraries_are_named_instead_of_qts_abort() -> None:
    missing = missing_libraries(xcb_plugin())
    if not missing:
        pytest.skip("this machine has every library Qt's xcb plugin needs")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",
                                                            "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":99"  # never reached: the check comes first
    result = _run_window(env)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1
    assert "sudo apt install" in result.stderr and missing[0] in result.stderr
