"""``protocol-sim trace``: the call chain headless, as scripts and teachers use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "trace", *args],
                          capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)


def test_trace_json_has_the_documented_schema():
    result = run("--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    assert {"flask_version", "request", "environ", "start_response", "frames"} <= set(doc)
    assert list(doc)[-1] == "frames"  # the long list last, so the summary reads first
    assert doc["flask_version"][0].isdigit()
    assert doc["request"]["method"] == "GET" and doc["request"]["path"] == "/"
    assert doc["environ"]["REQUEST_METHOD"] == "GET" and doc["environ"]["PATH_INFO"] == "/"
    assert doc["start_response"]["status"] == "200 OK"
    assert ["X-Handled-By", "demo_app"] in doc["start_response"]["headers"]
    frames = doc["frames"]
    assert all({"depth", "event", "function", "file", "line"} <= set(f) for f in frames)
    assert {f["event"] for f in frames} <= {"call", "return", "exception"}
    functions = [f["function"] for f in frames if f["event"] == "call"]
    assert "flask.app.Flask.wsgi_app" in functions
    assert functions.index("flask.app.Flask.wsgi_app") < functions.index("demo_app.index")
    assert doc["response"]["status"] == 200 and doc["error"] is None


def test_trace_sends_a_post_with_data():
    result = run("--path", "/login", "--data", "user=grace", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["request"]["method"] == "POST" and doc["request"]["body"] == "user=grace"
    assert doc["environ"]["CONTENT_TYPE"] == "application/x-www-form-urlencoded"
    assert doc["response"]["body"] == "Logged in as grace.\n"


def test_trace_without_json_prints_an_indented_chain():
    result = run("--path", "/boom")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "→ flask.app.Flask.wsgi_app(" in out
    assert "→ flask.app.Flask.handle_user_exception(" in out
    assert "! CheeseShopEmpty" in out
    assert "⇄ _cv_request.set(" in out
    assert "start_response('500 INTERNAL SERVER ERROR'" in out
    wsgi_app = next(line for line in out.splitlines() if "→ flask.app.Flask.wsgi_app(" in line)
    view = next(line for line in out.splitlines() if "→ demo_app.boom(" in line)
    assert len(view) - len(view.lstrip()) > len(wsgi_app) - len(wsgi_app.lstrip())


def test_classic_flag_prints_the_flask_1_chain_from_data():
    result = run("--classic", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["flask_version"] == "1.1.4"
    functions = [f["function"] for f in doc["frames"] if f["event"] == "call"]
    assert "flask.ctx.RequestContext.auto_pop" in functions
    assert "werkzeug.local.LocalStack.push" in functions
    readable = run("--classic", "--path", "/boom")
    assert readable.returncode == 0 and "handle_user_exception" in readable.stdout
    assert "⇄ _app_ctx_stack.push(" in readable.stdout


def test_learner_app_is_announced_as_code_that_runs(tmp_path):
    app = tmp_path / "mine.py"
    app.write_text(textwrap.dedent("""
        from flask import Flask
        app = Flask(__name__)

        @app.route("/hi")
        def hi():
            return "hi"
    """))
    result = run("--app", str(app), "--path", "/hi", "--json")
    assert result.returncode == 0, result.stderr
    assert "will run" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    doc = json.loads(result.stdout)
    assert doc["app"] == str(app) and doc["response"]["body"] == "hi"
    assert "mine.hi" in [f["function"] for f in doc["frames"]]


@pytest.mark.parametrize("source, args, message", [
    ("def broken(:\n", (), "syntax error"),
    ("x = 1\n", (), "no Flask app found"),
    (None, ("--classic", "--path", "/other"), "written for"),
    (None, ("--path", "no-slash"), "must start with '/'"),
    (None, ("--time-limit", "0"), "positive"),
])
def test_mistakes_give_one_line_on_stderr_and_nonzero_exit(tmp_path, source, args, message):
    extra: tuple[str, ...] = ()
    if source is not None:
        app = tmp_path / "bad.py"
        app.write_text(source)
        extra = ("--app", str(app))
    result = run(*extra, *args)
    assert result.returncode == 1
    errors = [line for line in result.stderr.strip().splitlines()
              if not line.startswith("note:")]
    assert len(errors) == 1 and message in errors[0]
    assert "Traceback" not in result.stderr


def test_a_hang_prints_the_trace_so_far_then_fails(tmp_path):
    app = tmp_path / "slow.py"
    app.write_text(textwrap.dedent("""
        from flask import Flask
        app = Flask(__name__)

        @app.route("/")
        def forever():
            while True:
                pass
    """))
    result = run("--app", str(app), "--time-limit", "1", "--json")
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert doc["error"] and "within 1 s" in doc["error"]
    assert "slow.forever" in [f["function"] for f in doc["frames"]]
    assert "the trace so far is printed" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_path_is_percent_encoded_as_a_browser_would_and_decoded_in_environ():
    result = run("--path", "/no such page", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["request_line"] == "GET /no%20such%20page HTTP/1.1"
    assert doc["environ"]["PATH_INFO"] == "/no such page"
    assert doc["response"]["status"] == 404
