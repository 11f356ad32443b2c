"""
The postings filters (postings/filters.py) for place, workplace, terms, pay, age and order: the same on
the page and in the API, bounded, and served by indexes. Runs on SQLite and, with DATABASE_URL, PostgreSQL.
"""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from postings.filters import JobPostingFilter
from postings.models import JobPosting
from tests.factories import JobPostingFactory
from tests.postings.conftest import TODAY, located, paid

pytestmark = pytest.mark.django_db


def api_slugs(api, **query):
    response = api.get(reverse("api:posting-list"), query)
    assert response.status_code == 200, response.json()
    return [posting["slug"] for posting in response.json()["results"]]


def page_slugs(client, **query):
    # Followed: a parameter at its default (order=newest) is dropped from the address by a redirect.
    response = client.get(reverse("postings:list"), query, follow=True)
    assert response.status_code == 200
    return [posting.slug for posting in response.context["object_list"]]


def same_on_page_and_api(client, api, **query):
    """The filtered slugs, after checking that the page and the API agree on them (and on their order)."""
    slugs = api_slugs(api, **query)
    assert page_slugs(client, **query) == slugs
    return slugs


def test_workplace_and_employment_type(client, api):
    JobPostingFactory(slug="remote", workplace="remote", employment_type="contract")
    JobPostingFactory(slug="office", workplace="on_site", employment_type="full_time")
    JobPostingFactory(slug="unstated")
    assert same_on_page_and_api(client, api, workplace="remote") == ["remote"]
    assert same_on_page_and_api(client, api, employment_type="full_time") == ["office"]
    assert same_on_page_and_api(client, api, workplace="remote", employment_type="full_time") == []


def test_country_finds_places_of_work_there_and_remote_jobs_open_to_it(client, api):
    located(JobPostingFactory(slug="berlin"), ("Berlin", "Berlin", "DE"))
    located(JobPostingFactory(slug="remote-eu", workplace="remote"), "DE", "FR")
    located(JobPostingFactory(slug="paris"), ("Paris", "Île-de-France", "FR"), ("Lyon", "", "FR"))
    JobPostingFactory(slug="nowhere")
    assert sorted(same_on_page_and_api(client, api, country="DE")) == ["berlin", "remote-eu"]
    # A posting with two places in the country is listed once.
    assert sorted(same_on_page_and_api(client, api, country="FR")) == ["paris", "remote-eu"]


def test_city_matches_in_any_case_alone_or_with_its_country(client, api):
    located(JobPostingFactory(slug="paris-fr"), ("Paris", "", "FR"))
    located(JobPostingFactory(slug="paris-us"), ("Paris", "Texas", "US"))
    located(JobPostingFactory(slug="lyon"), ("Lyon", "", "FR"))
    assert sorted(same_on_page_and_api(client, api, city="PARIS")) == ["paris-fr", "paris-us"]
    assert same_on_page_and_api(client, api, city="paris", country="US") == ["paris-us"]
    assert same_on_page_and_api(client, api, city="Lyon", country="US") == []


def test_pays_at_least_compares_within_one_currency_and_period(client, api):
    paid(120000, 150000, slug="usd-120")
    paid(90000, 130000, slug="usd-90")  # Could pay 100,000 but does not say it pays at least that.
    paid(None, 200000, slug="usd-up-to-200")  # Only an upper figure: not "at least".
    paid(150000, 160000, currency="EUR", slug="eur-150")
    paid(100, 120, period="hour", slug="usd-hourly")
    JobPostingFactory(slug="no-pay")
    query = {"pay_min_at_least": "100000", "pay_currency": "USD", "pay_period": "year"}
    assert same_on_page_and_api(client, api, **query) == ["usd-120"]
    assert sorted(same_on_page_and_api(client, api, pay_currency="USD", pay_period="hour")) == ["usd-hourly"]


def test_pays_at_least_without_currency_and_period_is_explained(client, api):
    response = api.get(reverse("api:posting-list"), {"pay_min_at_least": "1000"})
    assert response.status_code == 400
    assert "currency" in response.json()["errors"]["pay_min_at_least"][0]
    html = client.get(reverse("postings:list"), {"pay_min_at_least": "1000"}).content.decode()
    assert "Choose a currency and a period too" in html


def test_order_by_highest_pay_within_a_currency_and_period(client, api):
    paid(100000, 110000, slug="low", posted_on=TODAY)
    paid(150000, None, slug="from-150", posted_on=TODAY - datetime.timedelta(days=9))
    paid(None, 180000, slug="up-to-180", posted_on=TODAY - datetime.timedelta(days=5))
    paid(500000, 600000, currency="SEK", slug="sek")
    query = {"order": "pay", "pay_currency": "USD", "pay_period": "year"}
    assert same_on_page_and_api(client, api, **query) == ["up-to-180", "from-150", "low"]
    assert same_on_page_and_api(client, api, order="newest", pay_currency="USD", pay_period="year") == [
        "low",
        "up-to-180",
        "from-150",
    ]
    response = api.get(reverse("api:posting-list"), {"order": "pay"})
    assert response.status_code == 400 and "order" in response.json()["errors"]


