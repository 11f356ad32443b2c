"""The pages a job seeker browses: the guide's facts are there, drafts are not, bad input is harmless."""

import pytest
from django.urls import reverse

from roles.models import Role
from tests.factories import JobPostingFactory, RoleFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, facts",
    [
        ("/", ["Data Scientist", "138,365 USD per year (average, United States)", "Skill match"]),
        ("/roles/", ["NLP Scientist", "about 110,000 USD per year"]),
        (
            "/roles/data-scientist/",
            ["138,365", "Probability and statistics", "Disney", "Snap Inc.", "Essential skills to learn for this move"],
        ),
        (
            "/roles/machine-learning-engineer/",
            [
                "common transition into Machine Learning Engineer",
                "Software Engineer",
                "ideally at least a degree in computer science",
            ],
        ),
        ("/skills/", ["Programming language", "MLOps", "Soft skill", "Causal inference"]),
        ("/skills/speech-recognition/", ["Machine Learning Researcher", "ML Researcher (new graduate)"]),
        ("/postings/", ["Human-Centered AI ML Internship", "Applied Data Scientist"]),
        ("/postings/google-ml-engineer/", ["At least 8", "At least 3", "At least 2", "Bachelor&#x27;s", "Code review"]),
        ("/companies/", ["Microsoft", "Hired"]),
        ("/companies/openai/", ["ML Engineer, Moderation"]),
        ("/salaries/", ["138,365", "122,265", "about 110,000", "<svg", "Not stated", "median"]),
        ("/sources/", ["Jacob Simon", "Exponent"]),
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
    assert html.count('<details class="source">') >= 10


def test_drafts_never_show_to_the_public(client):
    draft = RoleFactory(name="Secret role", status="draft")
    JobPostingFactory(title="Secret posting", role=draft, status="draft")
    assert client.get(reverse("roles:detail", args=[draft.slug])).status_code == 404
    for url in ["/", "/roles/", "/postings/", "/search/?q=secret", "/compare/?role=" + draft.slug]:
        assert "Secret" not in client.get(url).content.decode(), url


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=99999",
        "?company=nope",
        "?degree=wizard&max_years=-3",
        "?skill=nope&skill=",
        "?max_years=99999999999999999999",
    ],
)
def test_bad_posting_query_strings_give_a_clean_page_or_404(client, guide, query):
    response = client.get("/postings/" + query)
    assert response.status_code in (200, 404)
    if response.status_code == 404:
        assert "We couldn’t find that page" in response.content.decode()


def test_posting_filters_combine_and_stay_in_the_url(client, guide):
    response = client.get("/postings/", {"degree": "master", "max_years": "5"})
    html = response.content.decode()
    assert "ML Researcher (new graduate)" in html  # Zoom: master's, no years stated
    assert "Applied Data Scientist" not in html  # Snap: 9 years
    assert "ML Researcher</a>" not in html  # Apple: PhD
    assert 'value="5"' in html and "Clear filters" in html


def test_unknown_filter_value_is_explained_on_the_form(client, guide):
    html = client.get("/postings/", {"company": "nope"}).content.decode()
    assert "Select a valid choice" in html


def test_filters_that_match_nothing_offer_to_clear_them(client, guide):
    html = client.get("/postings/", {"company": "microsoft"}).content.decode()
    assert "No postings match these filters" in html and 'href="/postings/">clear filters' in html


@pytest.mark.parametrize("q", ["speech", "SPEECH", "pyth"])
def test_search_finds_across_kinds(client, guide, q):
    html = client.get("/search/", {"q": q}).content.decode()
    assert "result" in html
    if q.lower() == "speech":
        assert "Speech recognition" in html and "ML Researcher (new graduate)" in html
    else:
        assert "Python" in html


@pytest.mark.parametrize("q", ["é" * 5000, "💥🔥" * 300, "' OR 1=1 --", "   ", "a&b|c!:*"])
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


def test_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


# Query counts: the same with a few rows and with many.
def _many(n):
    for _ in range(n):
        posting = JobPostingFactory()
        SkillFactory()
        from tests.factories import PostingSkillFactory, RoleSkillFactory, SalaryFigureFactory

        PostingSkillFactory(posting=posting)
        RoleSkillFactory(role=posting.role)
        SalaryFigureFactory(role=posting.role)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/roles/",
        "/skills/",
        "/postings/",
        "/companies/",
        "/salaries/",
        "/search/?q=role",
        "/match/?skill=skill-0&skill=skill-1",
    ],
)
def test_list_pages_run_the_same_queries_for_few_or_many_rows(client, url, django_assert_num_queries, uncached):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _many(2)
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _many(18)
    with django_assert_num_queries(len(few)):
        assert client.get(url).status_code == 200


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
