"""The toolbar's choice of what to play: a scenario, or one of the server's sources.

Each item's data is its key: a scenario's name (``simulation.scenarios.SCENARIOS``) or
``wsgi:classic`` / ``wsgi:live`` / ``wsgi:gateways``. A source that is not in the list (a
capture's connection, a lesson's call chain) is shown as a temporary first item whose key is
empty, removed again when a listed source is chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from simulator.models.simulation.scenarios import SCENARIOS
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP, is_language_change
from simulator.ui.text.model_text import model_tr

WSGI_SOURCES = ((QT_TRANSLATE_NOOP("MainWindow", "Server: Flask 1.x classic call chain"),
                 "wsgi:classic"),
                (QT_TRANSLATE_NOOP("MainWindow", "Server: Flask (installed), traced live"),
                 "wsgi:live"),
                (QT_TRANSLATE_NOOP("MainWindow", "Server: CGI vs FastCGI vs WSGI"),
                 "wsgi:gateways"))


class SourceBox(QComboBox):
    """Scenarios, a separator, then the server's sources; ``chosen`` gives the key."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrow keys stay the Player's
        for name in SCENARIOS:
            self.addItem("", name)
        self.insertSeparator(self.count())
        for _title, key in WSGI_SOURCES:
            self.addItem("", key)
        self.currentIndexChanged.connect(self._on_index)
        self.retranslate()

    def _on_index(self, index: int) -> None:
        key = self.itemData(index)
        if key:
            self.chosen.emit(str(key))

    def select(self, key: str) -> None:
        """Show ``key`` as the current item without announcing it."""
        index = self.findData(key)
        if index >= 0 and index != self.currentIndex():
            self.blockSignals(True)
            self.setCurrentIndex(index)
            self.blockSignals(False)

    def show_unlisted(self, label: str | None) -> None:
        """Show a source that is not in the list (``None``: take the last one away)."""
        self.blockSignals(True)
        if self.itemData(0) == "":
            self.removeItem(0)
        if label is not None:
            self.insertItem(0, label, "")
            self.setCurrentIndex(0)
        self.blockSignals(False)

    @property
    def shows_unlisted(self) -> bool:
        return bool(self.itemData(0) == "")

    def retranslate(self) -> None:
        for name, scenario in SCENARIOS.items():
            self.setItemText(self.findData(name), model_tr(scenario.title))
        for title, key in WSGI_SOURCES:
            self.setItemText(self.findData(key), QCoreApplication.translate("MainWindow", title))

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
