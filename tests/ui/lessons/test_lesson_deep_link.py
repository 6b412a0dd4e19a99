"""--lesson NAME --step N: the main window opens with the lesson docks at that step."""

from __future__ import annotations

from simulator.models.lessons.text import Lang
from simulator.ui.app.main_window import MainWindow
from simulator.ui.lessons.lesson_docks import lesson_controller_for


def test_deep_link_opens_the_lesson_at_the_step_in_the_window(qtbot):
    window = MainWindow(lang=Lang.ZH_CN)
    qtbot.addWidget(window)
    controller = lesson_controller_for(window, Lang.ZH_CN)
    assert lesson_controller_for(window) is controller  # the window installed it, once
    assert controller.open_lesson("tcp-time-wait", 16)
    assert window.player.cursor == 16
    assert window.timeline.name == "lost-last-ack"  # through the window's own loader
    assert "丢失" in controller.narration.plain_text()
    assert window.findChild(type(controller.browser)) is controller.browser


def test_a_what_if_keeps_the_lesson_and_moves_its_narration_to_the_new_steps(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    controller = lesson_controller_for(window)
    controller.open_lesson("tcp-handshake-teardown", 1)
    before = dict(controller.plan.narration_by_step)
    window.drop_current_segment()  # the SYN is lost: retransmitted after the RTO
    assert controller.plan is not None and controller.plan.timeline is window.timeline
    established = next(n for n in controller.lesson_narrations()
                       if "ESTABLISHED" in n.at.describe() and "client" in n.at.describe())
    old = next(i for i, n in before.items() if n is established)
    new = next(i for i, n in controller.plan.narration_by_step.items() if n is established)
    assert new > old  # two more steps: the loss and the retransmission


def test_opening_another_scenario_leaves_the_lesson(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    controller = lesson_controller_for(window)
    controller.open_lesson("tcp-handshake-teardown", 1)
    with qtbot.waitSignal(controller.lesson_left):
        window.load_scenario("abort")
    assert controller.plan is None
