"""Where, terms, pay and how to apply: the rules the model and the database both enforce."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from postings.models import JobPosting, PostingLocation
from tests.factories import JobPostingFactory
from tests.postings.conftest import paid

pytestmark = pytest.mark.django_db


def refused_by_database(posting, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPosting.objects.filter(pk=posting.pk).update(**fields)


def test_a_pay_range_whose_minimum_is_above_its_maximum_is_refused_by_validation_and_database():
    posting = paid(100, 200)
    posting.pay_min = Decimal("300")
    with pytest.raises(ValidationError) as error:
        posting.full_clean()
    assert error.value.message_dict["pay_max"] == ["The highest pay cannot be below the lowest."]
    refused_by_database(posting, pay_min=Decimal("300"))


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"pay_currency": ""}, "pay_currency"),
        ({"pay_period": ""}, "pay_period"),
    ],
)
def test_a_pay_figure_needs_its_currency_and_period(fields, field):
    posting = paid(100, 200)
    for name, value in fields.items():
        setattr(posting, name, value)
    with pytest.raises(ValidationError) as error:
        posting.full_clean()
    assert field in error.value.message_dict
    refused_by_database(posting, **fields)


def test_a_currency_without_a_figure_is_refused():
    posting = JobPostingFactory()
    posting.pay_currency, posting.pay_period = "EUR", "year"
    with pytest.raises(ValidationError) as error:
        posting.full_clean()
    assert "pay_min" in error.value.message_dict
    refused_by_database(posting, pay_currency="EUR", pay_period="year")


@pytest.mark.parametrize("fields", [{"pay_min": Decimal("-1")}, {"pay_max": Decimal("0")}])
def test_pay_must_be_positive(fields):
    posting = paid(100, 200)
    for name, value in fields.items():
        setattr(posting, name, value)
    with pytest.raises(ValidationError):
        posting.full_clean()
    refused_by_database(posting, **fields)


@pytest.mark.parametrize(
    "fields",
    [{"pay_currency": "XXX"}, {"pay_period": "week"}, {"workplace": "moon"}, {"employment_type": "gig"}],
)
def test_unknown_codes_and_choices_are_refused_by_the_database(fields):
    refused_by_database(paid(100, 200), **fields)


def test_one_end_of_the_range_is_enough():
    for posting in (paid(100, None), paid(None, 200)):
        posting.full_clean()
    assert paid(90, None).describe_pay() == "from 90 USD per year"
    assert paid(None, 52.5, currency="EUR", period="hour").describe_pay() == "up to 52.50 EUR per hour"
    assert paid(120000, 150000).describe_pay() == "120,000–150,000 USD per year"
    assert paid(5000, 5000, currency="GBP", period="month").describe_pay() == "5,000 GBP per month"


def test_everything_new_is_optional():
    posting = JobPostingFactory()
    posting.full_clean()
    assert (posting.workplace, posting.employment_type, posting.pay_currency, posting.apply_url) == ("", "", "", "")
    assert posting.pay_min is None and posting.describe_pay() == ""


def test_the_guides_postings_state_no_place_pay_or_way_to_apply(guide):
    postings = JobPosting.objects.all()
    assert postings.count() == 7
    assert not postings.exclude(
        workplace="", employment_type="", pay_currency="", apply_url="", apply_email=""
    ).exists()
    assert not postings.filter(pay_min__isnull=False).exists() and not postings.filter(pay_max__isnull=False).exists()
    assert not PostingLocation.objects.exists()


def test_a_remote_country_has_no_city_by_validation_and_database():
    posting = JobPostingFactory()
    location = PostingLocation(posting=posting, kind="remote", city="Paris", country="FR")
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert "city" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        location.save()


def test_a_location_needs_an_iso_3166_country_and_is_listed_once():
    posting = JobPostingFactory()
    with pytest.raises(ValidationError):
        PostingLocation(posting=posting, city="Atlantis", country="ZZ").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        PostingLocation.objects.create(posting=posting, city="Atlantis", country="ZZ")
    PostingLocation.objects.create(posting=posting, city="Lyon", country="FR")
    with pytest.raises(IntegrityError), transaction.atomic():
        PostingLocation.objects.create(posting=posting, city="Lyon", country="FR")
    assert str(PostingLocation.objects.get()) == "Lyon, France"
