"""
A record's address from its slug, without a full reverse() each time. Pages list hundreds of skills,
roles and postings, each linked: reverse() resolves the pattern anew for every link (about 20 µs), a
few milliseconds a page. Each pattern is reversed once, with a placeholder, and the slug put in.
Slugs need no quoting ([-a-zA-Z0-9_]), so the result is what reverse() gives.
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

PLACEHOLDER = "slug-placeholder-0"
_patterns = {}


def slug_url(viewname, slug):
    # Keyed by everything reverse() depends on: a test or a request may switch the URLconf or prefix.
    key = (viewname, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    pattern = _patterns.get(key)
    if pattern is None:
        pattern = _patterns[key] = reverse(viewname, kwargs={"slug": PLACEHOLDER})
    return pattern.replace(PLACEHOLDER, slug)
