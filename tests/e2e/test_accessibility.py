"""
axe-core (the rules of WCAG 2 A/AA and best practice, run in the page) finds no violation on any page type,
at desktop width and on a 390 px phone. axe's script is injected by Playwright, so the test's browser
context bypasses the CSP for that one script; the app's own pages stay under the strict CSP (test_csp.py).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/roles/",
    "/roles/data-scientist/",
    "/roles/machine-learning-engineer/skill-demand/",
    "/skills/",
    "/skills/python/",
    "/postings/",
    "/postings/?skill=python&degree=master",
    "/postings/google-ml-engineer/",
    "/companies/",
    "/companies/google/",
    "/salaries/",
    "/search/?q=python",
    "/match/?skill=python&skill=sql",
    "/compare/?role=data-scientist&role=machine-learning-engineer",
    "/paths/",
    "/paths/becoming-a-machine-learning-engineer/",
    "/plan/?from=software-engineer&to=machine-learning-engineer&have=python&degree=bachelor",
    "/downloads/",
    "/sources/",
]
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "bypass_csp": True}


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_has_an_axe_violation(page, site, axe, width):
    page.set_viewport_size(WIDTHS[width])
    found = {}
    for url in PAGES:
        page.goto(site + url)
        violations = axe.run(page).response["violations"]
        if violations:
            found[url] = [(rule["id"], [node["target"] for node in rule["nodes"][:3]]) for rule in violations]
    assert not found, found
