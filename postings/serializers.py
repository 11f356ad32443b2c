from rest_framework import serializers

from careerguide.api import ModelValidationMixin, StrictManyRelatedField
from postings.filters import DEGREE_BY_NAME
from postings.models import Company, Degree, FieldOfStudy, JobPosting
from roles.models import Role
from roles.serializers import PostingsLinkMixin
from skills.serializers import SkillLinkSerializer, WritesSkillLinksMixin
from sources.serializers import SourcedSerializer

DEGREE_NAME = {degree.value: name for name, degree in DEGREE_BY_NAME.items()}


class DegreeField(serializers.ChoiceField):
    """The ordered Degree enum as words: 'none', 'bachelor', 'master', 'phd'."""

    def __init__(self, **kwargs):
        super().__init__(choices=list(DEGREE_BY_NAME), **kwargs)

    def to_representation(self, value):
        return DEGREE_NAME[value]

    def to_internal_value(self, data):
        return DEGREE_BY_NAME[super().to_internal_value(data)].value


class CompanyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["slug", "name"]


class RoleRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Role
        fields = ["slug", "name"]


class JobPostingSerializer(WritesSkillLinksMixin, ModelValidationMixin, SourcedSerializer):
    links_attr = "posting_skills"
    link_owner_field = "posting"

    url = serializers.HyperlinkedIdentityField(view_name="api:posting-detail", lookup_field="slug")
    company = serializers.SlugRelatedField(slug_field="slug", queryset=Company.objects.all())
    company_detail = CompanyRefSerializer(source="company", read_only=True)
    role = serializers.SlugRelatedField(slug_field="slug", queryset=Role.objects.all())
    role_detail = RoleRefSerializer(source="role", read_only=True)
    min_degree = DegreeField(required=False, help_text="The lowest degree the posting accepts.")
    fields_of_study = StrictManyRelatedField(
        child_relation=serializers.SlugRelatedField(slug_field="slug", queryset=FieldOfStudy.objects.all()),
        required=False,
    )
    skills = SkillLinkSerializer(
        source="posting_skills",
        many=True,
        required=False,
        help_text="The skills the posting asks for. On write, replaces the whole list.",
    )
    is_expired = serializers.BooleanField(
        read_only=True, help_text="Past its valid_through date: left out of lists, still readable here."
    )

    class Meta:
        model = JobPosting
        fields = [
            "url",
            "slug",
            "title",
            "company",
            "company_detail",
            "role",
            "role_detail",
            "seniority",
            "summary",
            "responsibilities",
            "requirements",
            "min_degree",
            "accepts_equivalent_experience",
            "fields_of_study",
            "min_years_experience",
            "min_years_leadership",
            "min_years_management",
            "skills",
            "posted_on",
            "valid_through",
            "is_expired",
            "status",
            "source",
            "source_detail",
            "source_passage",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {
            field: {"max_value": 100}
            for field in ("min_years_experience", "min_years_leadership", "min_years_management")
        }


class CompanySerializer(PostingsLinkMixin, ModelValidationMixin, SourcedSerializer):
    postings_filter = "company"

    url = serializers.HyperlinkedIdentityField(view_name="api:company-detail", lookup_field="slug")

    class Meta:
        model = Company
        fields = [
            "url",
            "slug",
            "name",
            "description",
            "posting_count",
            "postings_url",
            "status",
            "source",
            "source_detail",
            "source_passage",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


__all__ = ["CompanySerializer", "DegreeField", "JobPostingSerializer", "Degree"]
