"""
One FilterSet for job postings, used by the postings page, its Atom feed and the API alike, so a filtered
view of the site, a feed and an API query mean the same thing. Every filter is served by an index
declared on JobPosting or PostingLocation; every number has bounds the API schema states.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from drf_spectacular.utils import extend_schema_field

from core.filtering import ConstantChoiceFilter, LightFilterSet
from core.widgets import QuickSelect
from postings.countries import COUNTRY_CHOICES
from postings.models import (
    DEGREE_BY_NAME,
    MAX_YEARS_EXPERIENCE,
    Company,
    EmploymentType,
    FieldOfStudy,
    JobPosting,
    Seniority,
    Workplace,
    degree_gate,
    years_gate,
)
from roles.currencies import CURRENCY_CHOICES
from roles.models import PayPeriod, Role
from skills.hierarchy import meets, published_links, with_narrower_each
from skills.models import Skill

DEGREE_CHOICES = [(name, degree.label) for name, degree in DEGREE_BY_NAME.items()]
ORDER_CHOICES = [("newest", "Newest first"), ("pay", "Highest pay first")]
MAX_DAYS, MAX_PAY = 730, 9_999_999_999
# A parameter left at this value says nothing: the page drops it from the URL it redirects to.
DEFAULTS = {"order": "newest"}


def shareable_query(query):
    """
    The query string without the parameters that say nothing (every value blank, or the default), as a
    QueryDict: what a shared URL should carry. A GET form sends every field, filled in or not.
    """
    clean = query.copy()
    for name in list(clean):
        if all(not value.strip() or value == DEFAULTS.get(name) for value in clean.getlist(name)):
            del clean[name]
    return clean


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class PostingFilterForm(forms.Form):
    """Pay is compared only within one currency and period, so the pay filters need both."""

    def clean(self):
        data = super().clean()
        terms_given = data.get("pay_currency") and data.get("pay_period")
        if data.get("pay_min_at_least") is not None and not terms_given:
            self.add_error(
                "pay_min_at_least", "Choose a currency and a period too: pay is only compared within one of each."
            )
        if data.get("order") == "pay" and not terms_given:
            self.add_error("order", "To order by pay, choose a currency and a period: pay is only compared within one.")
        return data


class JobPostingFilter(LightFilterSet):
    # A text box, not a list: a real board has thousands of companies. Company pages link here filled in.
    company = django_filters.ModelChoiceFilter(
        queryset=Company.objects.published(),
        to_field_name="slug",
        label="Company",
        widget=forms.TextInput(attrs={"placeholder": "e.g. google"}),
        help_text="The company's short name, as in its page's address.",
    )
    role = django_filters.ModelChoiceFilter(
        queryset=Role.objects.published(),
        to_field_name="slug",
        label="Role",
        widget=QuickSelect,
        empty_label="Any role",
    )
    # The schema type is declared: drf-spectacular looks it up through field_name + to_field_name, a path
    # (skills__slug__slug) that does not exist, and would warn (W001). Each value is a skill's slug.
    skill = extend_schema_field(
        {
            "type": "string",
            "description": "Asks for every one of these skills, or a narrower skill of each (ml-frameworks "
            "finds postings asking for pytorch too)",
        }
    )(
        django_filters.ModelMultipleChoiceFilter(
            field_name="skills__slug",
            queryset=Skill.objects.published(),
            to_field_name="slug",
            method="filter_skill",
            label="Asks for every one of these skills",
            # Hidden inputs for the chosen skills only: the page names skills in a text box (postings/forms.py)
            # and never lists every skill, which at hundreds of skills was most of the page.
            widget=forms.MultipleHiddenInput,
        )
    )
    # The plan's "postings you would meet" links here: the postings whose every essential skill is among
    # these (or met through a narrower one), with the degree gate the plan counts with (`degree_gate`),
    # so the list shows exactly the postings the plan counted. Not on the form: the plan fills it in.
    have = extend_schema_field(
        {
            "type": "string",
            "description": "Postings you meet with these skills: each asks for no essential skill outside them "
            "(a narrower skill meets its broader one). With it, `degree` is the degree you hold: postings "
            "asking for a higher one (unless they accept equivalent experience) or not stating one are left "
            "out; without `degree`, only postings that ask for no degree are shown.",
        }
    )(
        django_filters.ModelMultipleChoiceFilter(
            field_name="skills__slug",
            queryset=Skill.objects.published(),
            to_field_name="slug",
            method="filter_have",
            label="Postings you meet with these skills",
            widget=forms.MultipleHiddenInput,
        )
    )
    field_of_study = django_filters.ModelChoiceFilter(
        field_name="fields_of_study",
        queryset=FieldOfStudy.objects.all(),
        to_field_name="slug",
        label="Field of study",
        widget=QuickSelect,
        empty_label="Any field",
    )
    degree = django_filters.ChoiceFilter(
        choices=DEGREE_CHOICES,
        method="filter_degree",
        label="Degree you hold",
        empty_label="Any degree",
        help_text="Shows postings whose minimum degree is this one or lower (those that state none are left out).",
    )
    max_years = extend_schema_field({"type": "integer", "minimum": 0, "maximum": MAX_YEARS_EXPERIENCE})(
        IntegerFilter(
            method="filter_max_years",
            min_value=0,
            max_value=MAX_YEARS_EXPERIENCE,
            label="Most years of experience",
            help_text="Shows postings that ask for at most this many years (or do not say).",
        )
    )
    seniority = django_filters.ChoiceFilter(choices=Seniority.choices, label="Seniority", empty_label="Any seniority")

    # Where and how.
    workplace = django_filters.ChoiceFilter(
        choices=Workplace.choices,
        label="Workplace",
        empty_label="Any workplace",
        help_text="On-site, hybrid or remote. Postings that do not say are left out.",
    )
    country = ConstantChoiceFilter(
        choices=COUNTRY_CHOICES,
        method="filter_country",
        label="Country",
        empty_label="Any country",
        widget=QuickSelect,
        help_text="Work there, or remote work open to applicants there.",
    )
    city = extend_schema_field({"type": "string", "minLength": 1, "maxLength": 100})(
        django_filters.CharFilter(
            method="filter_city",
            max_length=100,
            label="City",
            help_text="Any case: berlin finds Berlin.",
        )
    )
    employment_type = django_filters.ChoiceFilter(
        choices=EmploymentType.choices, label="Employment type", empty_label="Any type"
    )

    # Pay: amounts are compared only within one currency and one period, never converted.
    pay_min_at_least = extend_schema_field(
        {
            "type": "number",
            "minimum": 0,
            "maximum": MAX_PAY,
            "description": "Postings whose pay starts at this amount or more (their lowest figure), "
            "in the currency `pay_currency` and period `pay_period`, both required with it: pay in other "
            "currencies or periods is never compared or converted, and postings that state no pay are left out.",
        }
    )(
        django_filters.NumberFilter(
            method="filter_pay_min_at_least",
            min_value=0,
            max_value=MAX_PAY,
            label="Pays at least",
            help_text="Compared only with pay in the currency and period chosen next; postings that state no "
            "pay are left out.",
        )
    )
    pay_currency = ConstantChoiceFilter(
        choices=CURRENCY_CHOICES,
        label="Currency",
        empty_label="Any currency",
        widget=QuickSelect,
        help_text="ISO 4217 code. Alone, it shows postings that pay in this currency.",
    )
    pay_period = django_filters.ChoiceFilter(choices=PayPeriod.choices, label="Period", empty_label="Any period")

    # When, and in which order.
    posted_within = extend_schema_field(
        {"type": "integer", "minimum": 1, "maximum": MAX_DAYS, "description": "Posted in the last N days."}
    )(
        IntegerFilter(
            method="filter_posted_within",
            min_value=1,
            max_value=MAX_DAYS,
            label="Posted in the last … days",
            help_text=f"From 1 to {MAX_DAYS} days. Postings with no date are left out.",
        )
    )
    order = django_filters.ChoiceFilter(
        choices=ORDER_CHOICES,
        method="filter_order",
        label="Order",
        empty_label=None,
        help_text="Newest first unless you choose highest pay, which needs a currency and a period.",
    )

    class Meta:
        model = JobPosting
        form = PostingFilterForm
        fields = [
            "company",
            "role",
            "skill",
            "have",
            "field_of_study",
            "degree",
            "max_years",
            "seniority",
            "workplace",
            "country",
            "city",
            "employment_type",
            "pay_min_at_least",
            "pay_currency",
            "pay_period",
            "posted_within",
            "order",
        ]

    # The page's form, in groups (the skills get a fieldset of their own).
    GROUPS = [
        ("The job", ["role", "company", "seniority"]),
        ("Where", ["workplace", "country", "city"]),
        ("Terms", ["employment_type", "pay_min_at_least", "pay_currency", "pay_period"]),
        ("What you bring", ["degree", "field_of_study", "max_years"]),
        ("Listing", ["posted_within", "order"]),
    ]

    def groups(self):
        return [(legend, [self.form[name] for name in names]) for legend, names in self.GROUPS]

    def filter_skill(self, queryset, name, value):
        if not value:  # django-filter calls it with an empty queryset when no skill is chosen
            return queryset
        # Each chosen skill is met by a posting asking for it or for a narrower skill (the hierarchy read
        # downward, one query for all); EXISTS on the posting-skill index, so no row is repeated.
        asking = JobPosting.skills.through.objects
        for skill_ids in with_narrower_each(skill.pk for skill in value).values():
            queryset = queryset.filter(Exists(asking.filter(posting=OuterRef("pk"), skill__in=skill_ids)))
        return queryset

    def filter_have(self, queryset, name, value):
        if not value:
            return queryset
        held = self.form.cleaned_data.get("degree")
        known = meets({skill.pk for skill in value}, published_links())
        return queryset.met_by(known).filter(degree_gate(DEGREE_BY_NAME[held] if held else None))

    def filter_degree(self, queryset, name, value):
        if self.form.cleaned_data.get("have"):
            return queryset  # Read with the skills, as the plan counts them (filter_have).
        # A posting that states no degree (NULL) is left out: SQL's NULL <= x is not true.
        return queryset.filter(min_degree__lte=DEGREE_BY_NAME[value])

    def filter_max_years(self, queryset, name, value):
        return queryset.filter(years_gate(value))

    def filter_country(self, queryset, name, value):
        return queryset.located_in(country=value, city=self.form.cleaned_data.get("city"))

    def filter_city(self, queryset, name, value):
        if self.form.cleaned_data.get("country"):
            return queryset  # Already matched together with the country, in one lookup.
        return queryset.located_in(city=value)

    def filter_pay_min_at_least(self, queryset, name, value):
        data = self.form.cleaned_data
        return queryset.pays_at_least(value, data["pay_currency"], data["pay_period"])

    def filter_posted_within(self, queryset, name, value):
        return queryset.posted_within(value)

    def filter_order(self, queryset, name, value):
        if value == "pay":
            data = self.form.cleaned_data
            return queryset.highest_paid_first(data["pay_currency"], data["pay_period"])
        return queryset.newest_first()
