"""The skills endpoint (skills/api.py): search, ordering and query counts."""

import pytest
from django.urls import reverse

from tests.factories import (
    SkillFactory,
    make_roles_with_everything,
)

pytestmark = pytest.mark.django_db


def test_search_and_whitelisted_ordering(api):
    SkillFactory(name="Pandas"), SkillFactory(name="PyTorch"), SkillFactory(name="SQL")
    found = api.get(reverse("api:skill-list"), {"search": "p", "ordering": "-name"}).json()
    assert [s["name"] for s in found["results"]] == ["PyTorch", "Pandas"]
    ignored = api.get(reverse("api:skill-list"), {"ordering": "source_passage"})
    assert ignored.status_code == 200  # unknown ordering fields are ignored, as DRF documents


@pytest.mark.parametrize("url", ["/api/v1/skills/"])
def test_list_endpoints_run_the_same_queries_for_few_or_many_rows(api, url, assert_queries_do_not_grow):
    make_roles_with_everything(1)
    assert_queries_do_not_grow(lambda: api.get(url), lambda: make_roles_with_everything(15))
