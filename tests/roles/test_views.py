"""The role pages: the list, a role's page with the passage behind each fact, and the salaries page."""

import pytest
from django.urls import reverse

from roles.models import Role
from tests.factories import JobPostingFactory, RoleFactory, make_postings_with_links

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, facts",
    [
        ("/roles/", ["NLP Scientist", "about 110,000 USD", "average, period not stated"]),
        (
            "/roles/data-scientist/",
            ["138,365", "Probability and statistics", "Disney", "Snap Inc.", "skills known from Data Scientist"],
        ),
        (
            "/roles/machine-learning-engineer/",
            [
                "Common transition into Machine Learning Engineer",
                "Software Engineer",
                "ideally at least a degree in computer science",
            ],
        ),
        ("/salaries/", ["138,365", "122,265", "about 110,000", "<svg", "Not stated", "median"]),
    ],
)
def test_pages_show_the_guides_facts(client, guide, url, facts):
    response = client.get(url)
    assert response.status_code == 200
    for fact in facts:
        assert fact in response.content.decode(), f"{fact!r} missing from {url}"


def test_every_fact_on_a_role_page_can_show_its_passage(client, guide):
    html = client.get("/roles/data-scientist/").content.decode()
    assert "making an average salary of $138,365 annually in the U.S." in html
    # Quiet provenance: one sources note per section, each listing its passages, not a toggle per fact.
    notes = html.count('<details class="sources-note">')
    assert 3 <= notes <= 5
    assert html.count("<blockquote>") >= 10
    assert '<details class="source">' not in html  # the transitions' passages are in their section's note too


def test_a_role_page_opens_with_quick_facts_and_a_plan_link(client, guide):
    html = client.get("/roles/data-scientist/").content.decode()
    facts = html[html.index('<dl class="quick-facts"') : html.index("</dl>", html.index('<dl class="quick-facts"'))]
    assert "138,365 USD per year" in facts
    assert "Bachelor&#x27;s" in facts and "From 3 years" in facts  # Disney's posting: bachelor's, 3 years
    assert 'href="/postings/?role=data-scientist">2</a>' in facts
    assert html.index('href="/plan/?to=data-scientist">Plan this move') < html.index('id="what-they-do"')


# Query counts: the same with a few rows and with many.
@pytest.mark.parametrize(
    "url",
    [
        "/roles/",
        "/salaries/",
    ],
)
def test_list_pages_run_the_same_queries_for_few_or_many_rows(client, url, assert_queries_do_not_grow):
    make_postings_with_links(2)
    assert_queries_do_not_grow(lambda: client.get(url), lambda: make_postings_with_links(18))


def test_detail_pages_run_the_same_queries_for_few_or_many_related_rows(client, django_assert_num_queries, uncached):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import PostingSkillFactory, RoleRelationFactory, RoleSkillFactory, SalaryFigureFactory

    role = RoleFactory()
    RoleSkillFactory(role=role)
    RoleRelationFactory(from_role=role)
    JobPostingFactory(role=role)
    SalaryFigureFactory(role=role)
    urls = [reverse("roles:detail", args=[role.slug])]
    with CaptureQueriesContext(connection) as few:
        client.get(urls[0])
    for _ in range(10):
        RoleSkillFactory(role=role)
        RoleRelationFactory(from_role=role)
        RoleRelationFactory(to_role=role)
        PostingSkillFactory(posting=JobPostingFactory(role=role))
        SalaryFigureFactory(role=role)
    with django_assert_num_queries(len(few)):
        assert client.get(urls[0]).status_code == 200
    assert Role.objects.count() > 20


def test_a_transition_names_the_gap_the_plan_names_and_links_to_it(client, guide):
    page = client.get("/roles/machine-learning-engineer/").content.decode()
    block = page[page.index("Software Engineer</a> → <a") :]
    block = block[: block.index("</li>")]  # the move card holds no list item of its own
    start = block.index("To learn:")
    to_learn = block[start : block.index("</p>", start)]
    for skill in ("Machine learning algorithms", "MLOps", "Data structures"):
        assert skill in to_learn, skill
    assert "Communication" not in to_learn and "Fast learner" not in to_learn
    assert "Software engineering" not in to_learn  # the software engineer has it
    assert "/plan/?from=software-engineer&amp;to=machine-learning-engineer" in block


def test_the_moves_into_a_role_come_before_its_skills_and_related_roles_after(client, guide):
    html = client.get("/roles/machine-learning-engineer/").content.decode()
    moves = html.index('<ul class="moves">')
    assert html.index('id="what-they-do"') < moves < html.index('id="skills"') < html.index('id="related"')
    # Both moves in are there, each with its plan link; who it works alongside is further down, one line each.
    for origin in ("data-scientist", "software-engineer"):
        assert f"/plan/?from={origin}&amp;to=machine-learning-engineer" in html[moves : html.index('id="skills"')]
    related = html[html.index('id="related"') :]
    assert "Works alongside" in related and "Works alongside" not in html[moves : html.index('id="skills"')]
