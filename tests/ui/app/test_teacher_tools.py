"""Teacher's tools in the window: the notes dock follows the cursor and its notes come back
when the scenario is opened again; the ladder exports as text; the layout is remembered."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings

from simulator.models.lessons.text import Lang
from simulator.models.timeline.ladder_text import LadderSyntax
from simulator.ui.app.desktop import about_html, app_icon, restore_layout, save_layout
from simulator.ui.app.main_window import MainWindow
from simulator.ui.app.teacher_tools import notes_path, write_ladder_text
from simulator.ui.text.i18n import set_language


def test_a_note_follows_its_step_and_comes_back_with_the_scenario(qtbot, tmp_path) -> None:
    window = MainWindow("abort")
    qtbot.addWidget(window)
    panel = window.teacher.notes
    path = notes_path(window, window.timeline)
    assert path is not None and path.name == "abort.notes.json"
    path.unlink(missing_ok=True)
    window.player.seek(2)
    panel.editor.setPlainText("Ask: who sends the RST, and why?")
    assert panel.heading.text() == "Teacher's note for step 3"  # as the transport bar counts
    window.player.seek(3)  # moving on saves the note
    assert panel.editor.toPlainText() == ""
    assert path.exists()
    window.player.seek(2)
    assert panel.editor.toPlainText() == "Ask: who sends the RST, and why?"

    again = MainWindow("abort")
    qtbot.addWidget(again)
    again.player.seek(2)
    assert again.teacher.notes.editor.toPlainText() == "Ask: who sends the RST, and why?"
    path.unlink()


def test_notes_for_a_changed_timeline_say_so(qtbot) -> None:
    window = MainWindow("lost-syn")
    qtbot.addWidget(window)
    path = notes_path(window, window.timeline)
    assert path is not None
    path.unlink(missing_ok=True)
    window.player.seek(1)
    window.teacher.notes.editor.setPlainText("backoff doubles")
    assert window.teacher.notes.save()
    window.load_scenario("lost-syn", frozenset({0}))  # a what-if: other steps, same name
    assert "written for a different timeline" in window.teacher.notes.status.text()
    assert window.teacher.notes.editor.toPlainText() == ""
    path.unlink()


def test_file_menu_exports_the_ladder_as_text(qtbot, tmp_path) -> None:
    window = MainWindow("handshake-teardown")
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    json_at = titles.index("Export timeline as JSON…")
    assert titles[json_at + 1:json_at + 3] == ["Export ladder as Mermaid…",
                                               "Export ladder as PlantUML…"]
    target = tmp_path / "ladder.mmd"
    assert write_ladder_text(window, LadderSyntax.MERMAID, str(target))
    assert target.read_text(encoding="utf-8").startswith("sequenceDiagram\n")


def test_window_layout_is_remembered(qtbot, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow()
    qtbot.addWidget(window)
    window.teacher.notes_dock.show()
    window.resize(700, 500)
    save_layout(window, settings)
    again = MainWindow()
    qtbot.addWidget(again)
    assert not again.teacher.notes_dock.isVisibleTo(again)
    assert restore_layout(again, settings)
    assert again.teacher.notes_dock.isVisibleTo(again)
    assert again.size().width() == 700


def test_about_lists_versions_and_licences_and_the_icon_loads() -> None:
    text = about_html()
    for name in ("PySide6", "scapy", "Flask", "Werkzeug", "h11", "GPL-2.0-or-later",
                 "GPL-2.0-only", "LGPL-3.0", "BSD-3-Clause", "MIT"):
        assert name in text
    assert not app_icon().isNull()


def test_teacher_tools_switch_their_words_live_both_ways(qtbot) -> None:
    window = MainWindow("abort")
    qtbot.addWidget(window)
    tools, panel = window.teacher, window.teacher.notes
    window.player.seek(2)

    def words() -> list[str]:
        return [tools.export_mermaid_action.text(), tools.export_plantuml_action.text(),
                tools.notes_dock.windowTitle(), tools.notes_dock.toggleViewAction().text(),
                panel.heading.text(), panel.save_button.text(), panel.editor.placeholderText()]

    english = words()
    assert english[:5] == ["Export ladder as Mermaid…", "Export ladder as PlantUML…",
                           "Teacher's notes", "Teacher's notes", "Teacher's note for step 3"]
    try:
        set_language(Lang.ZH_CN)  # after the window was built
        QCoreApplication.processEvents()
        assert words() == ["将时序图导出为 Mermaid…", "将时序图导出为 PlantUML…", "教师备注",
                           "教师备注", "教师对第 3 步的备注", "保存备注",
                           "这一步的备注，与抓包文件或场景一起保存（例如要向全班提出的问题）"]
    finally:
        set_language(Lang.EN)
        QCoreApplication.processEvents()
    assert words() == english


def test_a_notes_status_line_is_retranslated_with_its_file_name(qtbot, tmp_path) -> None:
    window = MainWindow("abort")
    qtbot.addWidget(window)
    panel = window.teacher.notes
    panel.open(window.timeline, tmp_path / "abort.notes.json")
    panel.editor.setPlainText("Who sends the RST?")
    assert panel.save()
    assert panel.status.text() == "Saved to abort.notes.json"
    try:
        set_language(Lang.ZH_CN)
        QCoreApplication.processEvents()
        assert panel.status.text() == "已保存到 abort.notes.json"
    finally:
        set_language(Lang.EN)
        QCoreApplication.processEvents()
    assert panel.status.text() == "Saved to abort.notes.json"


def test_a_restored_layout_leaves_no_stray_dock_tab_over_the_menus(qtbot, tmp_path) -> None:
    """The second run's window: the lesson list and the (hidden) capture list share a tab
    group; no one-tab bar may sit at the window's top-left corner over the File menu."""
    from PySide6.QtWidgets import QDockWidget, QTabBar

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    save_layout(first, settings)
    again = MainWindow()
    qtbot.addWidget(again)
    assert restore_layout(again, settings)
    again.show()
    qtbot.waitExposed(again)
    stray = [bar for bar in again.findChildren(QTabBar)
             if bar.parent() is again and bar.isVisible() and bar.geometry().top() == 0]
    assert stray == []
    again.findChild(QDockWidget, "lesson-browser-dock").show()
    again.capture_dock.show()  # a second dock in the group: its tabs appear where they belong
    qtbot.waitUntil(lambda: any(bar.count() == 2 and bar.isVisible()
                                for bar in again.findChildren(QTabBar)))
