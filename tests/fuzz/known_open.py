"""Root causes the fuzz harness found that are reported but not fixed yet.

While one of these is all a fuzz test finds, the test is an expected failure (``xfail``,
listed by ``pytest -ra``) rather than a red build; anything else fails. Patterns carry no line
numbers (the files keep changing). Delete an entry when its bug is fixed: the tests then hold
the fix. The reproducers are in ``tests/data/fuzz-regressions`` (see its README).
"""

from __future__ import annotations

import re

#: Pattern of a root cause → the open problem and its reproducer. Empty: the one the harness
#: found in the CI smoke (a pcapng section header claiming 4 GiB, MemoryError in
#: pcap_records._read_pcapng) was fixed in b3016cd.
KNOWN_OPEN: dict[str, str] = {}


def known_open(cause: str) -> str | None:
    """Why ``cause`` is a known open problem, or None when it is not one."""
    for pattern, why in KNOWN_OPEN.items():
        if re.fullmatch(pattern, cause):
            return why
    return None
