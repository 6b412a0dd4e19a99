"""Render the real main window headless to docs/screenshot.png (the README's picture).

Usage: python docs/make_screenshot.py [SCENARIO STEP OUT.png]
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from simulator.ui.app.main_window import MainWindow


def main() -> None:
    scenario, step, out = (sys.argv[1:4] if len(sys.argv) >= 4
                           else ("handshake-teardown", "15", "docs/screenshot.png"))
    app = QApplication([])
    window = MainWindow(scenario, int(step))
    window.resize(1500, 950)
    window.show()
    for _ in range(5):
        app.processEvents()
    window.grab().save(out)
    window.close()


if __name__ == "__main__":
    main()
