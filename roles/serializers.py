from decimal import Decimal

from rest_framework import serializers
from rest_framework.reverse import reverse

from core.api.serializers import ModelValidationMixin
from roles.models import RelationKind, Role, SalaryFigure
from roles.transitions import gaps_by_move
from skills.serializers import SkillLinkSerializer, WritesSkillLinksMixin
from sources.serializers import PUBLISHABLE_SOURCED_FIELDS, SourcedSerializer


class SalaryFigureSerializer(ModelValidationMixin, SourcedSerializer):
    role = serializers.SlugRelatedField(slug_field="slug", queryset=Role.objects.all())
    statement = serializers.CharField(source="describe", read_only=True)

    class Meta:
        model = SalaryFigure
        fields = [
            "id",
            "role",
            "amount",
            "currency",
            "period",
            "statistic",
            "compensation",
            "region",
            "is_approximate",
            "as_of",
            "statement",
            *PUBLISHABLE_SOURCED_FIELDS,
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {"amount": {"min_value": Decimal("0.01"), "max_digits": 12, "decimal_places": 2}}


class RoleSalarySerializer(serializers.ModelSerializer):
    """A salary figure inside its role: no need to repeat the role."""

    statement = serializers.CharField(source="describe", read_only=True)

    class Meta:
        model = SalaryFigure
        fields = [
            "id",
            "amount",
            "currency",
            "period",
            "statistic",
            "compensation",
            "region",
            "is_approximate",
            "as_of",
            "statement",
            "source_passage",
        ]


class RelatedRoleSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField(help_text="transition or collaborates")
    direction = serializers.ChoiceField(
        choices=["to", "from"], help_text="'to': this role leads to / works with the other; 'from': the reverse."
    )
    description = serializers.CharField()
    to_learn = serializers.ListField(
        child=serializers.CharField(),
        allow_null=True,
        help_text="For a transition: slugs of the destination's essential technical skills the origin's do not "
        "cover, the plan's gap (paths.gap), as the role page lists them; null for a collaboration.",
    )


class PostingLinkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    company = serializers.CharField(source="company.name")
    url = serializers.SerializerMethodField()

    def get_url(self, posting) -> str:
        return reverse("api:posting-detail", kwargs={"slug": posting.slug}, request=self.context.get("request"))


class PostingsLinkMixin(serializers.Serializer):
    """A count of the record's open postings and the address of their list, instead of the postings."""

    postings_filter = None  # the postings filter naming this record: "role" or "company"

    posting_count = serializers.IntegerField(
        read_only=True, help_text="Open postings, counted up to 10,000 (10,001 means more)."
    )
    postings_url = serializers.SerializerMethodField(help_text="The open postings, as a paginated API list.")

    def get_postings_url(self, record) -> str:
        url = reverse("api:posting-list", request=self.context.get("request"))
        return f"{url}?{self.postings_filter}={record.slug}"


class RoleSerializer(PostingsLinkMixin, WritesSkillLinksMixin, ModelValidationMixin, SourcedSerializer):
    links_attr = "role_skills"
    link_owner_field = "role"
    postings_filter = "role"

    url = serializers.HyperlinkedIdentityField(view_name="api:role-detail", lookup_field="slug")
    skills = SkillLinkSerializer(
        source="role_skills",
        many=True,
        required=False,
        help_text="The skills the role needs. On write, replaces the whole list.",
    )
    salary_figures = RoleSalarySerializer(source="public_salary_figures", many=True, read_only=True)
    related_roles = serializers.SerializerMethodField()

    class Meta:
        model = Role
        fields = [
            "url",
            "slug",
            "name",
            "summary",
            "responsibilities",
            "education",
            "experience",
            "skills",
            "salary_figures",
            "related_roles",
            "posting_count",
            "postings_url",
            *PUBLISHABLE_SOURCED_FIELDS,
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_related_roles(self, role) -> RelatedRoleSerializer(many=True):
        # The view reads every transition's gap of the page at once (RoleViewSet.get_serializer); a
        # serializer used alone reads its role's.
        gaps = self.context.get("transition_gaps")
        if gaps is None:
            gaps = gaps_by_move([role])
        relations = [(r, r.to_role, "to", (role.pk, r.to_role.pk)) for r in getattr(role, "public_relations_out", [])]
        relations += [
            (r, r.from_role, "from", (r.from_role.pk, role.pk)) for r in getattr(role, "public_relations_in", [])
        ]
        rows = []
        for relation, other, direction, move in relations:
            gap = gaps.get(move) if relation.kind == RelationKind.TRANSITION else None
            rows.append(
                {
                    "slug": other.slug,
                    "name": other.name,
                    "kind": relation.kind,
                    "direction": direction,
                    "description": relation.description,
                    "to_learn": [item.skill.slug for item in gap.missing_essential] if gap else None,
                }
            )
        return RelatedRoleSerializer(rows, many=True).data
