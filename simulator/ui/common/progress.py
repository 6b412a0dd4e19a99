"""A progress dialog for work done off the GUI thread: shown only when the work takes a
while, with Cancel, in the interface language (also if it changes meanwhile), closed by the
owner when the work ends, however it ends."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QProgressDialog, QWidget

from simulator.ui.text.i18n import is_language_change

STEPS = 1000  # the bar's resolution
SHOW_AFTER_MS = 300  # quick work never flashes a dialog

#: The dialog's (title, label) in the current interface language.
Texts = Callable[[], tuple[str, str]]


class LoadProgress(QObject):
    """``start`` before the work, ``set_progress`` from its signal, ``finish`` at its end;
    Cancel calls ``cancel``."""

    def __init__(self, parent: QWidget | None, cancel: Callable[[], None]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._cancel = cancel
        self._dialog: QProgressDialog | None = None
        self._texts: Texts = lambda: ("", "")

    def start(self, texts: Texts) -> None:
        self.finish()
        self._texts = texts
        dialog = self._dialog = QProgressDialog(self._parent)
        dialog.setRange(0, STEPS)
        self._retranslate()
        dialog.installEventFilter(self)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self._cancel)

    @property
    def dialog(self) -> QProgressDialog | None:
        """The dialog while the work runs (it shows itself if the work takes a while)."""
        return self._dialog

    def set_progress(self, done: int, total: int) -> None:
        if self._dialog is not None and total > 0:
            self._dialog.setValue(int(STEPS * done / total))

    def finish(self) -> None:
        """Close the dialog (closing emits its ``canceled``: read any cancel flag first)."""
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _retranslate(self) -> None:
        if self._dialog is None:
            return
        title, label = self._texts()
        self._dialog.setWindowTitle(title)
        self._dialog.setLabelText(label)
        self._dialog.setCancelButtonText(self.tr("Cancel"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._dialog and is_language_change(event):
            self._retranslate()
        return super().eventFilter(watched, event)
