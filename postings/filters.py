"""
One FilterSet for job postings, used by the postings page and by the API alike, so a filtered view of
the site and an API query mean the same thing.
"""

import django_filters
from django import forms
from django.db.models import Q

from core.widgets import QuickSelect, QuickSelectMultiple
from postings.models import Company, Degree, FieldOfStudy, JobPosting, Seniority
from roles.models import Role
from skills.models import Skill

# URL-friendly names for the ordered Degree enum: ?degree=master rather than ?degree=2.
DEGREE_BY_NAME = {degree.name.lower(): degree for degree in Degree}
DEGREE_CHOICES = [(name, degree.label) for name, degree in DEGREE_BY_NAME.items()]


class JobPostingFilter(django_filters.FilterSet):
    # A text box, not a list: a real board has thousands of companies. Company pages link here filled in.
    company = django_filters.ModelChoiceFilter(
        queryset=Company.objects.published(),
        to_field_name="slug",
        label="Company",
        widget=forms.TextInput(attrs={"placeholder": "e.g. google"}),
        help_text="The company's short name, as in its page's address.",
    )
    role = django_filters.ModelChoiceFilter(
        queryset=Role.objects.published(), to_field_name="slug", label="Role", widget=QuickSelect
    )
    skill = django_filters.ModelMultipleChoiceFilter(
        # With conjoined=True each chosen skill filters on its to_field_name value, hence skills__slug.
        field_name="skills__slug",
        queryset=Skill.objects.published(),
        to_field_name="slug",
        conjoined=True,
        label="Asks for every one of these skills",
        widget=QuickSelectMultiple(attrs={"size": 6}),
    )
    field_of_study = django_filters.ModelChoiceFilter(
        field_name="fields_of_study",
        queryset=FieldOfStudy.objects.all(),
        to_field_name="slug",
        label="Field of study",
        widget=QuickSelect,
    )
    degree = django_filters.ChoiceFilter(
        choices=DEGREE_CHOICES,
        method="filter_degree",
        label="Degree you hold",
        help_text="Shows postings whose minimum degree is this one or lower.",
    )
    max_years = django_filters.NumberFilter(
        method="filter_max_years",
        min_value=0,
        max_value=100,
        label="Most years of experience",
        help_text="Shows postings that ask for at most this many years (or do not say).",
    )
    seniority = django_filters.ChoiceFilter(choices=Seniority.choices, label="Seniority")

    class Meta:
        model = JobPosting
        fields = ["company", "role", "skill", "field_of_study", "degree", "max_years", "seniority"]

    def filter_degree(self, queryset, name, value):
        return queryset.filter(min_degree__lte=DEGREE_BY_NAME[value])

    def filter_max_years(self, queryset, name, value):
        return queryset.filter(Q(min_years_experience__lte=value) | Q(min_years_experience__isnull=True))
