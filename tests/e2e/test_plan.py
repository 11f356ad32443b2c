"""The personal plan and the path map in a browser: built from the home page, progress kept per skill in
the address, shared by that address, read on a phone.

The data is the guide's (fixtures/guide/): one path into Machine Learning Engineer with three steps; the
plan adds a fourth, "The role's own skills", for the role's skills no step builds (MLOps, Machine
learning algorithms, Machine learning frameworks…). Software Engineer's own skills count as known.
"""

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import REPORT_CSP_VIOLATIONS, ConsoleErrors

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PATH_URL = "/paths/becoming-a-machine-learning-engineer/"
TARGET, CURRENT = "Machine Learning Engineer", "Software Engineer"
PATH_STEPS = ["Get Educated", "Learn Several Programming Languages", "Develop the Necessary Skills"]
ROLE_STEP = "The role's own skills"
PLAN_STEPS = [*PATH_STEPS, ROLE_STEP]
# Skills ticked in the form: Python is built by step 2, Probability and statistics by step 3, SQL by none.
SKILLS = {"Python": "python", "SQL": "sql", "Probability and statistics": "probability-and-statistics"}
# Skills of the role no step of the path builds: the plan must still show them.
ML_SKILLS = ["Machine learning algorithms", "Machine learning frameworks", "MLOps"]

# Each step of the plan as the reader sees it: its name and status, the skills shown known and those
# left, each skill's progress state, the skills without progress controls, and the postings met once done.
READ_STEPS = """() => [...document.querySelectorAll("ol.plan-steps > li")].map(step => {
  const items = [...step.querySelectorAll(".plan-skills > li")];
  const name = li => li.querySelector(":scope > a").textContent.trim();
  return {
    name: step.querySelector("h3").firstChild.textContent.trim(),
    status: step.querySelector("h3 .tag").textContent.trim(),
    have: items.filter(li => li.classList.contains("is-done")).map(name),
    left: items.filter(li => li.classList.contains("is-left")).map(name),
    states: Object.fromEntries(items.filter(li => li.querySelector("a.is-current"))
      .map(li => [name(li), li.querySelector("a.is-current").textContent.trim()])),
    untickable: items.filter(li => !li.querySelector(".progress-controls")).map(name),
    met: step.querySelector(".plan-count strong").textContent.trim(),
  };
})"""


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


def skill_item(page, name):
    """The <li> of a skill among the plan's steps (each skill is in one step)."""
    return page.locator("ol.plan-steps .plan-skills > li").filter(has=page.get_by_role("link", name=name, exact=True))


def progress_link(page, name, label):
    """A skill's progress control ("Done", "Learning", "Skip")."""
    return skill_item(page, name).locator(".progress-controls").get_by_role("link", name=label, exact=True)


def where_you_stand(page):
    """The form, a disclosure at the top of the plan (closed once something is chosen): opened."""
    panel = page.locator("details#plan-form")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    expect(panel.get_by_role("button", name="Update my plan")).to_be_visible()
    return panel


def map_skills(page, state):
    """The skills the plan's map draws as done or left ("is-done" / "is-left")."""
    return page.locator(f"#plan-map g.map-skill.{state} text").all_text_contents()


def query(url):
    return parse_qs(urlsplit(url).query)


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


