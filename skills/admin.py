from django.contrib import admin

from core.admin import PROVENANCE_FIELDSET, PublishableAdmin
from skills.models import Skill


@admin.register(Skill)
class SkillAdmin(PublishableAdmin):
    list_display = ["name", "kind", "category", "broader", "status", "updated_at"]
    list_filter = ["status", "kind", "category"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["broader"]
    list_select_related = ["broader"]
    fieldsets = [
        (None, {"fields": ("name", "slug", "kind", "category", "description", "status")}),
        ("Hierarchy", {"fields": ("broader", "broader_passage")}),
        PROVENANCE_FIELDSET,
        ("History", {"fields": ("created_at", "updated_at"), "classes": ["collapse"]}),
    ]
