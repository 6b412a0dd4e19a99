"""A learner's own app file: every way it can go wrong gives a clear message, never a traceback.

The only time limit here is for the hang test (1 s against an endless loop): whatever the
machine's speed, the loop never ends, so the outcome does not depend on timing.
"""

from __future__ import annotations

import socket
import sys
import textwrap
from pathlib import Path

import pytest

from simulator.models.wsgi.call_chain import FrameEventKind
from simulator.net.live.trace import TraceError, TraceRequest, trace_request


def _app(tmp_path: Path, source: str, name: str = "learner.py") -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source))
    return str(path)


@pytest.mark.parametrize("source, message", [
    ("import flask\ndef broken(:\n", ":2: syntax error"),
    ("import no_such_module_for_the_trace\n", "No module named 'no_such_module_for_the_trace'"),
    ("x = 1\nraise RuntimeError('config missing')\n",
     ":2: importing the app raised RuntimeError: config missing"),
    ("import sys\nsys.exit(3)\n", "importing the app raised SystemExit"),
    ("from flask import Flask\nx = 1\n", "no Flask app found"),
    ("from flask import Flask\na = Flask('a')\nb = Flask('b')\n", "several Flask apps"),
    ("from flask import Flask\ndef create_app():\n    raise ValueError('no db')\n",
     "create_app() raised ValueError: no db"),
])
def test_an_app_that_cannot_be_loaded_gives_one_clear_message(tmp_path, source, message):
    path = _app(tmp_path, source)
    with pytest.raises(TraceError) as caught:
        trace_request(app_file=path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(path)
    assert "\n" not in str(caught.value)
    assert "learner" not in sys.modules  # nothing half-imported is left behind


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.py", "no such file"),
    (lambda d: d, "is not a file"),
    (lambda d: (d / "notes.txt", (d / "notes.txt").write_text("hi"))[0], "not a Python file"),
])
def test_a_path_that_is_no_python_file_is_refused(tmp_path, make, message):
    with pytest.raises(TraceError, match=message):
        trace_request(app_file=str(make(tmp_path)))


def test_a_factory_app_and_local_imports_work(tmp_path):
    _app(tmp_path, "GREETING = 'hi from a helper'\n", "helpers.py")
    path = _app(tmp_path, """
        from flask import Flask
        import helpers

        def create_app():
            app = Flask(__name__)

            @app.route("/")
            def hello():
                return helpers.GREETING
            return app
    """)
    trace = trace_request(app_file=path)
    assert trace.error is None and not trace.is_demo
    assert trace.response is not None and trace.response.body == b"hi from a helper"
    assert trace.chain.find("learner.create_app.<locals>.hello") is not None


def test_a_view_that_raises_without_a_handler_gets_flasks_500_and_the_log(tmp_path):
    path = _app(tmp_path, """
        from flask import Flask
        app = Flask(__name__)

        @app.route("/")
        def divide():
            return str(1 / 0)
    """)
    trace = trace_request(app_file=path)
    assert trace.error is None  # the request completed: Flask answered
    assert trace.response is not None and trace.response.status == 500
    chain = trace.chain
    user = chain.find("Flask.handle_user_exception")
    handled = chain.find("Flask.handle_exception")
    assert user is not None and handled is not None and handled > user
    assert any("divide raised ZeroDivisionError" in note for note in trace.notes)
    assert "ZeroDivisionError: division by zero" in trace.errors_log  # not on our stderr
    assert "learner.py" in trace.errors_log


def test_a_hanging_view_is_interrupted_and_the_trace_so_far_kept(tmp_path):
    path = _app(tmp_path, """
        from flask import Flask
        app = Flask(__name__)

        @app.teardown_request
        def cleanup(error):
            pass

        @app.route("/")
        def spin():
            while True:
                pass
    """)
    trace = trace_request(TraceRequest(path="/"), app_file=path, time_limit=1.0)
    assert trace.error is not None and "within 1 s" in trace.error
    assert "interrupted" in trace.error
    chain = trace.chain
    assert not chain.complete and trace.error in chain.problems
    spin = chain.find("learner.spin")
    assert spin is not None and chain.find("Flask.preprocess_request") is not None
    # the interruption unwinds through Flask: teardown still runs
    cleanup = chain.find("learner.cleanup", start=spin)
    assert cleanup is not None
    assert chain.events[-1].kind is FrameEventKind.RETURN
    # and the server is gone: nothing listens on its port any more
    with pytest.raises(OSError), socket.create_connection(trace.server_address, timeout=5):
        pass
