"""The skill demand page, and the demand sections of the role and skill pages."""

import re

import pytest
from django.urls import reverse

from core.publishing import PublicationStatus
from demand.refresh import refresh_all, refresh_role
from tests.demand.conftest import month, posting
from tests.factories import CuratorFactory, RoleFactory, SkillFactory

pytestmark = pytest.mark.django_db


def page(client, role):
    response = client.get(reverse("demand:role", args=[role.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_ranks_every_skill_with_a_chart(client, world):
    html = page(client, world["role"])
    table = html.split('class="demand-table"')[1].split("</table>")[0]
    assert re.findall(r'href="/skills/([^/]+)/"', table) == ["a", "b", "c"]
    assert "60%" in table and html.count('<rect class="bar essential"') == 3
    assert "How this is computed" in html and "at least 25%" in html and "at least 3 of them" in html
    assert "draft-skill" not in html


def test_a_role_without_dated_postings_says_so(client, db):
    role = RoleFactory()
    posting(role, [(SkillFactory(), "essential")])
    refresh_role(role.pk)
    assert "No dated postings yet" in page(client, role)


def test_a_role_never_counted_says_so(client, db):
    html = page(client, RoleFactory())
    assert "has not been counted" in html and "No dated postings yet" in html


def test_the_page_holds_no_inline_style_or_script(client, world):
    html = page(client, world["role"])
    assert "style=" not in html and "<script" not in html


@pytest.mark.parametrize("slug", ["no-such-role", "draft-role"])
def test_unknown_and_draft_roles_are_404_for_the_public(client, db, slug):
    RoleFactory(slug="draft-role", status=PublicationStatus.DRAFT)
    assert client.get(reverse("demand:role", args=[slug])).status_code == 404


def test_a_curator_previews_a_draft_roles_page(client, db):
    role = RoleFactory(status=PublicationStatus.DRAFT)
    client.force_login(CuratorFactory())
    assert client.get(reverse("demand:role", args=[role.slug])).status_code == 200


def test_the_role_page_shows_the_top_skills_flags_and_a_link(client, world):
    html = client.get(world["role"].get_absolute_url()).content.decode()
    section = html.split("What its postings ask for")[1].split("Postings for this role")[0]
    assert "A</a>" in section and "60%" in section and "In demand" in section
    assert "1 skill is in demand" in section
    assert reverse("demand:role", args=["target"]) in section and "How this is computed" in section


def test_the_skill_page_flags_the_roles_it_is_in_demand_for(client, world):
    html = client.get(world["a"].get_absolute_url()).content.decode()
    section = html.split("Demand in postings")[1].split("Postings that ask for it")[0]
    assert "Target Role" in section and "asked for by 3 of its 5 live postings (60%)" in section
    assert '<span class="tag in-demand">In demand</span>' in section
    other = client.get(world["c"].get_absolute_url()).content.decode()
    roles = other.split("Demand in postings")[1].split("</ul>")[0]
    assert "asked for by 1 of its 5 live postings (20%)" in roles
    assert '<span class="tag in-demand">' not in roles


def test_the_trend_is_drawn_once_enough_postings_are_dated(client, world):
    html = page(client, world["role"])
    assert "Too few dated postings for a trend yet" in html and 'class="trend-line"' not in html
    grow(world["role"], [world["a"], world["b"], world["c"]])
    html = page(client, world["role"])
    assert 'class="trend-line"' in html and "expired ones included" in html
    assert "Too few dated postings" not in html


@pytest.fixture
def two_postings(db):
    """The issue's case: a role with two live postings, both asking for Python."""
    role, python = RoleFactory(slug="tiny", name="Tiny Role"), SkillFactory(slug="python", name="Python")
    for _ in range(2):
        posting(role, [(python, "essential")], posted_on=month(0))
    refresh_all()
    return role, python


def test_too_few_postings_give_counts_not_a_ranking(client, two_postings):
    role, _ = two_postings
    html = page(client, role)
    assert "Too few postings to rank skills yet" in html and "a ranking needs at least 5" in html
    assert '<rect class="bar' not in html and 'class="demand-table"' not in html and "100%" not in html
    assert re.search(r"Python</a> <span class=\"muted\">2 of 2</span>", html)
    role_page = client.get(role.get_absolute_url()).content.decode()
    assert "Too few postings to rank skills yet" in role_page and "100%" not in role_page


def test_the_skill_page_agrees_with_the_postings_it_lists(client, two_postings):
    _, python = two_postings
    html = client.get(python.get_absolute_url()).content.decode()
    section = html.split("Demand in postings")[1].split("Postings that ask for it")[0]
    assert "Not in demand" not in html
    assert "Tiny Role</a>:" in section and "asked for by 2 of its 2 live postings" in section
    assert "too few postings to say whether it is in demand" in section
    listed = html.split("Postings that ask for it")[1]
    assert len(set(re.findall(r'href="/postings/(posting-\d+)/"', listed))) == 2


def grow(role, skills):
    for i in range(6):
        posting(role, [(skills[i % 3], "essential"), (SkillFactory(), "optional")], posted_on=month(-i))
    refresh_all()


@pytest.mark.parametrize("name", ["demand:role", "roles:detail"])
def test_pages_run_the_same_queries_for_few_or_many_rows(client, world, assert_queries_do_not_grow, name):
    url = reverse(name, args=[world["role"].slug])
    skills = [world["a"], world["b"], world["c"]]
    assert_queries_do_not_grow(lambda: client.get(url), lambda: grow(world["role"], skills))


def test_the_skill_page_runs_the_same_queries_for_few_or_many_roles(client, world, assert_queries_do_not_grow):
    def more_roles():
        for _ in range(4):
            role = RoleFactory()
            for _ in range(3):
                posting(role, [(world["a"], "essential")])
        refresh_all()

    assert_queries_do_not_grow(lambda: client.get(world["a"].get_absolute_url()), more_roles)


def test_the_table_is_paged_so_a_role_asking_for_hundreds_of_skills_stays_small(client, world, monkeypatch):
    from demand.views import RoleSkillDemandView

    monkeypatch.setattr(RoleSkillDemandView, "skills_per_page", 2)
    url = reverse("demand:role", args=[world["role"].slug])
    first = client.get(url).content.decode()
    table = first.split('class="demand-table"')[1].split("</table>")[0]
    assert re.findall(r'href="/skills/([^/]+)/"', table) == ["a", "b"] and "1–2 of 3" in table
    assert 'rel="next" href="?page=2"' in first
    assert first.count('<rect class="bar essential"') == 3  # the chart keeps every top skill
    second = client.get(url, {"page": 2}).content.decode().split('class="demand-table"')[1].split("</table>")[0]
    assert re.findall(r'href="/skills/([^/]+)/"', second) == ["c"]
    assert client.get(url, {"page": 3}).status_code == 404
    assert client.get(url, {"page": "x"}).status_code == 404
