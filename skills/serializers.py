from rest_framework import serializers

from careerguide.api import ModelValidationMixin
from roles.models import Importance
from skills.models import Skill
from sources.serializers import SourcedSerializer


class SkillLinkSerializer(serializers.Serializer):
    """A skill as a role or posting needs it: read with its name and passage, written as slug + importance."""

    skill = serializers.SlugRelatedField(slug_field="slug", queryset=Skill.objects.published())
    name = serializers.CharField(source="skill.name", read_only=True)
    kind = serializers.CharField(source="skill.kind", read_only=True)
    category = serializers.CharField(source="skill.category", read_only=True)
    importance = serializers.ChoiceField(choices=Importance.choices, default=Importance.ESSENTIAL)
    source_passage = serializers.CharField(read_only=True)

    def validate(self, attrs):
        # A PATCH makes nested fields optional too; a link without its skill is still meaningless.
        if "skill" not in attrs:
            raise serializers.ValidationError({"skill": ["This field is required."]})
        attrs.setdefault("importance", Importance.ESSENTIAL)
        return attrs


def validate_skill_links(links):
    """Each skill at most once. Called from the owning serializer's validate_skills()."""
    slugs = [link["skill"].slug for link in links]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        raise serializers.ValidationError(f"Listed more than once: {', '.join(duplicates)}.")
    return links


class RoleNeedSerializer(serializers.Serializer):
    """A role that needs this skill, and how much."""

    slug = serializers.CharField(source="role.slug")
    name = serializers.CharField(source="role.name")
    importance = serializers.CharField()


class SkillSerializer(ModelValidationMixin, SourcedSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:skill-detail", lookup_field="slug")
    roles = RoleNeedSerializer(source="public_role_links", many=True, read_only=True)

    class Meta:
        model = Skill
        fields = [
            "url", "slug", "name", "kind", "category", "description", "roles",
            "status", "source", "source_detail", "source_passage", "created_at", "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
