"""The admin's "New posting from text": read, correct, create a draft that goes through review like any other."""

import pytest
from django.contrib.auth.models import Permission

from core.publishing import PublicationStatus
from postings.models import Degree, FieldOfStudy, JobPosting, ReviewState
from tests.factories import CompanyFactory, RoleFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/postings/jobposting/from-text/"
TEXT = (
    "Senior ML Engineer\n"
    "Requirements:\n"
    "- A BSc in Computer Science or Mathematics, or equivalent experience.\n"
    "- 5+ years of Python.\n"
    "- Experience with PyTorch.\n"
    "Nice to have:\n"
    "- SQL.\n"
)


@pytest.fixture
def basics(skills):
    FieldOfStudy.objects.create(name="Computer Science", slug="computer-science")
    FieldOfStudy.objects.create(name="Mathematics", slug="mathematics")
    return {
        "text": TEXT,
        "title": "Senior ML Engineer",
        "company": CompanyFactory(slug="acme", name="Acme").pk,
        "role": RoleFactory(slug="mle", name="ML Engineer").pk,
        "source": SourceFactory(slug="acme-careers", title="Acme careers").pk,
    }


def test_the_postings_list_offers_it(client, curator):
    client.force_login(curator)
    page = client.get("/admin/postings/jobposting/").content.decode()
    assert f'href="{URL}"' in page and "New posting from text" in page


def test_reading_shows_each_fact_with_the_words_it_came_from(client, curator, basics):
    client.force_login(curator)
    response = client.post(URL, {**basics, "read": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="skill__python"' in page and 'name="skill__pytorch"' in page
    form = response.context["form"]
    assert form["skill__python"].value() == "essential" and form["skill__sql"].value() == "optional"
    assert form["min_degree"].value() == Degree.BACHELOR and form["min_years_experience"].value() == 5
    assert form["accepts_equivalent_experience"].value() is True
    assert set(form["fields_of_study"].value()) == set(
        FieldOfStudy.objects.filter(slug__in=["computer-science", "mathematics"]).values_list("pk", flat=True)
    )
    assert "read from “BSc”" in page and "<mark" in page


def test_creating_makes_a_draft_with_the_corrections_and_sources(client, curator, basics):
    client.force_login(curator)
    answer = client.post(
        URL,
        {
            **basics,
            "create": "1",
            "skill__python": "essential",
            "skill__pytorch": "optional",  # corrected
            "skill__sql": "",  # left out
            "min_degree": "",  # not stated, on purpose
            "min_years_experience": "5",
            "fields_of_study": [FieldOfStudy.objects.get(slug="mathematics").pk],
        },
    )
    posting = JobPosting.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/admin/postings/jobposting/{posting.pk}/change/"
    assert posting.status == PublicationStatus.DRAFT and posting.review_state == ReviewState.NOT_SUBMITTED
    assert posting.min_degree is None and posting.min_years_experience == 5
    assert posting.requirements == TEXT and posting.source_passage == TEXT
    assert [field.slug for field in posting.fields_of_study.all()] == ["mathematics"]
    skills = {link.skill.slug: link for link in posting.posting_skills.select_related("skill")}
    assert {slug: link.importance for slug, link in skills.items()} == {"python": "essential", "pytorch": "optional"}
    assert skills["pytorch"].source_passage == "- Experience with PyTorch."
    assert posting.history.count() == 1


def test_a_bad_value_is_a_field_error_and_creates_nothing(client, curator, basics):
    client.force_login(curator)
    bad = {"create": "1", "skill__python": "vital", "min_degree": "", "accepts_equivalent_experience": "on"}
    response = client.post(URL, {**basics, **bad})
    assert response.status_code == 200 and not JobPosting.objects.exists()
    errors = response.context["form"].errors
    assert "skill__python" in errors and "accepts_equivalent_experience" in errors


def test_missing_basics_are_named_before_anything_is_read(client, curator, skills):
    client.force_login(curator)
    response = client.post(URL, {"text": TEXT, "read": "1"})
    assert response.status_code == 200 and response.context["extraction"] is None
    assert {"title", "company", "role", "source"} <= set(response.context["form"].errors)


def test_only_who_may_add_postings_may_use_it(client, basics):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="add_jobposting"))
    assert client.get(URL).status_code == 200
    client.logout()
    assert client.get(URL).status_code == 302  # to the admin's login


def test_the_import_button_is_still_offered_beside_it(client, curator):
    client.force_login(curator)
    page = client.get("/admin/postings/jobposting/").content.decode()
    assert "href='/admin/postings/jobposting/import/'" in page
