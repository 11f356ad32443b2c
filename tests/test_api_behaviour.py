"""API validation, errors, filters, pagination, caching, match/compare and query counts."""

import pytest
from django.urls import reverse

from roles.models import Role, SalaryFigure
from tests.factories import (
    JobPostingFactory,
    PostingSkillFactory,
    RoleFactory,
    RoleRelationFactory,
    RoleSkillFactory,
    SalaryFigureFactory,
    SkillFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_curator(api, curator):
    api.force_authenticate(curator)
    return api


def salary_body(**overrides):
    SourceFactory(slug="test-source")
    role = RoleFactory()
    return {
        "role": role.slug,
        "amount": "90000.00",
        "statistic": "median",
        "source": "test-source",
        "source_passage": "It says so.",
    } | overrides


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"amount": "-5.00"}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"amount": 90000}, "amount"),  # decimals travel as strings
        ({"currency": "ABC"}, "currency"),
        ({"statistic": "mode"}, "statistic"),
        ({"role": "no-such-role"}, "role"),
        ({"source_passage": 0}, "source_passage"),
        ({"is_approximate": "yes"}, "is_approximate"),
    ],
)
def test_bad_salary_figures_get_a_400_with_a_field_message(as_curator, overrides, field):
    response = as_curator.post(reverse("api:salaryfigure-list"), salary_body(**overrides), format="json")
    assert response.status_code == 400
    body = response.json()
    assert (body["status"], body["code"]) == (400, "invalid")
    assert list(body["errors"]) == [field]
    assert SalaryFigure.objects.count() == 0


def test_duplicate_slug_gets_a_400_not_a_500(as_curator):
    RoleFactory(slug="taken")
    body = {"name": "Other", "slug": "taken", "summary": "s", "source": "test-source", "source_passage": "p"}
    response = as_curator.post(reverse("api:role-list"), body, format="json")
    assert response.status_code == 400
    assert "slug" in response.json()["errors"]


def test_unknown_and_duplicate_skill_slugs_are_refused(as_curator):
    role = RoleFactory()
    SkillFactory(slug="python")
    url = reverse("api:role-detail", args=[role.slug])
    unknown = as_curator.patch(url, {"skills": [{"skill": "cobol"}]}, format="json")
    assert unknown.status_code == 400 and "skills" in unknown.json()["errors"]
    twice = as_curator.patch(url, {"skills": [{"skill": "python"}, {"skill": "python"}]}, format="json")
    assert twice.status_code == 400
    assert twice.json()["errors"]["skills"] == ["Listed more than once: python."]
    missing = as_curator.patch(url, {"skills": [{"importance": "essential"}]}, format="json")
    assert missing.status_code == 400


def test_writing_a_roles_skills_replaces_them_with_importance(as_curator):
    role = RoleFactory()
    RoleSkillFactory(role=role)
    SkillFactory(slug="python"), SkillFactory(slug="sql")
    response = as_curator.patch(
        reverse("api:role-detail", args=[role.slug]),
        {"skills": [{"skill": "python"}, {"skill": "sql", "importance": "optional"}]},
        format="json",
    )
    assert response.status_code == 200
    assert [(s["skill"], s["importance"]) for s in response.json()["skills"]] == [
        ("python", "essential"),
        ("sql", "optional"),
    ]


def test_form_encoded_writes_are_refused(as_curator):
    response = as_curator.post(reverse("api:skill-list"), {"name": "x"})
    assert response.status_code == 415


def test_deleting_a_role_still_used_by_postings_is_a_400(as_curator):
    posting = JobPostingFactory()
    response = as_curator.delete(reverse("api:role-detail", args=[posting.role.slug]))
    assert response.status_code == 400
    assert "Still used by" in response.json()["errors"]["non_field_errors"][0]
    assert Role.objects.filter(pk=posting.role.pk).exists()


