"""Search: every word of the query must match, on PostgreSQL (full text) and SQLite (substrings)."""

import pytest
from django.db import connection

from careers.search import search
from tests.factories import CompanyFactory, JobPostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def postings():
    JobPostingFactory(title="Data engineer in New York", summary="Pipelines for the newsroom.")
    JobPostingFactory(title="ML engineer", summary="Work from York, England.")
    JobPostingFactory(
        title="Python developer", summary="Backend services.", company=CompanyFactory(name="Acme Robotics")
    )


def test_every_word_of_the_query_is_required(postings):
    assert [p.title for p in search("new york").postings] == ["Data engineer in New York"]
    assert {p.title for p in search("york").postings} == {"Data engineer in New York", "ML engineer"}
    assert search("york python").postings == []


def test_company_names_are_searched_with_the_posting(postings):
    assert [p.title for p in search("acme python").postings] == ["Python developer"]


def test_a_title_match_ranks_above_a_text_match():
    JobPostingFactory(title="Analyst", summary="You will use Python every day.")
    JobPostingFactory(title="Python engineer", summary="Services.")
    titles = [p.title for p in search("python").postings]
    assert (
        titles[0] == "Python engineer"
        if connection.vendor == "postgresql"
        else set(titles) == {"Analyst", "Python engineer"}
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored tsvector exists on PostgreSQL only")
def test_the_search_document_follows_every_write():
    company = CompanyFactory(name="Initech")
    posting = JobPostingFactory(title="Engineer", company=company)
    assert [p.pk for p in search("initech").postings] == [posting.pk]
    company.name = "Globex"
    company.save()
    assert search("initech").postings == [] and [p.pk for p in search("globex").postings] == [posting.pk]
    JobPosting = type(posting)
    JobPosting.objects.filter(pk=posting.pk).update(summary="Kubernetes wrangling")
    assert [p.pk for p in search("kubernetes").postings] == [posting.pk]
