"""
Publication workflow shared by every curated record.

Curators write drafts; only published records reach the public site and the anonymous API. The rule
lives here once: a `status` field backed by a database constraint, and a queryset that knows which
records a given user may see.
"""

from django.db import models
from django.utils import timezone


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


# For filters across relations (`skill__status=PUBLISHED`), where the literal used to be repeated.
PUBLISHED = PublicationStatus.PUBLISHED


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def drafts(self):
        return self.filter(status=PublicationStatus.DRAFT)

    def shows_drafts_to(self, user):
        """Signed-in staff who may view this model (curators) see drafts; everyone else does not."""
        opts = self.model._meta
        return bool(
            user is not None
            and user.is_authenticated
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        )

    def visible_to(self, user):
        """Published records for the public; drafts too for curators."""
        return self if self.shows_drafts_to(user) else self.published()


class Publishable(models.Model):
    """Abstract base: a status curators set, and timestamps for caching (Last-Modified) and auditing."""

    status = models.CharField(
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text="Only published records are shown to the public.",
    )
    # Not auto_now: fixtures are loaded with raw saves, which skip auto_now, and both fields are NOT NULL.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED


def status_constraint(model_name):
    """The database's own copy of the status choices, so bad values are refused outside forms too."""
    return models.CheckConstraint(
        condition=models.Q(status__in=PublicationStatus.values),
        name=f"{model_name}_status_valid",
        violation_error_message="Status must be draft or published.",
    )


def nonblank_constraint(model_name, field):
    return models.CheckConstraint(
        condition=~models.Q(**{field: ""}),
        name=f"{model_name}_{field}_not_blank",
        violation_error_message=f"The {field} may not be blank.",
    )
