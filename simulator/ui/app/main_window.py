"""The main window: the stage (``stage.Stage``: the ladder, one layer's details, the lesson
and the explanation, the transport bar) following the Player's cursor, and the sources that
give it a Timeline.

The window composes parts that each hold one concern: ``WindowActions`` (commands, menus,
toolbar), ``SourceBox`` (which scenario or server source), ``CaptureSource`` (captures, the
connection list and the packet details), ``ServerSource`` (call chains and live traces), the
lessons (``lesson_wiring``), presentation mode, and the teacher's tools. It holds the current
scenario (its name and the segments the learner chose to lose) only so a what-if can rebuild
it; every protocol fact it shows comes from the Timeline the model produced.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from simulator.models.lessons.text import Lang
from simulator.models.simulation.gateway_timeline import GatewayTimeline
from simulator.models.simulation.scenarios import DEFAULT_SCENARIO, build
from simulator.models.timeline.json_form import timeline_json
from simulator.models.timeline.steps import StepKind, Timeline
from simulator.net.capture.index import CaptureIndex
from simulator.net.http.capture_http import CaptureHttp
from simulator.ui.app import accessibility, teacher_tools
from simulator.ui.app.appearance import Appearance, appearance_manager
from simulator.ui.app.capture_source import CaptureSource
from simulator.ui.app.capture_what_if import CaptureWhatIfs
from simulator.ui.app.desktop import (
    about_html,
    app_icon,
    fit_to_screen,
    restore_layout,
    save_layout,
)
from simulator.ui.app.export import ExportError, export_png, export_svg
from simulator.ui.app.lesson_wiring import dock_lessons, fold_lesson_list, lesson_list_at_start
from simulator.ui.app.presentation import Presentation
from simulator.ui.app.server_source import ServerSource
from simulator.ui.app.source_box import SourceBox
from simulator.ui.app.stage import Stage
from simulator.ui.app.window_actions import WindowActions
from simulator.ui.common.elided_label import ElidedLabel
from simulator.ui.common.legibility import legibility
from simulator.ui.common.player import Player
from simulator.ui.http.sampling import has_http as http_has_layer
from simulator.ui.text import i18n
from simulator.ui.text.model_text import translate_text
from simulator.ui.wsgi.wsgi_panel import has_wsgi

LANGUAGE_KEY = "language"  # QSettings: the learner's last choice of language


class MainWindow(QMainWindow):
    def __init__(self, scenario: str = DEFAULT_SCENARIO, step: int = 0,
                 drop_ids: frozenset[int] = frozenset(), lang: Lang = Lang.EN) -> None:
        super().__init__()
        if lang is not i18n.current_language():
            i18n.set_language(lang)  # before any widget asks for a translation
        legibility().restore_zoom()
        legibility().apply_font()  # every widget's text at least the screen's floor
        self.player = Player(self)
        self._scenario = scenario
        self._drop_ids = drop_ids
        self._capture_step: int | None = None  # --step of an --open, once replayed
        self.stage = Stage(self.player, self)
        self.setCentralWidget(self.stage)
        self.ladder, self.explanation = self.stage.ladder, self.stage.explanation
        self.client_diagram = self.stage.client_diagram
        self.server_diagram = self.stage.server_diagram
        self.http_panel, self.wsgi_panel = self.stage.http_panel, self.stage.wsgi_panel
        self.layer_tabs, self.transport = self.stage.details, self.stage.transport
        self.scenario_box = SourceBox(self)
        self.commands = WindowActions(self, self.scenario_box)
        self.drop_action, self.reset_action = self.commands.drop, self.commands.reset
        self.relative_action = self.commands.relative
        self.export_json_action = self.commands.export_json
        self.lesson_menu = self.commands.lesson_menu
        self.description = ElidedLabel(self)
        self.statusBar().addWidget(self.description, 1)

        self.captures = CaptureSource(self, self.commands.recent_menu)
        self.capture_panel, self.packet_detail = self.captures.panel, self.captures.packet_detail
        self.capture_dock = self.captures.panel_dock
        self.loader, self.replay_loader = self.captures.loader, self.captures.replay_loader
        self.stage.add_detail(self.packet_detail, lambda: self.tr("Packet bytes"))
        self._show_packet_tab(False)
        self.what_ifs = CaptureWhatIfs(self, self)  # D on a replayed capture
        self.what_ifs.banner.back.clicked.connect(self.reset_what_if)
        self.server = ServerSource(self)
        self.trace_loader = self.server.trace_loader
        self.lessons = dock_lessons(self, lang, self.stage, beside=self.capture_dock,
                                    menu=self.lesson_menu, toolbar=self.commands.toolbar,
                                    predict=self.commands.predict)
        connections = self.capture_dock.toggleViewAction()
        connections.setVisible(False)  # in the toolbar once a capture is open
        self.loader.loaded.connect(lambda *_: connections.setVisible(True))
        self.commands.toolbar.addAction(connections)
        self.teacher = teacher_tools.install(self, after=self.export_json_action,
                                             menu=self.lesson_menu)
        self.presentation = Presentation(
            self, self.stage, [self.commands.toolbar, self.menuBar(), self.statusBar()])
        self._connect()
        accessibility.install(self, self.stage.show_tab)
        self.setAcceptDrops(True)
        self.retranslate()
        self.load_scenario(scenario, drop_ids, step)
        self.setWindowIcon(app_icon())
        fit_to_screen(self)
        restored = restore_layout(self)  # the last layout used on a screen of this size
        lesson_list_at_start(self, restored)

    def _connect(self) -> None:
        p, a = self.player, self.commands
        zoom = legibility()
        for action, slot in (
                (a.play, p.toggle), (a.forward, lambda: p.step_forward()), (a.back, p.step_back),
                (a.first, p.first), (a.last, p.last), (a.drop, self.drop_current_segment),
                (a.reset, self.reset_what_if), (a.open, self.captures.choose),
                (a.trace, self.server.choose_trace), (a.export_png, lambda: self._export("png")),
                (a.export_svg, lambda: self._export("svg")), (a.export_json, self._export_json),
                (a.quit, self.close), (a.shortcuts, a.show_shortcuts), (a.about, self._about),
                (a.zoom_in, zoom.zoom_in), (a.zoom_out, zoom.zoom_out),
                (a.zoom_reset, zoom.reset_zoom)):
            action.triggered.connect(slot)
        a.relative.toggled.connect(self._on_relative)
        a.present.toggled.connect(self.presentation.set_on)
        a.present.toggled.connect(a.leave_present.setEnabled)
        a.leave_present.triggered.connect(lambda: a.present.setChecked(False))
        for lang, action in a.languages.items():
            action.triggered.connect(lambda _=False, c=lang: self.set_language(c))
        for look, action in a.appearances.items():
            action.setChecked(look is appearance_manager().choice)
            action.triggered.connect(lambda _=False, c=look: self.set_appearance(c))
        self.scenario_box.chosen.connect(self._on_source_chosen)
        self.captures.replayed.connect(self._show_replay)
        self.server.ready.connect(self._show_server_timeline)
        self.server.tracing.connect(p.pause)
        self.captures.opening.connect(p.pause)
        p.timeline_changed.connect(self._on_timeline)
        for view in (self.ladder, self.client_diagram, self.server_diagram, self.explanation,
                     self.http_panel, self.wsgi_panel):
            p.timeline_changed.connect(view.set_timeline)
            p.cursor_changed.connect(view.set_cursor)
        p.cursor_changed.connect(self._on_cursor)
        self.ladder.segment_clicked.connect(p.seek)
        self.wsgi_panel.seek_requested.connect(p.seek)

    # ------------------------------------------------------------------ what the parts read
    @property
    def timeline(self) -> Timeline:
        timeline = self.player.timeline
        assert timeline is not None
        return timeline

    @property
    def capture_index(self) -> CaptureIndex | None:
        """The open capture (set by opening one, or directly with an index already built)."""
        return self.captures.index

    @capture_index.setter
    def capture_index(self, index: CaptureIndex | None) -> None:
        self.captures.index = index

    @property
    def capture_http(self) -> CaptureHttp | None:
        return self.captures.http

    @property
    def scenario_name(self) -> str:
        """The scenario on the stage, which a what-if re-runs ('' for other sources)."""
        return self._scenario

    @property
    def relative_numbers(self) -> bool:
        return self.relative_action.isChecked()

    # ------------------------------------------------------------------ sources
    def _on_source_chosen(self, key: str) -> None:
        fold_lesson_list(self)
        if key.startswith("wsgi:"):
            self.server.load(key)
        else:
            self.load_scenario(key)

    def load_scenario(self, name: str, drop_ids: frozenset[int] = frozenset(),
                      cursor: int = 0) -> None:
        self.scenario_box.show_unlisted(None)
        self._leave_capture()
        self._scenario = name
        self._drop_ids = drop_ids
        timeline = build(name, drop_ids)
        self.scenario_box.select(name)
        self.player.set_timeline(timeline, cursor)
        self._show_titles(timeline)
        self.reset_action.setEnabled(bool(drop_ids))

    def open_capture(self, path: str, connection: int | None = None,
                     step: int | None = None) -> None:
        """Open a capture; replay ``connection`` (default the first) and show ``step`` once
        it has been replayed (the command line's --open, --connection, --step)."""
        self._capture_step = step
        self.captures.open(path, connection)

    def open_connection(self, conn_id: int) -> None:
        self.captures.open_connection(conn_id)

    def _show_replay(self, timeline: Timeline) -> None:
        fold_lesson_list(self)
        self._show_packet_tab(True)
        self._play_unscripted(timeline)
        step, self._capture_step = self._capture_step, None
        if step is not None and len(timeline):
            last = len(timeline) - 1
            if step > last:
                self.statusBar().showMessage(
                    self.tr("Step {step} is beyond this connection's last step, {last}.")
                    .format(step=step, last=last), 8000)
            self.player.seek(min(step, last))

    def _show_server_timeline(self, timeline: Timeline) -> None:
        fold_lesson_list(self)
        self._leave_capture()
        self._play_unscripted(timeline)

    def _leave_capture(self) -> None:
        self.captures.stop_replay()
        self._show_packet_tab(False)

    def _show_packet_tab(self, on: bool) -> None:
        self.stage.set_detail_visible(self.packet_detail, on)

    def _play_unscripted(self, timeline: Timeline) -> None:
        """A timeline no what-if can re-run (a capture, a call chain)."""
        self._scenario = ""
        self._drop_ids = frozenset()
        self.player.set_timeline(timeline, 0)  # _on_timeline shows its title in the box
        self._show_titles(timeline)
        self.reset_action.setEnabled(False)

    def drop_current_segment(self) -> None:
        """What-if: lose the current step's segment and re-run the scenario from there (on a
        replayed capture, the TCP model runs on from there: ``capture_what_if``)."""
        step = self.timeline[self.player.cursor]
        if not self._scenario and self.captures.replayed_from is not None:
            self.statusBar().showMessage(self.what_ifs.drop(self.player.cursor), 8000)
            return
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
        if self.what_ifs.active:
            self.what_ifs.back()
            return
        if self._scenario:
            self.load_scenario(self._scenario, frozenset(), self.player.cursor)

    # ------------------------------------------------------------------ reactions
    def _on_cursor(self, index: int, _progress: float) -> None:
        step = self.timeline[index]
        replayed = self.captures.replayed_from is not None
        self.drop_action.setEnabled((bool(self._scenario) or replayed)
                                    and step.segment is not None
                                    and step.kind is not StepKind.LOSE)
        if not self.what_ifs.show_packet(index):
            self.captures.show_packet(self.timeline, step)

    def _on_timeline(self, timeline: Timeline) -> None:
        """Bring the HTTP tab forward for a timeline that has an HTTP layer, the WSGI tab for
        a call chain, TCP's otherwise; titles follow whichever source set the timeline."""
        if not self.what_ifs.shows(timeline):
            self.what_ifs.clear()
        if self.captures.replayed_from is not None and \
                timeline is not self.captures.replayed_timeline and \
                not self.what_ifs.shows(timeline):
            self._leave_capture()  # a lesson put another timeline on the stage
        if timeline.name != self._scenario and self.captures.replayed_from is None:
            # Opened by a lesson (a call chain, a capture): not a scenario what-if can re-run.
            self._scenario = ""
            self.reset_action.setEnabled(False)
            self.scenario_box.show_unlisted(translate_text(timeline.title))
        self._show_titles(timeline)
        wsgi = isinstance(timeline, GatewayTimeline) or has_wsgi(timeline)
        self.stage.show_detail(self.wsgi_panel if wsgi else
                               self.http_panel if http_has_layer(timeline) else None)

    def _show_titles(self, timeline: Timeline) -> None:
        """The window title, the status line's description and, for a source that is not in
        the box (a capture, a lesson's chain), its name at the top of the box."""
        self.setWindowTitle(self.tr("Protocol Simulator — {title}")
                            .format(title=translate_text(timeline.title)))
        self.description.setText(translate_text(timeline.description))
        label = self.captures.source_label
        if label is not None:
            self.scenario_box.show_unlisted(label)
        elif self.scenario_box.shows_unlisted:
            self.scenario_box.show_unlisted(translate_text(timeline.title))

    def _on_relative(self, checked: bool) -> None:
        """R governs every number on the stage: the ladder, the explanation and its
        arithmetic, predict's questions and answers (exports read ``relative_numbers``)."""
        self.ladder.set_relative_numbers(checked)
        self.ladder.set_cursor(self.player.cursor, self.player.progress)
        self.explanation.set_relative_numbers(checked)
        self.lessons.predict.set_relative_numbers(checked)

    # ------------------------------------------------------------------ files
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
            exporter(self.timeline, self.player.cursor, path, relative=self.relative_numbers)
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

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.captures.accept_drop(event)

    # ------------------------------------------------------------------ the learner's settings
    def set_language(self, lang: Lang) -> None:
        """Interface and lessons switch together; every widget retranslates itself (Qt's
        LanguageChange), the lesson panes re-render their text. Kept for the next run."""
        i18n.set_language(lang)
        self.lessons.set_language(lang)
        self.commands.languages[lang].setChecked(True)
        QSettings().setValue(LANGUAGE_KEY, lang.value)

    def set_appearance(self, choice: Appearance) -> None:
        appearance_manager().apply(choice)
        self.commands.appearances[choice].setChecked(True)

    def changeEvent(self, event: QEvent) -> None:
        if i18n.is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text the window itself shows, in the interface language (the stage and the
        parts retranslate themselves)."""
        self.commands.retranslate()
        if self.player.timeline is not None:
            self._show_titles(self.player.timeline)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Protocol Simulator"), about_html())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Keep the teacher's unsaved note and the window layout for the next run."""
        self.teacher.notes.save()
        save_layout(self)
        super().closeEvent(event)
