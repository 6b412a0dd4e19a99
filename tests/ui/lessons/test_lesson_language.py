"""The lesson widgets' own words follow the interface language live (Qt's translators and
LanguageChange), while the lesson's text follows the controller's lesson language; the main
window switches both together. Also: the CJK fallback fonts for the whole interface."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from simulator.models.lessons.text import Lang
from simulator.ui.app.main_window import MainWindow
from simulator.ui.common.player import Player
from simulator.ui.lessons.lesson_browser import LessonBrowser
from simulator.ui.lessons.lesson_controller import LessonController
from simulator.ui.lessons.lesson_docks import lesson_controller_for
from simulator.ui.lessons.lesson_scores import ScoreStore
from simulator.ui.lessons.narration_panel import LessonNarrationPanel
from simulator.ui.lessons.predict_panel import PredictPanel
from simulator.ui.text.fonts import CJK_FAMILIES, apply_app_font, lesson_font
from simulator.ui.text.i18n import set_language

LESSON = "tcp-handshake-teardown"


def switch(lang: Lang) -> None:
    """What the main window's language menu does: the interface (translators, then Qt's
    LanguageChange to every widget)."""
    set_language(lang)
    QCoreApplication.processEvents()


@pytest.fixture
def english_again() -> Iterator[None]:
    yield
    switch(Lang.EN)


@pytest.fixture
def controller(qtbot, tmp_path) -> LessonController:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    browser, narration, predict = LessonBrowser(), LessonNarrationPanel(), PredictPanel()
    for widget in (browser, narration, predict):
        qtbot.addWidget(widget)
    return LessonController(Player(), browser, narration, predict, ScoreStore(settings))


def labels(c: LessonController) -> dict[str, str]:
    model = c.browser.model
    first, row = model.row_of("tcp-time-wait"), model.row_of(LESSON)
    return {
        "heading": c.browser.heading.text(),
        "header": model.headerData(2, Qt.Orientation.Horizontal),
        "source": model.data(model.index(row, 2)),
        "not started": model.data(model.index(first, 3)),
        "predict": c.predict.heading.text(),
        "continue": c.predict.continue_button.text(),
        "skip tip": c.predict.skip_button.toolTip(),
        "narration": c.narration.plain_text(),
    }


def test_lesson_widgets_switch_their_labels_live_both_ways(controller, english_again):
    controller.open_lesson(LESSON, 2)  # a step with a question after it
    english = labels(controller)
    assert english["heading"].startswith("Double-click a lesson") and \
        english["header"] == "Source"
    assert english["source"] == "scenario: handshake-teardown"
    assert english["not started"] == "not started"
    assert english["predict"] == "Predict the next step" and english["continue"] == "Continue"
    assert "Step 3 of" in english["narration"] and "Teaches: RFC" in english["narration"]

    switch(Lang.ZH_CN)  # built in English, switched afterwards
    chinese = labels(controller)
    assert chinese["heading"].startswith("双击课程") and chinese["header"] == "来源"
    assert chinese["source"] == "场景：handshake-teardown"
    assert chinese["not started"] == "未开始"
    assert chinese["predict"] == "预测下一步" and chinese["continue"] == "继续"
    assert "不计分" in chinese["skip tip"]
    assert "第 3 步" in chinese["narration"] and "参考：RFC" in chinese["narration"]
    # The lesson's own text stays in the lesson language until the controller switches it.
    assert "Handshake, segment" in controller.narration.plain_text()
    controller.set_language(Lang.ZH_CN)
    assert "握手" in controller.narration.plain_text()
    predict = controller.predict
    assert predict.prompt.text() == predict.text(predict.question.prompt.get(Lang.ZH_CN))

    switch(Lang.EN)
    controller.set_language(Lang.EN)
    assert labels(controller) == english


def test_predict_verdict_and_score_follow_the_interface_language(controller, english_again):
    controller.open_lesson(LESSON, 2)
    panel = controller.predict
    question = panel.question
    panel.choose((question.answer + 1) % len(question.choices))
    assert panel.result.text().endswith("Not quite. The answer is: "
                                        f"{question.choices[question.answer].en}</span>")
    assert panel.score_label.text() == "Score: 0 of 1 right"
    switch(Lang.ZH_CN)
    assert "不对。正确答案是：" in panel.result.text()
    assert panel.score_label.text() == "得分：1 题答对 0 题"
    model = controller.browser.model
    row = model.row_of(LESSON)
    assert "答对 0/1" in model.data(model.index(row, 3))
    switch(Lang.EN)
    assert "0/1 right" in model.data(model.index(row, 3))


def test_the_lesson_list_dock_and_its_menu_action_follow_the_interface(qtbot, english_again):
    """One dock, the list, titled once (no "Lessons/Lessons"); the narration and predict
    panels are on the stage, not docks with titles of their own."""
    window = MainWindow()
    qtbot.addWidget(window)
    lesson_controller_for(window)
    docks = [d for d in window.findChildren(QDockWidget) if d.objectName().startswith("lesson")]
    assert [d.objectName() for d in docks] == ["lesson-browser-dock"]
    (dock,) = docks
    assert dock.windowTitle() == "Lessons"
    assert "Lessons" not in dock.widget().heading.text()  # the dock says it already
    switch(Lang.ZH_CN)
    assert dock.windowTitle() == "课程" and dock.toggleViewAction().text() == "课程"
    switch(Lang.EN)
    assert dock.windowTitle() == "Lessons"


def test_app_font_falls_back_to_cjk_families_once_and_keeps_its_latin_family(qapp):
    before = QApplication.font()
    try:
        font = apply_app_font(qapp)
        again = apply_app_font(qapp)
        assert font.families()[0] == before.family()
        assert list(again.families()) == list(font.families())  # not repeated
        assert all(f in QApplication.font().families() for f in CJK_FAMILIES)
        assert lesson_font().families()[1:] == list(CJK_FAMILIES)
    finally:
        QApplication.setFont(before)
