"""Where the tests' data lives, for a test at any depth of the tree."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAPTURES = ROOT / "tests" / "data" / "captures"
