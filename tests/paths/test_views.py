"""The paths pages and the plan page."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    JobPostingFactory,
    PathFactory,
    PathStepFactory,
    PostingSkillFactory,
    ResourceFactory,
    RoleFactory,
    RoleSkillFactory,
    SalaryFigureFactory,
    SkillFactory,
    StepSkillFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def path():
    path = PathFactory(slug="into-ml", name="Into ML", target_role=RoleFactory(slug="mle", name="ML Engineer"))
    step = PathStepFactory(path=path, order=1, slug="learn", name="Learn Python")
    StepSkillFactory(step=step, skill=SkillFactory(slug="python", name="Python"))
    ResourceFactory(name="a mock interview practice tool").steps.add(step)
    return path


def grow(path, n):
    """n more steps, skills and postings on the path's role."""
    start = path.steps.count() + 1
    for order in range(start, start + n):
        step = PathStepFactory(path=path, order=order)
        skill = SkillFactory()
        StepSkillFactory(step=step, skill=skill)
        ResourceFactory().steps.add(step)
        PostingSkillFactory(posting=JobPostingFactory(role=path.target_role), skill=skill)


def test_the_list_shows_published_paths_only(client, path):
    PathFactory(name="Secret path", status="draft")
    page = client.get("/paths/").content.decode()
    assert "Into ML" in page and "Secret path" not in page


def test_the_detail_draws_the_route_once_with_skills_and_resources_in_their_step(client, path):
    response = client.get("/paths/into-ml/")
    page = response.content.decode()
    assert response.status_code == 200
    route = page[page.index('<ol class="route">') : page.index("</ol>", page.index('<ol class="route">'))]
    assert "Learn Python" in route and "a mock interview practice tool" in route
    assert '<a href="/skills/python/">Python</a>' in route
    # Said once: no SVG drawing or text list of the same steps, no second "steps" section, no per-fact toggle.
    assert "<svg" not in page and "The map as a list" not in page and "path-steps" not in page
    assert page.count("Learn Python") == 2  # the route's node, and its passage in the one sources note
    assert '<details class="source">' not in page and page.count('class="sources-note"') == 1


def test_a_path_without_published_steps_says_so(client, path):
    path.steps.update(status="draft")
    page = client.get("/paths/into-ml/").content.decode()
    assert "No steps yet" in page and '<ol class="route">' not in page


def test_pages_carry_no_inline_style_or_script(client, path):
    for url in ("/paths/", "/paths/into-ml/", "/plan/?to=mle&have=python"):
        page = client.get(url).content.decode()
        # No inline script: a script, if any, is a static file (the plan's optional suggestions).
        assert " style=" not in page and not re.search(r'<script(?! src="/static/js/[\w-]+\.js" defer>)', page), url


def test_a_draft_path_is_hidden_from_the_public_and_shown_to_curators(client, curator):
    draft = PathFactory(slug="draft-path", status="draft")
    assert client.get("/paths/draft-path/").status_code == 404
    client.force_login(curator)
    response = client.get("/paths/draft-path/")
    assert response.status_code == 200 and draft.name in response.content.decode()


def test_draft_steps_show_to_curators_only(client, curator, path):
    PathStepFactory(path=path, order=2, name="Hidden step", status="draft")
    assert "Hidden step" not in client.get("/paths/into-ml/").content.decode()
    assert "Hidden step" not in client.get("/plan/?to=mle").content.decode()
    client.force_login(curator)
    assert "Hidden step" in client.get("/paths/into-ml/").content.decode()


def test_the_plan_ticks_the_skills_had_and_counts_postings(client, path):
    PostingSkillFactory(posting=JobPostingFactory(role=path.target_role), skill=path.steps.get().skills.get())
    page = client.get("/plan/?to=mle&have=python").content.decode()
    assert "Plan your move into ML Engineer" in page
    assert re.search(r'value="python" checked', page)
    assert "(you have it)" in page
    # The count links to the postings it counts: the role's, met with the skills had (no degree given).
    assert 'you meet today: <a href="/postings/?role=mle&amp;have=python"><strong>1</strong></a>' in page


