from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from core.api.fields import StrictManyRelatedField
from core.api.serializers import ModelValidationMixin, StrictModelSerializer
from postings import review
from postings.models import DEGREE_BY_NAME, Company, Degree, FieldOfStudy, JobPosting, PostingLocation
from roles.currencies import CURRENCY_CHOICES
from roles.models import PayPeriod, Role
from roles.serializers import PostingsLinkMixin
from skills.serializers import SkillLinkSerializer, WritesSkillLinksMixin
from sources.serializers import PUBLISHABLE_SOURCED_FIELDS, SourcedSerializer

DEGREE_NAME = {degree.value: name for name, degree in DEGREE_BY_NAME.items()}


class DegreeField(serializers.ChoiceField):
    """The ordered Degree enum as words: 'none', 'bachelor', 'master', 'phd'."""

    def __init__(self, **kwargs):
        super().__init__(choices=list(DEGREE_BY_NAME), **kwargs)

    def to_representation(self, value):
        return None if value is None else DEGREE_NAME[value]

    def to_internal_value(self, data):
        return DEGREE_BY_NAME[super().to_internal_value(data)].value


# Pay currency and period described by a pattern, not as enums: the salary figures' currencies and periods
# already have schema components (CurrencyEnum, PeriodEnum), and a second name for the same choice set is a
# drf-spectacular warning, which fails `check --deploy --fail-level WARNING`. The values accepted are the
# same; blank is declared beside the pattern by drf-spectacular (a pattern allowing "" would match it twice).
@extend_schema_field({"type": "string", "pattern": "^[A-Z]{3}$", "maxLength": 3})
class PayCurrencyField(serializers.ChoiceField):
    pass


@extend_schema_field({"type": "string", "pattern": "^(year|month|hour)$", "maxLength": 5})
class PayPeriodField(serializers.ChoiceField):
    pass


class CompanyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["slug", "name"]


class RoleRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Role
        fields = ["slug", "name"]


class PostingLocationSerializer(StrictModelSerializer):
    """A place of work, or (kind "remote") a country a remote job accepts applicants from."""

    country_name = serializers.CharField(read_only=True, help_text="The country's English short name.")

    class Meta:
        model = PostingLocation
        fields = ["kind", "city", "region", "country", "country_name"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        try:
            PostingLocation(**attrs).full_clean(exclude=["posting"])
        except DjangoValidationError as error:
            errors = error.message_dict
            errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS, [])
            raise serializers.ValidationError({key: value for key, value in errors.items() if value}) from error
        return attrs


class WritesLocationsMixin:
    """A writable `locations` list: validated as a whole and, on create or update, replacing the old one."""

    def validate_locations(self, locations):
        keys = [
            tuple(location.get(name, "") for name in ("kind", "country", "region", "city")) for location in locations
        ]
        if len(set(keys)) != len(keys):
            raise serializers.ValidationError("The same location is listed more than once.")
        return locations

    @transaction.atomic
    def create(self, validated_data):
        locations = validated_data.pop("locations", [])
        record = super().create(validated_data)
        self._replace_locations(record, locations)
        return record

    @transaction.atomic
    def update(self, instance, validated_data):
        locations = validated_data.pop("locations", None)
        record = super().update(instance, validated_data)
        if locations is not None:
            self._replace_locations(record, locations)
        return record

    def _replace_locations(self, record, locations):
        record.locations.all().delete()
        PostingLocation.objects.bulk_create(PostingLocation(posting=record, **location) for location in locations)