def test_posting_filters_are_the_sites_and_combine(api):
    python = SkillFactory(slug="python")
    master = JobPostingFactory(min_degree=2, min_years_experience=3, seniority="experienced")
    PostingSkillFactory(posting=master, skill=python)
    JobPostingFactory(min_degree=3)
    JobPostingFactory(min_degree=1, min_years_experience=9)
    response = api.get(reverse("api:posting-list"), {"degree": "master", "max_years": 5, "skill": "python"})
    assert [p["slug"] for p in response.json()["results"]] == [master.slug]


@pytest.mark.parametrize("query", [{"company": "nope"}, {"degree": "wizard"}, {"max_years": "-1"}, {"degree": ""}])
def test_bad_filter_values_get_a_400(api, query):
    response = api.get(reverse("api:posting-list"), query)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == list(query)


def test_salary_filters(api):
    SalaryFigureFactory(region="United States", currency="USD", statistic="average")
    SalaryFigureFactory(region="EU", currency="EUR", statistic="median")
    response = api.get(reverse("api:salaryfigure-list"), {"currency": "EUR", "statistic": "median"})
    assert [f["region"] for f in response.json()["results"]] == ["EU"]


def test_search_and_whitelisted_ordering(api):
    SkillFactory(name="Pandas"), SkillFactory(name="PyTorch"), SkillFactory(name="SQL")
    found = api.get(reverse("api:skill-list"), {"search": "p", "ordering": "-name"}).json()
    assert [s["name"] for s in found["results"]] == ["PyTorch", "Pandas"]
    ignored = api.get(reverse("api:skill-list"), {"ordering": "source_passage"})
    assert ignored.status_code == 200  # unknown ordering fields are ignored, as DRF documents


@pytest.mark.parametrize(
    "query, status",
    [
        ({"page": "0"}, 404),
        ({"page": "abc"}, 404),
        ({"page": ""}, 404),
        ({"page": "99"}, 404),
        ({"page_size": "abc"}, 400),
        ({"page_size": "0"}, 400),
    ],
)
def test_pagination_edges_are_client_errors(api, query, status):
    SkillFactory()
    response = api.get(reverse("api:skill-list"), query)
    assert response.status_code == status
    assert response.json()["status"] == status


def test_page_size_is_capped_and_pages_link_to_each_other(api):
    SkillFactory.create_batch(105)
    huge = api.get(reverse("api:skill-list"), {"page_size": 100000}).json()
    assert (huge["count"], len(huge["results"])) == (105, 100)
    assert huge["next"].endswith("page=2&page_size=100000") and huge["previous"] is None


