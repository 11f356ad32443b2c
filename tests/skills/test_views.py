"""The skill pages: the list of skills and a skill's page."""

import pytest

from tests.factories import make_postings_with_links

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, facts",
    [
        ("/skills/", ["Programming language", "MLOps", "Soft skill", "Causal inference"]),
        ("/skills/speech-recognition/", ["Machine Learning Researcher", "ML Researcher (new graduate)"]),
    ],
)
def test_pages_show_the_guides_facts(client, guide, url, facts):
    response = client.get(url)
    assert response.status_code == 200
    for fact in facts:
        assert fact in response.content.decode(), f"{fact!r} missing from {url}"


# Query counts: the same with a few rows and with many.
@pytest.mark.parametrize(
    "url",
    [
        "/skills/",
    ],
)
def test_list_pages_run_the_same_queries_for_few_or_many_rows(client, url, assert_queries_do_not_grow):
    make_postings_with_links(2)
    assert_queries_do_not_grow(lambda: client.get(url), lambda: make_postings_with_links(18))
