"""The curators' admin with many postings: bounded change pages, constant changelist queries, autocomplete filters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CompanyFactory, JobPostingFactory, RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, curator):
    client.force_login(curator)
    return client


def test_a_roles_change_page_links_to_its_postings_instead_of_listing_them(signed_in):
    role = RoleFactory()
    JobPostingFactory.create_batch(12, role=role)
    html = signed_in.get(reverse("admin:roles_role_change", args=[role.pk])).content.decode()
    assert f'?role__id__exact={role.pk}">12 job postings</a>' in html
    assert "Posting 1" not in html


def test_the_posting_changelist_filters_by_role_and_company_through_autocomplete(signed_in):
    acme = CompanyFactory(name="Acme")
    JobPostingFactory(title="At Acme", company=acme)
    JobPostingFactory(title="Elsewhere")
    url = reverse("admin:postings_jobposting_changelist")
    html = signed_in.get(url, {"company__id__exact": acme.pk}).content.decode()
    assert "At Acme" in html and "Elsewhere" not in html
    assert 'data-model-name="jobposting"' in html and 'data-field-name="company"' in html  # select2 widget
    assert "admin/js/autocomplete.js" in html
    assert signed_in.get(url, {"company__id__exact": "nope"}).status_code == 200  # ignored, not a 500


def test_the_posting_changelist_runs_the_same_queries_for_few_or_many_rows(signed_in, django_assert_num_queries):
    url = reverse("admin:postings_jobposting_changelist")
    JobPostingFactory.create_batch(2)
    signed_in.get(url)
    with CaptureQueriesContext(connection) as few:
        assert signed_in.get(url).status_code == 200
    JobPostingFactory.create_batch(60)
    with django_assert_num_queries(len(few)):
        assert signed_in.get(url).status_code == 200


def test_a_roles_change_page_runs_the_same_queries_for_few_or_many_skills(signed_in, django_assert_num_queries):
    from tests.factories import RoleSkillFactory

    role = RoleFactory()
    url = reverse("admin:roles_role_change", args=[role.pk])
    RoleSkillFactory.create_batch(2, role=role)
    signed_in.get(url)
    with CaptureQueriesContext(connection) as few:
        assert signed_in.get(url).status_code == 200
    RoleSkillFactory.create_batch(25, role=role)
    with django_assert_num_queries(len(few)):
        html = signed_in.get(url).content.decode()
    # Each row's skill and source are shown selected, from labels read once for the whole inline.
    assert html.count('class="admin-autocomplete"') >= 2 * 27
    assert html.count(" selected>") >= 2 * 27
    # No add/change/delete/view links beside each row's related records.
    assert 'id="change_id_role_skills-0-skill"' not in html


def test_a_postings_change_page_types_its_countries_instead_of_listing_every_country(signed_in):
    from postings.models import PostingLocation

    posting = JobPostingFactory()
    for country in ["DE", "FR", "US"]:
        PostingLocation.objects.create(posting=posting, city="X", country=country)
    html = signed_in.get(reverse("admin:postings_jobposting_change", args=[posting.pk])).content.decode()
    assert 'name="locations-0-country"' in html and '<option value="DE"' not in html
    assert len(html) < 100_000
