"""The main window: scenario choice, the ladder, both state diagrams, the explanation and the
transport bar, all following the Player's cursor.

The window holds the current source (scenario name and the segments the learner chose to
lose) only so it can rebuild the Timeline; every protocol fact it shows comes from the
Timeline the model produced.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from simulator.models.lessons.text import LANGS, Lang
from simulator.models.replay.lazy_timeline import ReplayTimeline
from simulator.models.simulation.chain_timeline import chain_timeline
from simulator.models.simulation.gateway_timeline import GatewayTimeline, gateway_timeline
from simulator.models.simulation.scenarios import DEFAULT_SCENARIO, SCENARIOS, build
from simulator.models.timeline.json_form import timeline_json
from simulator.models.timeline.steps import StepKind, Timeline
from simulator.models.wsgi.flask_classic import classic_chain
from simulator.net.capture.index import CaptureIndex
from simulator.net.http.exchanges import CaptureHttp
from simulator.net.http.replay_layer import http_for_connection
from simulator.ui.app import teacher_tools
from simulator.ui.app.appearance import Appearance, appearance_manager
from simulator.ui.app.desktop import about_html, app_icon, restore_layout, save_layout
from simulator.ui.app.export import ExportError, export_png, export_svg
from simulator.ui.app.transport_bar import TransportBar
from simulator.ui.capture.capture_loader import CaptureLoader
from simulator.ui.capture.capture_panel import CapturePanel
from simulator.ui.capture.packet_detail_view import PacketDetailView, captured_packet_number
from simulator.ui.capture.replay_loader import ReplayLoader
from simulator.ui.common.player import Player
from simulator.ui.http.http_panel import HttpPanel
from simulator.ui.http.sampling import has_http as http_has_layer
from simulator.ui.lessons.lesson_docks import lesson_controller_for
from simulator.ui.tcp.explanation_panel import ExplanationPanel
from simulator.ui.tcp.ladder_view import LadderView
from simulator.ui.tcp.state_diagram_view import StateDiagramView
from simulator.ui.text import i18n
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP
from simulator.ui.text.model_text import model_tr, translate_text
from simulator.ui.wsgi.trace_dialog import TraceDialog
from simulator.ui.wsgi.trace_loader import DEMO_JOB, TraceJob, TraceLoader
from simulator.ui.wsgi.wsgi_panel import WsgiPanel, has_wsgi

# Texts in module tables are marked for lupdate and translated where they are shown.
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
    ("F1", QT_TRANSLATE_NOOP("MainWindow", "This list of keyboard shortcuts")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("MainWindow", "Quit")),
)


WSGI_SOURCES = ((QT_TRANSLATE_NOOP("MainWindow", "Server: Flask 1.x classic call chain"),
                 "wsgi:classic"),
                (QT_TRANSLATE_NOOP("MainWindow", "Server: Flask (installed), traced live"),
                 "wsgi:live"),
                (QT_TRANSLATE_NOOP("MainWindow", "Server: CGI vs FastCGI vs WSGI"),
                 "wsgi:gateways"))
APPEARANCES = ((Appearance.SYSTEM, QT_TRANSLATE_NOOP("MainWindow", "Follow the system")),
               (Appearance.LIGHT, QT_TRANSLATE_NOOP("MainWindow", "Light")),
               (Appearance.DARK, QT_TRANSLATE_NOOP("MainWindow", "Dark")))
LANGUAGE_KEY = "language"  # QSettings: the learner's last choice of language
MAX_RECENT = 8


def _recent(settings: QSettings) -> list[str]:
    value = settings.value("recent_files", [], list)
    return [str(p) for p in value] if isinstance(value, list) else []


class MainWindow(QMainWindow):
    def __init__(self, scenario: str = DEFAULT_SCENARIO, step: int = 0,
                 drop_ids: frozenset[int] = frozenset(), lang: Lang = Lang.EN) -> None:
        super().__init__()
        if lang is not i18n.current_language():
            i18n.set_language(lang)  # before any widget asks for a translation
        self._texts: list[tuple[QAction | QMenu, str, str]] = []  # (item, text, tooltip)
        self.player = Player(self)
        self._scenario = scenario
        self._drop_ids = drop_ids

        self.ladder = LadderView(self)
        self.client_diagram = StateDiagramView("client", self)
        self.server_diagram = StateDiagramView("server", self)
        self.explanation = ExplanationPanel(self)
        self.transport = TransportBar(self.player, self)

        diagrams = QSplitter(Qt.Orientation.Vertical)
        diagrams.addWidget(self.client_diagram)
        diagrams.addWidget(self.server_diagram)
        # The right-hand side shows one layer at a time: TCP's state machines, the HTTP layer
        # (messages, the cookie jar, sessions), the server's WSGI call chain.
        self.layer_tabs = QTabWidget(self)
        self.layer_tabs.setDocumentMode(True)
        self.layer_tabs.addTab(diagrams, "")
        self.http_panel = HttpPanel(self)
        self.layer_tabs.addTab(self.http_panel, "")
        self.wsgi_panel = WsgiPanel(self)
        self.layer_tabs.addTab(self.wsgi_panel, "")
        top = self.top_splitter = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.ladder)
        top.addWidget(self.layer_tabs)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([880, 560])
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(top)
        main.addWidget(self.explanation)
        main.setStretchFactor(0, 3)
        main.setStretchFactor(1, 1)
        main.setSizes([640, 230])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(main, 1)
        layout.addWidget(self.transport)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.description = QLabel(self)
        self.statusBar().addWidget(self.description, 1)

        self.capture_panel = CapturePanel(self)
        self.capture_dock = QDockWidget(self)
        self.capture_dock.setObjectName("capture-dock")
        self.capture_dock.setWidget(self.capture_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.capture_dock)
        self.capture_dock.hide()
        self.packet_detail = PacketDetailView(self)
        self.packet_dock = QDockWidget(self)
        self.packet_dock.setObjectName("packet-dock")
        self.packet_dock.setWidget(self.packet_detail)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.packet_dock)
        self.packet_dock.hide()
        self._replayed_from: CaptureIndex | None = None  # the capture the timeline replays
        self._replayed_conn = 0
        self.capture_panel.connection_chosen.connect(self.open_connection)
        self.capture_index: CaptureIndex | None = None
        self.capture_http: CaptureHttp | None = None
        self.loader = CaptureLoader(self)
        self.loader.loaded.connect(self._on_capture_loaded)
        self.loader.failed.connect(self._on_capture_failed)
        self.loader.cancelled.connect(self._on_capture_cancelled)
        self.loader.progress.connect(self._on_capture_progress)
        self.replay_loader = ReplayLoader(self)
        self.replay_loader.loaded.connect(self._show_connection)
        self.replay_loader.failed.connect(self._on_capture_failed)
        self._progress: QProgressDialog | None = None
        self.setAcceptDrops(True)

        self.player.timeline_changed.connect(self._on_timeline)
        for view in (self.ladder, self.client_diagram, self.server_diagram, self.explanation,
                     self.http_panel, self.wsgi_panel):
            self.player.timeline_changed.connect(view.set_timeline)
            self.player.cursor_changed.connect(view.set_cursor)
        self.player.cursor_changed.connect(self._on_cursor)
        self.ladder.segment_clicked.connect(self.player.seek)
        self.wsgi_panel.seek_requested.connect(self.player.seek)
        self.trace_loader = TraceLoader(self)
        self.trace_loader.loaded.connect(self._show_trace)
        self.trace_loader.failed.connect(self._on_trace_failed)
        self.trace_loader.incomplete.connect(lambda m: self.statusBar().showMessage(m, 15000))
        self._build_lessons(lang)
        self.teacher = teacher_tools.install(self)  # ladder as Mermaid/PlantUML; step notes
        self.retranslate()
        self.load_scenario(scenario, drop_ids, step)
        self.resize(QSize(1400, 900))
        self.setWindowIcon(app_icon())
        restore_layout(self)  # the last run's size, position and docks (QSettings)

    # ------------------------------------------------------------------ building
    def _action(self, text: str, shortcut: str | None, slot: object,
                checkable: bool = False, tooltip: str = "") -> QAction:
        """An action whose ``text`` and ``tooltip`` (marked with QT_TRANSLATE_NOOP) are set,
        in the interface language, by ``retranslate``."""
        action = QAction(self)
        self._texts.append((action, text, tooltip))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _menu(self, parent: QMenu | None, title: str) -> QMenu:
        menu = self.menuBar().addMenu("") if parent is None else parent.addMenu("")
        self._texts.append((menu, title, ""))
        return menu

    def _build_actions(self) -> None:
        p = self.player
        self.play_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Play / pause"), "Space", p.toggle)
        self.forward_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Step forward"), "Right", lambda: p.step_forward())
        self.back_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Step back"), "Left", p.step_back)
        self.first_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "First step"), "Home", p.first)
        self.last_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Last step"), "End", p.last)
        self.drop_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "What if this segment were lost?"), "D",
            self.drop_current_segment,
            tooltip=QT_TRANSLATE_NOOP("MainWindow", "Drop the segment of the current step and "
                                                    "re-run the scenario from there: watch TCP "
                                                    "recover or give up"))
        self.reset_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Undo what-ifs"), None, self.reset_what_if)
        self.relative_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Relative sequence numbers"), "R", self._on_relative,
            checkable=True)
        self.relative_action.setChecked(True)
        self.open_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Open capture…"), "Ctrl+O", self._choose_capture)
        self.trace_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Trace a live request…"), "Ctrl+T", self._choose_trace,
            tooltip=QT_TRANSLATE_NOOP("MainWindow", "Send a real request to a real Flask app on "
                                                    "127.0.0.1 and step through it, from SYN to "
                                                    "FIN"))
        self.export_png_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Export step as PNG…"), "Ctrl+E",
            lambda: self._export("png"))
        self.export_svg_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Export step as SVG…"), None,
            lambda: self._export("svg"))
        self.export_json_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Export timeline as JSON…"), None, self._export_json)
        self.quit_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Quit"), "Ctrl+Q", self.close)
        self.shortcuts_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Keyboard shortcuts"), "F1", self._show_shortcuts)
        self.about_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "About"), None, self._show_about)

    def _build_toolbar(self) -> None:
        bar = self.toolbar = QToolBar(self)
        bar.setObjectName("toolbar-lesson")  # saved layouts find it whatever the language
        bar.setMovable(False)
        self.scenario_label = QLabel(bar)
        bar.addWidget(self.scenario_label)
        self.scenario_box = QComboBox(bar)
        self.scenario_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for name in SCENARIOS:
            self.scenario_box.addItem("", name)
        self.scenario_box.insertSeparator(self.scenario_box.count())
        for _title, key in WSGI_SOURCES:
            self.scenario_box.addItem("", key)
        self.scenario_box.currentIndexChanged.connect(self._on_scenario_chosen)
        bar.addWidget(self.scenario_box)
        bar.addSeparator()
        bar.addAction(self.drop_action)
        bar.addAction(self.reset_action)
        bar.addSeparator()
        bar.addAction(self.relative_action)
        self.addToolBar(bar)

    def _build_menus(self) -> None:
        file_menu = self._menu(None, QT_TRANSLATE_NOOP("MainWindow", "&File"))
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.trace_action)
        self.recent_menu = self._menu(file_menu, QT_TRANSLATE_NOOP("MainWindow", "Open &recent"))
        self._refresh_recent()
        file_menu.addSeparator()
        for action in (self.export_png_action, self.export_svg_action,
                       self.export_json_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        play_menu = self._menu(None, QT_TRANSLATE_NOOP("MainWindow", "&Playback"))
        for action in (self.play_action, self.back_action, self.forward_action,
                       self.first_action, self.last_action):
            play_menu.addAction(action)
        lesson_menu = self.lesson_menu = self._menu(None,
                                                    QT_TRANSLATE_NOOP("MainWindow", "&Lesson"))
        lesson_menu.addAction(self.drop_action)
        lesson_menu.addAction(self.reset_action)
        lesson_menu.addAction(self.relative_action)
        self._build_view_menu()
        help_menu = self._menu(None, QT_TRANSLATE_NOOP("MainWindow", "&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _build_lessons(self, lang: Lang) -> None:
        """The lesson browser shares the left side with the capture table; the narration
        shows while a lesson is open, the predict panel while predict mode is on."""
        self.lessons = lesson_controller_for(self, lang)
        self.lessons_dock = self._dock("lesson-browser-dock")
        self.narration_dock = self._dock("lesson-narration-dock")
        self.predict_dock = self._dock("lesson-predict-dock")
        self.tabifyDockWidget(self.lessons_dock, self.capture_dock)
        self.lessons_dock.raise_()
        self.lessons_dock.setMinimumWidth(300)  # the ladder keeps the room; titles wrap
        self.resizeDocks([self.lessons_dock], [340], Qt.Orientation.Horizontal)
        self.narration_dock.hide()
        self.predict_dock.hide()
        self.lessons.lesson_opened.connect(lambda _name: self.narration_dock.show())
        self.lessons.lesson_left.connect(self.narration_dock.hide)
        self.predict_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Predict the next step"), "P", self._on_predict,
            checkable=True,
            tooltip=QT_TRANSLATE_NOOP("MainWindow", "Pause before each step and ask what "
                                                    "happens next"))
        self.lesson_menu.addSeparator()
        self.lesson_menu.addAction(self.lessons_dock.toggleViewAction())
        self.lesson_menu.addAction(self.predict_action)

    def _build_view_menu(self) -> None:
        """Language (interface and lessons together) and light/dark appearance."""
        view = self._menu(None, QT_TRANSLATE_NOOP("MainWindow", "&View"))
        language = self._menu(view, QT_TRANSLATE_NOOP("MainWindow", "&Language"))
        group = QActionGroup(self)
        self._language_actions: dict[Lang, QAction] = {}
        for choice in LANGS:
            action = language.addAction(choice.native_name)  # each in its own language
            action.setCheckable(True)
            action.setChecked(choice is i18n.current_language())
            action.setActionGroup(group)
            action.triggered.connect(lambda _=False, c=choice: self.set_language(c))
            self._language_actions[choice] = action
        appearance = self._menu(view, QT_TRANSLATE_NOOP("MainWindow", "&Appearance"))
        group = QActionGroup(self)
        manager = appearance_manager()
        self._appearance_actions: dict[Appearance, QAction] = {}
        for look, text in APPEARANCES:
            action = QAction(self)
            self._texts.append((action, text, ""))
            action.setCheckable(True)
            action.setChecked(look is manager.choice)
            action.setActionGroup(group)
            action.triggered.connect(lambda _=False, c=look: self.set_appearance(c))
            appearance.addAction(action)
            self._appearance_actions[look] = action

    def _dock(self, name: str) -> QDockWidget:
        dock = self.findChild(QDockWidget, name)
        assert isinstance(dock, QDockWidget), name
        return dock

    def _on_predict(self, on: bool) -> None:
        self.lessons.set_predict_mode(on)
        self.predict_dock.setVisible(on)

    def set_language(self, lang: Lang) -> None:
        """Interface and lessons switch together; every widget retranslates itself (Qt's
        LanguageChange), the lesson panes re-render their text. Kept for the next run."""
        i18n.set_language(lang)
        self.lessons.set_language(lang)
        self._language_actions[lang].setChecked(True)
        QSettings().setValue(LANGUAGE_KEY, lang.value)

    def set_appearance(self, choice: Appearance) -> None:
        appearance_manager().apply(choice)
        self._appearance_actions[choice].setChecked(True)

    def changeEvent(self, event: QEvent) -> None:
        if i18n.is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text the window itself shows, in the interface language."""
        ctx = "MainWindow"
        for item, text, tooltip in self._texts:
            if isinstance(item, QMenu):
                item.setTitle(QCoreApplication.translate(ctx, text))
            else:
                item.setText(QCoreApplication.translate(ctx, text))
                if tooltip:
                    item.setToolTip(QCoreApplication.translate(ctx, tooltip))
        self.toolbar.setWindowTitle(self.tr("Lesson"))
        self.scenario_label.setText(self.tr(" Scenario: "))
        for name, scenario in SCENARIOS.items():
            self.scenario_box.setItemText(self.scenario_box.findData(name),
                                          model_tr(scenario.title))
        for title, key in WSGI_SOURCES:
            self.scenario_box.setItemText(self.scenario_box.findData(key),
                                          QCoreApplication.translate(ctx, title))
        for index, title in enumerate((self.tr("TCP state machines"),
                                       self.tr("HTTP · cookies · sessions"),
                                       self.tr("Server: WSGI call chain"))):
            self.layer_tabs.setTabText(index, title)
        self.capture_dock.setWindowTitle(self.tr("Capture: TCP connections"))
        self.packet_dock.setWindowTitle(self.tr("Packet details"))
        if self.player.timeline is not None:
            self._show_titles(self.player.timeline)

    def _show_titles(self, timeline: Timeline) -> None:
        """The window title, the status line's description and, for a source that is not in
        the box (a capture, a lesson's chain), its name at the top of the box."""
        self.setWindowTitle(self.tr("Protocol Simulator — {title}")
                            .format(title=translate_text(timeline.title)))
        self.description.setText(translate_text(timeline.description))
        if self._replayed_from is not None:
            self._show_source_in_box(
                self.tr("Capture: {file}, connection {number}")
                .format(file=Path(self._replayed_from.path).name, number=self._replayed_conn))
        elif self.scenario_box.itemData(0) == "":
            self._show_source_in_box(translate_text(timeline.title))

    # ------------------------------------------------------------------ sources
    @property
    def timeline(self) -> Timeline:
        timeline = self.player.timeline
        assert timeline is not None
        return timeline

    def _on_scenario_chosen(self, index: int) -> None:
        name = self.scenario_box.itemData(index)
        if name and str(name).startswith("wsgi:"):
            self.load_wsgi_source(str(name))
            return
        if name:
            self.load_scenario(str(name))

    def _show_source_in_box(self, label: str | None) -> None:
        """Show 'Capture: …' in the scenario box while a capture is replayed."""
        self.scenario_box.blockSignals(True)
        if self.scenario_box.itemData(0) == "":
            self.scenario_box.removeItem(0)
        if label is not None:
            self.scenario_box.insertItem(0, label, "")
            self.scenario_box.setCurrentIndex(0)
        self.scenario_box.blockSignals(False)

    def load_scenario(self, name: str, drop_ids: frozenset[int] = frozenset(),
                      cursor: int = 0) -> None:
        self._show_source_in_box(None)
        self._replayed_from = None
        self.packet_detail.clear()
        self.packet_dock.hide()
        self._scenario = name
        self._drop_ids = drop_ids
        timeline = build(name, drop_ids)
        index = self.scenario_box.findData(name)
        if index >= 0 and index != self.scenario_box.currentIndex():
            self.scenario_box.blockSignals(True)
            self.scenario_box.setCurrentIndex(index)
            self.scenario_box.blockSignals(False)
        self.player.set_timeline(timeline, cursor)
        self._show_titles(timeline)
        self.reset_action.setEnabled(bool(drop_ids))

    # ------------------------------------------------------------------ the server's side
    def load_wsgi_source(self, key: str) -> None:
        """The WSGI sources: the classic chain and the gateway lesson are data; the live one
        traces the demo app off the GUI thread (TraceLoader)."""
        if key == "wsgi:live":
            self._start_trace(DEMO_JOB)
            return
        timeline = (chain_timeline(classic_chain("/"), name="wsgi-classic")
                    if key == "wsgi:classic" else gateway_timeline())
        self._show_wsgi_timeline(timeline)

    def _choose_trace(self) -> None:
        dialog = TraceDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._start_trace(dialog.job())

    def _start_trace(self, job: TraceJob) -> None:
        self.player.pause()
        if self.trace_loader.start(job):
            self.statusBar().showMessage(self.tr("Tracing {request} …").format(request=job.label))

    def _show_trace(self, timeline: Timeline) -> None:
        self.statusBar().clearMessage()
        self._show_wsgi_timeline(timeline)

    def _on_trace_failed(self, message: str) -> None:
        self.statusBar().clearMessage()
        QMessageBox.warning(self, self.tr("Cannot trace the request"), message)

    def _show_wsgi_timeline(self, timeline: Timeline) -> None:
        self._scenario = ""  # what-if re-runs TCP scenarios only
        self._drop_ids = frozenset()
        self._replayed_from = None
        self.packet_detail.clear()
        self.packet_dock.hide()
        self.top_splitter.setSizes([480, 960])  # the server's side needs the room now
        self.player.set_timeline(timeline, 0)  # _on_timeline shows its title in the box
        self._show_titles(timeline)
        self.reset_action.setEnabled(False)

    # ------------------------------------------------------------------ captures
    def _choose_capture(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a capture"), "",
            self.tr("Captures (*.pcap *.pcapng *.cap *.pcap.gz);;All files (*)"))
        if path:
            self.open_capture(path)

    def open_capture(self, path: str) -> None:
        """Index the capture in a worker thread; the window stays responsive meanwhile."""
        if self.loader.busy:
            return
        self.player.pause()
        self._progress = QProgressDialog(self.tr("Reading {file}…").format(file=Path(path).name),
                                         self.tr("Cancel"), 0, 1000, self)
        self._progress.setWindowTitle(self.tr("Opening capture"))
        self._progress.setMinimumDuration(300)
        self._progress.setAutoClose(False)
        self._progress.setAutoReset(False)
        self._progress.canceled.connect(self.loader.cancel)
        self._pending_path = path
        self.loader.start(path)

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def _on_capture_progress(self, done: int, total: int) -> None:
        if self._progress is not None and total > 0:
            self._progress.setValue(int(1000 * done / total))

    def _on_capture_loaded(self, index: CaptureIndex, http: CaptureHttp | None) -> None:
        self._close_progress()
        self.capture_index = index
        self.capture_http = http
        self._remember(index.path)
        self.capture_panel.set_index(index)
        self.capture_dock.show()
        self.capture_dock.raise_()
        if index.connections:
            self.open_connection(index.connections[0].id)
        else:
            QMessageBox.information(
                self, self.tr("No TCP connections"),
                self.tr("{file} contains no TCP connection to replay.")
                .format(file=Path(index.path).name)
                + ("\n\n" + "\n".join(index.warnings) if index.warnings else ""))

    def _on_capture_failed(self, message: str) -> None:
        self._close_progress()
        QMessageBox.warning(self, self.tr("Cannot open capture"), message)

    def _on_capture_cancelled(self) -> None:
        self._close_progress()
        self.statusBar().showMessage(self.tr("Opening the capture was cancelled."), 5000)

    def open_connection(self, conn_id: int) -> None:
        """Replay one connection of the open capture through the TCP model (a long one off
        the GUI thread, with progress and Cancel: replay_loader)."""
        assert self.capture_index is not None
        self.player.pause()
        self.replay_loader.start(self.capture_index, conn_id)

    def _show_connection(self, timeline: Timeline, _info: object, conn_id: int) -> None:
        assert self.capture_index is not None
        self._scenario = ""
        self._drop_ids = frozenset()
        self._replayed_from = self.capture_index
        self._replayed_conn = conn_id
        self.packet_dock.show()
        http_at = (http_for_connection(self.capture_http, conn_id)
                   if self.capture_http is not None else None)
        if http_at is not None and isinstance(timeline, ReplayTimeline):
            timeline.show_http(http_at)  # the HTTP tab follows the capture too
        self.player.set_timeline(timeline, 0)
        self._show_titles(timeline)
        self.reset_action.setEnabled(False)

    def _remember(self, path: str) -> None:
        settings = QSettings()
        recent = [p for p in _recent(settings) if p != path]
        settings.setValue("recent_files", [path, *recent][:MAX_RECENT])
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        recent = _recent(QSettings())
        for path in recent:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=str(path): self.open_capture(p))
        self.recent_menu.setEnabled(bool(recent))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.open_capture(urls[0].toLocalFile())

    def drop_current_segment(self) -> None:
        """What-if: lose the current step's segment and re-run the scenario from there."""
        step = self.timeline[self.player.cursor]
        if not self._scenario:
            self.statusBar().showMessage(self.tr("What-if works on scenarios; a capture "
                                                 "shows what really happened."), 4000)
            return
        if step.segment is None or step.kind is StepKind.LOSE:
            self.statusBar().showMessage(
                self.tr("This step has no segment on the wire to drop."), 4000)
            return
        seg_id = step.segment.id
        self.load_scenario(self._scenario, self._drop_ids | {seg_id})
        lost = [s.index for s in self.timeline if s.kind is StepKind.LOSE
                and s.segment is not None and s.segment.id == seg_id]
        self.player.seek(lost[0] if lost else step.index)
        self.statusBar().showMessage(
            self.tr("What-if: segment #{number} is lost in this run. Step forward to watch TCP "
                    "react.").format(number=seg_id), 8000)

    def reset_what_if(self) -> None:
        if not self._scenario:
            return
        self.load_scenario(self._scenario, frozenset(), self.player.cursor)

    # ------------------------------------------------------------------ reactions
    def _on_cursor(self, index: int, _progress: float) -> None:
        step = self.timeline[index]
        self.drop_action.setEnabled(bool(self._scenario) and step.segment is not None
                                    and step.kind is not StepKind.LOSE)
        number = (captured_packet_number(self.timeline, step)
                  if self._replayed_from is not None else None)
        if number is None or self._replayed_from is None:
            self.packet_detail.clear()
        else:
            self.packet_detail.show_packet(self._replayed_from, number)

    def _on_timeline(self, timeline: Timeline) -> None:
        """Bring the HTTP tab forward for a lesson that has an HTTP layer, TCP's otherwise;
        the titles and the status line follow whichever source set the timeline."""
        if timeline.name != self._scenario and not self._replayed_from:
            # Opened by a lesson (a call chain, a capture): not a scenario what-if can re-run.
            self._scenario = ""
            self.reset_action.setEnabled(False)
            self._show_source_in_box(translate_text(timeline.title))
        self._show_titles(timeline)
        has_http = http_has_layer(timeline)
        wsgi = isinstance(timeline, GatewayTimeline) or has_wsgi(timeline)
        tab = self.wsgi_panel if wsgi else self.http_panel if has_http else None
        self.layer_tabs.setCurrentIndex(0 if tab is None else self.layer_tabs.indexOf(tab))

    def _on_relative(self, checked: bool) -> None:
        self.ladder.set_relative_numbers(checked)
        self.ladder.set_cursor(self.player.cursor, self.player.progress)

    def _export(self, kind: str) -> None:
        default = f"{self.timeline.name}-step{self.player.cursor}.{kind}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export step as {format}").format(format=kind.upper()), default,
            self.tr("{format} image (*.{extension})").format(format=kind.upper(),
                                                            extension=kind))
        if not path:
            return
        try:
            exporter = export_png if kind == "png" else export_svg
            exporter(self.timeline, self.player.cursor, path,
                     relative=self.relative_action.isChecked())
        except ExportError as error:
            QMessageBox.warning(self, self.tr("Export failed"), str(error))
            return
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 5000)

    def _export_json(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export timeline as JSON"),
                                              f"{self.timeline.name}.json", "JSON (*.json)")
        if not path:
            return
        try:
            Path(path).write_text(json.dumps(timeline_json(self.timeline), indent=2))
        except OSError as error:
            QMessageBox.warning(self, self.tr("Export failed"),
                                self.tr("Could not write {path}: {reason}")
                                .format(path=path, reason=error.strerror))

    def _show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td><b>{QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)}"
            f"</b></td><td>{QCoreApplication.translate('MainWindow', v)}</td></tr>"
            for k, v in SHORTCUTS)
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), f"<table>{rows}</table>")

    def _show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Protocol Simulator"), about_html())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Keep the teacher's unsaved note and the window layout for the next run."""
        self.teacher.notes.save()
        save_layout(self)
        super().closeEvent(event)
