"""The comparison in a browser: what two roles share and where they differ first, then a card per role,
side by side at 1280 px and stacked at 390 px, with the skills table's header kept in view."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
URL = "/compare/?role=machine-learning-engineer&role=data-scientist"


def card(page, name):
    return page.locator("ul.compare-cards > li").filter(has=page.get_by_role("heading", level=3, name=name, exact=True))


def test_the_summary_comes_first_and_the_cards_sit_side_by_side(page, site):
    page.goto(site + URL)
    glance = page.get_by_role("region", name="At a glance")
    expect(glance).to_be_in_viewport()
    expect(glance.get_by_role("heading", name=re.compile(r"^\d+ skills? both need$"))).to_be_visible()
    for role in ["Data Scientist", "Machine Learning Engineer"]:
        expect(glance.get_by_role("heading", name=re.compile(rf"^\d+ only {role} needs$"))).to_be_visible()
    expect(glance.locator(".compare-pay")).to_contain_text("138,365 USD per year")
    mle, ds = card(page, "Machine Learning Engineer").bounding_box(), card(page, "Data Scientist").bounding_box()
    assert abs(mle["y"] - ds["y"]) < 2 and ds["x"] > mle["x"] + mle["width"] - 1


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
def test_on_a_phone_the_roles_are_stacked_cards_and_the_skills_header_stays(page, site):
    page.goto(site + URL)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    mle, ds = card(page, "Machine Learning Engineer").bounding_box(), card(page, "Data Scientist").bounding_box()
    assert ds["y"] >= mle["y"] + mle["height"] and abs(ds["x"] - mle["x"]) < 2, "the cards are not stacked"
    assert mle["x"] + mle["width"] <= PHONE["width"]
    # Every role's column of the skills table fits without scrolling the table sideways.
    box = page.locator(".compare-skills")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    # Scrolled down its rows, the table still shows which column is which role.
    box.evaluate("b => { b.scrollTop = b.scrollHeight; }")
    header = page.get_by_role("columnheader", name="Data Scientist")
    header_top, box_top = header.bounding_box()["y"], box.bounding_box()["y"]
    assert abs(header_top - box_top) < 4, f"the header row scrolled away ({header_top} vs {box_top})"
