"""The personal plan and the path map in a browser: built from the home page, shared by its address, ticked off.

The data is the guide's (fixtures/guide/05_paths.json): one path into Machine Learning Engineer, three steps.
"""

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import REPORT_CSP_VIOLATIONS, ConsoleErrors

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PATH_URL = "/paths/becoming-a-machine-learning-engineer/"
TARGET = "Machine Learning Engineer"
STEPS = ["Get Educated", "Learn Several Programming Languages", "Develop the Necessary Skills"]
# Python is built by step 2, Probability and statistics by step 3; SQL by no step (it shows among "Your skills").
SKILLS = {"Python": "python", "SQL": "sql", "Probability and statistics": "probability-and-statistics"}

# Each step of the plan as the reader sees it: its name, done or not, the skills ticked as had and those
# left, and the number of postings met once it is done.
READ_STEPS = """() => [...document.querySelectorAll("ol.plan-steps > li")].map(step => ({
  name: step.querySelector("h3").firstChild.textContent.trim(),
  status: step.querySelector("h3 .tag").textContent.trim(),
  have: [...step.querySelectorAll(".plan-skills li.is-done a")].map(a => a.textContent.trim()),
  left: [...step.querySelectorAll(".plan-skills li.is-left a")].map(a => a.textContent.trim()),
  met: step.querySelector(".plan-count strong").textContent.trim(),
}))"""


def plan_steps(page):
    return page.evaluate(READ_STEPS)


def plan_facts(page):
    """The facts above the steps, as (label, value) pairs."""
    facts = []
    for fact in page.locator("#plan .plan-facts > li").all_inner_texts():
        label, _, value = fact.partition(": ")
        facts.append((label, value))
    return facts


def step_named(steps, name):
    return next(step for step in steps if step["name"] == name)


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.fixture
def fresh_page(new_context):
    """A page in a new browser context (no cookies, no history), watched for errors like `page`."""
    context = new_context()
    assert context.cookies() == []
    fresh = context.new_page()
    collector = ConsoleErrors(fresh)
    fresh.add_init_script(REPORT_CSP_VIOLATIONS)
    fresh.on("console", collector.on_console)
    fresh.on("pageerror", collector.on_pageerror)
    fresh.set_default_timeout(8000)
    yield fresh
    if collector.errors:
        pytest.fail("The browser logged errors in the fresh context:\n" + "\n".join(collector.errors), pytrace=False)


