"""SameSite: which requests started by *another* site carry a cookie.

Theory of operation
-------------------
RFC 6265 has no SameSite; the attribute comes from its revision, RFC 6265bis
(draft-ietf-httpbis-rfc6265bis, cited by section of the current draft). A cookie's
same-site-flag is "Strict", "Lax" or "None" as its Set-Cookie said, else "Default" (§5.7
step 17). The retrieval algorithm (§5.8.3, step 3) then says: a *cross-site* request (§5.2:
the request's URL is not same-site with the "site for cookies" of the page that started it)
leaves out every cookie whose flag is not "None", **unless** the flag is "Lax" or "Default",
the request uses a safe method (GET, HEAD, OPTIONS, TRACE: RFC 9110 §9.2.1) and it navigates
a top-level window (a followed link, a submitted form, a redirect: the page in the address
bar changes). So:

* ``Strict``: only same-site requests carry it; not even a link followed from another site
  (§5.6.7.1, §8.8.2 shows why a site may not want that for its session cookie);
* ``Lax``: same-site requests, and cross-site top-level navigations with a safe method; not a
  cross-site POST (a form on another site), nor an image, a frame or a script's fetch;
* ``None``: every request (a cookie with it must also be Secure, §5.7 step 19);
* no attribute ("Default"): enforced like Lax (§4.1.2.7, §5.8.3). Browsers differ here:
  some still send such cookies cross-site as RFC 6265 did, and §5.6.7.2 allows a
  "Lax-allowing-unsafe" mode for freshly set ones. This model follows the draft's rule.

``RequestSource`` says who started a request; the default, ``SAME_SITE``, is what every
request of the shipped scenarios is (the browser follows a link or a redirect of the same
site, or the user typed the URL). ``same_site_rule`` decides one cookie and words the
reason for a learner.

What is not modelled: the public suffix list (a site is the scheme and the host's last two
labels, "www.example.org" → "http", "example.org"; "example.co.uk"-style suffixes are not
known), reload navigations (§5.2), nested frames (§5.2.1), and the storage side of §5.7
step 18 (a cross-site subresource cannot *set* a Lax or Strict cookie).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["SAFE_METHODS", "SAME_SITE", "RequestSource", "is_cross_site", "same_site_rule",
           "site_of"]

#: RFC 9110 §9.2.1: the methods whose semantics are read-only.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

#: The mode words that stand for "Lax" in the reasons (a cookie without SameSite is
#: enforced like Lax, RFC 6265bis §5.8.3).
LAX = "SameSite=Lax"
DEFAULT_LAX = "no SameSite attribute, so the default, enforced like Lax"


@dataclass(frozen=True)
class RequestSource:
    """Who started a request, as the browser knows it (RFC 6265bis §5.2).

    ``initiator``: the URL of the page that started it (a link on it, its form, its image);
    None when no page of another site did (a typed URL, a bookmark, this site's own page).
    ``top_level``: the request navigates the top-level window (the address bar changes), as a
    followed link or a submitted form does; False for an image, a frame or a script's fetch.
    """

    initiator: str | None = None
    method: str = "GET"
    top_level: bool = True


#: The source of every request the shipped scenarios make: same-site, GET, top-level.
SAME_SITE = RequestSource()


def site_of(url: str) -> tuple[str, str]:
    """The "site" of a URL: its scheme and registrable domain, approximated without the
    public suffix list as the host's last two labels (an IP address or a one-label host is
    its own site)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        host = ".".join(host.split(".")[-2:])
    return parts.scheme.lower(), host


def is_cross_site(request_url: str, source: RequestSource) -> bool:
    """RFC 6265bis §5.2: started by a page whose site differs from the request URL's site."""
    return source.initiator is not None and site_of(source.initiator) != site_of(request_url)


def same_site_rule(flag: str | None, request_url: str,
                   source: RequestSource = SAME_SITE) -> tuple[bool, str | None]:
    """RFC 6265bis §5.8.3 step 3's SameSite condition for one cookie whose same-site-flag is
    ``flag`` ("Strict", "Lax", "None", or None when the Set-Cookie gave no valid value).

    Returns whether the cookie may go and the reason in words (None: nothing to say, a cookie
    without SameSite on a same-site request)."""
    if not is_cross_site(request_url, source):
        return True, _SAME_SITE_REASON.get(flag) if flag else None
    assert source.initiator is not None
    other = urlsplit(source.initiator).hostname or source.initiator
    method = source.method.upper()
    if flag == "None":
        return True, (f"SameSite=None: the request comes from another site ({other}), and "
                      "SameSite=None lets cross-site requests carry it (RFC 6265bis §5.8.3)")
    if flag == "Strict":
        return False, (f"SameSite=Strict: the request comes from another site ({other}), so "
                       "it does not carry the cookie, not even as a top-level navigation "
                       "(RFC 6265bis §5.6.7.1, §5.8.3)")
    mode = LAX if flag == "Lax" else DEFAULT_LAX
    if not source.top_level:
        return False, (f"{mode}: the request comes from another site ({other}) and is not a "
                       "top-level navigation (an image, a frame, a script's fetch), so it "
                       "does not carry the cookie (RFC 6265bis §5.8.3)")
    if method not in SAFE_METHODS:
        return False, (f"{mode}: the request comes from another site ({other}) with {method}, "
                       "not a safe method (RFC 9110 §9.2.1), so it does not carry the cookie "
                       "(RFC 6265bis §5.6.7.1, §5.8.3)")
    return True, (f"{mode}: the request comes from another site ({other}), but it is a "
                  f"top-level navigation with a safe method ({method}), so it goes "
                  "(RFC 6265bis §5.6.7.1, §5.8.3)")


# A same-site request: what the flag would do if the request came from another site.
_SAME_SITE_REASON = {
    "Strict": "SameSite=Strict: the request is same-site, so it goes (started by another "
              "site, not even a followed link would carry it, RFC 6265bis §5.6.7.1)",
    "Lax": "SameSite=Lax: the request is same-site, so it goes (started by another site, only "
           "a top-level navigation with a safe method such as GET would carry it, not a POST, "
           "an image or a frame, RFC 6265bis §5.6.7.1)",
    "None": "SameSite=None: same-site and cross-site requests alike carry it "
            "(RFC 6265bis §5.8.3)",
}
