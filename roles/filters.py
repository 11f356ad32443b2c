import django_filters

from roles.currencies import CURRENCY_CHOICES
from roles.models import Compensation, PayPeriod, Role, SalaryFigure, Statistic
from skills.models import Skill


class SalaryFigureFilter(django_filters.FilterSet):
    role = django_filters.ModelChoiceFilter(queryset=Role.objects.published(), to_field_name="slug")
    region = django_filters.CharFilter(lookup_expr="iexact", max_length=100)
    statistic = django_filters.ChoiceFilter(choices=Statistic.choices)
    compensation = django_filters.ChoiceFilter(choices=Compensation.choices)
    period = django_filters.ChoiceFilter(choices=PayPeriod.choices)
    currency = django_filters.ChoiceFilter(choices=CURRENCY_CHOICES)

    class Meta:
        model = SalaryFigure
        fields = ["role", "region", "statistic", "compensation", "period", "currency"]


class RoleFilter(django_filters.FilterSet):
    skill = django_filters.ModelChoiceFilter(
        field_name="skills",
        queryset=Skill.objects.published(),
        to_field_name="slug",
        label="Roles that list this skill",
    )

    class Meta:
        model = Role
        fields = ["skill"]
