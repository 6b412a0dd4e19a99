"""The README's lesson pictures: the whole window with a lesson open at a step and predict
mode on, once per language, in a throwaway settings folder.

    python docs/make_lesson_screenshots.py [LESSON] [STEP] [--dark]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication

from simulator.models.lessons.text import LANGS
from simulator.ui.app.appearance import Appearance, appearance_manager
from simulator.ui.app.main_window import MainWindow
from simulator.ui.text.fonts import apply_app_font


def main(argv: list[str]) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication([])
    apply_app_font(app)
    dark = "--dark" in argv
    args = [a for a in argv if a != "--dark"]
    name = args[0] if args else "tcp-handshake-teardown"
    step = int(args[1]) if len(args) > 1 else 3
    if dark:
        appearance_manager().apply(Appearance.DARK, remember=False)
    for lang in LANGS:
        window = MainWindow(lang=lang)
        window.resize(QSize(1500, 950))
        window.show()
        app.processEvents()
        assert window.lessons.open_lesson(name, step), window.lessons.load_error
        window.predict_action.trigger()
        app.processEvents()
        out = Path(__file__).parent / f"lesson-{name}_{lang.value}{'_dark' if dark else ''}.png"
        window.grab().save(str(out))
        print(out)
        window.close()


if __name__ == "__main__":
    main(sys.argv[1:])
