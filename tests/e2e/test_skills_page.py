"""The skills page in a browser: names side by side (columns on a desktop, flowing on a phone, so a
catalogue of hundreds is not a line each), a jump list to each category, and no sideways scroll."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_skills_sit_side_by_side_under_their_category(page, site, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site + "/skills/")
    languages = page.locator("section.skill-category").first
    expect(languages.get_by_role("heading", level=2)).to_contain_text("Programming language")
    # Columns (read down) on a desktop, a flow (read across) on a phone: either way, several names a row.
    boxes = [link.bounding_box() for link in languages.locator("ul.skill-index > li > a").all()]
    rows = {round(box["y"]) for box in boxes}
    assert len(rows) <= len(boxes) / 2, f"{len(boxes)} skills take {len(rows)} lines"
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("navigation", name="Categories").get_by_role("link", name="Soft skill").click()
    expect(page).to_have_url(f"{site}/skills/#category-10")
    heading = page.get_by_role("heading", level=2, name="Soft skill")
    expect(heading).to_be_in_viewport()
