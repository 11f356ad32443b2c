from rest_framework import serializers
from rest_framework.reverse import reverse

from core.api.serializers import ModelValidationMixin
from paths.gap import Progress
from paths.models import Path, PathStep, Resource, ResourceKind
from paths.planning import NAME_OF_DEGREE
from roles.models import Role
from skills.models import Importance
from sources.serializers import PUBLISHABLE_SOURCED_FIELDS, SourcedSerializer


class PlanSkillSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ResourceSerializer(serializers.ModelSerializer):
    # Not "kind": the schema names enums after their field, and skills' "kind" (KindEnum) came first.
    resource_kind = serializers.ChoiceField(source="kind", choices=ResourceKind.choices, read_only=True)

    class Meta:
        model = Resource
        fields = ["slug", "name", "resource_kind", "url", "source_passage"]


class StepSkillSerializer(serializers.Serializer):
    slug = serializers.CharField(source="skill.slug")
    name = serializers.CharField(source="skill.name")
    source_passage = serializers.CharField()


class EducationSerializer(serializers.Serializer):
    min_degree = serializers.SerializerMethodField(help_text="none, bachelor, master or phd.")
    fields_of_study = serializers.SerializerMethodField()
    accepts_equivalent_experience = serializers.BooleanField(
        allow_null=True, help_text="null: the source does not say."
    )
    accepts_courses_or_certification = serializers.BooleanField()

    def get_min_degree(self, record) -> str:
        return NAME_OF_DEGREE[record.min_degree]

    def get_fields_of_study(self, record) -> list[str]:
        fields = record.fields_of_study
        return [field.name for field in (fields.all() if hasattr(fields, "all") else fields)]


class PathStepSerializer(serializers.ModelSerializer):
    skills = StepSkillSerializer(source="step_skills", many=True, read_only=True)
    education = serializers.SerializerMethodField(help_text="The education the step concerns; null if none.")
    resources = ResourceSerializer(many=True, read_only=True)

    class Meta:
        model = PathStep
        fields = ["order", "slug", "name", "what_to_do", "skills", "education", "resources", "status", "source_passage"]

    def get_education(self, step) -> EducationSerializer(allow_null=True):
        return EducationSerializer(step).data if step.concerns_education else None


