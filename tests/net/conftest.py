"""Shared paths for the capture-reading tests (no Qt here)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

CAPTURES = Path(__file__).resolve().parent.parent / "data" / "captures"
GENERATED = CAPTURES / "generated"


def manifest_files() -> list[dict[str, Any]]:
    data = json.loads((CAPTURES / "manifest.json").read_text())
    files: list[dict[str, Any]] = data["files"]
    return files


def generated_expected() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads((GENERATED / "expected.json").read_text())
    return data


@pytest.fixture
def captures() -> Path:
    return CAPTURES
