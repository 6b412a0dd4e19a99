"""Light and dark: the View → Appearance choice, following the system, kept between runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from simulator.ui.app import appearance
from simulator.ui.app.appearance import Appearance, appearance_manager, saved_appearance
from simulator.ui.app.main_window import MainWindow
from simulator.ui.common.palette import is_dark


@pytest.fixture(autouse=True)
def _light_again(qapp) -> Iterator[None]:
    yield
    appearance_manager().apply(Appearance.LIGHT, remember=False)
    appearance_manager().apply(Appearance.SYSTEM, remember=False)


def _mean_lightness(image: QImage) -> float:
    step = 17
    values = [image.pixelColor(x, y).lightness() for x in range(0, image.width(), step)
              for y in range(0, image.height(), step)]
    return sum(values) / len(values)


def test_choosing_dark_darkens_the_whole_window_and_its_views(qtbot) -> None:
    window = MainWindow("handshake-teardown")
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    light = _mean_lightness(window.grab().toImage())
    window.set_appearance(Appearance.DARK)
    QApplication.processEvents()  # widgets take the new palette from a posted event
    assert is_dark(window.palette()) and is_dark(window.ladder.palette())
    dark = _mean_lightness(window.grab().toImage())
    assert light > 170 and dark < 110, (light, dark)
    assert window.commands.appearances[Appearance.DARK].isChecked()
    assert saved_appearance() is Appearance.DARK
    window.set_appearance(Appearance.LIGHT)
    QApplication.processEvents()
    assert not is_dark(window.palette())
    assert saved_appearance() is Appearance.LIGHT


def test_following_the_system_turns_dark_when_the_system_does(qtbot, monkeypatch) -> None:
    manager = appearance_manager()
    manager.apply(Appearance.SYSTEM)
    monkeypatch.setattr(appearance, "system_is_dark", lambda: True)
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert is_dark(QGuiApplication.palette())
    monkeypatch.setattr(appearance, "system_is_dark", lambda: False)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not is_dark(QGuiApplication.palette())


def test_a_fixed_choice_ignores_the_system(qtbot, monkeypatch) -> None:
    manager = appearance_manager()
    manager.apply(Appearance.LIGHT)
    monkeypatch.setattr(appearance, "system_is_dark", lambda: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not is_dark(QGuiApplication.palette())


def test_an_unknown_saved_value_falls_back_to_following_the_system() -> None:
    QSettings().setValue("appearance", "purple")
    assert saved_appearance() is Appearance.SYSTEM
