"""What the skill match and the comparison look like in the API."""

from rest_framework import serializers
from rest_framework.reverse import reverse
from rest_framework.utils.urls import replace_query_param

from careers.matching import NEAR_MISS_ROLES, NEAR_MISS_WINDOW, NEAR_MISSES_SHOWN
from paths.serializers import GapSerializer, LearnNextSerializer
from postings.serializers import RoleRefSerializer
from roles.serializers import PostingLinkSerializer, RoleSerializer
from skills.models import Importance


class SkillRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class SoftSkillAskedSerializer(serializers.Serializer):
    slug = serializers.CharField(source="skill.slug")
    name = serializers.CharField(source="skill.name")
    have = serializers.BooleanField(help_text="Whether the given skills include it.")


# Roles of a match whose full gap the API gives: a gap is about 15 KB with the benchmark's skills, and
# the answer must stay under 100 KB whatever the number of roles.
DETAILED_GAPS = 3


class RoleMatchSerializer(serializers.Serializer):
    slug = serializers.CharField(source="role.slug")
    name = serializers.CharField(source="role.name")
    url = serializers.SerializerMethodField()
    coverage_percent = serializers.IntegerField(
        help_text="Share of the role's essential technical skills covered (technical_covered of technical_total); "
        "soft skills never change it. A role with no technical essential is scored on all its essential skills."
    )
    essential_total = serializers.IntegerField(help_text="Essential skills, technical and soft.")
    essential_covered = serializers.IntegerField(
        help_text="Essential skills covered, technical and soft; a narrower skill covers its broader one."
    )
    technical_total = serializers.IntegerField(help_text="Essential technical skills: what coverage_percent is of.")
    technical_covered = serializers.IntegerField(help_text="Essential technical skills covered.")
    optional_covered = serializers.IntegerField()
    missing = SkillRefSerializer(many=True, help_text="Essential skills not covered, technical and soft.")
    missing_technical = SkillRefSerializer(
        many=True,
        help_text="Essential technical skills not covered: when ranked_by_postings, those opening the most live "
        "postings of the role first (as the plan's learn next), else in the path's order.",
    )
    ranked_by_postings = serializers.BooleanField(
        help_text="missing_technical is ranked by postings opened (the best-fitting roles); else in the path's order."
    )
    soft_skills = SoftSkillAskedSerializer(
        many=True, help_text="The role's essential soft skills, shown apart: they never change coverage_percent."
    )
    score = serializers.FloatField(
        help_text="What roles are ranked by: the covered share weighed by the skills it rests on, "
        "covered / (total + 4), so 1 of 1 does not outrank 4 of 13."
    )
    is_current = serializers.BooleanField(help_text="The role given as `from`: listed last.")
    plan_url = serializers.SerializerMethodField(help_text="The plan of this move (the site's page).")
    gap = serializers.SerializerMethodField(
        help_text="The skill gap into the role, as the plan reads it (postings not counted here): for the "
        f"{DETAILED_GAPS} best-fitting roles only (ranked_by_postings), else null, so that the answer stays "
        "small whatever the number of roles; missing and missing_technical above say what is left for every role."
    )

    def get_url(self, match) -> str:
        return reverse("api:role-detail", kwargs={"slug": match.role.slug}, request=self.context.get("request"))

    def get_gap(self, match) -> GapSerializer(allow_null=True):
        detailed = self.context.get("detailed_roles", ())
        return GapSerializer(match.gap, context=self.context).data if match.role.pk in detailed else None

    def get_plan_url(self, match) -> str:
        return reverse("paths:plan", request=self.context.get("request")) + "?" + match.plan_query_string


class PostingsMetSerializer(serializers.Serializer):
    """One page of the postings met, newest first. Uncounted: finding every match would be the slow part."""

    page = serializers.IntegerField(source="number")
    next = serializers.SerializerMethodField(help_text="The next page's address, or null on the last.")
    previous = serializers.SerializerMethodField(help_text="The previous page's address, or null on the first.")
    results = PostingLinkSerializer(source="postings", many=True)

    def _page_url(self, number) -> str:
        request = self.context["request"]
        return replace_query_param(request.build_absolute_uri(), "page", number)

    def get_next(self, page) -> str | None:
        return self._page_url(page.number + 1) if page.has_next else None

    def get_previous(self, page) -> str | None:
        return self._page_url(page.number - 1) if page.has_previous else None


class NearMissPostingSerializer(PostingLinkSerializer):
    missing = SkillRefSerializer(source="missing_skills", many=True, help_text="The essential skills not covered.")


class NearMissesSerializer(serializers.Serializer):
    missing_count = serializers.IntegerField(help_text="How many essential skills each of these postings misses.")
    results = NearMissPostingSerializer(source="postings", many=True)


class MatchSerializer(serializers.Serializer):
    skills = SkillRefSerializer(many=True)
    current_role = RoleRefSerializer(allow_null=True, help_text="The role given as `from`, or null.")
    learn_next = LearnNextSerializer(
        allow_null=True, help_text="The skill to learn next for the best-fitting role (best.target_role)."
    )
    best = GapSerializer(allow_null=True, help_text="The best-fitting role's gap, postings counted, as in /plan/.")
    implied_skills = SkillRefSerializer(
        many=True, help_text="Broader skills the given ones meet through the skill hierarchy (pytorch → ml-frameworks)."
    )
    roles = RoleMatchSerializer(many=True)
    postings = PostingsMetSerializer(
        source="postings_page", help_text="Open postings whose essential skills are all covered, a page at a time."
    )
    near_misses = NearMissesSerializer(
        many=True,
        help_text=f"Open postings missing 1, then 2, essential skills: the newest {NEAR_MISSES_SHOWN} of each "
        f"among the newest {NEAR_MISS_WINDOW} postings of each of the {NEAR_MISS_ROLES} best-fitting roles "
        "(near_miss_roles).",
    )
    near_miss_roles = RoleRefSerializer(many=True, help_text="The roles whose postings near_misses come from.")

    def to_representation(self, match):
        ranked = [role.role.pk for role in match.roles if role.ranked_by_postings]
        self.context["detailed_roles"] = set(ranked[:DETAILED_GAPS])  # read by each RoleMatchSerializer
        return super().to_representation(match)


class SkillRowSerializer(serializers.Serializer):
    skill = SkillRefSerializer()
    importances = serializers.ListField(
        child=serializers.ChoiceField(choices=Importance.choices, allow_null=True),
        help_text="How much each compared role (in order) needs the skill; null where a role does not list it.",
    )


class CompareSerializer(serializers.Serializer):
    roles = RoleSerializer(many=True)
    shared_skills = SkillRefSerializer(many=True, help_text="Skills every compared role lists.")
    skills = SkillRowSerializer(
        source="skill_rows", many=True, help_text="Every skill any compared role lists; shared ones first."
    )
