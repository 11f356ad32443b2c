"""The home page in a browser: the two ways in (plan, match) and the first role's pay are on the first
screen, on a desktop and on a 390 px phone, and nothing scrolls sideways."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_the_ways_in_and_the_first_roles_pay_are_on_the_first_screen(page, site, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site + "/")
    for name in ("Plan your move into ML", "Match my skills"):
        link = page.get_by_role("link", name=name)
        expect(link).to_be_visible()
        assert link.bounding_box()["y"] + link.bounding_box()["height"] <= height, f"{name!r} is below the fold"
    if width >= 1280:
        # On a desktop the answer starts on the first screen too: the first role card with its pay.
        pay = page.locator(".role-card .pay").first
        assert pay.bounding_box()["y"] < height
    assert page.evaluate("document.documentElement.scrollWidth") <= width
