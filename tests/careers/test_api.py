"""The match and compare endpoints (careers/api.py): /api/v1/match/ and /api/v1/compare/."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


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


def test_match_details_the_gap_of_the_best_fitting_roles_only_so_its_size_is_bounded(api, guide):
    from careers.serializers import DETAILED_GAPS
    from skills.models import Skill
    from tests.factories import RoleFactory, RoleSkillFactory

    python = Skill.objects.get(slug="python")
    sizes = []
    for extra in (0, 40):
        for n in range(extra):
            RoleSkillFactory(role=RoleFactory(slug=f"extra-{len(sizes)}-{n}", name=f"Extra {n}"), skill=python)
        response = api.get(reverse("api:match"), {"skill": ["python", "sql"]})
        roles = response.json()["roles"]
        detailed = [role for role in roles if role["gap"] is not None]
        assert 0 < len(detailed) <= DETAILED_GAPS and all(role["ranked_by_postings"] for role in detailed)
        assert all(role["missing_technical"] is not None for role in roles)
        sizes.append(len(response.content))
    # 40 more roles add their summaries (about a kilobyte each at most), not 40 full gaps.
    assert sizes[1] - sizes[0] < 40 * 1_500, sizes
