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
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

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

from simulator.net.live_trace import DEFAULT_TIME_LIMIT, LEARNER_CODE_WARNING, TraceRequest
from simulator.ui import palette
from simulator.ui.trace_loader import TraceJob

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
SAFE_IN_TARGET = "/?&=%:@!$'()*+,;~-._#[]"  # RFC 3986 characters a browser leaves as they are


def encode_target(path: str) -> str:
    """Percent-encode a path as a browser does before sending it (same rule as the CLI)."""
    return quote(path, safe=SAFE_IN_TARGET)


class TraceDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trace a live request")
        intro = QLabel("Send a real HTTP request to a real Flask app, served by Werkzeug's WSGI "
                       "server on 127.0.0.1, and record every step it takes inside the server "
                       "— from the bytes on the socket to your view and back.", self)
        intro.setWordWrap(True)

        self.method = QComboBox(self)
        self.method.addItems(METHODS)
        self.path = QLineEdit("/", self)
        self.path.setPlaceholderText("/  or  /?theme=dark  or  /login")
        self.data = QLineEdit(self)
        self.data.setPlaceholderText("optional form data, e.g. user=ada (sent as "
                                     "application/x-www-form-urlencoded)")
        self.follow = QCheckBox("then send GET", self)
        self.follow.setChecked(True)
        self.follow_path = QLineEdit("/", self)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow)
        follow_row.addWidget(self.follow_path, 1)
        follow_row.addWidget(QLabel("with the cookies the response set", self))
        request_box = QGroupBox("Request", self)
        form = QFormLayout(request_box)
        form.addRow("Method", self.method)
        form.addRow("Path", self.path)
        form.addRow("Form data", self.data)
        form.addRow("Next request", follow_row)

        self.demo = QRadioButton("The bundled demo app (simulator/demo_app.py: hooks, a "
                                 "session, a cookie, an error handler)", self)
        self.own = QRadioButton("My own Flask app file:", self)
        self.demo.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.demo)
        group.addButton(self.own)
        self.app_file = QLineEdit(self)
        self.app_file.setPlaceholderText("path/to/app.py")
        self.browse = QPushButton("Browse…", self)
        self.browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.own)
        file_row.addWidget(self.app_file, 1)
        file_row.addWidget(self.browse)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        app_box = QGroupBox("Application", self)
        app_layout = QVBoxLayout(app_box)
        app_layout.addWidget(self.demo)
        app_layout.addLayout(file_row)
        app_layout.addWidget(self.warning)

        self.all_layers = QCheckBox("All layers on one timeline: TCP segments (simulated from "
                                    "the real bytes), HTTP, the call chain", self)
        self.all_layers.setChecked(True)
        self.keep_all = QCheckBox("Keep every Python frame (thousands of events) instead of "
                                  "the frames that teach", self)
        self.time_limit = QDoubleSpinBox(self)
        self.time_limit.setRange(1.0, 120.0)
        self.time_limit.setValue(DEFAULT_TIME_LIMIT)
        self.time_limit.setSuffix(" s")
        options_box = QGroupBox("Options", self)
        options = QFormLayout(options_box)
        options.addRow(self.all_layers)
        options.addRow(self.keep_all)
        options.addRow("Time limit per request", self.time_limit)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.trace_button = self.buttons.addButton("Trace",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, request_box, app_box, options_box, self.error):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)

        for signal in (self.path.textChanged, self.app_file.textChanged,
                       self.follow_path.textChanged):
            signal.connect(self._validate)
        self.own.toggled.connect(self._validate)
        self.follow.toggled.connect(self._validate)
        self.method.currentTextChanged.connect(self._on_method)
        self._validate()

    # ------------------------------------------------------------------ choices
    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a Flask app file",
                                              self.app_file.text(), "Python files (*.py)")
        if name:
            self.app_file.setText(name)
            self.own.setChecked(True)

    def _on_method(self, method: str) -> None:
        if method in ("POST", "PUT", "PATCH") and not self.data.text():
            self.data.setPlaceholderText("form data, e.g. user=ada")

    def problem(self) -> str | None:
        """Why the choices cannot be traced yet (None: they can)."""
        if not self.path.text().startswith("/"):
            return "The path must start with '/' (it is the request target, e.g. /login)."
        if self.follow.isChecked() and not self.follow_path.text().startswith("/"):
            return "The next request's path must start with '/'."
        if self.own.isChecked():
            text = self.app_file.text().strip()
            if not text:
                return "Choose your app file, or pick the bundled demo app."
            file = Path(text).expanduser()
            if not file.is_file():
                return f"No such file: {text}"
            if file.suffix != ".py":
                return "The app file must be a Python file (.py)."
        return None

    def _validate(self) -> None:
        dark = palette.is_dark(self.palette())
        own = self.own.isChecked()
        self.warning.setVisible(own)
        if own:
            ink = palette.WARNING_INK.pick(dark).name()
            fill = palette.WARNING_FILL.pick(dark).name()
            self.warning.setText(f"<table width='100%' cellpadding='6'><tr><td bgcolor='{fill}'"
                                 f" style='color:{ink}'><b>⚠ {LEARNER_CODE_WARNING}</b></td>"
                                 "</tr></table>")
        self.follow_path.setEnabled(self.follow.isChecked())
        problem = self.problem()
        self.error.setText(f"<span style='color:{palette.WARNING_INK.pick(dark).name()}'>"
                           f"{problem}</span>" if problem else "")
        self.error.setVisible(problem is not None)
        self.trace_button.setEnabled(problem is None)

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
