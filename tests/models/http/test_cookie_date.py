"""RFC 6265 §5.1.1's cookie-date algorithm, with the expected instants written out by hand
(and, for the properties, computed with ``datetime``, not with the code under test), and the
jar reading Expires with it (issue 13)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.models.http.cookie_date import cookie_date
from simulator.models.http.cookie_jar import VIRTUAL_EPOCH, CookieJar

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def utc(*fields: int) -> float:
    return datetime(*fields, tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize(("text", "expected"), [
    ("Wed, 21 Oct 2015 07:28:00 GMT", utc(2015, 10, 21, 7, 28, 0)),  # RFC 7231 IMF-fixdate
    ("Sun, 06 Nov 1994 08:49:37 GMT", utc(1994, 11, 6, 8, 49, 37)),
    ("Sunday, 06-Nov-94 08:49:37 GMT", utc(1994, 11, 6, 8, 49, 37)),  # RFC 850
    ("Mon Dec 10 16:32:30 2007 GMT", utc(2007, 12, 10, 16, 32, 30)),  # asctime order
    ("Thu, 10 Dec 2009 13:57:2 GMT", utc(2009, 12, 10, 13, 57, 2)),  # a one-digit second
    # the first year-like token wins; "-0400" and "(EDT)" come after it and are ignored
    ("Sat, 15-Apr-17 21:01:22 GMT-0400 (EDT)", utc(2017, 4, 15, 21, 1, 22)),
    ("Sat, 15-Apr-17 21:01:22 -0400", utc(2017, 4, 15, 21, 1, 22)),
    ("15 Apr 21:01:22 2017", utc(2017, 4, 15, 21, 1, 22)),  # not 2021: the time comes first
    ("Thu, 01-Jan-70 00:00:01 GMT", utc(1970, 1, 1, 0, 0, 1)),  # step 3: 70 is 1970
    ("Mon, 01-Jan-69 00:00:00 GMT", utc(2069, 1, 1, 0, 0, 0)),  # step 4: 69 is 2069
    ("1 january 2030 0:0:0", utc(2030, 1, 1, 0, 0, 0)),  # "jan" *OCTET, any case
    ("Mon, 01 Jan 1601 00:00:00 GMT", utc(1601, 1, 1, 0, 0, 0)),  # the earliest year
    ("Fri, 31 Dec 9999 23:59:59 GMT", utc(9999, 12, 31, 23, 59, 59)),  # every field's top
])
def test_real_world_expires_dates_read_as_rfc_6265_says(text: str, expected: float) -> None:
    assert cookie_date(text) == expected


@pytest.mark.parametrize("text", [
    "Wed, 21 Ogt 2015 07:28:00 GMT",  # no month: step 5 fails (http2time raised ValueError)
    "Wed, 21 Oct 2015",  # no time
    "Sat, 30 Feb 2019 00:00:00 GMT",  # step 6: no such date
    "Sat, 32 Jan 2019 00:00:00 GMT",  # a day above 31 (step 5)
    "Sat, 01 Jan 1600 00:00:00 GMT",  # a year before 1601 (step 5)
    "Fri, 01-Jan-100 12:00:00 GMT",  # year 100: neither step 3 nor 4, and before 1601
    "Sat, 01 Jan 2019 24:00:00 GMT",  # hour 24 (step 5)
    "Sat, 01 Jan 2019 23:60:00 GMT",
    "Sat, 01 Jan 2019 23:00:60 GMT",
    "",
    "tomorrow",
])
def test_dates_the_algorithm_cannot_read_are_none(text: str) -> None:
    assert cookie_date(text) is None


@given(st.datetimes(min_value=datetime(1601, 1, 1), max_value=datetime(9999, 12, 31)))
def test_an_imf_fixdate_reads_back_as_its_instant(when: datetime) -> None:
    when = when.replace(microsecond=0)
    text = (f"{when:%a}, {when.day:02d} {MONTHS[when.month - 1]} {when.year:04d} "
            f"{when:%H:%M:%S} GMT")
    assert cookie_date(text) == when.replace(tzinfo=timezone.utc).timestamp()


@given(st.integers(min_value=0, max_value=99))
def test_two_digit_years_are_1970_to_2069_whatever_the_clock(year: int) -> None:
    """Steps 3 and 4: 70-99 are 19xx, 0-69 are 20xx; no clock is read."""
    full = 1900 + year if year >= 70 else 2000 + year
    assert cookie_date(f"Fri, 01-Jan-{year:02d} 12:00:00 GMT") == utc(full, 1, 1, 12, 0, 0)


@given(st.text())
def test_any_text_gives_a_date_or_none_and_never_raises(text: str) -> None:
    assert cookie_date(text) is None or isinstance(cookie_date(text), float)


def test_an_unreadable_expires_is_ignored_and_the_cookie_kept_for_the_session() -> None:
    """§5.2.1: an Expires that fails to parse is ignored, so the cookie is a session cookie
    (http2time raised ValueError: 'ogt' is not in list, and the whole response failed)."""
    jar = CookieJar()
    (row,) = jar.receive(["a=1; Expires=Wed, 21 Ogt 2015 07:28:00 GMT"],
                         "http://example.com/", 0.0)
    assert (row.name, row.value, row.expires) == ("a", "1", None)


def test_a_1970_expires_deletes_the_cookie() -> None:
    """The deletion idiom: 01-Jan-70 is 1970 (step 3), long before the virtual epoch, so the
    cookie is removed and no longer sent (http2time could read it as 2070 by the clock)."""
    jar = CookieJar()
    jar.receive(["sid=abc; Path=/"], "http://example.com/", 0.0)
    jar.receive(["sid=; Path=/; expires=Thu, 01-Jan-70 00:00:01 GMT"],
                "http://example.com/", 1.0)
    assert jar.cookies_for("http://example.com/", 2.0)[0] is None
    assert utc(1970, 1, 1, 0, 0, 1) - VIRTUAL_EPOCH < 0


def test_the_last_readable_expires_wins() -> None:
    """§5.2.1 drops an unreadable Expires from the attribute list, so §5.3's last one is the
    last readable one."""
    jar = CookieJar()
    (row,) = jar.receive(["a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Expires=nonsense"],
                         "http://example.com/", 0.0)
    assert row.expires == utc(2037, 10, 21, 7, 28, 0) - VIRTUAL_EPOCH


def test_only_sp_and_htab_are_trimmed_and_quotes_are_part_of_the_value() -> None:
    """§5.2 step 4 removes WSP (SP and HTAB) around the name and the value, not other
    spaces; a quoted cookie-value keeps its quotes (RFC 6265 §4.1.1's DQUOTE form)."""
    jar = CookieJar()
    rows = jar.receive([" \ta\t = \t1 ", 'b="two"', "c=\u00a03\u00a0"],
                       "http://example.com/", 0.0)
    assert [(r.name, r.value) for r in rows] == [("a", "1"), ("b", '"two"'),
                                                 ("c", "\u00a03\u00a0")]