def test_plan_from_home_with_progress_is_shared_by_its_address(page, site, fresh_page):
    page.goto(site + "/")
    page.get_by_role("link", name="Plan your move into ML").click()
    expect(page).to_have_url(re.compile(r"/plan/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan your move")

    page.get_by_label("The role you want").select_option(label=TARGET)
    page.get_by_label("Your role now").select_option(label=CURRENT)
    # The form lists this move's skills to tick; SQL is not one of them, so it is typed by name.
    expect(page.get_by_role("checkbox", name="SQL", exact=True)).to_have_count(0)
    for name in SKILLS:
        if name != "SQL":
            page.get_by_role("checkbox", name=name, exact=True).check()
    page.get_by_label("Other skills you have").fill("sql")
    page.get_by_role("button", name="Update my plan").click()

    expect(page).to_have_url(re.compile(r"/plan/\?.*to=machine-learning-engineer"))
    params = query(page.url)
    assert params["from"] == ["software-engineer"]
    assert sorted(params["have"]) == sorted(SKILLS.values())
    expect(page.get_by_role("heading", level=1, name=f"Plan your move into {TARGET}")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=f"Your plan: from {CURRENT} into {TARGET}")).to_be_visible()
    # Where you stand is now said in one line at the top; the form is one tap away.
    expect(page.locator("#plan-form summary")).to_contain_text(f"{CURRENT} → {TARGET} · 3 skills ticked")
    where_you_stand(page)
    for name in SKILLS:
        expect(page.get_by_role("checkbox", name=name, exact=True)).to_be_checked()

    # Learn next leads the plan: one skill still to learn, with its step.
    learn_next = page.get_by_role("heading", level=3, name=re.compile(r"^Learn next: "))
    expect(learn_next).to_be_visible()
    first_next = learn_next.get_by_role("link").inner_text()
    expect(page.locator(".learn-next")).to_contain_text(re.compile(r"It belongs to step [1-4]\."))

    steps = plan_steps(page)
    assert [step["name"] for step in steps] == PLAN_STEPS
    assert all(step["status"] == "To do" for step in steps)
    assert step_named(steps, "Learn Several Programming Languages")["have"] == ["Python"]
    assert step_named(steps, "Develop the Necessary Skills")["have"] == ["Probability and statistics"]
    role_step = step_named(steps, ROLE_STEP)
    for name in ML_SKILLS:
        assert name in role_step["left"], f"{name} is missing from the plan"
    assert first_next in [name for step in steps for name in step["left"]]
    # The current role's skill is known, and cannot be ticked.
    assert "Software engineering" in role_step["have"]
    assert role_step["untickable"] == ["Software engineering"]
    expect(skill_item(page, "Software engineering")).to_contain_text("from your current role")
    assert ("From your current role as Software Engineer, counted as known", "Software engineering") in plan_facts(page)
    # Soft skills are shown apart, never in a step.
    expect(page.locator("#plan .soft-skills")).to_contain_text("Communication")
    assert "Communication" not in [name for step in steps for name in step["left"] + step["have"]]
    # SQL is built by no step: the plan still lists it among the skills given.
    assert ("Your skills", "Probability and statistics, Python, SQL") in plan_facts(page)  # slug order
    assert "MLOps" in map_skills(page, "is-left")

    # Progress, one skill at a time: each control is a link to the same plan with that state in the address.
    progress_link(page, "MLOps", "Done").click()
    expect(page).to_have_url(re.compile(r"[?&]done=mlops(&|#|$)"))
    progress_link(page, "Machine learning frameworks", "Learning").click()
    expect(page).to_have_url(re.compile(r"[?&]learning=ml-frameworks(&|#|$)"))
    progress_link(page, "Deep learning", "Skip").click()
    expect(page).to_have_url(re.compile(r"[?&]skipped=deep-learning(&|#|$)"))
    params = query(page.url)
    assert params["from"] == ["software-engineer"] and sorted(params["have"]) == sorted(SKILLS.values())

    role_step = step_named(plan_steps(page), ROLE_STEP)
    assert "MLOps" in role_step["have"] and "MLOps" not in role_step["left"]  # done counts as known
    assert "Machine learning frameworks" in role_step["left"]  # learning is not known yet
    assert role_step["states"] == {"MLOps": "Done", "Machine learning frameworks": "Learning", "Deep learning": "Skip"}
    expect(page.get_by_role("heading", level=3, name=re.compile(r"^Learn next: "))).not_to_have_text(
        "Learn next: MLOps"
    )
    assert "✓ MLOps" in map_skills(page, "is-done")

    share = page.get_by_role("link", name="the address of this plan")
    shared_url = urljoin(page.url, share.get_attribute("href"))
    assert urlsplit(shared_url).path == "/plan/"
    assert {key: sorted(values) for key, values in query(shared_url).items()} == {
        key: sorted(values) for key, values in query(page.url).items()
    }
    steps, facts = plan_steps(page), plan_facts(page)
    learn_next_text = page.locator(".learn-next").inner_text()
    map_text = page.locator("#plan-map svg").text_content()

    # A fresh browser (no cookies, no history) opening the same address sees the same plan.
    fresh_page.goto(shared_url)
    expect(fresh_page.get_by_role("heading", level=1, name=f"Plan your move into {TARGET}")).to_be_visible()
    assert plan_steps(fresh_page) == steps
    assert plan_facts(fresh_page) == facts
    assert fresh_page.locator(".learn-next").inner_text() == learn_next_text
    assert fresh_page.locator("#plan-map svg").text_content() == map_text
    where_you_stand(fresh_page)
    for name in SKILLS:
        expect(fresh_page.get_by_role("checkbox", name=name, exact=True)).to_be_checked()
    expect(fresh_page.get_by_label("Your role now")).to_have_value("software-engineer")

    # Changing the form there keeps the progress (the form carries it).
    fresh_page.get_by_role("checkbox", name="Data structures", exact=True).check()
    fresh_page.get_by_role("button", name="Update my plan").click()
    expect(fresh_page).to_have_url(re.compile(r"[?&]have=data-structures(&|#|$)"))
    params = query(fresh_page.url)
    assert params["done"] == ["mlops"] and params["learning"] == ["ml-frameworks"]
    assert params["skipped"] == ["deep-learning"]
    assert step_named(plan_steps(fresh_page), ROLE_STEP)["states"] == role_step["states"]

    # Pressing the current state again clears it.
    progress_link(fresh_page, "MLOps", "Done").click()
    expect(fresh_page).not_to_have_url(re.compile(r"done=mlops"))
    assert "MLOps" in step_named(plan_steps(fresh_page), ROLE_STEP)["left"]


