"""The posting pages: the filtered list of postings, a posting's page, and the company pages."""

import re

import pytest

from tests.factories import JobPostingFactory, make_postings_with_links

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


def test_each_active_filter_is_a_chip_whose_link_drops_only_it(client, guide):
    html = client.get(
        "/postings/", {"role": "data-scientist", "workplace": "remote", "skill": ["python", "sql"]}
    ).content.decode()
    chips = html[html.index('aria-label="Active filters"') : html.index('class="listing"')]
    assert 'href="/postings/?workplace=remote&amp;skill=python&amp;skill=sql">Role: Data Scientist' in chips
    assert 'href="/postings/?role=data-scientist&amp;skill=python&amp;skill=sql">Workplace: Remote' in chips
    assert 'href="/postings/?role=data-scientist&amp;workplace=remote&amp;skill=sql">Skill: Python' in chips
    assert chips.count('class="chip"') == 4


def test_an_unfiltered_list_shows_no_chips_and_the_results_come_before_the_form(client, guide):
    html = client.get("/postings/").content.decode()
    assert 'aria-label="Active filters"' not in html
    assert (
        '<details class="filter-panel"' in html and '<details class="filter-panel" data-filter-panel open' not in html
    )
    assert "0 postings" not in html and "the guide gives no figure" not in html


def test_a_posting_card_shows_place_pay_date_and_apply(client):
    from tests.postings.conftest import TODAY, located

    posting = located(
        JobPostingFactory(
            title="Card Check",
            posted_on=TODAY,
            pay_min=100000,
            pay_max=120000,
            pay_currency="EUR",
            pay_period="year",
            apply_url="https://example.com/apply",
        ),
        ("Berlin", "", "DE"),
    )
    html = client.get("/postings/").content.decode()
    card = html[
        html.index("Card Check") : html.index("</li>", html.index('class="posting-side"', html.index("Card Check")))
    ]
    assert "Berlin" in card and "100,000–120,000 EUR per year" in card
    assert f'Posted <time datetime="{posting.posted_on:%Y-%m-%d}"' in card
    assert 'class="button small apply" href="https://example.com/apply"' in card


def test_a_posting_page_lists_its_requirements_as_a_list(client, guide):
    html = client.get("/postings/google-ml-engineer/").content.decode()
    assert '<ul class="bullets"><li>A Bachelor&#x27;s degree or equivalent practical experience.</li>' in html
    assert "<br>- " not in html
    assert html.count("<details") == 1  # one quiet sources note, not a toggle per skill


def test_company_initials_stand_in_for_logos_on_cards_and_pages(client, guide):
    assert '<span class="initials tone-' in client.get("/postings/").content.decode()
    companies = client.get("/companies/").content.decode()
    badge = r'<span class="initials tone-\d" aria-hidden="true">O</span>'
    assert re.search(badge + r'<a href="/companies/openai/">', companies)
    page = client.get("/companies/openai/").content.decode()
    assert re.search(r'<h1 class="company-heading">' + badge + "OpenAI</h1>", page)
