"""A posting's page: where, workplace, type, pay and the Apply button first; its queries are fixed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import JobPostingFactory
from tests.postings.conftest import TODAY, located

pytestmark = pytest.mark.django_db


def at_a_glance(html):
    start = html.index('<section class="at-a-glance"')
    return html[start : html.index("</section>", start)]


def test_the_top_of_the_page_says_where_how_what_it_pays_and_how_to_apply(client, full_posting):
    html = client.get(full_posting.get_absolute_url()).content.decode()
    glance = at_a_glance(html)
    assert html.index("at-a-glance") < html.index("<h2>Requirements</h2>")
    for fact in ["Berlin, Berlin, Germany", "Remote", "open to applicants in Germany, France", "Full-time"]:
        assert fact in glance, fact
    assert "120,000–150,000 USD per year" in glance
    assert 'class="button apply" href="https://acme.example.com/jobs/1"' in glance


def test_an_email_application_gets_a_mailto_button(client):
    posting = JobPostingFactory(apply_email="jobs@example.org")
    assert 'href="mailto:jobs@example.org"' in at_a_glance(client.get(posting.get_absolute_url()).content.decode())


def test_an_expired_posting_offers_no_apply_button(client, full_posting):
    full_posting.posted_on = TODAY - datetime.timedelta(days=60)
    full_posting.valid_through = TODAY - datetime.timedelta(days=1)
    full_posting.save()
    html = client.get(full_posting.get_absolute_url()).content.decode()
    assert "has expired" in html and "button apply" not in html


def test_a_posting_that_states_none_of_it_shows_no_empty_box(client, guide):
    html = client.get("/postings/google-ml-engineer/").content.decode()
    assert "at-a-glance" not in html and "Apply" not in html


def test_the_page_runs_the_same_queries_with_one_or_many_locations(client, django_assert_num_queries, uncached):
    posting = located(JobPostingFactory(workplace="remote"), ("Berlin", "", "DE"), "FR")
    with CaptureQueriesContext(connection) as few:
        assert client.get(posting.get_absolute_url()).status_code == 200
    located(posting, ("Paris", "", "FR"), ("Lyon", "", "FR"), "DE", "ES", "PT")
    with django_assert_num_queries(len(few)):
        assert client.get(posting.get_absolute_url()).status_code == 200
