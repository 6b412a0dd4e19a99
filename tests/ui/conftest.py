"""UI tests never read or write the user's settings or config directory: QSettings and
QStandardPaths point into a temporary directory for the whole session, so a window's
remembered layout or recent files from a real run (or an earlier test) cannot leak in."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True, scope="session")
def _private_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.mktemp("qt-settings")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(home / "settings"))


@pytest.fixture(autouse=True)
def _no_remembered_layout(_private_settings: None) -> Iterator[None]:
    """Each test's window starts from the built-in layout, not the one a previous test's
    window saved when it closed."""
    QSettings().remove("window")
    yield
    QSettings().remove("window")


@pytest.fixture
def zh_interface(qapp: object) -> Iterator[None]:
    """The interface in Simplified Chinese for one test (Qt's translators installed, widgets
    told through LanguageChange), English again afterwards."""
    from PySide6.QtCore import QCoreApplication

    from simulator.models.lessons.text import Lang
    from simulator.ui.text.i18n import set_language

    set_language(Lang.ZH_CN)
    QCoreApplication.processEvents()
    yield
    set_language(Lang.EN)
    QCoreApplication.processEvents()


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that switched the interface language (a window opened in Chinese) leaves the
    next test in English, as every other test expects."""
    yield
    from simulator.models.lessons.text import Lang
    from simulator.ui.text import i18n
    if i18n.current_language() is not Lang.EN:
        i18n.set_language(Lang.EN)


@pytest.fixture
def text_size(qapp: object) -> Iterator[object]:
    """A 720-line screen at zoom 1 for one test; everything as it was afterwards, the zoom
    remembered in the settings included (``tests.ui.text_size.default_text_size``)."""
    from tests.ui.text_size import default_text_size

    with default_text_size() as leg:
        yield leg
