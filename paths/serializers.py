from rest_framework import serializers
from rest_framework.reverse import reverse

from core.api.serializers import ModelValidationMixin
from paths.models import Path, PathStep, Resource, ResourceKind
from paths.planning import NAME_OF_DEGREE
from roles.models import Role
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
    accepts_equivalent_experience = serializers.BooleanField()
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


class PlannedStepSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    order = serializers.IntegerField(source="step.order", help_text="The value to give `done` for this step.")
    slug = serializers.CharField(source="step.slug")
    name = serializers.CharField(source="step.name")
    what_to_do = serializers.CharField(source="step.what_to_do")
    have = PlanSkillSerializer(many=True, help_text="Skills of the step you already have.")
    left = PlanSkillSerializer(many=True, help_text="Skills of the step still to learn.")
    education = EducationCheckSerializer(allow_null=True)
    ticked = serializers.BooleanField(help_text="Marked done in the request (`done`).")
    complete = serializers.BooleanField(help_text="Ticked, or nothing left to do.")
    postings_met = serializers.IntegerField(
        help_text="Live postings for the target role you would meet once this step and those before it are "
        "done, counted up to 10,000 (10,001 means more)."
    )
    resources = ResourceSerializer(many=True)


class PlanSerializer(serializers.Serializer):
    path = serializers.SerializerMethodField()
    from_role = PlanRoleSerializer(allow_null=True)
    to_role = PlanRoleSerializer(allow_null=True)
    have = PlanSkillSerializer(source="skills", many=True)
    from_role_skills = PlanSkillSerializer(many=True, help_text="Essential skills of the role moved from.")
    degree = serializers.SerializerMethodField()
    done = serializers.ListField(child=serializers.IntegerField())
    postings_now = serializers.IntegerField(help_text="Live postings for the target role you meet today (capped).")
    steps = PlannedStepSerializer(many=True)
    share_url = serializers.SerializerMethodField(help_text="The plan's page, with these parameters.")

    def get_path(self, plan) -> PlanPathSerializer(allow_null=True):
        return {"slug": plan.path.slug, "name": plan.path.name} if plan.path else None

    def get_degree(self, plan) -> str | None:
        return None if plan.degree is None else NAME_OF_DEGREE[plan.degree]

    def get_share_url(self, plan) -> str:
        url = reverse("paths:plan", request=self.context.get("request"))
        query = plan.query_string()
        return f"{url}?{query}" if query else url
