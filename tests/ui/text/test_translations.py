"""The interface in Simplified Chinese: the catalogue is complete, compiled, and the whole
window switches to it (and back) while it runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
)

from simulator.i18n.__main__ import sources
from simulator.models.lessons.text import Lang
from simulator.ui.app.main_window import MainWindow
from simulator.ui.text.i18n import qm_path, ts_path

PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9]*(?:[:!][^}]*)?\}")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            found[(context.findtext("name") or "", message.findtext("source") or "")] = message
    return found


CATALOGUE = _messages(ts_path(Lang.ZH_CN))
TRANSLATED = {key: m.findtext("translation") or "" for key, m in CATALOGUE.items()}


def test_the_catalogue_lists_hundreds_of_interface_strings() -> None:
    assert len(CATALOGUE) > 300


@pytest.mark.parametrize("key", sorted(CATALOGUE), ids=lambda k: f"{k[0]}:{k[1][:40]}")
def test_every_string_is_translated_keeping_its_placeholders(key: tuple[str, str]) -> None:
    message = CATALOGUE[key]
    translation = message.find("translation")
    assert translation is not None and translation.get("type") is None, "unfinished"
    text = translation.text or ""
    assert text.strip(), "empty translation"
    source = key[1]
    assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source))
    for tag in set(re.findall(r"</?[a-zA-Z]+", source)):
        assert source.count(tag) == text.count(tag), f"markup {tag} changed"


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="needs pyside6-lupdate")
def test_the_catalogue_has_exactly_the_strings_in_the_code(tmp_path: Path) -> None:
    """lupdate run afresh on the code finds no string the catalogue lacks (a new tr() call
    without a translation fails here) and none the code no longer has."""
    fresh = tmp_path / "fresh.ts"
    subprocess.run(["pyside6-lupdate", *sources(), "-locations", "none", "-ts", str(fresh)],
                   check=True, capture_output=True)
    in_code = set(_messages(fresh))
    assert sorted(in_code - set(CATALOGUE)) == [], "run: python -m simulator.i18n"
    assert sorted(set(CATALOGUE) - in_code) == [], "obsolete: python -m simulator.i18n"


def test_the_compiled_catalogue_is_the_one_in_the_ts() -> None:
    translator = QTranslator()
    assert translator.load(str(qm_path(Lang.ZH_CN)))
    stale = [key for key, text in TRANSLATED.items()
             if translator.translate(key[0], key[1]) != text]
    assert stale == [], "recompile: python -m simulator.i18n"


def _visible_texts(window: MainWindow) -> list[str]:
    """Every interface text of the window a learner can read without opening a dialog."""
    texts: list[str] = [window.windowTitle()]
    for menu in window.menuBar().findChildren(QMenu):
        texts.append(menu.title())
        texts.extend(a.text() for a in menu.actions() if not a.isSeparator())
    texts.extend(w.text() for w in window.findChildren(QLabel))
    texts.extend(w.text() for w in window.findChildren(QAbstractButton))
    texts.extend(w.placeholderText() for w in window.findChildren(QLineEdit))
    texts.extend(w.title() for w in window.findChildren(QGroupBox))
    texts.extend(w.windowTitle() for w in window.findChildren(QDockWidget))
    for bar in window.findChildren(QTabBar):
        if bar.parent() is not window or bar.count() > 1:
            # (a dock tab bar with one tab is never shown: QMainWindow keeps it spare)
            texts.extend(bar.tabText(i) for i in range(bar.count()))
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None:
            texts.extend(str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                         for c in range(model.columnCount(QModelIndex())))
    return [t for t in texts if t]


def _untranslated(texts: list[str]) -> list[str]:
    """The texts that are an English source string whose translation differs."""
    english = {source for (_ctx, source), text in TRANSLATED.items() if text != source}
    return sorted({t for t in texts if t in english})


def test_the_whole_window_switches_to_chinese_and_back_while_running(qtbot) -> None:
    window = MainWindow("login", 24)
    qtbot.addWidget(window)
    english = _visible_texts(window)
    assert "&File" in english and "HTTP · cookies · sessions" in english
    window.set_language(Lang.ZH_CN)
    QCoreApplication.processEvents()
    chinese = _visible_texts(window)
    assert _untranslated(chinese) == []
    assert QCoreApplication.translate("MainWindow", "&File") in chinese
    assert sum(bool(HAN.search(t)) for t in chinese) > 30
    assert HAN.search(window.windowTitle())  # the scenario's title too (model text)
    window.set_language(Lang.EN)
    QCoreApplication.processEvents()
    assert sorted(_visible_texts(window)) == sorted(english)


def test_the_language_is_remembered_for_the_next_run(qtbot) -> None:
    from PySide6.QtCore import QSettings

    window = MainWindow()
    qtbot.addWidget(window)
    window.set_language(Lang.ZH_CN)
    assert QSettings().value("language") == "zh_CN"
    window.set_language(Lang.EN)
    assert QSettings().value("language") == "en"


def test_a_window_opened_in_chinese_shows_chinese_menus_from_the_start(qtbot) -> None:
    window = MainWindow(lang=Lang.ZH_CN)
    qtbot.addWidget(window)
    titles = [m.title() for m in window.menuBar().findChildren(QMenu)]
    assert "文件(&F)" in titles or any(HAN.search(t) for t in titles)
    assert _untranslated(_visible_texts(window)) == []
