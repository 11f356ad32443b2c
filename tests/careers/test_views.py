"""The careers pages (careers/views.py): the front page, search, the skill match page and the compare page."""

import re
from html import unescape

import pytest

from tests.factories import RoleFactory, RoleSkillFactory, SkillFactory, make_postings_with_links

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, facts",
    [
        ("/", ["Data Scientist", "138,365 USD per year", "average, United States", "Skill match"]),
    ],
)
def test_pages_show_the_guides_facts(client, guide, url, facts):
    response = client.get(url)
    assert response.status_code == 200
    for fact in facts:
        assert fact in response.content.decode(), f"{fact!r} missing from {url}"


@pytest.mark.parametrize("q", ["speech", "SPEECH", "pyth"])
def test_search_finds_across_kinds(client, guide, q):
    html = client.get("/search/", {"q": q}).content.decode()
    assert "result" in html
    if q.lower() == "speech":
        assert "Speech recognition" in html and "ML Researcher (new graduate)" in html
    else:
        assert "Python" in html


# Up to the 100-character cap; longer is a 400 page saying so (tests/api_contract/test_hostile_input.py).
@pytest.mark.parametrize("q", ["é" * 100, "💥🔥" * 50, "' OR 1=1 --", "   ", "a&b|c!:*"])
def test_odd_search_terms_give_a_clean_page(client, guide, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200


def test_skill_match_page_ranks_roles_and_lists_postings_met(client, guide):
    html = client.get("/match/", {"skill": ["python", "speech-recognition", "ml-frameworks"]}).content.decode()
    assert "Postings whose requirements you meet" in html
    assert "ML Researcher (new graduate)</a> at Zoom" in html
    assert 'value="python" checked' in html


def test_skill_match_explains_unknown_skills(client, guide):
    html = client.get("/match/", {"skill": ["python", "cobol"]}).content.decode()
    assert "Not recognised, so left out: cobol" in html


def test_compare_shows_roles_side_by_side(client, guide):
    html = client.get("/compare/", {"role": ["data-scientist", "machine-learning-engineer"]}).content.decode()
    side_by_side = html.split("<h2>Every skill, role by role</h2>")[0]
    assert "138,365" in side_by_side and "Applied Data Scientist" in side_by_side and "ML Engineer" in side_by_side
    assert html.count('<h3><a href="/roles/') == 2  # a card per role
    assert "Choose at least two roles" in client.get("/compare/", {"role": "data-scientist"}).content.decode()


def words(html):
    """The text of some HTML, one space between words, none before a comma."""
    return unescape(re.sub(r"\s+(,)|\s+", lambda m: m.group(1) or " ", re.sub(r"<[^>]+>", " ", html)))


def test_compare_opens_with_what_the_roles_share_and_where_they_differ(client, db):
    a, b, c, d = (SkillFactory(name=name, slug=name.lower()) for name in ["Alpha", "Beta", "Gamma", "Delta"])
    one = RoleFactory(name="Role One", slug="one")
    two = RoleFactory(name="Role Two", slug="two")
    for role, skills in [(one, [a, b, c]), (two, [a, d])]:
        for skill in skills:
            RoleSkillFactory(role=role, skill=skill)
    html = client.get("/compare/", {"role": ["one", "two"]}).content.decode()
    glance = words(html.split('id="summary-heading"')[1].split("<h2>Side by side")[0])
    assert "1 skill both need Alpha" in glance
    assert "2 only Role One needs Beta, Gamma" in glance
    assert "1 only Role Two needs Delta" in glance
    assert "No salary figure yet" in glance  # pay side by side, with its empty state
    assert html.index("At a glance") < html.index("Every skill, role by role")
    # The choice of roles is folded once a comparison is shown.
    assert '<details class="compare-form-panel">' in html
    assert '<details class="compare-form-panel" open>' in client.get("/compare/").content.decode()


def test_compare_of_three_roles_counts_the_skills_some_share(client, db):
    a, b = SkillFactory(name="Alpha", slug="alpha"), SkillFactory(name="Beta", slug="beta")
    for slug, skills in [("one", [a, b]), ("two", [a, b]), ("three", [a])]:
        role = RoleFactory(slug=slug, name=f"Role {slug}")
        for skill in skills:
            RoleSkillFactory(role=role, skill=skill)
    html = client.get("/compare/", {"role": ["one", "two", "three"]}).content.decode()
    text = words(html)
    assert "1 skill all three need Alpha" in text and "1 some of them need Beta" in text
    assert text.count("0 only Role") == 3


# Query counts: the same with a few rows and with many.
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search/?q=role",
        "/match/?skill=skill-0&skill=skill-1",
    ],
)
def test_list_pages_run_the_same_queries_for_few_or_many_rows(client, url, assert_queries_do_not_grow):
    make_postings_with_links(2)
    assert_queries_do_not_grow(lambda: client.get(url), lambda: make_postings_with_links(18))


def test_the_match_form_ticks_the_skills_roles_ask_for_most_not_every_skill(client, guide):
    from careers.matching import SKILLS_TO_TICK

    sizes = []
    for extra in (0, 300):
        for n in range(extra):
            SkillFactory(slug=f"extra-skill-{n}", name=f"Extra skill {n}")
        page = client.get("/match/?skill=python&skill=extra-skill-7" if extra else "/match/").content.decode()
        ticks = re.findall(r'<input type="checkbox" name="skill" value="([^"]+)"', page)
        assert len(ticks) <= SKILLS_TO_TICK + 2 and "python" in ticks
        assert "extra-skill-8" not in ticks and (not extra or "extra-skill-7" in ticks)  # chosen: ticked
        sizes.append(len(page))
    assert sizes[1] - sizes[0] < 20_000, sizes  # 300 more skills do not make the page 300 checkboxes longer


def test_skills_typed_by_name_on_the_match_become_skill_slugs(client, guide):
    response = client.get("/match/", {"skill": "sql", "skill_names": "python, No Such Skill"})
    assert response.status_code == 302
    assert response["Location"] == "/match/?skill=sql&skill=python&skill_names=No+Such+Skill#results"
    page = client.get(response["Location"]).content.decode()
    assert "No skill is called “No Such Skill”" in unescape(page)


def test_the_home_page_leads_with_what_a_visitor_can_do_then_the_roles(client, guide):
    html = client.get("/").content.decode()
    # The two ways in come before the roles, which lead with pay and openings.
    assert html.index("Plan your move into ML") < html.index("Match my skills") < html.index("Roles, pay and openings")
    data_scientist = html[html.index("/roles/data-scientist/") :][:1500]
    assert "138,365 USD per year" in data_scientist and "average, United States" in data_scientist
    assert "/postings/?role=data-scientist" in data_scientist
    # Method is not the pitch: no talk of passages or of the guide giving no figure, and no "0 postings".
    for wording in ("passage it rests on", "gives no figure", "0 postings", "0 open"):
        assert wording not in html


def test_the_home_page_states_an_empty_role_without_zeros(client, db):
    from roles.models import Role

    RoleFactory(name="Quiet Role", slug="quiet-role")
    assert Role.objects.published().filter(slug="quiet-role").exists()
    html = client.get("/").content.decode()
    card = html[html.index("Quiet Role") :][:1200]
    assert "not published yet" in card and "None yet" in card
    assert "0 open" not in html and "New postings are on their way" in html
