"""
What every API endpoint shares (core/api/): the error shape, JSON-only writes, a JSON 404 for unknown
paths, pagination and its edges, and strict fields that refuse a value of the wrong type.
"""

import pytest
from django.urls import reverse

from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def test_form_encoded_writes_are_refused(as_curator):
    response = as_curator.post(reverse("api:skill-list"), {"name": "x"})
    assert response.status_code == 415


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


def test_page_size_is_bounded_and_pages_link_to_each_other(api):
    SkillFactory.create_batch(105)
    assert api.get(reverse("api:skill-list"), {"page_size": 101}).status_code == 400  # the schema says 1-100
    full = api.get(reverse("api:skill-list"), {"page_size": 100}).json()
    assert (full["count"], len(full["results"])) == (105, 100)
    assert full["next"].endswith("page=2&page_size=100") and full["previous"] is None


def test_unknown_api_paths_answer_json_404(api):
    response = api.get("/api/v1/salaries/not-a-number/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_related_list_sent_as_an_object_is_refused(as_curator, guide):
    response = as_curator.patch(
        reverse("api:posting-detail", args=["google-ml-engineer"]), {"fields_of_study": {}}, format="json"
    )
    assert response.status_code == 400
    assert "fields_of_study" in response.json()["errors"]
