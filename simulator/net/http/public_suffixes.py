"""The Public Suffix List (publicsuffix.org) for the cookie jar's RFC 6265 §5.3 step 5.

The list comes inside the ``publicsuffixlist`` package (MPL-2.0), refreshed by its
releases; reading it is file I/O, so it is loaded here, once, and handed to the pure jar as
a ``PublicSuffixes``. Both sections count, ICANN's ("co.uk") and the private one
("github.io"), as in browsers; a top-level domain the list does not know ("localhost") is a
public suffix too (the list's "*" rule).
"""

from __future__ import annotations

from functools import cache

from publicsuffixlist import PublicSuffixList

from simulator.models.http.cookie_jar import PublicSuffixes

__all__ = ["PUBLIC_SUFFIX_LIST_WHY", "public_suffix_list"]

PUBLIC_SUFFIX_LIST_WHY = ("Domain={domain} is on the Public Suffix List (publicsuffix.org): "
                          "no site may set a cookie for all of it (RFC 6265 §5.3 step 5)")


@cache
def public_suffix_list() -> PublicSuffixes:
    """The shipped list as the jar's rule (loaded on first use, about 10k rules)."""
    return PublicSuffixes(PublicSuffixList().is_public, PUBLIC_SUFFIX_LIST_WHY)