def test_posted_within_days(client, api):
    JobPostingFactory(slug="today", posted_on=TODAY)
    JobPostingFactory(slug="last-week", posted_on=TODAY - datetime.timedelta(days=7))
    JobPostingFactory(slug="last-year", posted_on=TODAY - datetime.timedelta(days=300))
    JobPostingFactory(slug="undated")
    assert same_on_page_and_api(client, api, posted_within=7) == ["today", "last-week"]
    assert same_on_page_and_api(client, api, posted_within=1) == ["today"]


@pytest.mark.parametrize(
    "query",
    [
        {"posted_within": "0"},
        {"posted_within": "731"},
        {"posted_within": "2.5"},
        {"pay_min_at_least": "-1", "pay_currency": "USD", "pay_period": "year"},
        {"pay_min_at_least": "NaN", "pay_currency": "USD", "pay_period": "year"},
        {"country": "XX"},
        {"city": "x" * 101},
        {"workplace": "moon"},
        {"employment_type": "gig"},
        {"pay_currency": "XXX"},
        {"pay_period": "fortnight"},
        {"order": "oldest"},
    ],
)
def test_out_of_bounds_values_are_a_400_in_the_api_and_explained_on_the_page(client, api, query):
    response = api.get(reverse("api:posting-list"), query)
    assert response.status_code == 400
    assert set(response.json()["errors"]) & set(query)
    page = client.get(reverse("postings:list"), query)
    assert page.status_code == 200 and 'class="errorlist' in page.content.decode()


def test_the_schema_states_every_filters_bounds_and_choices(api):
    schema = json.loads(api.get("/api/schema/", {"format": "json"}).content)
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/postings/"]["get"]["parameters"]}
    assert parameters["posted_within"] | {} == {"type": "integer", "minimum": 1, "maximum": 730}
    assert parameters["pay_min_at_least"]["minimum"] == 0 and parameters["pay_min_at_least"]["maximum"] > 10**9
    assert parameters["max_years"] == {"type": "integer", "minimum": 0, "maximum": 100}
    assert parameters["city"]["maxLength"] == 100
    assert set(parameters["workplace"]["enum"]) == {"on_site", "hybrid", "remote"}
    assert set(parameters["employment_type"]["enum"]) == {
        "full_time",
        "part_time",
        "contract",
        "internship",
        "temporary",
    }
    assert set(parameters["order"]["enum"]) == {"newest", "pay"}
    assert "DE" in parameters["country"]["enum"] and len(parameters["country"]["enum"]) == 249
    assert "EUR" in parameters["pay_currency"]["enum"] and set(parameters["pay_period"]["enum"]) == {
        "year",
        "month",
        "hour",
    }


def test_the_filters_run_the_same_queries_for_few_or_many_postings(client, api, django_assert_num_queries, uncached):
    query = {"country": "DE", "city": "berlin", "workplace": "on_site", "posted_within": "30"}
    query |= {"pay_min_at_least": "1", "pay_currency": "EUR", "pay_period": "year", "order": "pay"}
    requests = {
        "api": lambda: api.get(reverse("api:posting-list"), query),
        "page": lambda: client.get(reverse("postings:list"), query),
    }

    def add(count):
        for _ in range(count):
            located(paid(50000, 60000, currency="EUR", workplace="on_site", posted_on=TODAY), ("Berlin", "", "DE"))

    add(1)
    few = {}
    for name, get in requests.items():
        with CaptureQueriesContext(connection) as queries:
            assert get().status_code == 200
        few[name] = len(queries)
    add(15)
    for name, get in requests.items():
        with django_assert_num_queries(few[name]):
            assert get().status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="index choice is PostgreSQL's planner's")
@pytest.mark.parametrize(
    "query, index",
    [
        ({"workplace": "remote"}, "posting_workplace_newest"),
        ({"employment_type": "contract"}, "posting_employment_newest"),
        ({"pay_currency": "USD", "pay_period": "year"}, "posting_pay_newest"),
        ({"pay_currency": "USD", "pay_period": "year", "order": "pay"}, "posting_pay_highest"),
        ({"country": "DE"}, "postinglocation_country"),
        ({"city": "Berlin"}, "postinglocation_city"),
        ({"posted_within": "7"}, "posting_published_newest"),
    ],
)
def test_each_filter_can_be_answered_from_its_index(query, index):
    """With sequential scans priced out, the plan shows the index each filter was given for."""
    queryset = JobPostingFilter(query, queryset=JobPosting.objects.live().newest_first()).qs[:20]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert index in plan, plan