class JobPostingSerializer(WritesLocationsMixin, WritesSkillLinksMixin, ModelValidationMixin, SourcedSerializer):
    links_attr = "posting_skills"
    link_owner_field = "posting"

    url = serializers.HyperlinkedIdentityField(view_name="api:posting-detail", lookup_field="slug")
    company = serializers.SlugRelatedField(slug_field="slug", queryset=Company.objects.all())
    company_detail = CompanyRefSerializer(source="company", read_only=True)
    role = serializers.SlugRelatedField(slug_field="slug", queryset=Role.objects.all())
    role_detail = RoleRefSerializer(source="role", read_only=True)
    min_degree = DegreeField(
        required=False,
        allow_null=True,
        help_text="The lowest degree the posting asks for; null when the posting does not say (not stated).",
    )
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
    pay_currency = PayCurrencyField(
        choices=CURRENCY_CHOICES,
        allow_blank=True,
        required=False,
        help_text="ISO 4217 code of pay_min and pay_max; required with them, blank without.",
    )
    pay_period = PayPeriodField(
        choices=PayPeriod.choices,
        allow_blank=True,
        required=False,
        help_text="year, month or hour; required with pay_min or pay_max, blank without.",
    )
    locations = PostingLocationSerializer(
        many=True,
        required=False,
        help_text="Places of work, and the countries a remote job accepts applicants from. On write, replaces "
        "the whole list.",
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
            "workplace",
            "employment_type",
            "locations",
            "pay_min",
            "pay_max",
            "pay_currency",
            "pay_period",
            "apply_url",
            "apply_email",
            *PUBLISHABLE_SOURCED_FIELDS,
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {
            field: {"max_value": 100}
            for field in ("min_years_experience", "min_years_leadership", "min_years_management")
        }

    def validate_status(self, status):
        """Publishing is a reviewer's step (postings/review.py); a curator submits drafts in the admin."""
        request = self.context.get("request")
        if self._publishes(status) and not review.may_publish(getattr(request, "user", None)):
            raise serializers.ValidationError(review.ONLY_REVIEWERS_PUBLISH)
        return status

    def _publishes(self, status):
        return review.publishes(status, was_published=self.instance is not None and review.was_published(self.instance))

    def _content_changes(self, attrs):
        """The names of the fields this write changes on the stored posting (nested lists compared as sets)."""
        posting, changed = self.instance, []
        for name, value in attrs.items():
            if name == "posting_skills":
                now = {(link["skill"].pk, link.get("importance")) for link in value}
                differs = now != set(posting.posting_skills.values_list("skill_id", "importance"))
            elif name == "locations":
                keys = ["kind", "city", "region", "country"]
                now = {tuple(str(location.get(key, "")) for key in keys) for location in value}
                differs = now != {tuple(map(str, row)) for row in posting.locations.values_list(*keys)}
            elif name == "fields_of_study":
                differs = {field.pk for field in value} != set(posting.fields_of_study.values_list("pk", flat=True))
            else:
                differs = name not in review.NOT_CONTENT and getattr(posting, name) != value
            if differs:
                changed.append(name)
        return changed

    def validate(self, attrs):
        if self._publishes(attrs.get("status")):
            # Approved by the reviewer writing it, and given an end as the admin's publish would.
            posting = JobPosting(
                valid_through=attrs.get("valid_through", getattr(self.instance, "valid_through", None)),
                posted_on=attrs.get("posted_on", getattr(self.instance, "posted_on", None)),
            )
            review.approve(posting, self.context["request"].user)
            attrs |= {field: getattr(posting, field) for field in ["valid_through", *review.REVIEW_FIELDS]}
        elif self.instance is not None:
            # A change to a live posting by someone who may not publish takes it off the site, into review.
            user = self.context["request"].user
            writing = JobPosting(status=attrs.get("status", self.instance.status))
            live = review.was_published(self.instance)
            if review.needs_review_again(writing, user, was_live=live, changed=self._content_changes(attrs)):
                review.send_back_for_review(writing, user)
                attrs |= {field: getattr(writing, field) for field in ["status", *review.REVIEW_FIELDS]}
        return super().validate(attrs)


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
            "website",
            "posting_count",
            "postings_url",
            *PUBLISHABLE_SOURCED_FIELDS,
        ]
        read_only_fields = ["created_at", "updated_at"]


__all__ = ["CompanySerializer", "DegreeField", "JobPostingSerializer", "Degree"]
