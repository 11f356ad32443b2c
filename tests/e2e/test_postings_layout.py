"""The postings list puts results first: the first posting is on screen without scrolling, on a desktop and a phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def first_card(page):
    return page.locator("ul.cards > li").first


def test_first_posting_is_visible_without_scrolling_at_1280x900(page, site):
    page.set_viewport_size(DESKTOP)
    page.goto(site + "/postings/")
    card = first_card(page)
    expect(card).to_be_in_viewport(ratio=1)
    # The filters are open beside the results, not hidden.
    expect(page.get_by_role("form", name="Filter postings")).to_be_visible()
    expect(page.get_by_role("button", name="Show postings")).to_be_visible()


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
def test_first_posting_is_visible_without_scrolling_on_a_390px_phone(page, site):
    page.goto(site + "/postings/?company=google")
    expect(page.get_by_role("list", name="Active filters")).to_be_visible()
    card = first_card(page)
    expect(card).to_be_in_viewport()
    assert card.bounding_box()["y"] < PHONE["height"] / 2, "the first posting starts in the lower half of the screen"
    # The header and breadcrumbs take a small share of the screen.
    assert page.locator("main").bounding_box()["y"] < 140
    # The filters are one tap away, and open in place.
    expect(page.get_by_role("form", name="Filter postings")).to_be_hidden()
    page.locator("details.filter-panel > summary").tap()
    expect(page.get_by_role("form", name="Filter postings")).to_be_visible()


def test_a_chip_removes_its_filter_only(page, site):
    page.goto(site + "/postings/?company=google&seniority=experienced")
    chips = page.get_by_role("list", name="Active filters")
    chips.get_by_role("link", name=re.compile(r"^Company: Google")).click()
    expect(page).to_have_url(re.compile(r"/postings/\?seniority=experienced$"))
    remaining = page.get_by_role("list", name="Active filters").get_by_role("link", name=re.compile("^Seniority"))
    expect(remaining).to_be_visible()
