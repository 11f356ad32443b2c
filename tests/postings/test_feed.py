"""The Atom feed of the newest live postings (postings/feeds.py), filtered as the postings page is."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from postings import feeds
from tests.factories import JobPostingFactory
from tests.postings.conftest import TODAY, paid

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, **query):
    response = client.get(reverse("postings:feed"), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)  # Well-formed XML, or this raises.
    assert feed.tag == f"{ATOM}feed"
    return feed, feed.findall(f"{ATOM}entry")


def test_the_feed_is_atom_with_the_newest_live_postings_first(client, full_posting):
    JobPostingFactory(title="Older", company=full_posting.company, posted_on=TODAY - datetime.timedelta(days=10))
    JobPostingFactory(
        title="Expired", posted_on=TODAY - datetime.timedelta(days=90), valid_through=TODAY - datetime.timedelta(days=1)
    )
    JobPostingFactory(title="Draft", status="draft")
    feed, items = entries(client)
    assert feed.findtext(f"{ATOM}title") and feed.findtext(f"{ATOM}updated") and feed.findtext(f"{ATOM}id")
    titles = [item.findtext(f"{ATOM}title") for item in items]
    assert titles == ["Senior ML Engineer at Acme Robotics", "Older at Acme Robotics"]
    first = items[0]
    assert first.find(f"{ATOM}link").get("href") == "http://testserver/postings/senior-ml-engineer/"
    assert first.findtext(f"{ATOM}published").startswith(full_posting.posted_on.isoformat())
    assert "120,000–150,000 USD per year" in first.findtext(f"{ATOM}summary")
    assert first.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Acme Robotics"


def test_the_feed_takes_the_postings_filters(client):
    paid(150000, None, slug="rich", title="Rich")
    paid(50000, None, slug="modest", title="Modest")
    _, items = entries(client, pay_min_at_least="100000", pay_currency="USD", pay_period="year")
    assert [item.findtext(f"{ATOM}title").split(" at ")[0] for item in items] == ["Rich"]
    feed, _ = entries(client, workplace="remote")
    alternate = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "alternate"][0]
    assert alternate.get("href").endswith("/postings/?workplace=remote")


def test_the_feed_is_bounded(client, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_SIZE", 3)
    JobPostingFactory.create_batch(5)
    assert len(entries(client)[1]) == 3


def test_an_empty_feed_is_still_valid_atom(client):
    feed, items = entries(client, country="DE")
    assert items == [] and feed.findtext(f"{ATOM}updated")


def test_the_feed_runs_the_same_queries_for_few_or_many_postings(client, django_assert_num_queries, uncached):
    JobPostingFactory()
    with CaptureQueriesContext(connection) as few:
        entries(client, workplace="on_site")
    JobPostingFactory.create_batch(10, workplace="on_site")
    with django_assert_num_queries(len(few)):
        entries(client, workplace="on_site")
