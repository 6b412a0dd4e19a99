"""The TCP views speak the interface language, and switch live: a learner who changes the
language sees the ladder, the state diagrams, the explanation and the transport bar change
at once, at the same step, and change back."""

from __future__ import annotations

import re
from html import escape

import pytest
from PySide6.QtCore import QCoreApplication

from simulator.models.lessons.text import Lang
from simulator.models.simulation.scenarios import build
from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.ui.app.transport_bar import TransportBar
from simulator.ui.common.player import Player
from simulator.ui.tcp.explanation_panel import ExplanationPanel
from simulator.ui.tcp.ladder_view import LadderView
from simulator.ui.tcp.state_diagram_view import StateDiagramView
from simulator.ui.text.i18n import set_language
from simulator.ui.text.model_text import model_tr

S = TcpState


def _english() -> None:
    set_language(Lang.EN)
    QCoreApplication.processEvents()


def _chinese() -> None:
    set_language(Lang.ZH_CN)
    QCoreApplication.processEvents()


@pytest.fixture
def lost_syn():
    return build("lost-syn")


def test_ladder_switches_lane_titles_labels_and_breaks_live(qtbot, lost_syn, zh_interface):
    _english()
    view = LadderView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.set_timeline(lost_syn)
    view.set_cursor(len(lost_syn) - 1)
    assert sorted(view.header_titles()) == ["Client", "Server"]
    retransmitted = [a for a in view.arrow_items() if a.is_retransmission]
    # the mark's own words, not a "fast retransmission" that would also contain them
    assert retransmitted and all(a.label_lines()[0] == "SYN  retransmission"
                                 for a in retransmitted)
    assert any("later" in b.headline for b in view.break_items())
    shown_before = len(view.arrow_items())

    _chinese()
    assert sorted(view.header_titles()) == ["客户端", "服务器"]
    retransmitted = [a for a in view.arrow_items() if a.is_retransmission]
    assert retransmitted and all(a.label_lines()[0] == "SYN  重传" for a in retransmitted)
    assert all("retransmission" not in a.label_text for a in view.arrow_items())
    assert any("之后" in b.headline for b in view.break_items())
    assert any("重传定时器到期（RTO = 1 s）" in b.detail for b in view.break_items())
    assert "发出" in retransmitted[0].toolTip()
    assert len(view.arrow_items()) == shown_before  # same step, same arrows

    _english()
    assert sorted(view.header_titles()) == ["Client", "Server"]
    assert any(a.label_lines()[0] == "SYN  retransmission" for a in view.arrow_items())


def test_state_diagram_switches_title_caption_and_legend_live(qtbot, lost_syn,
                                                             zh_interface):
    _english()
    view = StateDiagramView("client")
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    view.set_timeline(lost_syn)
    view.set_cursor(1)  # in SYN-SENT: its way out to CLOSED is labelled on the diagram
    assert view.title() == "Client"
    assert view.legend().endswith("to CLOSED on rcv RST, ABORT or user timeout")
    label = view.arc_label_item(S.SYN_SENT, S.CLOSED)
    assert label.isVisible() and label.lines[-1] == "or RST, ABORT, timeout"
    state_before = view.current_state()

    _chinese()
    assert view.title() == "客户端"
    assert "进入 CLOSED" in view.legend()
    label = view.arc_label_item(S.SYN_SENT, S.CLOSED)
    assert label.isVisible() and label.lines[-1] == "或 RST, ABORT, 超时"
    assert view.current_state() is state_before
    retransmit = next(s.index for s in lost_syn for f in s.transitions
                      if f.row.event is TcpEvent.TIMEOUT_RETRANSMISSION)
    view.set_cursor(retransmit)  # the SYN is sent again, SYN-SENT stays
    assert "保持 SYN-SENT" in view.caption()
    assert view.highlighted_box_keys() == ["SYN_SENT"]

    _english()
    assert view.title() == "Client"
    assert "stays SYN-SENT" in view.caption()


def test_explanation_panel_translates_headings_and_model_rules_live(qtbot, zh_interface):
    _english()
    timeline = build("handshake-teardown")
    panel = ExplanationPanel()
    qtbot.addWidget(panel)
    panel.set_timeline(timeline)
    step = next(s for s in timeline if s.explanation.arithmetic)
    panel.set_cursor(step.index)
    text = panel.plain_text()
    assert text.startswith(f"Step {step.index + 1} of {len(timeline)}")
    assert "Why:" in text and "The numbers:" in text and "Reference:" in text

    _chinese()
    text = panel.plain_text()
    assert text.startswith(f"第 {step.index + 1} 步，共 {len(timeline)} 步")
    for heading in ("原因：", "数值计算：", "参考：", "状态", "客户端", "服务器"):
        assert heading in text
    assert "Why:" not in text
    for rule in step.explanation.why.split(" Then: "):  # each rule through the catalogue
        assert model_tr(rule) in text
    assert step.explanation.rfc in text  # citations stay as they are

    _english()
    assert panel.plain_text().startswith(f"Step {step.index + 1} of")


def test_rules_joined_by_then_are_translated_one_by_one(zh_interface):
    from dataclasses import replace

    from simulator.ui.tcp.explanation_panel import step_html

    timeline = build("handshake-teardown")
    rules = [f.row.rule for s in timeline for f in s.transitions][:2]
    step = timeline[3]
    two_rules = replace(step, explanation=replace(step.explanation,
                                                  why=" Then: ".join(rules)))
    html = step_html(timeline, two_rules)
    assert " Then: " not in html and "随后：" in html
    assert all(escape(model_tr(rule)) in html for rule in rules)


def test_transport_bar_switches_tooltips_pacing_and_position_live(qtbot, lost_syn,
                                                                  zh_interface):
    _english()
    player = Player()
    bar = TransportBar(player)
    qtbot.addWidget(bar)
    player.set_timeline(lost_syn)
    player.seek(3)
    assert bar.play_button.toolTip() == "Play / pause (Space)"
    assert bar.pacing_box.itemText(0) == "Even steps"
    assert bar.speed_label.text() == "Speed"
    assert bar.position_label.text().startswith(f"Step 4 / {len(lost_syn)}")

    _chinese()
    assert bar.play_button.toolTip() == "播放 / 暂停（空格）"
    assert [bar.pacing_box.itemText(i) for i in range(2)] == ["均匀步进", "真实时间"]
    assert bar.speed_label.text() == "速度"
    assert bar.slider.toolTip() == "拖动浏览各步"
    assert re.match(rf"第 4 / {len(lost_syn)} 步 +t = ", bar.position_label.text())

    _english()
    assert bar.play_button.toolTip() == "Play / pause (Space)"
    assert bar.pacing_box.itemText(1) == "Real timing"


def test_export_in_chinese_names_the_lanes_in_chinese(qtbot, tmp_path, zh_interface):
    from simulator.ui.app.export import export_svg

    timeline = build("handshake-teardown")
    svg = export_svg(timeline, 5, tmp_path / "zh.svg").read_text(encoding="utf-8")
    assert "客户端" in svg and "服务器" in svg
    assert "SYN" in svg  # protocol tokens stay as they are


def test_role_legend_families_are_in_the_catalogue(zh_interface):
    from simulator.ui.common import palette
    shown = [QCoreApplication.translate("RoleLegend", s.family) for s in palette.ROLE_LEGEND]
    assert shown == ["你的应用代码", "Flask", "Werkzeug", "WSGI 服务器", "其他 Python 代码"]
