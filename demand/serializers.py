"""What a role's skill demand looks like in the API (demand.reports.SkillDemandReport)."""

from rest_framework import serializers
from rest_framework.reverse import reverse

from demand.models import TREND_MONTHS
from demand.reports import TREND_SKILLS


class DemandRoleSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The role in the API.")

    def get_url(self, role) -> str:
        return reverse("api:role-detail", kwargs={"slug": role.slug}, request=self.context.get("request"))


class InDemandRuleSerializer(serializers.Serializer):
    percent = serializers.IntegerField(help_text="At least this percentage of the role's live postings ask for it…")
    min_postings = serializers.IntegerField(help_text="…and at least this many of them.")


class SkillDemandSerializer(serializers.Serializer):
    slug = serializers.CharField(source="skill.slug")
    name = serializers.CharField(source="skill.name")
    postings = serializers.IntegerField(help_text="Live postings for the role that ask for the skill.")
    share = serializers.FloatField(help_text="postings / the role's live postings, 0 to 1.")
    essential = serializers.IntegerField(help_text="Of those, the postings that ask for it as essential.")
    essential_share = serializers.FloatField(help_text="essential / the role's live postings.")
    optional = serializers.IntegerField(help_text="Of those, the postings that ask for it as optional.")
    optional_share = serializers.FloatField(help_text="optional / the role's live postings.")
    in_demand = serializers.BooleanField(help_text="Whether it meets the in-demand rule (`in_demand_rule`).")


class MonthTotalSerializer(serializers.Serializer):
    month = serializers.DateField(help_text="The month's first day.")
    postings = serializers.IntegerField(help_text="The role's published postings posted that month, expired included.")


class MonthPointSerializer(serializers.Serializer):
    month = serializers.DateField(help_text="The month's first day.")
    postings = serializers.IntegerField(help_text="The role's postings posted that month that ask for the skill.")
    share = serializers.FloatField(
        allow_null=True, help_text="postings / the role's postings that month; null in a month without any."
    )


class SkillTrendSerializer(serializers.Serializer):
    slug = serializers.CharField(source="skill.slug")
    name = serializers.CharField(source="skill.name")
    months = MonthPointSerializer(source="points", many=True)


class SkillDemandReportSerializer(serializers.Serializer):
    role = DemandRoleSerializer()
    live_postings = serializers.IntegerField(help_text="The role's published, unexpired postings: what shares are of.")
    computed_at = serializers.DateTimeField(allow_null=True, help_text="When it was counted; null if never yet.")
    in_demand_rule = InDemandRuleSerializer(source="rule")
    skills = SkillDemandSerializer(many=True, help_text="Every skill the live postings ask for, the most asked first.")
    months = MonthTotalSerializer(
        many=True,
        help_text=f"The trend's {TREND_MONTHS} months, the oldest first: published postings by the month they "
        "were posted, expired ones included (they were live then); postings without a date are left out.",
    )
    trend = SkillTrendSerializer(
        many=True,
        help_text=f"Month by month, the {TREND_SKILLS} skills most asked for over those months. Empty when "
        "no posting of the role in those months states the date it was posted.",
    )
