"""Fonts that render Simplified Chinese on Linux, Windows and macOS.

Qt picks a fallback font for characters the main font lacks, but which one depends on the
system: on Linux fontconfig may choose a Japanese or Korean variant of the Han glyphs (which
draws some characters differently), or none at all when no CJK font is installed. So the
lesson widgets ask for an explicit list: the platform's sans-serif font for Latin text, then
CJK families that draw Simplified Chinese — Noto Sans CJK SC / Source Han Sans SC and
WenQuanYi on Linux (Debian: ``fonts-noto-cjk`` or ``fonts-wqy-microhei``), Microsoft YaHei
on Windows, PingFang SC (then Hiragino Sans GB, Heiti SC) on macOS.

``apply_app_font(app)`` gives the whole interface the same fallbacks (for when the
interface is shown in Chinese): every widget that uses the application font then draws Han
characters with one of these families, and Latin text is unchanged.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "Microsoft YaHei UI", "PingFang SC",
    "Hiragino Sans GB", "Heiti SC", "SimHei", "Noto Sans SC",
)
CJK_MONO_FAMILIES: tuple[str, ...] = ("Noto Sans Mono CJK SC", "Sarasa Mono SC",
                                      *CJK_FAMILIES)
LINUX_PACKAGE_HINT = "fonts-noto-cjk (or fonts-wqy-microhei)"


def installed_cjk_families() -> list[str]:
    """The CJK families from our list that this system has, in our order of preference."""
    have = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    return [f for f in CJK_FAMILIES if f in have]


def cjk_available() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def lesson_font(base: QFont | None = None, point_size: float | None = None,
                bold: bool = False, mono: bool = False) -> QFont:
    """``base`` (default: the application font) with the CJK families as fallbacks."""
    font = QFont(base) if base is not None else QFont()
    first = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family() if mono \
        else font.family()
    font.setFamilies([first, *(CJK_MONO_FAMILIES if mono else CJK_FAMILIES)])
    if point_size is not None:
        font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def css_font_families() -> str:
    """The same list for rich text (QTextBrowser HTML): 'font-family: ...' value."""
    return ", ".join(f"'{f}'" for f in (QFont().family(), *CJK_FAMILIES)) + ", sans-serif"


def with_cjk_fallbacks(font: QFont) -> QFont:
    """``font`` with our CJK families appended to its own family list (each once)."""
    out = QFont(font)
    own = list(font.families()) or [font.family()]
    out.setFamilies([*own, *(f for f in CJK_FAMILIES if f not in own)])
    return out


def apply_app_font(app: QGuiApplication) -> QFont:
    """Make the application font fall back to our CJK families (safe to call again: the
    list is not repeated); returns the font set. Call it before building the window, or
    when the interface switches to Chinese (Qt then repolishes the widgets)."""
    font = with_cjk_fallbacks(app.font())
    app.setFont(font)
    return font
