"""Shared test setup: Qt renders offscreen so the suite runs with no display (CI), and the
cache of capture indexes goes to a folder of this run, never the user's own cache."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PROTOCOL_SIM_CACHE_DIR",
                      tempfile.mkdtemp(prefix="protocol-sim-test-cache-"))
