"""The postings and companies endpoints (postings/api.py): filters, a posting's requirements, query counts."""

import pytest
from django.urls import reverse

from tests.factories import (
    JobPostingFactory,
    PostingSkillFactory,
    SkillFactory,
    make_roles_with_everything,
)

pytestmark = pytest.mark.django_db


def test_posting_filters_are_the_sites_and_combine(api):
    python = SkillFactory(slug="python")
    master = JobPostingFactory(min_degree=2, min_years_experience=3, seniority="experienced")
    PostingSkillFactory(posting=master, skill=python)
    JobPostingFactory(min_degree=3)
    JobPostingFactory(min_degree=1, min_years_experience=9)
    response = api.get(reverse("api:posting-list"), {"degree": "master", "max_years": 5, "skill": "python"})
    assert [p["slug"] for p in response.json()["results"]] == [master.slug]


# A blank value means "no filter", and an unknown company matches nothing (tests/api_contract/test_parameters.py).
@pytest.mark.parametrize("query", [{"degree": "wizard"}, {"max_years": "-1"}, {"pay_min_at_least": "5"}])
def test_bad_filter_values_get_a_400(api, query):
    response = api.get(reverse("api:posting-list"), query)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == list(query)


def test_posting_carries_its_structured_requirements(api, guide):
    posting = api.get(reverse("api:posting-detail", args=["google-ml-engineer"])).json()
    assert (
        posting["min_degree"],
        posting["min_years_experience"],
        posting["min_years_leadership"],
        posting["min_years_management"],
    ) == ("bachelor", 8, 3, 2)
    assert posting["company_detail"] == {"slug": "google", "name": "Google"}


@pytest.mark.parametrize("url", ["/api/v1/postings/", "/api/v1/companies/"])
def test_list_endpoints_run_the_same_queries_for_few_or_many_rows(api, url, assert_queries_do_not_grow):
    make_roles_with_everything(1)
    assert_queries_do_not_grow(lambda: api.get(url), lambda: make_roles_with_everything(15))
