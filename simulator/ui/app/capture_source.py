"""Captures as a source of the window: open (dialog, recent files, a dropped file), index off
the GUI thread with progress and Cancel, list the connections, replay the chosen one.

``CaptureSource`` owns the connection table (a dock on the left, which folds away once a
connection plays and comes back from the toolbar), the packet-details view (the window shows
it as a detail tab beside the ladder), both loaders and the list of recent files; when a
connection has been replayed it emits ``replayed(timeline)`` and the window plays it. While a
replay is on, ``show_packet`` has the packet details dissect the current step's packet.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from simulator.models.replay.engine import ReplayInfo
from simulator.models.replay.lazy_timeline import ReplayTimeline
from simulator.models.timeline.steps import Step, Timeline
from simulator.net.capture.index import CaptureIndex
from simulator.net.http.capture_http import CaptureHttp
from simulator.net.http.replay_layer import http_for_connection, messages_for_connection
from simulator.ui.capture.capture_loader import CaptureLoader
from simulator.ui.capture.capture_panel import CapturePanel
from simulator.ui.capture.packet_detail_view import PacketDetailView, captured_packet_number
from simulator.ui.capture.replay_loader import ReplayLoader
from simulator.ui.common.progress import LoadProgress
from simulator.ui.text.i18n import is_language_change

RECENT_KEY = "recent_files"  # QSettings: the last captures opened, newest first
MAX_RECENT = 8


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY, [], list)
    return [str(p) for p in value] if isinstance(value, list) else []


class CaptureSource(QObject):
    """The open capture, its docks and loaders, and the connection being replayed."""

    opening = Signal()  # a capture or a connection is being read: the player should pause
    replayed = Signal(object)  # Timeline: a connection is ready to play

    def __init__(self, window: QMainWindow, recent_menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self._recent_menu = recent_menu
        self.panel = CapturePanel(window)
        self.panel_dock = self._dock("capture-dock", self.panel,
                                     Qt.DockWidgetArea.LeftDockWidgetArea)
        self.packet_detail = PacketDetailView(window)
        self.index: CaptureIndex | None = None
        self.http: CaptureHttp | None = None
        self.replayed_from: CaptureIndex | None = None  # the capture the timeline replays
        self.replayed_connection = 0
        self.replayed_timeline: Timeline | None = None  # ... and the timeline it made
        self.replayed_info: ReplayInfo | None = None  # ... and how the replay read it
        self.loader = CaptureLoader(self)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)
        self.loader.cancelled.connect(self._on_cancelled)
        self.progress = LoadProgress(window, self.loader.cancel)
        self.loader.progress.connect(self.progress.set_progress)
        self.replay_loader = ReplayLoader(window)
        self.replay_loader.loaded.connect(self._on_replayed)
        self.replay_loader.failed.connect(self._on_failed)
        self.panel.connection_chosen.connect(self._on_chosen)
        self._fold_list = False  # fold the list away once the chosen connection plays
        self._wanted_connection: int | None = None  # the command line's --connection
        self._refresh_recent()
        self.retranslate()

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self._window)
        dock.setObjectName(name)  # saved layouts find it whatever the language
        dock.setWidget(widget)
        self._window.addDockWidget(area, dock)
        dock.hide()
        return dock

    # ------------------------------------------------------------------ opening
    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Open a capture"), "",
            self.tr("Captures (*.pcap *.pcapng *.cap *.pcap.gz);;All files (*)"))
        if path:
            self.open(path)

    def open(self, path: str, connection: int | None = None) -> None:
        """Index the capture in a worker thread; the window stays responsive meanwhile. Then
        replay ``connection`` (by default the first)."""
        if self.loader.busy:
            return
        self._wanted_connection = connection
        self.opening.emit()
        name = Path(path).name
        self.progress.start(lambda: (self.tr("Opening capture"),
                                     self.tr("Reading {file}…").format(file=name)))
        self.loader.start(path)

    def accept_drop(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.open(urls[0].toLocalFile())

    def _on_loaded(self, index: CaptureIndex, http: CaptureHttp | None) -> None:
        self.progress.finish()
        self.index = index
        self.http = http
        self._remember(index.path)
        self.panel.set_index(index)
        self.panel_dock.show()
        self.panel_dock.raise_()
        if index.connections:
            self._fold_list = len(index.connections) == 1  # else it stays to choose from
            wanted, self._wanted_connection = self._wanted_connection, None
            ids = [c.id for c in index.connections]
            if wanted is not None and wanted not in ids:
                QMessageBox.warning(
                    self._window, self.tr("No such connection"),
                    self.tr("{file} has no connection {number} (it has {first} to {last}); "
                            "connection {first} is shown.")
                    .format(file=Path(index.path).name, number=wanted, first=ids[0],
                            last=ids[-1]))
                wanted = None
            self.open_connection(ids[0] if wanted is None else wanted)
        else:
            QMessageBox.information(
                self._window, self.tr("No TCP connections"),
                self.tr("{file} contains no TCP connection to replay.")
                .format(file=Path(index.path).name)
                + ("\n\n" + "\n".join(self.panel.warning_lines()) if index.warnings else ""))

    def _on_failed(self, message: str) -> None:
        self.progress.finish()
        QMessageBox.warning(self._window, self.tr("Cannot open capture"), message)

    def _on_cancelled(self) -> None:
        self.progress.finish()
        self._window.statusBar().showMessage(self.tr("Opening the capture was cancelled."),
                                             5000)

    # ------------------------------------------------------------------ replaying
    def _on_chosen(self, conn_id: int) -> None:
        self._fold_list = True
        self.open_connection(conn_id)

    def open_connection(self, conn_id: int) -> None:
        """Replay one connection of the open capture through the TCP model (a long one off
        the GUI thread, with progress and Cancel: replay_loader)."""
        assert self.index is not None
        self.opening.emit()
        self.replay_loader.start(self.index, conn_id)

    def _on_replayed(self, timeline: Timeline, info: object, conn_id: int) -> None:
        assert self.index is not None
        self.replayed_from = self.index
        self.replayed_connection = conn_id
        self.replayed_timeline = timeline
        self.replayed_info = info if isinstance(info, ReplayInfo) else None
        if self._fold_list:
            self.panel_dock.hide()  # folds away: the stage is the connection's now
        http_at = (http_for_connection(self.http, conn_id) if self.http is not None
                   else None)
        if http_at is not None and isinstance(timeline, ReplayTimeline):
            assert self.http is not None
            # the HTTP tab follows the capture too; the ladder names the messages
            timeline.show_http(http_at, messages_for_connection(self.http, conn_id))
        self.replayed.emit(timeline)

    def stop_replay(self) -> None:
        """Another source takes the stage: no packet to show any more."""
        self.replayed_from = None
        self.replayed_timeline = None
        self.replayed_info = None
        self.packet_detail.clear()

    def show_packet(self, timeline: Timeline, step: Step) -> None:
        """The packet details follow the cursor while a capture is replayed."""
        number = (captured_packet_number(timeline, step)
                  if self.replayed_from is not None else None)
        if number is None or self.replayed_from is None:
            self.packet_detail.clear()
        else:
            self.packet_detail.show_packet(self.replayed_from, number)

    @property
    def source_label(self) -> str | None:
        """'Capture: FILE, connection N' while a connection is replayed."""
        if self.replayed_from is None:
            return None
        return self.tr("Capture: {file}, connection {number}").format(
            file=Path(self.replayed_from.path).name, number=self.replayed_connection)

    # ------------------------------------------------------------------ recent files
    def _remember(self, path: str) -> None:
        settings = QSettings()
        recent = [p for p in recent_files(settings) if p != path]
        settings.setValue(RECENT_KEY, [path, *recent][:MAX_RECENT])
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        self._recent_menu.clear()
        recent = recent_files(QSettings())
        for path in recent:
            action = self._recent_menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=str(path): self.open(p))
        self._recent_menu.setEnabled(bool(recent))

    # ------------------------------------------------------------------ words
    def retranslate(self) -> None:
        self.panel_dock.setWindowTitle(self.tr("Capture: TCP connections"))

    def event(self, event: QEvent) -> bool:
        if is_language_change(event):  # the window passes LanguageChange to its children
            self.retranslate()
        return super().event(event)
