"""The main window's commands as QActions: their words, shortcuts, menus and the toolbar.

``WindowActions`` only *declares* the commands (text and tooltip marked for lupdate in the
"MainWindow" context, shortcut, checkable) and lays them out in the menu bar and the toolbar;
the window connects each ``triggered`` to what it does. So this module holds every visible
word of the menus and the F1 list, and the window holds the behaviour.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QToolBar, QWidget

from simulator.models.lessons.text import LANGS, Lang
from simulator.ui.app.appearance import Appearance
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP, current_language

CONTEXT = "MainWindow"  # the translation context of every word here (as before the split)

SHORTCUTS = (
    ("Space", QT_TRANSLATE_NOOP("MainWindow", "Play / pause")),
    ("Right", QT_TRANSLATE_NOOP("MainWindow", "Step forward")),
    ("Left", QT_TRANSLATE_NOOP("MainWindow", "Step back")),
    ("Home", QT_TRANSLATE_NOOP("MainWindow", "First step")),
    ("End", QT_TRANSLATE_NOOP("MainWindow", "Last step")),
    ("D", QT_TRANSLATE_NOOP("MainWindow",
                            "What if this step's segment were lost? (drop it and re-run)")),
    ("R", QT_TRANSLATE_NOOP("MainWindow", "Toggle relative / absolute sequence numbers")),
    ("P", QT_TRANSLATE_NOOP("MainWindow", "Predict the next step: pause before each step and "
                                          "ask what happens")),
    ("Ctrl+O", QT_TRANSLATE_NOOP("MainWindow", "Open a capture (.pcap / .pcapng); or drop the "
                                               "file on the window")),
    ("Ctrl+T", QT_TRANSLATE_NOOP("MainWindow", "Trace a live request to a real Flask app (the "
                                               "server's call chain)")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("MainWindow", "Export this step as PNG")),
    ("F11", QT_TRANSLATE_NOOP("MainWindow", "Present: full screen, large text (Esc leaves)")),
    ("Ctrl+=", QT_TRANSLATE_NOOP("MainWindow", "Zoom in (every view, the ladder's and the "
                                               "diagrams' text too)")),
    ("Ctrl+-", QT_TRANSLATE_NOOP("MainWindow", "Zoom out")),
    ("Ctrl+0", QT_TRANSLATE_NOOP("MainWindow", "Zoom back to the default size")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("MainWindow", "Show or hide the list of lessons")),
    ("Ctrl+1", QT_TRANSLATE_NOOP("MainWindow", "Details beside the ladder: Ctrl+1 the state "
                                               "machines, Ctrl+2 HTTP, Ctrl+3 the call chain, "
                                               "Ctrl+4 the packet's bytes")),
    ("F1", QT_TRANSLATE_NOOP("MainWindow", "This list of keyboard shortcuts")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("MainWindow", "Quit")),
)
APPEARANCES = ((Appearance.SYSTEM, QT_TRANSLATE_NOOP("MainWindow", "Follow the system")),
               (Appearance.LIGHT, QT_TRANSLATE_NOOP("MainWindow", "Light")),
               (Appearance.DARK, QT_TRANSLATE_NOOP("MainWindow", "Dark")),
               (Appearance.HIGH_CONTRAST, QT_TRANSLATE_NOOP("MainWindow", "High contrast")))


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class WindowActions(QObject):
    """Every command of the window, placed in its menus and toolbar."""

    def __init__(self, window: QMainWindow, source_box: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._texts: list[tuple[QAction | QMenu, str, str]] = []  # (item, text, tooltip)
        self._declare()
        self.toolbar = self._build_toolbar(source_box)
        self._build_menus()

    # ------------------------------------------------------------------ the commands
    def _action(self, text: str, shortcut: str | None = None, *, checkable: bool = False,
                tooltip: str = "") -> QAction:
        """An action of the window (so its shortcut works anywhere in it) whose ``text``
        and ``tooltip`` are set in the interface language by ``retranslate``."""
        action = QAction(self._window)
        self._texts.append((action, text, tooltip))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        self._window.addAction(action)
        return action

    def _declare(self) -> None:
        a = self._action
        self.play = a(QT_TRANSLATE_NOOP("MainWindow", "Play / pause"), "Space")
        self.forward = a(QT_TRANSLATE_NOOP("MainWindow", "Step forward"), "Right")
        self.back = a(QT_TRANSLATE_NOOP("MainWindow", "Step back"), "Left")
        self.first = a(QT_TRANSLATE_NOOP("MainWindow", "First step"), "Home")
        self.last = a(QT_TRANSLATE_NOOP("MainWindow", "Last step"), "End")
        self.drop = a(QT_TRANSLATE_NOOP("MainWindow", "What if this segment were lost?"), "D",
                      tooltip=QT_TRANSLATE_NOOP("MainWindow",
                                                "Drop the segment of the current step and "
                                                "re-run the scenario from there: watch TCP "
                                                "recover or give up"))
        self.reset = a(QT_TRANSLATE_NOOP("MainWindow", "Undo what-ifs"))
        self.relative = a(QT_TRANSLATE_NOOP("MainWindow", "Relative sequence numbers"), "R",
                          checkable=True)
        self.relative.setChecked(True)
        self.predict = a(QT_TRANSLATE_NOOP("MainWindow", "Predict the next step"), "P",
                         checkable=True,
                         tooltip=QT_TRANSLATE_NOOP("MainWindow", "Pause before each step and "
                                                                 "ask what happens next"))
        self.open = a(QT_TRANSLATE_NOOP("MainWindow", "Open capture…"), "Ctrl+O")
        self.trace = a(QT_TRANSLATE_NOOP("MainWindow", "Trace a live request…"), "Ctrl+T",
                       tooltip=QT_TRANSLATE_NOOP("MainWindow",
                                                 "Send a real request to a real Flask app on "
                                                 "127.0.0.1 and step through it, from SYN to "
                                                 "FIN"))
        self.export_png = a(QT_TRANSLATE_NOOP("MainWindow", "Export step as PNG…"), "Ctrl+E")
        self.export_svg = a(QT_TRANSLATE_NOOP("MainWindow", "Export step as SVG…"))
        self.export_json = a(QT_TRANSLATE_NOOP("MainWindow", "Export timeline as JSON…"))
        self.quit = a(QT_TRANSLATE_NOOP("MainWindow", "Quit"), "Ctrl+Q")
        self.present = a(QT_TRANSLATE_NOOP("MainWindow", "Present"), "F11", checkable=True,
                         tooltip=QT_TRANSLATE_NOOP("MainWindow",
                                                   "Full screen for a class: docks hidden, "
                                                   "large text (F11 or Esc leaves)"))
        self.leave_present = QAction(self._window)  # Esc, only while presenting
        self.leave_present.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_present.setEnabled(False)
        self._window.addAction(self.leave_present)
        self.zoom_in = a(QT_TRANSLATE_NOOP("MainWindow", "Zoom in"), "Ctrl+=")
        self.zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out = a(QT_TRANSLATE_NOOP("MainWindow", "Zoom out"), "Ctrl+-")
        self.zoom_reset = a(QT_TRANSLATE_NOOP("MainWindow", "Actual size"), "Ctrl+0")
        self.shortcuts = a(QT_TRANSLATE_NOOP("MainWindow", "Keyboard shortcuts"), "F1")
        self.about = a(QT_TRANSLATE_NOOP("MainWindow", "About"))
        self.languages: dict[Lang, QAction] = {}
        self.appearances: dict[Appearance, QAction] = {}

    # ------------------------------------------------------------------ where they are
    def _menu(self, parent: QMenu | None, title: str) -> QMenu:
        bar = self._window.menuBar()
        menu = bar.addMenu("") if parent is None else parent.addMenu("")
        self._texts.append((menu, title, ""))
        return menu

    def _build_toolbar(self, source_box: QWidget) -> QToolBar:
        bar = QToolBar(self._window)
        bar.setObjectName("toolbar-lesson")  # saved layouts find it whatever the language
        bar.setMovable(False)
        self.source_label = QLabel(bar)
        bar.addWidget(self.source_label)
        bar.addWidget(source_box)
        bar.addSeparator()
        bar.addAction(self.drop)
        bar.addAction(self.reset)
        bar.addSeparator()
        bar.addAction(self.relative)
        self._window.addToolBar(bar)
        return bar

    def _build_menus(self) -> None:
        file_menu = self.file_menu = self._menu(None, QT_TRANSLATE_NOOP("MainWindow", "&File"))
        file_menu.addAction(self.open)
        file_menu.addAction(self.trace)
        self.recent_menu = self._menu(file_menu, QT_TRANSLATE_NOOP("MainWindow", "Open &recent"))
        file_menu.addSeparator()
        for action in (self.export_png, self.export_svg, self.export_json):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        play_menu = self._menu(None, QT_TRANSLATE_NOOP("MainWindow", "&Playback"))
        for action in (self.play, self.back, self.forward, self.first, self.last):
            play_menu.addAction(action)
        lesson = self.lesson_menu = self._menu(None, QT_TRANSLATE_NOOP("MainWindow", "&Lesson"))
        for action in (self.drop, self.reset, self.relative):
            lesson.addAction(action)
        self._build_view_menu()
        help_menu = self._menu(None, QT_TRANSLATE_NOOP("MainWindow", "&Help"))
        help_menu.addAction(self.shortcuts)
        help_menu.addAction(self.about)

    def _build_view_menu(self) -> None:
        """Language (interface and lessons together) and light/dark appearance: each
        language is named in itself, so a learner finds their own in any interface."""
        view = self.view_menu = self._menu(None, QT_TRANSLATE_NOOP("MainWindow", "&View"))
        for action in (self.present, self.zoom_in, self.zoom_out, self.zoom_reset):
            view.addAction(action)
        view.addSeparator()
        language = self._menu(view, QT_TRANSLATE_NOOP("MainWindow", "&Language"))
        group = QActionGroup(self)
        for choice in LANGS:
            action = language.addAction(choice.native_name)
            action.setCheckable(True)
            action.setChecked(choice is current_language())
            action.setActionGroup(group)
            self.languages[choice] = action
        appearance = self._menu(view, QT_TRANSLATE_NOOP("MainWindow", "&Appearance"))
        group = QActionGroup(self)
        for look, text in APPEARANCES:
            action = QAction(self._window)
            self._texts.append((action, text, ""))
            action.setCheckable(True)
            action.setActionGroup(group)
            appearance.addAction(action)
            self.appearances[look] = action

    # ------------------------------------------------------------------ words
    def retranslate(self) -> None:
        for item, text, tooltip in self._texts:
            if isinstance(item, QMenu):
                item.setTitle(_tr(text))
            else:
                item.setText(_tr(text))
                if tooltip:
                    item.setToolTip(_tr(tooltip))
        self.toolbar.setWindowTitle(QCoreApplication.translate("MainWindow", "Lesson"))
        self.source_label.setText(QCoreApplication.translate("MainWindow", " Scenario: "))

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td><b>{QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)}"
            f"</b></td><td>{_tr(v)}</td></tr>" for k, v in SHORTCUTS)
        QMessageBox.information(
            self._window, QCoreApplication.translate("MainWindow", "Keyboard shortcuts"),
            f"<table>{rows}</table>")
