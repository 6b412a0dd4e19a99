"""Refresh the translation catalogues and compile them.

    python -m simulator.i18n            # lupdate: new strings into the .ts; lrelease: .qm
    python -m simulator.i18n --merge OTHER.ts ...   # also take translations from other .ts
    python -m simulator.i18n --moved OLD.ts         # strings that moved to another class
    python -m simulator.i18n --table FILE.tsv ...   # translations from a table

``--moved`` is for refactoring: when a string moves from one class to another its context
changes, lupdate drops the old entry and adds a new untranslated one; given the catalogue as
it was before, the new entry takes the old translation of the same English text (when that
text had exactly one translation).

lupdate keeps every existing translation and drops strings no longer in the code
(``-no-obsolete``), so the .ts always lists exactly the strings the interface can show.
The tests (tests/ui/text/test_translations.py) fail if a string has no translation or the .qm
is older than the .ts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
LANGS = ("zh_CN",)


def sources() -> list[str]:
    """Every Python file that can put text on screen: the ui package and the CLI's window."""
    return sorted(str(p) for p in (PACKAGE / "ui").rglob("*.py"))


def ts_file(lang: str) -> Path:
    return HERE / f"protocol_sim_{lang}.ts"


def translations(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → finished translation, from a .ts file."""
    found: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is not None and translation.text and \
                    translation.get("type") not in ("unfinished", "obsolete", "vanished"):
                found[(name, source)] = translation.text
    return found


def by_source(path: Path) -> dict[str, str]:
    """English text → its translation, for texts translated one way only in the file."""
    seen: dict[str, set[str]] = {}
    for (_context, source), text in translations(path).items():
        seen.setdefault(source, set()).add(text)
    return {source: texts.pop() for source, texts in seen.items() if len(texts) == 1}


def fill_moved(target: Path, old: Path) -> int:
    """Untranslated messages of the target take the old file's translation of their text."""
    known = by_source(old)
    tree = ET.parse(target)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is not None and translation.get("type") == "unfinished" \
                and source in known:
            translation.text = known[source]
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return filled


def read_table(path: Path) -> list[tuple[str, str, str]]:
    """(context, English, translation) rows of a tab-separated file; ``\\n`` in a cell is a
    line break. A translator's spreadsheet saved as TSV, or a developer's list of new strings."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3:
            raise SystemExit(f"{path}:{number}: expected context<TAB>English<TAB>translation")
        context, source, text = (c.replace("\\n", "\n") for c in cells)
        rows.append((context, source, text))
    return rows


def apply_table(target: Path, rows: list[tuple[str, str, str]]) -> list[str]:
    """Set each row's translation (a row for a text the code no longer has is reported)."""
    tree = ET.parse(target)
    messages = {(c.findtext("name") or "", m.findtext("source") or ""): m
                for c in tree.getroot().iter("context") for m in c.iter("message")}
    missing = []
    for context, source, text in rows:
        message = messages.get((context, source))
        translation = message.find("translation") if message is not None else None
        if translation is None:
            missing.append(f"{context}: {source[:60]}")
            continue
        translation.text = text
        translation.attrib.pop("type", None)
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return missing


def merge(target: Path, others: list[Path]) -> int:
    """Take the other files' translations into the target (theirs win: they are where the
    translators worked); returns how many messages changed."""
    known: dict[tuple[str, str], str] = {}
    for other in others:
        known.update(translations(other))
    tree = ET.parse(target)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            key = (name, message.findtext("source") or "")
            if translation is None or key not in known:
                continue
            if translation.text != known[key] or translation.get("type") == "unfinished":
                translation.text = known[key]
                translation.attrib.pop("type", None)
                filled += 1
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return filled


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulator.i18n")
    parser.add_argument("--merge", nargs="*", default=[], metavar="TS")
    parser.add_argument("--table", nargs="*", default=[], metavar="TSV",
                        help="context<TAB>English<TAB>translation rows to set")
    parser.add_argument("--moved", metavar="OLD_TS",
                        help="the catalogue before a refactoring moved strings between classes")
    args = parser.parse_args(argv)
    for lang in LANGS:
        ts = ts_file(lang)
        old = Path(args.moved) if args.moved else None
        subprocess.run(["pyside6-lupdate", *sources(), "-no-obsolete", "-target-language",
                        lang, "-locations", "none", "-ts", str(ts)], check=True)
        if args.merge:
            print(f"{ts.name}: {merge(ts, [Path(p) for p in args.merge])} filled by merge")
        if old is not None:
            print(f"{ts.name}: {fill_moved(ts, old)} moved strings keep their translation")
        for table in args.table:
            missing = apply_table(ts, read_table(Path(table)))
            print(f"{ts.name}: {table}: {len(missing)} rows not in the code")
            for row in missing:
                print(f"    {row}")
        subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
