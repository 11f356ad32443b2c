"""The posting pages: the filtered list of postings, a posting's page, and the company pages."""

import pytest

from tests.factories import make_postings_with_links

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, facts",
    [
        ("/postings/", ["Human-Centered AI ML Internship", "Applied Data Scientist"]),
        ("/postings/google-ml-engineer/", ["At least 8", "At least 3", "At least 2", "Bachelor&#x27;s", "Code review"]),
        ("/companies/", ["Microsoft", "Hired"]),
        ("/companies/openai/", ["ML Engineer, Moderation"]),
    ],
)
def test_pages_show_the_guides_facts(client, guide, url, facts):
    response = client.get(url)
    assert response.status_code == 200
    for fact in facts:
        assert fact in response.content.decode(), f"{fact!r} missing from {url}"


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=99999",
        "?company=nope",
        "?degree=wizard&max_years=-3",
        "?skill=nope&skill=",
        "?max_years=99999999999999999999",
    ],
)
def test_bad_posting_query_strings_give_a_clean_page_or_404(client, guide, query):
    response = client.get("/postings/" + query)
    assert response.status_code in (200, 404)
    if response.status_code == 404:
        assert "We couldn’t find that page" in response.content.decode()


def test_posting_filters_combine_and_stay_in_the_url(client, guide):
    response = client.get("/postings/", {"degree": "master", "max_years": "5"})
    html = response.content.decode()
    assert "Data Scientist</a>" in html  # Disney: bachelor's, 3 years
    assert "ML Researcher (new graduate)" not in html  # Zoom: its degree is not stated, so never matched
    assert "Applied Data Scientist" not in html  # Snap: 9 years
    assert "ML Researcher</a>" not in html  # Apple: PhD
    assert 'value="5"' in html and "Clear filters" in html


def test_unknown_filter_value_is_explained_on_the_form(client, guide):
    html = client.get("/postings/", {"company": "nope"}).content.decode()
    assert "Select a valid choice" in html


def test_filters_that_match_nothing_offer_to_clear_them(client, guide):
    html = client.get("/postings/", {"company": "microsoft"}).content.decode()
    assert "No postings match these filters" in html and 'href="/postings/">clear filters' in html


# Query counts: the same with a few rows and with many.
@pytest.mark.parametrize(
    "url",
    [
        "/postings/",
        "/companies/",
    ],
)
def test_list_pages_run_the_same_queries_for_few_or_many_rows(client, url, assert_queries_do_not_grow):
    make_postings_with_links(2)
    assert_queries_do_not_grow(lambda: client.get(url), lambda: make_postings_with_links(18))