def test_a_step_marked_done_stays_in_the_address_after_reload(page, site):
    page.goto(site + "/plan/?from=software-engineer&to=machine-learning-engineer&have=python")
    languages = page.locator("ol.plan-steps > li").filter(
        has=page.get_by_role("heading", level=3, name=re.compile("^Learn Several Programming Languages"))
    )
    languages.get_by_role("link", name="Mark this step done").click()

    expect(page).to_have_url(re.compile(r"[?&]done=cpp(&|#|$)"))
    # Python is known already: only the skills left are marked done.
    assert sorted(query(page.url)["done"]) == ["cpp", "java", "javascript", "r", "shell"]
    url = page.url
    page.reload()
    assert page.url == url
    where_you_stand(page)
    expect(page.get_by_role("checkbox", name="Python", exact=True)).to_be_checked()

    steps = plan_steps(page)
    step = step_named(steps, "Learn Several Programming Languages")
    assert step["status"] == "Done"
    assert step["left"] == []
    assert {"Python", "C++", "R", "Java", "JavaScript", "Shell"} == set(step["have"])
    assert step["states"] == {name: "Done" for name in ["C++", "Java", "JavaScript", "R", "Shell"]}
    assert all(step_named(steps, name)["status"] == "To do" for name in PLAN_STEPS if name != step["name"])
    expect(page.get_by_text(re.compile(r"4 steps, 3 still to do"))).to_be_visible()
    expect(languages.get_by_role("link", name="Mark this step done")).to_have_count(0)
    share_href = page.get_by_role("link", name="the address of this plan").get_attribute("href")
    assert sorted(query(share_href)["done"]) == sorted(query(url)["done"])


