"""The interface language: Qt's translators for our strings and Qt's own, switchable live.

Every visible interface string is written in English in the code, wrapped in ``self.tr()``
(QObject subclasses) or ``QCoreApplication.translate("Context", ...)`` (elsewhere), or marked
with ``QT_TRANSLATE_NOOP`` where it sits in a module-level table. ``pyside6-lupdate`` collects
them into ``simulator/i18n/protocol_sim_<lang>.ts``; ``pyside6-lrelease`` compiles the .qm the
app loads (``python -m simulator.i18n`` runs both). Placeholders are ``{name}`` fields filled
with ``str.format`` after translation, so translators can move them.

Switching installs a new translator; Qt then sends ``QEvent.LanguageChange`` to every widget,
and each widget re-sets its texts in ``retranslate()`` (see ``is_language_change``).
English needs no translator: the source strings are English.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from simulator.models.lessons.text import Lang

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "i18n"  # package data
CATALOGUE = "protocol_sim"
QT_CATALOGUES = ("qtbase",)  # Qt's own strings: dialog buttons, file dialogs, context menus

_installed: list[QTranslator] = []
_current: Lang = Lang.EN


def qm_path(lang: Lang) -> Path:
    return TRANSLATIONS_DIR / f"{CATALOGUE}_{lang.value}.qm"


def ts_path(lang: Lang) -> Path:
    return TRANSLATIONS_DIR / f"{CATALOGUE}_{lang.value}.ts"


def current_language() -> Lang:
    return _current


def set_language(lang: Lang) -> None:
    """Install the translators for ``lang`` (removing the previous ones); widgets then get a
    LanguageChange event. Needs a QCoreApplication. A missing Qt catalogue is not an error
    (some Qt builds ship none); a missing catalogue of ours is, since the package has it."""
    global _current
    app = QCoreApplication.instance()
    assert app is not None, "set_language needs a QApplication"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = lang
    QLocale.setDefault(QLocale(lang.value))
    if lang is Lang.EN:
        _post_language_change(app)
        return
    ours = QTranslator(app)
    if not ours.load(str(qm_path(lang))):
        raise FileNotFoundError(f"interface translation missing: {qm_path(lang)}")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in QT_CATALOGUES:
        qt = QTranslator(app)
        if qt.load(f"{name}_{lang.value}", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
    app.installTranslator(ours)
    _installed.append(ours)


def _post_language_change(app: QCoreApplication) -> None:
    """Removing every translator sends no event of its own when none was installed; tell
    the widgets anyway so a switch back to English always re-sets their texts."""
    QCoreApplication.postEvent(app, QEvent(QEvent.Type.LanguageChange))


def is_language_change(event: QEvent) -> bool:
    """For ``changeEvent``: true when the widget should call its ``retranslate()``."""
    return event.type() == QEvent.Type.LanguageChange


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate (which reads this call by its name) and return it unchanged,
    typed as ``str`` (PySide6's own marker is typed ``object``). Translate it where it is
    shown: ``QCoreApplication.translate(context, text)``."""
    del context
    return text
