"""Full-page PNGs of the main pages at desktop width and on a 390 px phone, saved to docs/screenshots/ for review."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# CI points SCREENSHOTS_DIR at its own directory, so a CI run never rewrites the committed screenshots.
OUT = Path(os.environ.get("SCREENSHOTS_DIR") or Path(__file__).resolve().parents[2] / "docs" / "screenshots")

PAGES = {
    "home": "/",
    "role": "/roles/data-scientist/",
    "postings-filtered": "/postings/?company=google",
    "skill-match": "/match/?skill=python&skill=speech-recognition&skill=ml-frameworks",
    "salaries": "/salaries/",
    "compare": "/compare/?role=data-scientist&role=machine-learning-engineer",
    "search": "/search/?q=speech",
    "plan": "/plan/?from=software-engineer&to=machine-learning-engineer&have=python&have=sql&degree=bachelor"
    "&done=probability-and-statistics&learning=machine-learning-algorithms",
    "path-map": "/paths/becoming-a-machine-learning-engineer/",
    "postings": "/postings/",
    "posting": "/postings/google-ml-engineer/",
}
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("name", PAGES)
def test_screenshot(page, site, name):
    OUT.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(site + PAGES[name])
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
    assert response.status == 200, f"{PAGES[name]} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
@pytest.mark.parametrize("name", PAGES)
def test_phone_screenshot(page, site, name):
    OUT.mkdir(parents=True, exist_ok=True)
    response = page.goto(site + PAGES[name])
    page.screenshot(path=str(OUT / f"phone-{name}.png"), full_page=True)
    assert response.status == 200, f"{PAGES[name]} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
