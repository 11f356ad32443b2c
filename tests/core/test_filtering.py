"""Filter sets copied cheaply per request (core/filtering.py) still behave as django-filter's own."""

import pytest
from django.test import RequestFactory

from postings.filters import JobPostingFilter
from postings.models import JobPosting

pytestmark = pytest.mark.django_db


def filterset(query=""):
    request = RequestFactory().get(f"/postings/?{query}")
    return JobPostingFilter(request.GET, queryset=JobPosting.objects.all(), request=request)


def test_each_filterset_gets_its_own_filters_bound_to_itself():
    one, two = filterset(), filterset()
    assert one.filters["skill"] is not two.filters["skill"]
    assert one.filters["skill"].parent is one and two.filters["skill"].parent is two
    assert getattr(JobPostingFilter.base_filters["skill"], "parent", None) is None  # the class's own: untouched
    # A method filter calls the method of its own filterset.
    assert one.filters["skill"].filter.method.__self__ is one


def test_form_fields_share_the_constant_choices_but_not_the_widgets():
    one, two = filterset(), filterset()
    country_one, country_two = one.form.fields["country"], two.form.fields["country"]
    assert country_one is not country_two and country_one.widget is not country_two.widget
    # The form's copy of its declared field shares the list instead of copying each choice.
    assert one.form.base_fields["country"]._choices is country_one._choices
    assert ("DE", "Germany") in list(country_one.choices)


def test_a_bad_value_still_gets_its_field_error_and_a_good_one_filters():
    bad = filterset("country=XX&pay_currency=ZZZ")
    assert not bad.is_valid()
    assert set(bad.errors) == {"country", "pay_currency"}
    good = filterset("country=DE")
    assert good.is_valid()
    assert "postinglocation" in str(good.qs.query).lower()
