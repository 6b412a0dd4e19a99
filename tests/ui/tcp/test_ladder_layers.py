"""One picture for all layers: the ladder names the HTTP messages on the segments that carry
them (with their cookies), says in words what is special about an arrow, opens the server's
lifeline into the WSGI call chain while it runs a request, and never lets a label hide an
arrow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.models.simulation.scenarios import build
from simulator.models.timeline.server_lane import RequestStage
from simulator.models.timeline.steps import Timeline
from simulator.net.capture.connection_replay import replay_connection
from simulator.net.capture.index import build_index
from simulator.net.http.capture_http import capture_http
from simulator.net.http.replay_layer import http_for_connection, messages_for_connection
from simulator.ui.tcp.ladder_facts import facts_of
from simulator.ui.tcp.ladder_view import LadderView
from tests.ui.text_size import drawn_text_px

CAPTURES = Path(__file__).resolve().parents[2] / "data" / "captures"
DVWA = CAPTURES / "http-login-session-cookies--chrissanders--http_dvwa_clearlogin.pcapng"
OOO = CAPTURES / "http-ooo-retrans-range--zeek--206_example_a.pcap"
PIPELINED = CAPTURES / "http-pipelined-retrans--suricata-verify--http-protocol-nodup.pcap"


def _ladder(qtbot, timeline: Timeline, width: int = 800) -> LadderView:
    view = LadderView()
    qtbot.addWidget(view)
    view.resize(width, 600)
    view.set_timeline(timeline)
    view.set_cursor(len(timeline) - 1)
    return view


def _replayed(path: Path, conn_id: int, with_http: bool = True) -> Timeline:
    index = build_index(str(path))
    timeline, _info = replay_connection(index, conn_id)
    if with_http:
        found = capture_http(index, [conn_id])
        http_at = http_for_connection(found, conn_id)
        assert http_at is not None
        timeline.show_http(http_at, messages_for_connection(found, conn_id))  # as the source

    return timeline


def _titles(view: LadderView) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for arrow in view.all_arrow_items():
        if arrow.http_title is not None:
            out.setdefault(arrow.http_title, []).append(arrow.segment_id)
    return out


def test_login_names_each_message_on_the_segment_that_starts_it(qtbot):
    timeline = build("login")
    view = _ladder(qtbot, timeline)
    titles = _titles(view)
    for title in ("GET /login", "POST /login", "302 Found", "GET /profile", "POST /logout"):
        assert title in titles, title
    by_id = {a.segment_id: a for a in view.all_arrow_items()}
    post = by_id[titles["POST /login"][0]]
    assert post.label_lines()[0] == "POST /login"  # above the TCP detail
    assert post.record.payload.startswith(b"POST /login HTTP/1.1")
    assert any(line.startswith("PSH, ACK") for line in post.label_lines()[1:])
    found = by_id[titles["302 Found"][0]]
    assert found.record.src == "server" and found.record.payload.startswith(b"HTTP/1.1 302")
    assert "Set-Cookie: sid" in found.label_lines()  # the cookie mark, with its name
    profile = by_id[titles["GET /profile"][0]]
    assert "Cookie: sid" in profile.label_lines()
    assert all(a.http_title is None for a in view.all_arrow_items() if not a.record.length)


def test_a_message_over_several_segments_is_bracketed(qtbot):
    view = _ladder(qtbot, build("chunked"))
    assert _titles(view) == {"GET /report": [3], "200 OK": [5]}
    assert len(view.scene().items()) > 0
    from simulator.ui.tcp.ladder_lane import MessageBracketItem

    brackets = [i for i in view.scene().items() if isinstance(i, MessageBracketItem)]
    assert len(brackets) == 1 and brackets[0].isVisible()


def test_the_dvwa_capture_shows_its_login_on_the_ladder(qtbot):
    view = _ladder(qtbot, _replayed(DVWA, 1))
    titles = _titles(view)
    for title in ("POST /dvwa/login.php", "302 Found", "GET /dvwa/index.php"):
        assert title in titles, title
    by_id = {a.segment_id: a for a in view.all_arrow_items()}
    post = by_id[titles["POST /dvwa/login.php"][0]]
    assert post.record.src == "client" and post.label_lines()[0] == "POST /dvwa/login.php"
    assert "Cookie: security, PHPSESSID" in post.label_lines()
    first = _ladder(qtbot, _replayed(DVWA, 0))
    sets = [a for a in first.all_arrow_items() if any(
        line.startswith("Set-Cookie:") for line in a.label_lines())]
    assert sets and "PHPSESSID" in sets[0].label_text


def test_marks_are_said_in_words_on_the_arrows(qtbot):
    view = _ladder(qtbot, build("lost-data"))
    said = {a.segment_id: " ".join(a.label_lines()) for a in view.all_arrow_items()}
    assert "out of order" in said[6] and "out of order" in said[7]
    assert "duplicate ACK" in said[8] and "duplicate ACK" in said[9]
    assert "retransmission" in said[10]
    assert not any(w in said[3] for w in ("retransmission", "duplicate", "out of order"))


def test_a_captures_expert_notes_are_said_in_words_on_the_arrows(qtbot):
    index = build_index(str(OOO))
    conn = max(index.connections, key=lambda c: sum(c.packets))
    timeline = _replayed(OOO, conn.id, with_http=False)
    view = _ladder(qtbot, timeline)
    notes = timeline.log.columns.annotations  # the capture index's Wireshark-style flags
    for token, words in (("fast_retransmission", "fast retransmission"),
                         ("duplicate_ack", "duplicate ACK"), ("out_of_order", "out of order")):
        segment = next(i for i, names in notes.items() if token in names)
        view.set_cursor(timeline.segments[segment].sent_step)
        arrow = next(a for a in view.arrow_items() if a.segment_id == segment)
        said = " ".join(arrow.label_lines())
        assert words in said and token not in said, (token, said)  # words, not raw tokens


def test_no_label_is_drawn_over_another_arrow(qtbot):
    view = _ladder(qtbot, build("simultaneous-close"), 1100)
    arrows = view.all_arrow_items()
    assert all(a.label_item().zValue() < b.zValue() for a in arrows for b in arrows)
    fins = [a for a in arrows if "FIN" in a.record.flags_text]
    for fin in fins:  # the crossing FINs: each label keeps off the other FIN's line
        other = next(f for f in fins if f is not fin)
        area = fin.label_item().mapToScene(fin.label_item().boundingRect())
        from PySide6.QtGui import QPainterPath

        path = QPainterPath()
        path.addPolygon(area)
        assert not path.intersects(other.obstacle())


# ---------------------------------------------------------------- the server's call chain
def _wsgi_steps(timeline: Timeline, connection: int) -> list[int]:
    return [s.index for s in timeline if s.layer == "wsgi" and s.connection == connection]


def test_the_server_lane_names_where_the_request_is_at_every_chain_step(qtbot, all_layers):
    view = _ladder(qtbot, all_layers)
    seen: list[RequestStage] = []
    for index in _wsgi_steps(all_layers, 0):
        view.set_cursor(index)
        current = [lane.current_stage for lane in view.lane_items()
                   if lane.current_stage is not None]
        assert len(current) == 1, index  # never blank: one request, one stage named
        if not seen or seen[-1] is not current[0]:
            seen.append(current[0])
    S = RequestStage
    assert seen == [S.READING, S.ENVIRON, S.CONTEXTS_PUSHED, S.BEFORE_REQUEST, S.VIEW,
                    S.AFTER_REQUEST, S.START_RESPONSE, S.TEARDOWN, S.CONTEXTS_POPPED,
                    S.SENDING, S.CLOSING]


def test_the_lane_shows_the_call_being_made_and_not_what_comes_next(qtbot, all_layers):
    view = _ladder(qtbot, all_layers)
    view_step = next(s.index for s in all_layers if s.wsgi is not None
                     and s.layer == "wsgi" and s.wsgi.event is not None
                     and s.wsgi.event.function == "demo_app.index")
    view.set_cursor(view_step)
    lane = next(lane for lane in view.lane_items() if lane.current_stage is not None)
    assert lane.current_stage is RequestStage.VIEW
    assert "index" in lane.current_frame
    shown = lane.stage_texts()
    assert shown[-1] == "view function" and "teardown" not in shown  # the future is hidden
    view.set_cursor(len(all_layers) - 1)
    assert all(lane.current_stage is None for lane in view.lane_items())
    assert "teardown" in view.lane_items()[0].stage_texts()  # once done, all of it


@pytest.mark.parametrize("name", ["login", "lost-syn"])
def test_timelines_without_a_server_chain_have_no_lane(qtbot, name):
    assert _ladder(qtbot, build(name)).lane_items() == []


def test_in_chinese_the_lane_names_a_frame_left_in_chinese(qtbot, all_layers, zh_interface):
    """At a RETURN step the lane paints "▸ 返回 Flask.…", not the English "return"."""
    view = _ladder(qtbot, all_layers)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    returning = next(s.index for s in all_layers if s.wsgi is not None and s.layer == "wsgi"
                     and s.wsgi.event is not None and s.wsgi.event.kind.value == "return")
    view.set_cursor(returning)
    painted = [text for _, text in drawn_text_px(view) if text.startswith("▸")]
    assert painted and all(t.startswith("▸ 返回 ") for t in painted), painted


def test_every_pipelined_message_of_a_capture_is_on_the_ladder(qtbot):
    """tshark counts 40 requests and 40 responses in this capture, up to 9 in one segment
    (tests/data/captures/manifest.json): the ladder names every one of them."""
    facts = next(f for f in json.loads((CAPTURES / "manifest.json").read_text())["files"]
                 if f["file"] == PIPELINED.name)
    titles = [m.title for m in facts_of(_replayed(PIPELINED, 0)).http.messages]
    assert sum(t.startswith("GET ") for t in titles) == facts["http_requests"]
    assert sum(t.startswith("404") for t in titles) == facts["http_responses"]
