"""/api/v1/paths/ and /api/v1/plan/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from paths.models import Path
from tests.factories import (
    JobPostingFactory,
    PathFactory,
    PathStepFactory,
    PostingSkillFactory,
    ResourceFactory,
    RoleFactory,
    RoleSkillFactory,
    SkillFactory,
    StepSkillFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def path():
    path = PathFactory(slug="into-ml", target_role=RoleFactory(slug="mle"))
    step = PathStepFactory(path=path, order=1, slug="learn", min_degree=1, accepts_courses_or_certification=True)
    skill = SkillFactory(slug="python")
    StepSkillFactory(step=step, skill=skill)
    ResourceFactory(slug="questions").steps.add(step)
    PostingSkillFactory(posting=JobPostingFactory(role=path.target_role, min_degree=0), skill=skill)
    return path


def test_list_and_detail_by_slug(api, path):
    PathFactory(status="draft")
    rows = api.get("/api/v1/paths/").json()["results"]
    assert [row["slug"] for row in rows] == ["into-ml"]
    detail = api.get("/api/v1/paths/into-ml/").json()
    step = detail["steps"][0]
    assert (step["order"], step["skills"][0]["slug"], step["resources"][0]["slug"]) == (1, "python", "questions")
    assert step["education"]["min_degree"] == "bachelor"
    assert detail["plan_url"].endswith("/api/v1/plan/?to=mle")


def test_curators_see_draft_paths_and_steps(api, curator, path):
    PathStepFactory(path=path, order=2, status="draft")
    PathFactory(slug="draft", status="draft")
    assert api.get("/api/v1/paths/draft/").status_code == 404
    api.force_authenticate(curator)
    assert api.get("/api/v1/paths/draft/").status_code == 200
    assert len(api.get("/api/v1/paths/into-ml/").json()["steps"]) == 2


def test_writes_need_the_model_permission(api, curator, plain_user, path):
    body = {
        "slug": "new-path",
        "name": "New path",
        "target_role": "mle",
        "summary": "Another way in.",
        "status": "draft",
        "source": path.source.slug,
        "source_passage": "It says so.",
    }
    assert api.post("/api/v1/paths/", body, format="json").status_code in (401, 403)
    api.force_authenticate(plain_user)
    assert api.post("/api/v1/paths/", body, format="json").status_code == 403
    api.force_authenticate(curator)
    response = api.post("/api/v1/paths/", body, format="json")
    assert response.status_code == 201, response.json()
    assert Path.objects.filter(slug="new-path", status="draft").exists()
    blank = api.patch("/api/v1/paths/new-path/", {"summary": ""}, format="json")
    assert blank.status_code == 400 and "summary" in blank.json()["errors"]


def test_the_plan_as_json(api, path):
    SkillFactory(slug="sql")
    plan = api.get("/api/v1/plan/?to=mle&have=python&degree=none&learning=sql").json()
    gap = plan["gap"]
    assert gap["path"] == {"slug": "into-ml", "name": path.name}
    assert gap["postings_now"] == 1 and plan["degree"] == "none"
    assert plan["progress"] == {"done": [], "learning": ["sql"], "skipped": []}
    step = gap["steps"][0]
    assert [(skill["slug"], skill["known"]) for skill in step["skills"]] == [("python", True)]
    assert step["education"]["standing"] == "alternative" and step["complete"] is False
    assert plan["share_url"].endswith("/plan/?to=mle&have=python&degree=none&learning=sql")


@pytest.mark.parametrize(
    "query, field",
    [
        ("to=nobody", "to"),
        ("from=nobody", "from"),
        ("have=cobol", "have"),
        ("degree=diploma", "degree"),
        ("done=cobol", "done"),
        ("skipped=cobol", "skipped"),
        ("have=", "have"),
        ("have=" + "x" * 121, "have"),
        ("to=" + "x" * 121, "to"),
        ("&".join(["done=sql"] * 101), "done"),
    ],
)
def test_bad_plan_parameters_are_refused_with_field_errors(api, path, query, field):
    response = api.get(f"/api/v1/plan/?{query}")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_role_with_no_path_is_planned_from_its_skills(api, path):
    RoleSkillFactory(role=RoleFactory(slug="pathless"), skill=SkillFactory(slug="cobol"))
    gap = api.get("/api/v1/plan/?to=pathless").json()["gap"]
    assert gap["path"] is None
    assert [[skill["slug"] for skill in step["skills"]] for step in gap["steps"]] == [["cobol"]]


def test_the_schema_declares_every_plan_parameter_with_its_constraints(api):
    schema = api.get("/api/schema/?format=json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/plan/"]["get"]["parameters"]}
    assert set(parameters) >= {"from", "to", "have", "degree", "done", "learning", "skipped"}
    assert set(parameters["degree"]["schema"]["enum"]) == {"none", "bachelor", "master", "phd"}
    assert parameters["have"]["schema"]["type"] == "array"
    assert parameters["done"]["schema"]["items"]["type"] == "string"
    assert "/api/v1/paths/{slug}/" in schema["paths"]


def grow(path, n):
    for _ in range(n):
        other = PathFactory()
        for order in (1, 2):
            StepSkillFactory(step=PathStepFactory(path=other, order=order), skill=SkillFactory())
        PostingSkillFactory(posting=JobPostingFactory(role=path.target_role), skill=SkillFactory())


@pytest.mark.parametrize(
    "url", ["/api/v1/paths/", "/api/v1/paths/into-ml/", "/api/v1/plan/?to=mle&have=python&degree=phd&done=python"]
)
def test_endpoints_run_the_same_queries_for_few_or_many_rows(api, path, url, django_assert_num_queries, uncached):
    with CaptureQueriesContext(connection) as few:
        assert api.get(url).status_code == 200
    grow(path, 12)
    with django_assert_num_queries(len(few)):
        assert api.get(url).status_code == 200