class PathSerializer(ModelValidationMixin, SourcedSerializer):
    """A path with its steps (read-only here: steps are edited in the admin, where they can be reordered)."""

    url = serializers.HyperlinkedIdentityField(view_name="api:path-detail", lookup_field="slug")
    target_role = serializers.SlugRelatedField(slug_field="slug", queryset=Role.objects.all())
    steps = PathStepSerializer(many=True, read_only=True)
    plan_url = serializers.SerializerMethodField(help_text="The personal plan along this path, as an API address.")

    class Meta:
        model = Path
        fields = [
            "url",
            "slug",
            "name",
            "target_role",
            "summary",
            "steps",
            "plan_url",
            *PUBLISHABLE_SOURCED_FIELDS,
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_plan_url(self, path) -> str:
        return reverse("api:plan", request=self.context.get("request")) + f"?to={path.target_role.slug}"


class PlanRoleSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class PlanPathSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class EducationCheckSerializer(EducationSerializer):
    your_degree = serializers.SerializerMethodField(help_text="The degree given, or null.")
    # Not "status": that enum name is the publication status's.
    standing = serializers.ChoiceField(
        source="status",
        choices=["meets", "alternative", "short", "unknown"],
        help_text="meets: your degree meets the step; alternative: below it, but the step accepts another way in; "
        "short: below it; unknown: no degree given.",
    )
    verdict = serializers.CharField()

    def get_your_degree(self, check) -> str | None:
        return None if check.your_degree is None else NAME_OF_DEGREE[check.your_degree]


class GapSkillSerializer(serializers.Serializer):
    slug = serializers.CharField(source="skill.slug")
    name = serializers.CharField(source="skill.name")
    importance = serializers.ChoiceField(choices=Importance.choices, help_text="How much the target role needs it.")
    soft = serializers.BooleanField(help_text="A soft skill: shown apart, never blocks a step.")
    known = serializers.BooleanField(help_text="Given, done, from the current role, or met through a narrower skill.")
    from_current_role = serializers.BooleanField(help_text="Known because the current role lists it (not tickable).")
    # Not "state" alone: a schema enum named after its field must not clash with another "state".
    progress = serializers.ChoiceField(
        source="state", choices=Progress.STATES, allow_null=True, help_text="Your progress on it, if given."
    )


class LearnNextSerializer(serializers.Serializer):
    slug = serializers.CharField(source="skill.slug")
    name = serializers.CharField(source="skill.name")
    essential = serializers.BooleanField()
    opens = serializers.IntegerField(
        allow_null=True,
        help_text="Live postings for the target role you would meet once you know it too (10,001 means more); "
        "null: not weighed (only the 5 skills most postings ask for are).",
    )
    asked_by = serializers.IntegerField(help_text="Live postings for the target role that mark it essential (capped).")
    step_number = serializers.IntegerField(help_text="The step that builds it.")
    resources = ResourceSerializer(many=True)


class OpeningsSerializer(serializers.Serializer):
    met = serializers.IntegerField(help_text="Live postings for the target role met: skills and degree (capped).")
    postings_url = serializers.SerializerMethodField(
        help_text="The postings list showing exactly those postings; null when no skill is known yet."
    )
    soft_short = serializers.IntegerField(
        help_text="Postings whose technical skills would be met but that also ask for soft skills not given."
    )
    soft_skills_asked = serializers.ListField(
        child=serializers.CharField(), help_text="Those soft skills, named where the plan ends (its last step)."
    )
    degree_short = serializers.IntegerField(
        help_text="Postings whose skills would be met but that ask for a higher degree (any, with none given)."
    )
    lowest_degree_short = serializers.SerializerMethodField(
        help_text="The lowest degree those ask for: none, bachelor, master or phd; null if none is short."
    )
    degree_not_stated = serializers.IntegerField(
        help_text="Postings whose skills would be met that state no degree: neither counted as met nor ruled out."
    )
    asking_years = serializers.IntegerField(help_text="Of the postings met, those asking for years of experience.")
    fewest_years = serializers.IntegerField(allow_null=True, help_text="The fewest years those ask for.")
    years_short = serializers.IntegerField(
        help_text="Postings whose skills and degree would be met but that ask for more years than given "
        "(0 when no years are given)."
    )
    fewest_years_short = serializers.IntegerField(allow_null=True, help_text="The fewest years those ask for.")
    gates = serializers.ListField(child=serializers.CharField(), help_text="The hard gates, said plainly.")

    def get_postings_url(self, openings) -> str | None:
        request = self.context.get("request")
        return request.build_absolute_uri(openings.link) if request and openings.link else openings.link

    def get_lowest_degree_short(self, openings) -> str | None:
        lowest = openings.lowest_degree_short
        return None if lowest is None else NAME_OF_DEGREE[lowest]


class GapStepSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    order = serializers.IntegerField(allow_null=True, help_text="The path step's order; null: the role's own skills.")
    slug = serializers.CharField()
    name = serializers.CharField()
    what_to_do = serializers.CharField()
    skills = GapSkillSerializer(many=True, help_text="The step's technical skills, each known or not.")
    education = EducationCheckSerializer(allow_null=True)
    complete = serializers.BooleanField(help_text="Every skill known and the education met.")
    postings_met = serializers.IntegerField(
        allow_null=True,
        help_text="Live postings for the target role you would meet once this step and those before it are done "
        "(degree gate included), counted up to 10,000 (10,001 means more); null where not counted.",
    )
    openings = OpeningsSerializer(
        allow_null=True, help_text="postings_met with its gates and the postings list showing them."
    )
    resources = ResourceSerializer(many=True)


class GapSerializer(serializers.Serializer):
    """The skill gap into a role (paths.gap): the same structure for the plan and each role of the match."""

    target_role = PlanRoleSerializer()
    current_role = PlanRoleSerializer(allow_null=True)
    already_there = serializers.BooleanField(help_text="The current role is the target role: nothing to plan.")
    path = serializers.SerializerMethodField()
    essential_total = serializers.IntegerField(help_text="Essential technical skills.")
    essential_covered = serializers.IntegerField(help_text="Essential technical skills known.")
    missing_essential = GapSkillSerializer(many=True, help_text="What blocks the move.")
    skills = GapSkillSerializer(many=True, help_text="Every skill of the target role.")
    learn_next = LearnNextSerializer(allow_null=True)
    ranked = LearnNextSerializer(many=True, help_text="Every missing technical skill, best first.")
    steps = GapStepSerializer(many=True)
    postings_now = serializers.IntegerField(
        allow_null=True, help_text="Live postings for the target role you meet today (capped); null where not counted."
    )
    openings_now = OpeningsSerializer(allow_null=True, help_text="postings_now with its gates and postings list.")

    def get_path(self, gap) -> PlanPathSerializer(allow_null=True):
        return {"slug": gap.path.slug, "name": gap.path.name} if gap.path else None


class ProgressSerializer(serializers.Serializer):
    done = serializers.ListField(child=serializers.CharField())
    learning = serializers.ListField(child=serializers.CharField())
    skipped = serializers.ListField(child=serializers.CharField())


class PlanSerializer(serializers.Serializer):
    from_role = PlanRoleSerializer(allow_null=True)
    to_role = PlanRoleSerializer(allow_null=True)
    have = PlanSkillSerializer(source="skills", many=True)
    degree = serializers.SerializerMethodField()
    years = serializers.IntegerField(allow_null=True, help_text="The years of experience given, or null.")
    progress = serializers.SerializerMethodField()
    gap = GapSerializer(allow_null=True, help_text="The gap into to_role; null when no role is published.")
    share_url = serializers.SerializerMethodField(help_text="The plan's page, with these parameters.")

    def get_degree(self, plan) -> str | None:
        return None if plan.degree is None else NAME_OF_DEGREE[plan.degree]

    def get_progress(self, plan) -> ProgressSerializer:
        progress = plan.progress.items()
        return {state: sorted(slug for slug, value in progress if value == state) for state in Progress.STATES}

    def get_share_url(self, plan) -> str:
        url = reverse("paths:plan", request=self.context.get("request"))
        query = plan.query_string()
        return f"{url}?{query}" if query else url