def test_unknown_parameters_are_named_not_fatal(client, path):
    response = client.get("/plan/?to=mle&have=cobol&degree=diploma")
    assert response.status_code == 200
    assert "Unknown skill: cobol" in response.content.decode()


def share_link(page):
    match = re.search(r'<a href="([^"]*)" rel="bookmark">', page)
    return unescape(match.group(1))


def plan_part(page):
    return page[page.index('<section id="plan"') : page.index("</section>")]


def test_the_share_link_opens_the_same_plan(client, path):
    grow(path, 2)
    SkillFactory(slug="sql")
    page = client.get("/plan/?skipped=sql&have=python&to=mle&degree=master&from=&done=sql").content.decode()
    link = share_link(page)
    assert link == "/plan/?to=mle&have=python&degree=master&done=sql"
    again = client.get(link).content.decode()
    assert share_link(again) == link
    assert plan_part(again) == plan_part(page)


def test_home_and_role_page_link_to_the_plan(client, path):
    assert "/plan/" in client.get("/").content.decode()
    assert "/plan/?to=mle" in client.get("/roles/mle/").content.decode()


@pytest.mark.parametrize("url", ["/paths/", "/paths/into-ml/", "/plan/?to=mle&have=python&degree=bachelor&done=python"])
def test_pages_run_the_same_queries_for_few_or_many_rows(client, path, url, django_assert_num_queries, uncached):
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    grow(path, 0)  # same steps, many more rows elsewhere
    for _ in range(12):
        PathFactory()
        PostingSkillFactory(posting=JobPostingFactory(role=path.target_role), skill=SkillFactory())
    with django_assert_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_the_plan_offers_the_moves_into_its_role_as_views_of_the_path(client, path):
    from tests.factories import RoleRelationFactory

    RoleRelationFactory(from_role=RoleFactory(slug="swe", name="Software person"), to_role=path.target_role)
    page = client.get("/plan/?to=mle").content.decode()
    assert '/plan/?from=swe&amp;to=mle">Software person</a>' in page
    assert "Your degree: No degree" in client.get("/plan/?to=mle&degree=none").content.decode()


def test_an_unknown_role_is_not_found(client, path):
    assert client.get("/plan/?to=nobody").status_code == 404
    assert client.get("/plan/?from=nobody&to=mle").status_code == 404


def test_the_plan_leads_with_learn_next_and_keeps_soft_skills_apart(client, path):
    role = path.target_role
    RoleSkillFactory(role=role, skill=path.steps.get().skills.get(), importance="essential")
    talk = SkillFactory(slug="talk", name="Talking", kind="soft", category="soft_skill")
    RoleSkillFactory(role=role, skill=talk, importance="essential")
    page = client.get("/plan/?to=mle").content.decode()
    learn = page.index("Learn next:")
    assert learn < page.index('<ol class="plan-steps">')
    assert 'Learn next: <a href="/skills/python/">Python</a>' in page
    soft = page[page.index('class="soft-skills"') :]
    assert "Talking" in soft[: soft.index("</p>")]
    steps = page[page.index('<ol class="plan-steps">') : page.index("</ol>", page.index('<ol class="plan-steps">'))]
    assert "Talking" not in steps


def test_a_skills_progress_links_keep_the_rest_of_the_plan(client, path):
    page = client.get("/plan/?to=mle&degree=master").content.decode()
    assert 'href="/plan/?to=mle&amp;degree=master&amp;done=python#plan"' in page
    done = client.get("/plan/?to=mle&degree=master&done=python").content.decode()
    assert 'href="/plan/?to=mle&amp;degree=master#plan"' in done  # the same link clears it
    assert '<input type="hidden" name="done" value="python">' in done
    assert "(you have it)" in done


def test_the_current_roles_skills_are_known_and_not_tickable(client, path):
    origin = RoleFactory(slug="swe")
    RoleSkillFactory(role=origin, skill=path.steps.get().skills.get(), importance="essential")
    page = client.get("/plan/?from=swe&to=mle").content.decode()
    assert "from your current role" in page and "done=python" not in page


