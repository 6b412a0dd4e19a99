"""The app's files that are not code: its artwork and the captures its lessons replay.

They live in the project's top-level ``assets/`` folder. A wheel carries that folder inside
the package, as ``simulator/assets`` (the build's force-include, pyproject.toml); running from
a source checkout or an editable install, the folder is read where it is.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def assets() -> Traversable:
    """The assets folder: inside the installed package, else beside the source tree."""
    packaged = resources.files("simulator") / "assets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1] / "assets"
