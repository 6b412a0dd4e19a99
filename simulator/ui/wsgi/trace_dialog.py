"""The "Trace a live request…" dialog: which request, which Flask app, which view of it.

Theory of operation
-------------------
The dialog only collects choices and turns them into a ``TraceJob`` (``trace_loader``); the
loader does the tracing. The request is what a browser would send: a method, a path (encoded
as a browser encodes a request target, RFC 3986: spaces and non-ASCII are percent-encoded)
and, optionally, form data sent as ``application/x-www-form-urlencoded``. A second request
can follow, carrying the cookies the first response set (``http.cookiejar`` in the tracer),
so the timeline shows Set-Cookie coming back as Cookie.

The app is the bundled demo (``simulator/demo_app.py``) or a file of the learner's. Tracing a
file *imports and runs it* with the learner's rights; the dialog says so in a warning box as
soon as that option is chosen (``LEARNER_CODE_WARNING``, the same words as the CLI), and will
not accept a path that is not an existing ``.py`` file.

Every label, button, placeholder and message is translated (context ``TraceDialog``) and set
again on a language change (``retranslate``). The warning's English is the CLI's
``LEARNER_CODE_WARNING`` word for word (a test holds them together); the dialog keeps its own
copy because lupdate extracts only literal strings.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from simulator.net.live.trace import DEFAULT_TIME_LIMIT, TraceRequest
from simulator.ui.common import palette
from simulator.ui.text.i18n import is_language_change
from simulator.ui.wsgi.trace_loader import TraceJob

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
WITH_BODY = ("POST", "PUT", "PATCH")  # methods that usually carry form data
SAFE_IN_TARGET = "/?&=%:@!$'()*+,;~-._#[]"  # RFC 3986 characters a browser leaves as they are


def encode_target(path: str) -> str:
    """Percent-encode a path as a browser does before sending it (same rule as the CLI)."""
    return quote(path, safe=SAFE_IN_TARGET)


class TraceDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)

        self.method = QComboBox(self)
        self.method.addItems(METHODS)
        self.path = QLineEdit("/", self)
        self.data = QLineEdit(self)
        self.follow = QCheckBox(self)
        self.follow.setChecked(True)
        self.follow_path = QLineEdit("/", self)
        self.follow_note = QLabel(self)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow)
        follow_row.addWidget(self.follow_path, 1)
        follow_row.addWidget(self.follow_note)
        self.request_box = QGroupBox(self)
        self.request_form = QFormLayout(self.request_box)
        self.request_labels = [QLabel(self.request_box) for _ in range(4)]
        self.request_form.addRow(self.request_labels[0], self.method)
        self.request_form.addRow(self.request_labels[1], self.path)
        self.request_form.addRow(self.request_labels[2], self.data)
        self.request_form.addRow(self.request_labels[3], follow_row)

        self.demo = QRadioButton(self)
        self.own = QRadioButton(self)
        self.demo.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.demo)
        group.addButton(self.own)
        self.app_file = QLineEdit(self)
        self.app_file.setPlaceholderText("path/to/app.py")
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.own)
        file_row.addWidget(self.app_file, 1)
        file_row.addWidget(self.browse)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setMargin(6)
        self.app_box = QGroupBox(self)
        app_layout = QVBoxLayout(self.app_box)
        app_layout.addWidget(self.demo)
        app_layout.addLayout(file_row)
        app_layout.addWidget(self.warning)

        self.all_layers = QCheckBox(self)
        self.all_layers.setChecked(True)
        self.keep_all = QCheckBox(self)
        self.time_limit = QDoubleSpinBox(self)
        self.time_limit.setRange(1.0, 120.0)
        self.time_limit.setValue(DEFAULT_TIME_LIMIT)
        self.options_box = QGroupBox(self)
        options = QFormLayout(self.options_box)
        options.addRow(self.all_layers)
        options.addRow(self.keep_all)
        self.time_limit_label = QLabel(self.options_box)
        options.addRow(self.time_limit_label, self.time_limit)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.trace_button = self.buttons.addButton("Trace",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.request_box, self.app_box, self.options_box,
                       self.error):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)

        for signal in (self.path.textChanged, self.app_file.textChanged,
                       self.follow_path.textChanged):
            signal.connect(self._validate)
        self.own.toggled.connect(self._validate)
        self.follow.toggled.connect(self._validate)
        self.method.currentTextChanged.connect(self._on_method)
        self.retranslate()

    def retranslate(self) -> None:
        """Every word of the dialog in the interface language (then the warning and the
        problem, which ``_validate`` writes)."""
        self.setWindowTitle(self.tr("Trace a live request"))
        self.intro.setText(self.tr(
            "Send a real HTTP request to a real Flask app, served by Werkzeug's WSGI server on "
            "127.0.0.1, and record every step it takes inside the server — from the bytes on "
            "the socket to your view and back."))
        self.path.setPlaceholderText(self.tr("/  or  /?theme=dark  or  /login"))
        self._on_method(self.method.currentText())
        self.follow.setText(self.tr("then send GET"))
        self.follow_note.setText(self.tr("with the cookies the response set"))
        self.request_box.setTitle(self.tr("Request"))
        for label, text in zip(self.request_labels,
                               (self.tr("Method"), self.tr("Path"), self.tr("Form data"),
                                self.tr("Next request")), strict=True):
            label.setText(text)
        self.demo.setText(self.tr("The bundled demo app (simulator/demo_app.py: hooks, a "
                                  "session, a cookie, an error handler)"))
        self.own.setText(self.tr("My own Flask app file:"))
        self.browse.setText(self.tr("Browse…"))
        self.app_box.setTitle(self.tr("Application"))
        self.all_layers.setText(self.tr("All layers on one timeline: TCP segments (simulated "
                                        "from the real bytes), HTTP, the call chain"))
        self.keep_all.setText(self.tr("Keep every Python frame (thousands of events) instead "
                                      "of the frames that teach"))
        self.time_limit.setSuffix(self.tr(" s", "seconds, after a number"))
        self.options_box.setTitle(self.tr("Options"))
        self.time_limit_label.setText(self.tr("Time limit per request"))
        self.trace_button.setText(self.tr("Trace"))
        self._validate()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def warning_text(self) -> str:
        """What tracing one's own file means (the CLI says the same: LEARNER_CODE_WARNING)."""
        return self.tr("The app file is Python code and it will run: importing it and serving "
                       "the request execute it with your rights. Trace only files you trust.")

    # ------------------------------------------------------------------ choices
    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a Flask app file"),
                                              self.app_file.text(),
                                              self.tr("Python files (*.py)"))
        if name:
            self.app_file.setText(name)
            self.own.setChecked(True)

    def _on_method(self, method: str) -> None:
        if method in WITH_BODY:
            self.data.setPlaceholderText(self.tr("form data, e.g. user=ada"))
        else:
            self.data.setPlaceholderText(self.tr("optional form data, e.g. user=ada (sent as "
                                                 "application/x-www-form-urlencoded)"))

    def problem(self) -> str | None:
        """Why the choices cannot be traced yet (None: they can)."""
        if not self.path.text().startswith("/"):
            return self.tr("The path must start with '/' (it is the request target, e.g. "
                           "/login).")
        if self.follow.isChecked() and not self.follow_path.text().startswith("/"):
            return self.tr("The next request's path must start with '/'.")
        if self.own.isChecked():
            text = self.app_file.text().strip()
            if not text:
                return self.tr("Choose your app file, or pick the bundled demo app.")
            file = Path(text).expanduser()
            if not file.is_file():
                return self.tr("No such file: {path}").format(path=text)
            if file.suffix != ".py":
                return self.tr("The app file must be a Python file (.py).")
        return None

    def _validate(self) -> None:
        dark = palette.is_dark(self.palette())
        own = self.own.isChecked()
        self.warning.setVisible(own)
        if own:
            ink = palette.WARNING_INK.pick(dark).name()
            fill = palette.WARNING_FILL.pick(dark).name()
            # the label itself is the box (an HTML table or a style-sheet padding made QLabel
            # measure the wrapped height for a wider line and cut the last line in Chinese)
            self.warning.setStyleSheet(f"QLabel {{ background: {fill}; color: {ink}; }}")
            self.warning.setText(f"<b>⚠ {escape(self.warning_text(), quote=False)}</b>")
        self.follow_path.setEnabled(self.follow.isChecked())
        problem = self.problem()
        self.error.setText(f"<span style='color:{palette.WARNING_INK.pick(dark).name()}'>"
                           f"{escape(problem, quote=False)}</span>" if problem else "")
        self.error.setVisible(problem is not None)
        self.trace_button.setEnabled(problem is None)

    def _fit_height(self) -> None:
        """Grow the dialog when its wrapped texts need more lines than it has room for (the
        warning appearing, or a language with other line breaks): a window's minimum size
        does not follow its labels' height-for-width."""
        need = self.heightForWidth(self.width()) if self.isVisible() else -1
        if need > self.height():
            self.resize(self.width(), need)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # texts changed: the layout is redone
            self._fit_height()
        return handled

    def job(self) -> TraceJob:
        """The trace the dialog describes (call when ``problem()`` is None)."""
        method = self.method.currentText().strip().upper() or "GET"
        data = self.data.text()
        first = TraceRequest(method, encode_target(self.path.text()),
                             data.encode("utf-8") if data else None)
        requests = [first]
        if self.follow.isChecked():
            requests.append(TraceRequest("GET", encode_target(self.follow_path.text())))
        app_file = (str(Path(self.app_file.text().strip()).expanduser())
                    if self.own.isChecked() else None)
        return TraceJob(tuple(requests), app_file=app_file,
                        keep_all=self.keep_all.isChecked(),
                        all_layers=self.all_layers.isChecked(),
                        time_limit=self.time_limit.value())