READ_ROUTE = """() => [...document.querySelectorAll("ol.route > li.route-step")].map(step => {
  const node = step.querySelector(".route-node"), branch = step.querySelector(".route-branch");
  const title = node.querySelector("h3");
  return {
    name: title.textContent.trim(),
    node: node.getBoundingClientRect().toJSON(),
    branch: branch && branch.getBoundingClientRect().toJSON(),
    skills: branch ? [...branch.querySelectorAll(".route-skills a")].map(a => a.textContent.trim()) : [],
    // A label that ran out of its box would be wider than the box lets it be.
    overflows: title.scrollWidth > title.clientWidth || node.scrollWidth > node.clientWidth,
  };
})"""


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_the_path_route_uses_the_width_and_says_each_step_once(page, site, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site + "/roles/machine-learning-engineer/")
    page.get_by_role("link", name="Becoming a Machine Learning Engineer").first.click()
    expect(page).to_have_url(re.compile(re.escape(PATH_URL) + "$"))
    expect(page.get_by_role("heading", level=1, name="Becoming a Machine Learning Engineer")).to_be_visible()

    steps = page.evaluate(READ_ROUTE)
    assert [step["name"] for step in steps] == PATH_STEPS
    assert not [step["name"] for step in steps if step["overflows"]], "a step's label runs out of its box"
    languages = steps[1]
    assert languages["skills"] == ["C++", "Java", "JavaScript", "Python", "R", "Shell"]
    main = page.locator("main").bounding_box()
    if width >= 1280:
        # Two dimensions: a step's skills beside its node, and the route spans most of the page's width.
        assert languages["branch"]["x"] >= languages["node"]["x"] + languages["node"]["width"]
        assert abs(languages["branch"]["y"] - languages["node"]["y"]) < 5
        span = languages["branch"]["x"] + languages["branch"]["width"] - languages["node"]["x"]
        assert span > 0.8 * main["width"], f"the route uses {span:.0f} of {main['width']:.0f} px"
    else:
        # On a phone the skills fall under their node, inside the screen.
        assert languages["branch"]["y"] >= languages["node"]["y"] + languages["node"]["height"]
        assert languages["branch"]["x"] + languages["branch"]["width"] <= width
    assert scroll_width(page) <= width
    # Said once: no drawing and list of the same steps beside the route.
    expect(page.locator("main svg, #path-map-text")).to_have_count(0)
    expect(page.locator("main").get_by_role("link", name="System design", exact=True)).to_have_count(1)

    # From the path to its plan.
    page.get_by_role("link", name=f"Plan your move into {TARGET}").first.click()
    expect(page).to_have_url(re.compile(r"/plan/\?to=machine-learning-engineer"))
    assert [step["name"] for step in plan_steps(page)] == PLAN_STEPS


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
@pytest.mark.parametrize(
    "path",
    [
        "/plan/?from=software-engineer&to=machine-learning-engineer&have=python&have=sql"
        "&done=mlops&learning=ml-frameworks&skipped=deep-learning",
    ],
)
def test_map_and_plan_fit_a_390px_phone(page, site, path):
    page.goto(site + path)
    assert page.evaluate("window.innerWidth") == PHONE["width"]
    # On a phone the plan's map is a closed disclosure above its steps.
    closed_map = page.locator("details.map-panel:not([open]) > summary")
    if closed_map.count():
        closed_map.tap()
    drawing = page.get_by_role("img", name=re.compile(r": the map|as a map"))
    expect(drawing).to_be_visible()
    box = drawing.bounding_box()
    assert box and 0 < box["width"] <= PHONE["width"] and box["height"] > 0, f"the map is drawn at {box}"
    assert scroll_width(page) <= PHONE["width"], f"{path} scrolls sideways: {scroll_width(page)} px wide"


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
def test_on_a_phone_the_plan_leads_with_its_steps_not_the_form_or_the_map(page, site):
    page.goto(site + "/plan/?from=software-engineer&to=machine-learning-engineer")
    # The form and the map are one tap away, each a line; the steps say the plan once.
    expect(page.locator("#plan-form form.plan-form")).to_be_hidden()
    expect(page.locator("#plan-map svg")).to_be_hidden()
    first_step = page.locator("ol.plan-steps > li").first
    assert first_step.bounding_box()["y"] < 3 * PHONE["height"]
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 5500, f"the plan is {height} px tall at 390 px"  # 8,863 px when map, list and form repeated it
    assert scroll_width(page) <= PHONE["width"]
    where_you_stand(page)
    assert scroll_width(page) <= PHONE["width"]


def test_other_skills_are_suggested_as_you_type(page, site):
    page.goto(site + "/plan/?to=machine-learning-engineer")
    box = page.get_by_label("Other skills you have")
    expect(box).to_have_attribute("role", "combobox")
    box.fill("sq")
    suggestions = page.get_by_role("listbox", name="Suggested skills").get_by_role("option")
    expect(suggestions.filter(has_text="SQL")).to_have_count(1)
    box.press("ArrowDown")
    box.press("Enter")  # completes the word; does not send the form
    expect(box).to_have_value(re.compile(r"^SQL, $"))
    assert "have=" not in page.url
    page.get_by_role("button", name="Update my plan").click()
    expect(page).to_have_url(re.compile(r"[?&]have=sql(&|#|$)"))
    assert "skill_names" not in page.url
    assert ("Your skills", "SQL") in plan_facts(page)


def test_the_match_pages_skill_box_suggests_with_the_same_script(page, site):
    """The match page's "other skills" box shares the plan's typeahead (static/js/typeahead.js)."""
    page.goto(site + "/match/")
    box = page.locator("input[data-suggest-url]")
    expect(box).to_have_attribute("role", "combobox")
    box.fill("Python, sq")
    suggestions = page.get_by_role("listbox", name="Suggested skills").get_by_role("option")
    expect(suggestions.filter(has_text="SQL")).to_have_count(1)
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value(re.compile(r"^Python, SQL, $"))
    page.get_by_role("button", name="Match my skills").click()
    expect(page).to_have_url(re.compile(r"[?&]skill=sql(&|#|$)"))