def test_unknown_api_paths_answer_json_404(api):
    response = api.get("/api/v1/salaries/not-a-number/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_conditional_get_answers_304_when_nothing_changed(api):
    role = RoleFactory()
    url = reverse("api:role-detail", args=[role.slug])
    first = api.get(url)
    assert first.has_header("ETag")
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    role.summary = "Changed."
    role.save()  # through the app, as every write is: that is what invalidates the cached response
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_role_carries_skills_pay_relations_and_postings_without_a_second_call(api, guide):
    role = api.get(reverse("api:role-detail", args=["data-scientist"])).json()
    assert {"python", "probability-and-statistics"} <= {s["skill"] for s in role["skills"]}
    assert role["salary_figures"][0]["amount"] == "138365.00"
    assert role["salary_figures"][0]["statement"] == "138,365 USD per year (average, United States)"
    assert {"slug": "machine-learning-engineer", "kind": "transition", "direction": "to"}.items() <= {
        **next(r for r in role["related_roles"] if r["kind"] == "transition")
    }.items()
    assert role["posting_count"] == 2
    assert role["postings_url"].endswith("/api/v1/postings/?role=data-scientist")
    listed = api.get(role["postings_url"]).json()
    assert {p["slug"] for p in listed["results"]} == {"disney-data-scientist", "snap-applied-data-scientist"}
    assert role["source_detail"]["title"] == "How to Become a Machine Learning Engineer"
    assert "138,365" not in role["source_passage"]  # the role's own passage; the figure cites its own


def test_posting_carries_its_structured_requirements(api, guide):
    posting = api.get(reverse("api:posting-detail", args=["google-ml-engineer"])).json()
    assert (
        posting["min_degree"],
        posting["min_years_experience"],
        posting["min_years_leadership"],
        posting["min_years_management"],
    ) == ("bachelor", 8, 3, 2)
    assert posting["company_detail"] == {"slug": "google", "name": "Google"}


def test_match_ranks_roles_and_lists_postings_met(api, guide):
    response = api.get(reverse("api:match"), {"skill": ["python", "speech-recognition", "ml-frameworks"]})
    assert response.status_code == 200
    postings = response.json()["postings"]
    assert [p["slug"] for p in postings["results"]] == ["zoom-ml-researcher-new-graduate"]
    assert (postings["page"], postings["next"], postings["previous"]) == (1, None, None)
    nlp = api.get(reverse("api:match"), {"skill": ["nlp", "computational-linguistics"]}).json()
    assert (nlp["roles"][0]["slug"], nlp["roles"][0]["coverage_percent"], nlp["roles"][0]["missing"]) == (
        "nlp-scientist",
        100,
        [],
    )


@pytest.mark.parametrize(
    "query, message",
    [
        ({}, "Give at least one skill slug, e.g. ?skill=python&skill=sql."),
        ({"skill": "cobol"}, "Unknown skill: cobol"),
    ],
)
def test_match_with_no_or_unknown_skills_is_a_400(api, query, message):
    response = api.get(reverse("api:match"), query)
    assert response.status_code == 400
    assert response.json()["errors"]["skill"] == [message]


def test_compare_shows_roles_side_by_side_with_shared_skills(api, guide):
    response = api.get(reverse("api:compare"), {"role": ["data-scientist", "machine-learning-engineer"]})
    body = response.json()
    assert [r["slug"] for r in body["roles"]] == ["data-scientist", "machine-learning-engineer"]
    assert "python" in {s["slug"] for s in body["shared_skills"]}


@pytest.mark.parametrize("roles", [["data-scientist"], ["data-scientist", "nope"]])
def test_compare_needs_two_known_roles(api, guide, roles):
    response = api.get(reverse("api:compare"), {"role": roles})
    assert response.status_code == 400 and "role" in response.json()["errors"]


def test_api_root_lists_every_endpoint(api):
    assert set(api.get("/api/v1/").json()) == {
        "roles",
        "skills",
        "postings",
        "companies",
        "salaries",
        "match",
        "compare",
    }


def test_schema_and_offline_docs_are_served(api):
    schema = api.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/match/" in schema.content
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    assert b"drf_spectacular_sidecar" in docs.content and b"cdn" not in docs.content.lower()


def _populate(n):
    skills = SkillFactory.create_batch(3)
    for _ in range(n):
        role = RoleFactory()
        for skill in skills:
            RoleSkillFactory(role=role, skill=skill)
        SalaryFigureFactory(role=role)
        posting = JobPostingFactory(role=role)
        PostingSkillFactory(posting=posting, skill=skills[0])
        RoleRelationFactory(from_role=role, to_role=RoleFactory())


@pytest.mark.parametrize(
    "url", ["/api/v1/roles/", "/api/v1/skills/", "/api/v1/postings/", "/api/v1/companies/", "/api/v1/salaries/"]
)
def test_list_endpoints_run_the_same_queries_for_few_or_many_rows(api, url, django_assert_num_queries, uncached):
    _populate(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert api.get(url).status_code == 200
    _populate(15)
    with django_assert_num_queries(len(few)):
        assert api.get(url).status_code == 200


def test_public_sees_no_salary_figure_of_a_draft_role_but_curators_do(api, curator):
    figure = SalaryFigureFactory(role=RoleFactory(status="draft"))
    url = reverse("api:salaryfigure-detail", args=[figure.pk])
    assert api.get(url).status_code == 404
    api.force_authenticate(curator)
    assert api.get(url).status_code == 200


def test_a_related_list_sent_as_an_object_is_refused(as_curator, guide):
    response = as_curator.patch(
        reverse("api:posting-detail", args=["google-ml-engineer"]), {"fields_of_study": {}}, format="json"
    )
    assert response.status_code == 400
    assert "fields_of_study" in response.json()["errors"]
