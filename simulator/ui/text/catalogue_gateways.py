"""The CGI / FastCGI / WSGI lesson's fixed English, catalogued for ``lupdate`` (see
``model_text``).

``wsgi.gateways.gateway_lesson`` describes one request handed to an application three ways,
stage by stage: who acts, what it does, through which channel, which processes exist, and
why. The records, variables and bytes that cross (FCGI_PARAMS, REQUEST_METHOD=GET, ...) are
data and stay as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# simulator/models/wsgi/gateways.py: Stage values (the rows of the three lanes)
STAGES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "the request arrives at the web server"),
    QT_TRANSLATE_NOOP("ModelText", "the application is made ready"),
    QT_TRANSLATE_NOOP("ModelText", "the request is handed over"),
    QT_TRANSLATE_NOOP("ModelText", "the application runs"),
    QT_TRANSLATE_NOOP("ModelText", "the response comes back"),
    QT_TRANSLATE_NOOP("ModelText", "after the response"),
)

# simulator/models/wsgi/gateways.py: gateway_lesson's actors, actions, channels,
# process names and explanations; simulation/gateway_timeline.py's description
LESSON: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "web server"),
    QT_TRANSLATE_NOOP("ModelText", "reads the request"),
    QT_TRANSLATE_NOOP("ModelText", "The web server parses the request and maps its path to a CGI "
                      "script."),
    QT_TRANSLATE_NOOP("ModelText", "The worker was started once, before any request, and is "
                      "already waiting on its socket."),
    QT_TRANSLATE_NOOP("ModelText", "FastCGI worker (python app.fcgi)"),
    QT_TRANSLATE_NOOP("ModelText", "WSGI server"),
    QT_TRANSLATE_NOOP("ModelText", "The server is itself a Python program that imported the app "
                      "at start."),
    QT_TRANSLATE_NOOP("ModelText", "WSGI server (Python, app imported)"),
    QT_TRANSLATE_NOOP("ModelText", "fork() + exec() a new process for this request"),
    QT_TRANSLATE_NOOP("ModelText", "process creation"),
    QT_TRANSLATE_NOOP("ModelText", "Every request pays for a new process: the interpreter "
                      "starts, imports the app, connects to the database... and all of it is "
                      "thrown away afterwards."),
    QT_TRANSLATE_NOOP("ModelText", "reuses the running worker (no new process)"),
    QT_TRANSLATE_NOOP("ModelText", "Unix or TCP socket"),
    QT_TRANSLATE_NOOP("ModelText", "No process start per request: the app is imported once and "
                      "stays warm."),
    QT_TRANSLATE_NOOP("ModelText", "nothing to start: the app object is in memory"),
    QT_TRANSLATE_NOOP("ModelText", "The app is a callable object in the same process."),
    QT_TRANSLATE_NOOP("ModelText", "puts the request in the environment, the body on stdin"),
    QT_TRANSLATE_NOOP("ModelText", "environment variables + stdin"),
    QT_TRANSLATE_NOOP("ModelText", "The meta-variables describe the request; the body (if any) "
                      "is read from stdin, CONTENT_LENGTH bytes of it."),
    QT_TRANSLATE_NOOP("ModelText", "sends BEGIN_REQUEST, PARAMS, STDIN records"),
    QT_TRANSLATE_NOOP("ModelText", "FastCGI records on the socket"),
    QT_TRANSLATE_NOOP("ModelText", "The same CGI variables, as length-prefixed name-value pairs; "
                      "each stream ends with an empty record. The request id lets one connection "
                      "carry several requests."),
    QT_TRANSLATE_NOOP("ModelText", "a Python function call"),
    QT_TRANSLATE_NOOP("ModelText", "The same CGI variables, now keys of a dict, plus the wsgi.* "
                      "keys; the body is read from environ['wsgi.input']."),
    QT_TRANSLATE_NOOP("ModelText", "reads os.environ and stdin, runs the app"),
    QT_TRANSLATE_NOOP("ModelText", "Here the Python program can run a WSGI app through "
                      "wsgiref.handlers.CGIHandler, which builds environ from os.environ."),
    QT_TRANSLATE_NOOP("ModelText", "decodes the records, runs the app"),
    QT_TRANSLATE_NOOP("ModelText", "A library such as flup turns the records into a WSGI environ "
                      "and calls the app."),
    QT_TRANSLATE_NOOP("ModelText", "application"),
    QT_TRANSLATE_NOOP("ModelText", "runs (Flask: contexts, hooks, the view)"),
    QT_TRANSLATE_NOOP("ModelText", "The live trace shows this part frame by frame."),
    QT_TRANSLATE_NOOP("ModelText", "writes a CGI response on stdout"),
    QT_TRANSLATE_NOOP("ModelText", "Header lines (Status: gives the status), an empty line, the "
                      "body; the web server turns it into an HTTP response."),
    QT_TRANSLATE_NOOP("ModelText", "sends STDOUT records, then END_REQUEST"),
    QT_TRANSLATE_NOOP("ModelText", "STDOUT carries a CGI response; END_REQUEST closes this "
                      "request id."),
    QT_TRANSLATE_NOOP("ModelText", "return values"),
    QT_TRANSLATE_NOOP("ModelText", "Status and headers through start_response, the body as an "
                      "iterable of bytes; the server writes the HTTP response."),
    QT_TRANSLATE_NOOP("ModelText", "exits; the next request starts all over"),
    QT_TRANSLATE_NOOP("ModelText", "exit status"),
    QT_TRANSLATE_NOOP("ModelText", "The end of stdout (the process exiting) ends the response."),
    QT_TRANSLATE_NOOP("ModelText", "waits for the next request"),
    QT_TRANSLATE_NOOP("ModelText", "socket stays open (keep_conn)"),
    QT_TRANSLATE_NOOP("ModelText", "The process, its imports and its connections survive for the "
                      "next request."),
    QT_TRANSLATE_NOOP("ModelText", "calls close() on the iterable, serves the next request"),
    QT_TRANSLATE_NOOP("ModelText", "Nothing ends but the call: the process and the app object "
                      "live on."),
    QT_TRANSLATE_NOOP("ModelText", "One request handed to an application three ways: a new "
                      "process per request (CGI, RFC 3875), a persistent process fed FastCGI "
                      "records (FastCGI 1.0), a Python callable (WSGI, PEP 3333)."),
)
