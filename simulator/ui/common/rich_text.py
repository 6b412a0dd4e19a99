"""Pieces of rich text (Qt's subset of HTML) that several panels write the same way.

The panels build their text as HTML each time they draw, in the interface language and the
palette's colours. A section of that text often opens with a heading: a name in bold and,
after it, a note in the muted ink saying what the section is (``titled_note_html``).
"""

from __future__ import annotations

from html import escape

from simulator.ui.common import palette


def titled_note_html(title_html: str, note: str, dark: bool, margin: str = "0") -> str:
    """A paragraph: ``title_html`` (markup, already escaped) in bold, then ``note`` (plain
    text) in the muted ink; ``margin`` is the paragraph's CSS margin."""
    muted = palette.MUTED_INK.pick(dark).name()
    return (f"<p style='margin:{margin}'><b>{title_html}</b> "
            f"<span style='color:{muted}'>{escape(note)}</span></p>")
