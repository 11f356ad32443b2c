"""Admin pieces shared by every curated model: publish/unpublish and the provenance fields."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.translation import ngettext

from careerguide.publishing import PublicationStatus
from core.caching import invalidate

PROVENANCE_FIELDSET = ("Provenance", {"fields": ("source", "source_passage")})
COMPACT_TEXTAREA = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}


class PublishableAdmin(admin.ModelAdmin):
    """Status filter, read-only timestamps, and bulk publish/unpublish for editors who may change records."""

    actions = ["publish", "unpublish"]
    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at"]
    autocomplete_fields = ["source"]
    list_per_page = 50

    def _set_status(self, request, queryset, status):
        # update() skips save(), so the timestamp that feeds Last-Modified is set here.
        changed = queryset.exclude(status=status).update(status=status, updated_at=timezone.now())
        invalidate(queryset.model)  # update() sends no signal; cached pages must not keep the old status
        label = PublicationStatus(status).label.lower()
        self.message_user(
            request,
            ngettext("%(n)d record marked %(label)s.", "%(n)d records marked %(label)s.", changed)
            % {"n": changed, "label": label},
            messages.SUCCESS,
        )

    @admin.action(description="Publish selected records", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.PUBLISHED)

    @admin.action(description="Unpublish selected records (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.DRAFT)


class SourcedInline(admin.TabularInline):
    """Inline rows carry their own source and passage; textareas kept short so a row stays one line."""

    autocomplete_fields = ["source"]
    formfield_overrides = COMPACT_TEXTAREA
    extra = 0
