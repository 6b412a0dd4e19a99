"""Shared test setup: Qt renders offscreen so the suite runs with no display (CI)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
