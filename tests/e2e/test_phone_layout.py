"""
On a 390 px phone no page scrolls sideways: a crawl of every page reachable from the home page (same-origin
links, bounded), plus the pages forms lead to (a skill match, a comparison), each checked at 390 px.
"""

from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
MAX_PAGES = 200
SKIPPED_PREFIXES = ("/admin/", "/api/")
# Pages a form leads to rather than a link: the user ticking skills, a comparison of every role.
FORM_RESULTS = [
    "/match/?skill=python&skill=sql&skill=probability-and-statistics&skill=machine-learning-algorithms"
    "&skill=pytorch&skill=communication",
    "/compare/?role=machine-learning-engineer&role=data-scientist&role=machine-learning-researcher"
    "&role=nlp-scientist&role=human-centered-machine-learning-designer&role=software-engineer",
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # A phone: the page's <meta name="viewport"> is honoured, as on a real one.
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


def is_page(path):
    """A page to check: not the admin or the API, not a file (a download, a feed, a sitemap)."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return not path.startswith(SKIPPED_PREFIXES) and "." not in last and not path.endswith("/feed/")


def same_origin_links(page, base):
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    for href in hrefs:
        url = urldefrag(urljoin(page.url, href)).url
        if urlsplit(url).netloc == urlsplit(base).netloc and is_page(urlsplit(url).path):
            yield url


def test_no_page_scrolls_sideways_on_a_390px_phone(page, site):
    queue = [site + "/"] + [site + path for path in FORM_RESULTS]
    seen, checked, too_wide = set(queue), [], []
    while queue and len(checked) < MAX_PAGES:
        url = queue.pop(0)
        response = page.goto(url)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        checked.append(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            culprits = page.evaluate(
                """limit => [...document.querySelectorAll('main *, header *, footer *')]
                     .filter(e => e.getBoundingClientRect().right > limit + 0.5)
                     .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))""",
                PHONE["width"],
            )
            too_wide.append(f"{url[len(site) :]}: {width}px ({', '.join(culprits)})")
        for link in same_origin_links(page, site):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    assert len(checked) > 20, f"the crawl reached only {len(checked)} pages"
    assert not too_wide, f"{len(too_wide)} of {len(checked)} pages scroll sideways at 390 px:\n" + "\n".join(too_wide)
