"""A role page in a browser: the plan link on the first screen, the moves into the role soon after it (on
the first screen of a desktop), and no sideways scroll on a phone."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width, height, screens", [(1280, 900, 1), (390, 844, 3)])
def test_the_ways_into_a_role_are_near_the_top(page, site, width, height, screens):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site + "/roles/machine-learning-engineer/")
    plan = page.get_by_role("link", name="Plan this move", exact=True)
    expect(plan).to_be_visible()
    assert plan.bounding_box()["y"] + plan.bounding_box()["height"] <= height
    first_move = page.locator("ul.moves > li").first
    expect(first_move).to_contain_text("Machine Learning Engineer")
    top = first_move.bounding_box()["y"]
    assert top < screens * height, f"the first move into the role starts {top:.0f} px down"
    expect(page.locator("ul.moves > li").get_by_role("link", name="Plan this move, step by step")).to_have_count(2)
    # One sources note per section, not a toggle per fact.
    expect(page.locator("details.source:not(.how-computed)")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