def test_from_the_role_wanted_the_page_says_you_are_there(client, path):
    page = client.get("/plan/?from=mle&to=mle").content.decode()
    assert "You are already in this role" in page and '<ol class="plan-steps">' not in page


def test_a_step_can_be_marked_done_in_one_link(client, path):
    page = client.get("/plan/?to=mle").content.decode()
    assert '<a href="/plan/?to=mle&amp;done=python#plan">Mark this step done</a>' in page
    done = client.get("/plan/?to=mle&done=python").content.decode()
    assert "Mark this step done" not in done and '<span class="tag essential">Done</span>' in done


def test_the_plan_form_is_a_panel_open_until_something_is_chosen(client, path):
    html = client.get("/plan/?to=mle").content.decode()
    assert '<details class="plan-form-panel no-print" id="plan-form" open>' in html
    html = client.get("/plan/?to=mle&have=python").content.decode()
    assert '<details class="plan-form-panel no-print" id="plan-form">' in html
    assert "1 skill ticked" in html
    # The form comes before the plan, and the steps are said once: no second list under the map.
    assert html.index('id="plan-form"') < html.index('<ol class="plan-steps">') < html.index('id="plan-map"')
    assert "plan-map-text" not in html and "The map as a list" not in html


def test_the_plan_form_lists_the_moves_skills_not_every_skill(client, path):
    for n in range(200):
        SkillFactory(name=f"Unrelated skill {n}", slug=f"unrelated-{n}")
    html = client.get("/plan/?to=mle").content.decode()
    assert "Unrelated skill" not in html
    assert re.search(r'<input type="checkbox" name="have" value="python"', html)  # the path's step skill
    # A skill given but not of this move is still ticked, so the form sends it again.
    html = client.get("/plan/?to=mle&have=unrelated-7").content.decode()
    assert re.search(r'value="unrelated-7" checked> Unrelated skill 7<', html)
    assert "Unrelated skill 8" not in html


def test_other_skills_typed_by_name_join_the_plan(client, path):
    SkillFactory(name="SQL", slug="sql")
    response = client.get("/plan/", {"to": "mle", "have": "python", "skill_names": "sql, Klingon"})
    assert response.status_code == 302
    assert response["Location"] == "/plan/?to=mle&have=python&have=sql&skill_names=Klingon#plan"
    html = client.get(response["Location"].split("#")[0]).content.decode()
    assert "No skill is called “Klingon”" in html
    assert '<details class="plan-form-panel no-print" id="plan-form" open>' in html  # the message is in view
    assert re.search(r'value="sql" checked', html)


def test_the_plans_skill_box_asks_its_static_script_for_suggestions(client, path):
    html = client.get("/plan/?to=mle").content.decode()
    assert re.search(r'<input type="text" name="skill_names"[^>]*data-suggest-url="/skills/suggest/"', html)
    assert re.findall(r"<script[^>]*>", html) == [
        '<script src="/static/js/typeahead.js" defer>',
        '<script src="/static/js/skill-suggest.js" defer>',
    ]


def test_the_path_opens_with_where_it_leads_what_that_pays_and_its_open_postings(client, path):
    SalaryFigureFactory(role=path.target_role, amount=150000, period="year", statistic="median", region="")
    JobPostingFactory(role=path.target_role)
    html = client.get("/paths/into-ml/").content.decode()
    facts = html[html.index('<dl class="quick-facts"') : html.index("</dl>")]
    assert '<a href="/roles/mle/">ML Engineer</a>' in facts and "150,000 USD per year" in facts
    assert 'href="/postings/?role=mle">1</a>' in facts
    assert html.index("</dl>") < html.index('<ol class="route">')


def test_the_education_step_shows_its_degree_and_fields_beside_it(client, guide):
    html = client.get("/paths/becoming-a-machine-learning-engineer/").content.decode()
    start = html.index('<li class="route-step">')
    first = html[start : html.index('<li class="route-step">', start + 1)]
    branch = first[first.index('class="route-branch"') :]
    assert "degree, in" in branch and "<span>Computer Science</span>" in branch and "<span>Statistics</span>" in branch
    assert "online courses or a certification program" in branch
