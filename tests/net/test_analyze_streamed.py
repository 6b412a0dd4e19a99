"""The analyze document one connection at a time (issue 13: a SYN scan's 170,000 rows held
at once were ~250 MB): ``connection_rows`` gives the same rows as ``index_document`` plus
``add_http``, and ``write_document`` writes them as ``json.dump`` writes the whole document."""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from simulator.net.analyze import (
    WRITE_BLOCK,
    add_http,
    connection_rows,
    document_head,
    index_document,
    write_document,
)
from simulator.net.capture.index import build_index
from tests.net.conftest import CAPTURES


def _whole(doc: dict[str, Any]) -> str:
    out = io.StringIO()
    json.dump(doc, out, indent=2, ensure_ascii=False)
    return out.getvalue() + "\n"


def _streamed(head: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    write_document(head, iter(rows), out)
    return out.getvalue()


_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)  # newlines, quotes, 中文
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=12)


@given(head=st.dictionaries(_text.filter(lambda k: k != "connections"), _json, max_size=3),
       rows=st.lists(st.dictionaries(_text, _json, max_size=4), max_size=4))
def test_written_one_row_at_a_time_as_json_dump_writes_the_whole(
    head: dict[str, Any], rows: list[dict[str, Any]],
) -> None:
    assert _streamed(head, rows) == _whole({**head, "connections": rows})


def test_a_large_document_is_written_in_a_few_blocks() -> None:
    """Not one write per token (an unbuffered stdout makes each write a system call)."""
    class Counting(io.StringIO):
        writes = 0

        def write(self, s: str) -> int:
            self.writes += 1
            return super().write(s)

    rows = [{"id": i, "text": "é\n\"" * 100, "list": [{"a": None}] * 3} for i in range(3000)]
    out = Counting()
    write_document({"file": "x"}, iter(rows), out)
    assert out.getvalue() == _whole({"file": "x", "connections": rows})
    assert out.writes <= len(out.getvalue()) // WRITE_BLOCK + 2  # (3,000 rows)


def test_rows_one_at_a_time_are_the_document_rows_with_their_http() -> None:
    index = build_index(str(CAPTURES / "http-ipv4-and-ipv6--chrissanders--http_ip4and6.pcapng"))
    doc = index_document(index)
    add_http(doc, index)
    assert any(row["http"] for row in doc["connections"])
    rows = list(connection_rows(index))
    assert rows == doc["connections"]
    assert _streamed(document_head(index), rows) == _whole(doc)