def test_plan_from_home_is_shared_by_its_address(page, site, fresh_page):
    page.goto(site + "/")
    page.get_by_role("link", name="Plan your move into ML").click()
    expect(page).to_have_url(re.compile(r"/plan/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan your move")

    page.get_by_label("The role you want").select_option(label=TARGET)
    for name in SKILLS:
        page.get_by_role("checkbox", name=name, exact=True).check()
    page.get_by_role("button", name="Update my plan").click()

    expect(page).to_have_url(re.compile(r"/plan/\?.*to=machine-learning-engineer"))
    query = parse_qs(urlsplit(page.url).query)
    assert sorted(query["have"]) == sorted(SKILLS.values())
    expect(page.get_by_role("heading", level=1, name=f"Plan your move into {TARGET}")).to_be_visible()
    for name in SKILLS:
        expect(page.get_by_role("checkbox", name=name, exact=True)).to_be_checked()

    steps = plan_steps(page)
    assert [step["name"] for step in steps] == STEPS
    languages = step_named(steps, "Learn Several Programming Languages")
    assert languages["have"] == ["Python"]
    assert "Python" not in languages["left"] and "C++" in languages["left"]
    fundamentals = step_named(steps, "Develop the Necessary Skills")
    assert fundamentals["have"] == ["Probability and statistics"]
    assert "System design" in fundamentals["left"]
    assert all(step["status"] == "To do" for step in steps)
    # SQL is built by no step: the plan still lists it among the skills given.
    expect(page.locator("#plan .plan-facts")).to_contain_text("SQL")
    # The map's text alternative carries the same ticks.
    expect(page.locator("#plan-map-text")).to_contain_text("Python (known)")
    expect(page.locator("#plan-map-text")).to_contain_text("C++ (to learn)")

    share = page.get_by_role("link", name="the address of this plan")
    expect(share).to_be_visible()
    shared_url = urljoin(page.url, share.get_attribute("href"))
    assert urlsplit(shared_url).path == "/plan/"
    assert sorted(parse_qs(urlsplit(shared_url).query)["have"]) == sorted(SKILLS.values())
    facts, map_text = plan_facts(page), page.locator("#plan-map-text").inner_text()
    assert ("Your skills", "Probability and statistics, Python, SQL") in facts  # slug order, as the address

    fresh_page.goto(shared_url)
    expect(fresh_page.get_by_role("heading", level=1, name=f"Plan your move into {TARGET}")).to_be_visible()
    assert plan_steps(fresh_page) == steps
    for name in SKILLS:
        expect(fresh_page.get_by_role("checkbox", name=name, exact=True)).to_be_checked()
    assert plan_facts(fresh_page) == facts
    assert fresh_page.locator("#plan-map-text").inner_text() == map_text


def test_a_step_ticked_done_stays_in_the_address_after_reload(page, site):
    page.goto(site + "/plan/?to=machine-learning-engineer&have=python")
    done = page.get_by_role("group", name="Steps you have done")
    done.get_by_role("checkbox", name="Learn Several Programming Languages").check()
    page.get_by_role("button", name="Update my plan").click()

    expect(page).to_have_url(re.compile(r"[?&]done=2(&|#|$)"))
    url = page.url
    page.reload()
    assert page.url == url
    expect(done.get_by_role("checkbox", name="Learn Several Programming Languages")).to_be_checked()
    expect(done.get_by_role("checkbox", name="Get Educated")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Python", exact=True)).to_be_checked()

    languages = step_named(plan_steps(page), "Learn Several Programming Languages")
    assert languages["status"] == "Done"
    # A step done counts its skills as known.
    assert languages["left"] == []
    assert {"Python", "C++", "R", "Java", "JavaScript", "Shell"} == set(languages["have"])
    expect(page.get_by_text(re.compile(r"3 steps, 2 still to do"))).to_be_visible()
    share_href = page.get_by_role("link", name="the address of this plan").get_attribute("href")
    assert parse_qs(urlsplit(share_href).query)["done"] == ["2"]


def test_path_map_is_drawn_and_has_a_text_alternative(page, site):
    page.goto(site + "/roles/machine-learning-engineer/")
    page.get_by_role("link", name="Becoming a Machine Learning Engineer").first.click()
    expect(page).to_have_url(re.compile(re.escape(PATH_URL) + "$"))
    expect(page.get_by_role("heading", level=1, name="Becoming a Machine Learning Engineer")).to_be_visible()

    # The SVG's accessible name is its <title> then its <desc> (aria-labelledby).
    name = re.compile(r"^Becoming a Machine Learning Engineer: the map 3 steps in order")
    drawing = page.get_by_role("img", name=name)
    expect(drawing).to_be_visible()
    box = drawing.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100, f"the map is drawn at {box}"
    expect(drawing.locator("title")).to_have_text("Becoming a Machine Learning Engineer: the map")
    expect(drawing.locator("g.map-step")).to_have_count(len(STEPS))

    # The text alternative beside it: the same steps in order, each with the skills it builds.
    text = page.locator("#path-map-text")
    expect(text).to_be_visible()
    expect(text.locator(":scope > li")).to_have_count(len(STEPS))
    for item, name in zip(text.locator(":scope > li").all(), STEPS, strict=True):
        expect(item).to_contain_text(name)
    expect(text).to_contain_text("Python (to learn)")
    expect(text).to_contain_text("System design (to learn)")


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
@pytest.mark.parametrize("path", [PATH_URL, "/plan/?to=machine-learning-engineer&have=python&have=sql&done=1"])
def test_map_and_plan_fit_a_390px_phone(page, site, path):
    page.goto(site + path)
    assert page.evaluate("window.innerWidth") == PHONE["width"]
    drawing = page.get_by_role("img", name=re.compile(r": the map|as a map"))
    expect(drawing).to_be_visible()
    box = drawing.bounding_box()
    assert box and 0 < box["width"] <= PHONE["width"] and box["height"] > 0, f"the map is drawn at {box}"
    assert scroll_width(page) <= PHONE["width"], f"{path} scrolls sideways: {scroll_width(page)} px wide"
