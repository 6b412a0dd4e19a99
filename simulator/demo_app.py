"""The demo Flask app that the live trace serves (``protocol-sim trace`` without ``--app``).

It is small on purpose and uses every hook a learner meets in Flask's request path, so one
traced request shows each of them in place:

* ``before_request`` opens a pretend database handle on ``g`` (``g.db``) and remembers who is
  logged in (``g.user``, from the session);
* the views read and write the ``session`` (a signed cookie, Flask's default session
  interface) and set an ordinary cookie (``theme``) on the response;
* ``after_request`` adds a header to every response that is about to leave;
* ``teardown_request`` closes the handle, whether the request succeeded or not;
* ``/boom`` raises, and the ``errorhandler`` turns the exception into a 500 page.

The secret key is fixed and public: this app exists to be traced on 127.0.0.1, never deployed.
"""

from __future__ import annotations

from flask import Flask, Response, g, make_response, request, session


class FakeDb:
    """Stands in for a database connection so that teardown has something to close."""

    def __init__(self) -> None:
        self.open = True

    def close(self) -> None:
        self.open = False

    def __repr__(self) -> str:
        return f"<FakeDb {'open' if self.open else 'closed'}>"


class CheeseShopEmpty(Exception):
    """What ``/boom`` raises; the error handler below answers it."""


app = Flask(__name__)
app.secret_key = "demo-only-not-a-secret"  # public on purpose: signs sessions on 127.0.0.1


@app.before_request
def open_db() -> None:
    g.db = FakeDb()
    g.user = session.get("user")


@app.after_request
def add_header(response: Response) -> Response:
    response.headers["X-Handled-By"] = "demo_app"
    return response


@app.teardown_request
def close_db(error: BaseException | None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.errorhandler(CheeseShopEmpty)
def out_of_cheese(error: CheeseShopEmpty) -> tuple[str, int]:
    return f"Sorry: {error}\n", 500


@app.route("/")
def index() -> Response:
    session["visits"] = session.get("visits", 0) + 1
    who = g.user or "stranger"
    response = make_response(f"Hello, {who}! Visit number {session['visits']}.\n")
    response.set_cookie("theme", request.args.get("theme", "light"))
    return response


@app.route("/login", methods=["GET", "POST"])
def login() -> str:
    if request.method == "POST":
        session["user"] = request.form.get("user", "learner")
        return f"Logged in as {session['user']}.\n"
    return "POST user=NAME here to log in.\n"


@app.route("/boom")
def boom() -> str:
    raise CheeseShopEmpty("no cheese left")
