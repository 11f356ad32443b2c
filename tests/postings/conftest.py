"""Postings that say where, how, what they pay and how to apply, for the tests of those features."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from postings.models import PostingLocation
from tests.factories import CompanyFactory, JobPostingFactory

TODAY = timezone.localdate()


def located(posting, *places):
    """Give a posting its places: ("Berlin", "Berlin", "DE") for a place of work, "FR" for a remote country."""
    for place in places:
        if isinstance(place, str):
            PostingLocation.objects.create(posting=posting, kind="remote", country=place)
        else:
            city, region, country = place
            PostingLocation.objects.create(posting=posting, city=city, region=region, country=country)
    return posting


def paid(low, high=None, currency="USD", period="year", **fields):
    """A published posting paying low–high (Decimal strings or numbers) in this currency and period."""
    return JobPostingFactory(
        pay_min=None if low is None else Decimal(str(low)),
        pay_max=None if high is None else Decimal(str(high)),
        pay_currency=currency,
        pay_period=period,
        **fields,
    )


@pytest.fixture
def full_posting(db):
    """A remote job that states everything: an office in Berlin, open to applicants in Germany and France."""
    company = CompanyFactory(name="Acme Robotics", slug="acme", website="https://acme.example.com/")
    posting = paid(
        120000,
        150000,
        title="Senior ML Engineer",
        slug="senior-ml-engineer",
        company=company,
        summary="Build the models.",
        responsibilities="Ship them.",
        requirements="Python.",
        workplace="remote",
        employment_type="full_time",
        apply_url="https://acme.example.com/jobs/1",
        posted_on=TODAY - datetime.timedelta(days=3),
        valid_through=TODAY + datetime.timedelta(days=30),
    )
    return located(posting, ("Berlin", "Berlin", "DE"), "DE", "FR")
