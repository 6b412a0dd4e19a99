"""RFC 6265 §5.1.1: the cookie-date algorithm a user agent uses to read ``Expires``.

Written here rather than taken from ``http.cookiejar.http2time``, which is the wrong tool for
cookies: it reads two-digit years by the machine's clock (so ``01-Jan-70`` can become 2070
and a deletion fails, and the model would read a clock), raises ``ValueError`` on an unknown
month name, and refuses forms browsers accept (``Mon Dec 10 16:32:30 2007 GMT``, a one-digit
second). The RFC's algorithm instead splits the string at delimiters into tokens and takes
the first token that looks like a time, a day of the month, a month and a year, in that
order of trying, ignoring everything else.
"""

from __future__ import annotations

import calendar
import re

# delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
_DELIMITERS = re.compile(r"[\x09\x20-\x2f\x3b-\x40\x5b-\x60\x7b-\x7e]+")
# time = hms-time ( non-digit *OCTET ); hms-time = time-field ":" time-field ":" time-field
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[^0-9].*)?", re.DOTALL)
# day-of-month = 1*2DIGIT ( non-digit *OCTET )
_DAY = re.compile(r"([0-9]{1,2})(?:[^0-9].*)?", re.DOTALL)
# year = 2*4DIGIT ( non-digit *OCTET )
_YEAR = re.compile(r"([0-9]{2,4})(?:[^0-9].*)?", re.DOTALL)
# month = ( "jan" / "feb" / ... / "dec" ) *OCTET, case-insensitively
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def cookie_date(text: str) -> float | None:
    """Seconds since 1970-01-01 UTC of the cookie-date ``text`` (§5.1.1), or None where the
    algorithm fails to parse it (§5.2.1: the Expires attribute is then ignored)."""
    time: tuple[int, int, int] | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    for token in _DELIMITERS.split(text):  # step 1: the date-tokens
        if not token:
            continue
        if time is None and (m := _TIME.fullmatch(token)):  # step 2, in this order
            time = (int(m[1]), int(m[2]), int(m[3]))
        elif day is None and (m := _DAY.fullmatch(token)):
            day = int(m[1])
        elif month is None and token[:3].lower() in _MONTHS:
            month = _MONTHS.index(token[:3].lower()) + 1
        elif year is None and (m := _YEAR.fullmatch(token)):
            year = int(m[1])
    if year is not None and 70 <= year <= 99:  # step 3
        year += 1900
    elif year is not None and 0 <= year <= 69:  # step 4
        year += 2000
    if time is None or day is None or month is None or year is None:  # step 5
        return None
    hour, minute, second = time
    if not 1 <= day <= 31 or year < 1601 or hour > 23 or minute > 59 or second > 59:
        return None
    if day > calendar.monthrange(year, month)[1]:  # step 6: no such date
        return None
    return float(calendar.timegm((year, month, day, hour, minute, second)))
