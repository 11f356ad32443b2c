"""GET /api/v1/roles/<slug>/skill-demand/: the figures, the 404s, the cache and the schema."""

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from core.publishing import PublicationStatus
from demand.refresh import refresh_all
from tests.demand.conftest import month, posting
from tests.factories import RoleFactory, SkillFactory

pytestmark = pytest.mark.django_db
PATH = "/api/v1/roles/{}/skill-demand/"


def test_the_path_is_the_documented_one():
    assert reverse("api:role-skill-demand", args=["x"]) == PATH.format("x")


def test_it_gives_the_ranking_the_rule_and_the_trend(api, world):
    body = api.get(PATH.format("target")).json()
    assert body["role"]["slug"] == "target" and body["role"]["url"].endswith("/api/v1/roles/target/")
    assert body["live_postings"] == 5 and body["computed_at"]
    assert body["in_demand_rule"] == {"percent": 25, "min_postings": 3}
    a = body["skills"][0]
    assert (a["slug"], a["postings"], a["essential"], a["optional"], a["in_demand"]) == ("a", 3, 2, 1, True)
    assert (a["share"], round(a["essential_share"], 6), round(a["optional_share"], 6)) == (0.6, 0.4, 0.2)
    assert [s["slug"] for s in body["skills"]] == ["a", "b", "c"]
    assert len(body["months"]) == 24 and body["months"][-1] == {"month": month(0).isoformat(), "postings": 2}
    trend_a = body["trend"][0]
    assert trend_a["slug"] == "a"
    assert trend_a["months"][-1] == {"month": month(0).isoformat(), "postings": 2, "share": 1.0}
    assert trend_a["months"][0]["share"] is None


@pytest.mark.parametrize("slug", ["no-such-role", "draft-role"])
def test_unknown_and_draft_roles_are_a_json_404_for_anonymous_clients(api, db, slug):
    RoleFactory(slug="draft-role", status=PublicationStatus.DRAFT)
    response = api.get(PATH.format(slug))
    assert response.status_code == 404
    assert response.json() | {"detail": ""} == {"status": 404, "code": "not_found", "detail": "", "errors": {}}


def test_a_curator_sees_a_draft_roles_figures(as_curator, db):
    RoleFactory(slug="draft-role", status=PublicationStatus.DRAFT)
    assert as_curator.get(PATH.format("draft-role")).status_code == 200


def test_anonymous_reads_come_from_the_cache(api, world, django_assert_num_queries):
    first = api.get(PATH.format("target"))
    with django_assert_num_queries(0):
        second = api.get(PATH.format("target"))
    assert second.content == first.content


def test_it_runs_the_same_queries_for_few_or_many_rows(api, world, assert_queries_do_not_grow):
    def grow():
        for i in range(6):
            posting(world["role"], [(world["a"], "essential"), (SkillFactory(), "optional")], posted_on=month(-i))
        refresh_all()

    assert_queries_do_not_grow(lambda: api.get(PATH.format("target")), grow)


def test_the_schema_declares_it_without_warnings():
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/roles/{slug}/skill-demand/"]["get"]
    assert {"200", "404"} <= operation["responses"].keys()
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert {"role", "live_postings", "computed_at", "in_demand_rule", "skills", "months", "trend"} <= set(
        schema["components"]["schemas"][body]["properties"]
    )
    ours = [m for m in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache] if "demand" in m.lower()]
    assert not ours
