"""Who may read and write what through the API, on every endpoint."""

import pytest
from django.urls import reverse

from postings.models import Company, JobPosting
from roles.models import Role, SalaryFigure
from skills.models import Skill
from tests.factories import (
    CompanyFactory,
    JobPostingFactory,
    RoleFactory,
    SalaryFigureFactory,
    SkillFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def payloads():
    """A valid create body per endpoint, built from fresh factories."""
    source = SourceFactory(slug="test-source")
    role, company = RoleFactory(), CompanyFactory()
    common = {"source": source.slug, "source_passage": "It says so.", "status": "published"}
    return {
        "role": (Role, {"name": "New role", "slug": "new-role", "summary": "Does things.", **common}),
        "skill": (
            Skill,
            {"name": "New skill", "slug": "new-skill", "kind": "technical", "category": "mlops", **common},
        ),
        "company": (Company, {"name": "New company", "slug": "new-company", **common}),
        "posting": (
            JobPosting,
            {"title": "New posting", "slug": "new-posting", "company": company.slug, "role": role.slug, **common},
        ),
        "salaryfigure": (
            SalaryFigure,
            {
                "role": role.slug,
                "amount": "90000.00",
                "statistic": "median",
                "region": "EU",
                "currency": "EUR",
                **common,
            },
        ),
    }


EXISTING = {
    "role": lambda: RoleFactory().slug,
    "skill": lambda: SkillFactory().slug,
    "company": lambda: CompanyFactory().slug,
    "posting": lambda: JobPostingFactory().slug,
    "salaryfigure": lambda: SalaryFigureFactory().pk,
}
BASENAMES = list(EXISTING)


def login(api, who, curator, plain_user):
    if who == "curator":
        api.force_authenticate(curator)
    elif who == "plain":
        api.force_authenticate(plain_user)


@pytest.mark.parametrize("basename", BASENAMES)
@pytest.mark.parametrize("who", ["anonymous", "plain", "curator"])
def test_everyone_may_read_every_endpoint(api, curator, plain_user, who, basename):
    key = EXISTING[basename]()
    login(api, who, curator, plain_user)
    assert api.get(reverse(f"api:{basename}-list")).status_code == 200
    assert api.get(reverse(f"api:{basename}-detail", args=[key])).status_code == 200


@pytest.mark.parametrize("basename", BASENAMES)
@pytest.mark.parametrize("who, expected", [("anonymous", 401), ("plain", 403)])
def test_writes_without_the_permission_are_refused_and_change_nothing(
    api, curator, plain_user, who, expected, basename
):
    model, body = payloads()[basename]
    key = EXISTING[basename]()
    count = model.objects.count()
    login(api, who, curator, plain_user)
    detail = reverse(f"api:{basename}-detail", args=[key])
    responses = [
        api.post(reverse(f"api:{basename}-list"), body, format="json"),
        api.patch(detail, {"status": "draft"}, format="json"),
        api.delete(detail),
    ]
    assert [r.status_code for r in responses] == [expected] * 3
    assert responses[0].json()["code"] in {"not_authenticated", "permission_denied"}
    assert model.objects.count() == count
    assert not model.objects.filter(status="draft").exists()


@pytest.mark.parametrize("basename", BASENAMES)
def test_curator_creates_updates_and_deletes_on_every_endpoint(api, curator, reviewer, basename):
    model, body = payloads()[basename]
    # The payloads are published: publishing a posting is a reviewer's step (tests/postings/test_review.py).
    api.force_authenticate(reviewer if basename == "posting" else curator)
    created = api.post(reverse(f"api:{basename}-list"), body, format="json")
    assert created.status_code == 201, created.json()
    key = created.json().get("slug", created.json().get("id"))
    detail = reverse(f"api:{basename}-detail", args=[key])
    updated = api.patch(detail, {"status": "draft"}, format="json")
    assert updated.status_code == 200 and updated.json()["status"] == "draft"
    assert api.delete(detail).status_code == 204
    assert not model.objects.filter(**({"slug": key} if isinstance(key, str) else {"pk": key})).exists()


@pytest.mark.parametrize("basename", BASENAMES)
def test_drafts_are_hidden_from_the_public_and_shown_to_curators(api, curator, plain_user, basename):
    key = EXISTING[basename]()
    model = payloads()[basename][0]
    lookup = {"slug": key} if isinstance(key, str) else {"pk": key}
    model.objects.filter(**lookup).update(status="draft")
    detail = reverse(f"api:{basename}-detail", args=[key])
    assert api.get(detail).status_code == 404
    api.force_authenticate(plain_user)
    assert api.get(detail).status_code == 404
    api.force_authenticate(curator)
    assert api.get(detail).status_code == 200


def test_token_authentication_lets_a_program_write(api, curator):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=curator)
    _, body = payloads()["skill"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.post(reverse("api:skill-list"), body, format="json").status_code == 201


def test_a_bad_token_is_refused_with_401(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.get(reverse("api:role-list"))
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."
