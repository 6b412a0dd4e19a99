"""SameSite against RFC 6265bis (draft-ietf-httpbis-rfc6265bis §5.6.7.1, §5.8.3 step 3):
which requests started by another site carry a cookie, and what the jar tells the learner.

The rule a teacher would check: Lax does *not* block every cross-site request. A top-level
navigation with a safe method (a link followed from another site) carries a Lax cookie; a
cross-site POST, image, frame or fetch does not; Strict never goes cross-site; None always.
"""

from __future__ import annotations

import pytest

from simulator.models.http.cookie_jar import CookieJar
from simulator.models.http.same_site import (
    SAFE_METHODS,
    RequestSource,
    is_cross_site,
    same_site_rule,
    site_of,
)

SITE = "https://www.example.org/"
PROFILE = "https://www.example.org/profile"
OTHER = "https://news.example.net/article"  # another registrable domain: another site


def _jar() -> CookieJar:
    jar = CookieJar()
    jar.receive(["lax=1; SameSite=Lax", "strict=1; SameSite=Strict",
                 "none=1; SameSite=None; Secure", "plain=1"], SITE, 0.0)
    return jar


def _decisions(source: RequestSource) -> dict[str, tuple[bool, str]]:
    _, decisions = _jar().cookies_for(PROFILE, 1.0, source)
    return {d.name: (d.sent, d.rule) for d in decisions}


def test_a_cross_site_top_level_get_carries_a_lax_cookie_and_says_why() -> None:
    """A link on another site's page, followed: the address bar changes, the method is GET."""
    sent, rule = _decisions(RequestSource(initiator=OTHER, method="GET"))["lax"]
    assert sent
    assert ("SameSite=Lax: the request comes from another site (news.example.net), but it is "
            "a top-level navigation with a safe method (GET), so it goes") in rule
    header, _ = _jar().cookies_for(PROFILE, 1.0, RequestSource(initiator=OTHER))
    assert header is not None and "lax=1" in header.split("; ")


def test_a_cross_site_post_does_not_carry_a_lax_cookie() -> None:
    """Another site's form posting here: the CSRF case Lax exists for."""
    sent, rule = _decisions(RequestSource(initiator=OTHER, method="POST"))["lax"]
    assert not sent
    assert "with POST, not a safe method (RFC 9110 §9.2.1)" in rule


def test_a_cross_site_image_or_frame_does_not_carry_a_lax_cookie() -> None:
    sent, rule = _decisions(RequestSource(initiator=OTHER, top_level=False))["lax"]
    assert not sent and "is not a top-level navigation" in rule


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_strict_never_goes_cross_site_and_none_always_does(method: str) -> None:
    decisions = _decisions(RequestSource(initiator=OTHER, method=method))
    strict_sent, strict_rule = decisions["strict"]
    assert not strict_sent and "not even as a top-level navigation" in strict_rule
    none_sent, none_rule = decisions["none"]
    assert none_sent and "SameSite=None lets cross-site requests carry it" in none_rule


def test_a_cookie_without_samesite_is_enforced_like_lax() -> None:
    """RFC 6265bis §5.7 step 17: no valid SameSite means "Default", which §5.8.3 treats as
    Lax (browsers that still send it cross-site follow the older RFC 6265)."""
    get = _decisions(RequestSource(initiator=OTHER))["plain"]
    post = _decisions(RequestSource(initiator=OTHER, method="POST"))["plain"]
    assert get[0] and "no SameSite attribute, so the default, enforced like Lax" in get[1]
    assert not post[0] and "no SameSite attribute" in post[1]


def test_same_site_requests_carry_every_cookie_and_the_rule_does_not_overstate_lax() -> None:
    """The shipped scenarios' requests are same-site: nothing is held back, and the Lax
    explanation says what another site's request would still carry."""
    for source in (RequestSource(), RequestSource(initiator="https://static.example.org/x")):
        decisions = _decisions(source)
        assert all(sent for sent, _ in decisions.values())
    _, lax_rule = _decisions(RequestSource())["lax"]
    assert "unless SameSite=None" not in lax_rule
    assert "only a top-level navigation with a safe method such as GET would carry it" in lax_rule
    _, plain_rule = _decisions(RequestSource())["plain"]
    assert "SameSite" not in plain_rule


def test_a_site_is_the_scheme_and_the_registrable_domain() -> None:
    assert site_of("https://www.example.org/a") == ("https", "example.org")
    assert site_of("http://127.0.0.1:5000/") == ("http", "127.0.0.1")
    assert not is_cross_site(PROFILE, RequestSource(initiator="https://static.example.org/"))
    assert is_cross_site(PROFILE, RequestSource(initiator="http://www.example.org/"))  # scheme
    assert is_cross_site(PROFILE, RequestSource(initiator=OTHER))
    assert not is_cross_site(PROFILE, RequestSource())


def test_safe_methods_are_rfc_9110s() -> None:
    assert {"GET", "HEAD", "OPTIONS", "TRACE"} == SAFE_METHODS
    for method in ("head", "OPTIONS"):
        assert same_site_rule("Lax", PROFILE, RequestSource(initiator=OTHER, method=method))[0]


def test_a_samesite_none_cookie_without_secure_is_ignored() -> None:
    """RFC 6265bis §5.7 step 19: "If the cookie's same-site-flag is "None", abort these steps
    and ignore the cookie entirely unless the cookie's secure-only-flag is true"; so it never
    goes, not even same-site, and the jar says why it was dropped."""
    jar = CookieJar()
    jar.receive(["insecure=1; SameSite=None; Path=/", "secure=1; SameSite=None; Secure"],
                SITE, 0.0)
    _, decisions = jar.cookies_for(PROFILE, 1.0, RequestSource(OTHER, "POST", False))
    assert [d.name for d in decisions] == ["secure"]
    assert any("'insecure=1' ignored" in line and "without Secure" in line
               for line in jar.ignored)
