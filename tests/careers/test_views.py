"""The careers pages (careers/views.py): the front page, search, the skill match page and the compare page."""

import pytest

from tests.factories import make_postings_with_links

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, facts",
    [
        ("/", ["Data Scientist", "138,365 USD per year (average, United States)", "Skill match"]),
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
    side_by_side = html.split("<h2>Skills</h2>")[0]
    assert "138,365" in side_by_side and "Applied Data Scientist" in side_by_side and "ML Engineer" in side_by_side
    assert html.count('<th scope="col"><a href="/roles/') == 2
    assert "Choose at least two roles" in client.get("/compare/", {"role": "data-scientist"}).content.decode()


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
