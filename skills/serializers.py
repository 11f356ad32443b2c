from django.db import transaction
from rest_framework import serializers

from core.api.fields import StrictCharField, StrictSlugRelatedField
from core.api.serializers import ModelValidationMixin
from skills.models import Importance, Skill
from sources.serializers import PUBLISHABLE_SOURCED_FIELDS, SourcedSerializer


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


class WritesSkillLinksMixin:
    """
    For a serializer whose `skills` field (a SkillLinkSerializer list with source=`links_attr`) is
    writable: validates the list and, on create or update, replaces the record's links as a whole.
    Links written this way rest on the record's own source and passage.
    """

    links_attr = None  # "role_skills" or "posting_skills": the reverse relation of the link model
    link_owner_field = None  # the link model's foreign key to the record: "role" or "posting"

    def validate_skills(self, links):
        slugs = [link["skill"].slug for link in links]
        duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        if duplicates:
            raise serializers.ValidationError(f"Listed more than once: {', '.join(duplicates)}.")
        return links

    @transaction.atomic
    def create(self, validated_data):
        links = validated_data.pop(self.links_attr, [])
        record = super().create(validated_data)
        self._replace_links(record, links)
        return record

    @transaction.atomic
    def update(self, instance, validated_data):
        links = validated_data.pop(self.links_attr, None)
        record = super().update(instance, validated_data)
        if links is not None:
            self._replace_links(record, links)
        return record

    def _replace_links(self, record, links):
        manager = getattr(record, self.links_attr)
        manager.all().delete()
        manager.model.objects.bulk_create(
            manager.model(
                **{self.link_owner_field: record},
                skill=link["skill"],
                importance=link["importance"],
                source=record.source,
                source_passage=record.source_passage,
            )
            for link in links
        )
        # bulk_create sends no signals: refresh what the postings' signal handler would have.
        if hasattr(record, "refresh_match_anchors"):
            record.refresh_match_anchors()


class RoleNeedSerializer(serializers.Serializer):
    """A role that needs this skill, and how much."""

    slug = serializers.CharField(source="role.slug")
    name = serializers.CharField(source="role.name")
    importance = serializers.CharField()


class SkillSerializer(ModelValidationMixin, SourcedSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:skill-detail", lookup_field="slug")
    roles = RoleNeedSerializer(source="public_role_links", many=True, read_only=True)
    broader = StrictSlugRelatedField(
        slug_field="slug",
        queryset=Skill.objects.all(),
        allow_null=True,
        required=False,
        help_text="The slug of the more general skill this one is a kind of (pytorch → ml-frameworks), or null. "
        "Knowing this skill meets a requirement for the broader one in the skill match and the postings filter. "
        "Needs `broader_passage`; a cycle is refused.",
    )
    broader_passage = StrictCharField(
        required=False,
        allow_blank=True,
        trim_whitespace=True,
        help_text="The words of the source that say this skill is a kind of the broader one; required with `broader`.",
    )
    narrower = serializers.SerializerMethodField(help_text="Slugs of the published skills that are kinds of this one.")

    def get_narrower(self, skill) -> list[str]:
        return [narrower.slug for narrower in skill.public_narrower]

    class Meta:
        model = Skill
        fields = [
            "url",
            "slug",
            "name",
            "kind",
            "category",
            "description",
            "broader",
            "broader_passage",
            "narrower",
            "roles",
            *PUBLISHABLE_SOURCED_FIELDS,
        ]
        read_only_fields = ["created_at", "updated_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        broader, user = instance.broader, getattr(self.context.get("request"), "user", None)
        if broader is not None and not broader.is_published and not Skill.objects.shows_drafts_to(user):
            data["broader"] = None  # a draft is not shown to the public, not even by its slug
        return data
