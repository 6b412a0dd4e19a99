"""The lesson browser, narration and predict panels, and the controller that joins them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontMetrics

from simulator.lessons import load_lessons
from simulator.models.lessons.text import Lang
from simulator.ui.common.player import Player
from simulator.ui.lessons.lesson_browser import NAME_ROLE, LessonBrowser
from simulator.ui.lessons.lesson_controller import LessonController
from simulator.ui.lessons.lesson_scores import ScoreStore
from simulator.ui.lessons.narration_panel import LessonNarrationPanel
from simulator.ui.lessons.predict_panel import PredictPanel
from simulator.ui.text.fonts import LINUX_PACKAGE_HINT, installed_cjk_families, lesson_font

LESSON = "tcp-handshake-teardown"


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def parts(qtbot, settings):
    player = Player()
    browser, narration, predict = LessonBrowser(), LessonNarrationPanel(), PredictPanel()
    for widget in (browser, narration, predict):
        qtbot.addWidget(widget)
    controller = LessonController(player, browser, narration, predict, ScoreStore(settings))
    return controller


def test_browser_model_is_a_valid_item_model_in_syllabus_order(qtbot, qtmodeltester):
    browser = LessonBrowser()
    qtbot.addWidget(browser)
    lessons = load_lessons()
    browser.set_lessons(lessons)
    qtmodeltester.check(browser.model)
    model = browser.model
    names = [model.data(model.index(r, 0), NAME_ROLE) for r in range(model.rowCount())]
    assert names == [lesson.name for lesson in lessons]
    syllabus = [int(model.data(model.index(r, 0))) for r in range(model.rowCount())]
    assert syllabus == sorted(syllabus)


def test_browser_speaks_chinese_and_emits_the_chosen_lesson(qtbot, zh_interface):
    browser = LessonBrowser()
    qtbot.addWidget(browser)
    browser.set_lessons(load_lessons())
    browser.set_language(Lang.ZH_CN)  # the lessons' titles; the headers follow the interface
    model = browser.model
    titles = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert "TCP 三次握手与四次挥手" in titles
    assert model.headerData(1, Qt.Orientation.Horizontal) == "课"
    with qtbot.waitSignal(browser.lesson_chosen) as signal:
        browser.choose(LESSON)
    assert signal.args == [LESSON]


def test_opening_a_lesson_at_a_step_shows_its_narration_in_chinese(parts, zh_interface):
    controller = parts
    controller.set_language(Lang.ZH_CN)  # the lesson's text; "检查点" is the interface's
    assert controller.open_lesson(LESSON, 3)
    assert controller.player.cursor == 3
    text = controller.narration.plain_text()
    assert "握手第三步" in text and "检查点" in text
    controller.set_language(Lang.EN)
    assert "Handshake, segment 3" in controller.narration.plain_text()


def test_predict_panel_scores_right_and_wrong_and_keeps_the_score(parts, settings, qtbot):
    controller = parts
    controller.open_lesson(LESSON, 2)
    panel = controller.predict
    question = panel.question
    assert question is not None and question.step == 3
    wrong = (question.answer + 1) % len(question.choices)
    with qtbot.waitSignal(panel.answered) as signal:
        panel.buttons[wrong].click()
    assert signal.args[0].correct is False
    assert "Not quite" in panel.result.text()
    panel.buttons[question.answer].click()  # answered already: ignored
    assert controller.book.get(LESSON).asked == 1
    panel.continue_button.click()
    assert controller.player.cursor == 3
    following = panel.question
    assert following is not None and following.key != question.key
    panel.choose(following.answer)
    assert "Right!" in panel.result.text()
    assert (controller.book.get(LESSON).right, controller.book.get(LESSON).asked) == (1, 2)
    # kept between runs: a new store on the same settings reads it back
    again = ScoreStore(QSettings(settings.fileName(), QSettings.Format.IniFormat)).load()
    assert (again.get(LESSON).right, again.get(LESSON).asked) == (1, 2)
    assert again.get(LESSON).furthest_step == 3


def test_playback_pauses_before_a_step_with_a_question(parts):
    controller = parts
    controller.open_lesson(LESSON, 0)
    controller.player.play()
    controller.player.step_forward(animate=False)
    assert not controller.player.playing
    assert controller.predict.question is not None


def test_a_lesson_that_cannot_be_opened_says_why(parts, qtbot):
    with qtbot.waitSignal(parts.lesson_failed) as signal:
        assert not parts.open_lesson("no-such-lesson")
    assert "no-such-lesson" in signal.args[0]


def test_a_call_chain_lesson_plays_in_the_player_and_asks_for_the_next_call(parts):
    controller = parts
    assert controller.open_lesson("flask-request-flow", 0)
    timeline = controller.player.timeline
    assert timeline is not None and timeline[0].wsgi is not None
    index = next(s.index for s in timeline
                 if s.wsgi.event.function.endswith("Flask.dispatch_request"))
    controller.player.seek(index - 1)  # before dispatch_request: asked to predict it
    question = controller.predict.question
    assert question.choices[question.answer].en == "Flask.dispatch_request()"
    controller.predict.choose(question.answer)
    controller.predict.continue_button.click()
    assert controller.player.cursor == index
    assert "view_functions[rule.endpoint]" in controller.narration.plain_text()


def test_chinese_renders_with_a_cjk_font_when_one_is_installed():
    font = lesson_font()
    assert "Noto Sans CJK SC" in font.families() and "Microsoft YaHei" in font.families()
    assert "PingFang SC" in font.families()
    if not installed_cjk_families():
        pytest.skip(f"no CJK font installed (Debian: {LINUX_PACKAGE_HINT})")
    # The first CJK family in our list that is installed draws the Han characters.
    metrics = QFontMetrics(QFont(installed_cjk_families()[0]))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "三次握手与四次挥手")
