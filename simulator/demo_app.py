"""The demo Flask app that the live trace serves (``protocol-sim trace`` without ``--app``).

It is small on purpose and uses every hook a learner meets in Flask's request path, so one
traced request shows each of them in place:

* ``before_request`` opens a pretend database handle on ``g`` (``g.db``) and looks up who is
  logged in (``g.user``, from the server-side session its ``session_id`` cookie names);
* ``after_request`` adds a header to every response that is about to leave;
* ``teardown_request`` closes the handle, whether the request succeeded or not;
* ``/boom`` raises, and the ``errorhandler`` turns the exception into a 500 page.

It also puts the two kinds of session side by side (syllabus question 5):

* ``GET /`` counts visits in Flask's own session: a signed cookie (``session``) that holds
  the data itself, readable by anyone, forgeable by no one without the key (itsdangerous);
  it also sets an ordinary cookie (``theme``);
* ``POST /login`` starts a server-side session: the data stays in ``SESSIONS`` here and the
  browser gets only its random id, in ``session_id`` (``Path=/``, ``HttpOnly`` so page
  scripts cannot read it, ``SameSite=Lax`` so other sites' forms do not send it), plus a
  ``remember`` cookie with ``Max-Age`` (RFC 6265 §5.2.2: kept across browser restarts until
  it expires, where the others end with the browser session);
* ``GET /profile`` answers from the server-side session (401 without one);
* ``POST /logout`` forgets the session here and deletes both cookies (``Max-Age=0`` and an
  ``Expires`` in 1970: RFC 6265 §5.3 step 11 removes them from the jar).

The secret key is fixed and public: this app exists to be traced on 127.0.0.1, never deployed.
"""

from __future__ import annotations

import secrets

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

#: The server-side sessions: session id -> who logged in. In memory, for as long as the
#: server runs (a real app keeps them in a database or a cache).
SESSIONS: dict[str, str] = {}
SESSION_COOKIE = "session_id"
REMEMBER_COOKIE = "remember"
REMEMBER_SECONDS = 7 * 24 * 3600  # a week


@app.before_request
def open_db() -> None:
    g.db = FakeDb()
    g.user = SESSIONS.get(request.cookies.get(SESSION_COOKIE, ""))


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
def login() -> Response | str:
    if request.method == "POST":
        user = request.form.get("user", "learner")
        session_id = secrets.token_urlsafe(16)  # unguessable: it is the only key to the data
        SESSIONS[session_id] = user
        response = make_response(f"Logged in as {user}.\n")
        response.set_cookie(SESSION_COOKIE, session_id, path="/", httponly=True,
                            samesite="Lax")
        response.set_cookie(REMEMBER_COOKIE, user, max_age=REMEMBER_SECONDS, path="/",
                            samesite="Lax")
        return response
    return "POST user=NAME here to log in.\n"


@app.route("/profile")
def profile() -> tuple[str, int] | str:
    if g.user is None:
        return "Not logged in: POST user=NAME to /login first.\n", 401
    return f"Profile of {g.user}: {session.get('visits', 0)} visits to /.\n"


@app.route("/logout", methods=["POST"])
def logout() -> Response:
    SESSIONS.pop(request.cookies.get(SESSION_COOKIE, ""), None)
    response = make_response(f"Logged out{'' if g.user is None else ' ' + g.user}.\n")
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="Lax")
    response.delete_cookie(REMEMBER_COOKIE, path="/", samesite="Lax")
    return response


@app.route("/boom")
def boom() -> str:
    raise CheeseShopEmpty("no cheese left")
