"""A real CGI request: a new Python process serves the demo app through wsgiref's CGIHandler."""

from __future__ import annotations

from simulator.models.wsgi.gateways import Gateway, GatewayRequest, Stage
from simulator.net.live.cgi_request import cgi_lesson, parse_cgi_response, run_cgi


def test_a_cgi_process_answers_one_request_and_exits():
    run = run_cgi()
    assert run.exit_status == 0, run.stderr
    assert run.stdout.startswith(b"Status: 200 OK\r\n")
    assert run.response is not None and run.response.body == b"Hello, stranger! Visit number 1.\n"
    assert ("X-Handled-By", "demo_app") in run.response.headers
    assert dict(run.environment)["GATEWAY_INTERFACE"] == "CGI/1.1"


def test_the_body_reaches_the_cgi_process_on_stdin():
    request = GatewayRequest("POST", "/login", headers=(
        ("Host", "127.0.0.1:8080"), ("Content-Type", "application/x-www-form-urlencoded")),
        body=b"user=ada")
    run = run_cgi(request)
    assert run.response is not None and run.response.body == b"Logged in as ada.\n"
    assert any(k == "Set-Cookie" and v.startswith("session_id=") for k, v in run.response.headers)


def test_the_lesson_shows_what_the_real_cgi_process_wrote():
    lesson, run = cgi_lesson()
    cgi = lesson.row(Stage.RESPOND)[0]
    assert cgi.gateway is Gateway.CGI
    assert [c.data for c in cgi.carried] == [run.stdout]
    assert lesson.response.status == "200 OK"


def test_a_cgi_response_without_a_status_line_means_200():
    parsed = parse_cgi_response(b"Content-Type: text/plain\n\nhi")
    assert parsed is not None and parsed.status == "200 OK" and parsed.body == b"hi"
    assert parse_cgi_response(b"no blank line") is None
