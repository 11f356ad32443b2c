from django.contrib import admin

from core.admin import PROVENANCE_FIELDSET, PublishableAdmin
from skills.models import Skill, SkillAlias


class SkillAliasInline(admin.TabularInline):
    """Other names texts use for the skill; the extractor reads them (docs/extraction.md)."""

    model = SkillAlias
    fields = ["text", "case_sensitive"]
    extra = 1


@admin.register(Skill)
class SkillAdmin(PublishableAdmin):
    list_display = ["name", "kind", "category", "broader", "status", "updated_at"]
    list_filter = ["status", "kind", "category"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["broader"]
    list_select_related = ["broader"]
    inlines = [SkillAliasInline]
    fieldsets = [
        (None, {"fields": ("name", "slug", "kind", "category", "description", "status")}),
        ("Hierarchy", {"fields": ("broader", "broader_passage")}),
        PROVENANCE_FIELDSET,
        ("History", {"fields": ("created_at", "updated_at"), "classes": ["collapse"]}),
    ]
