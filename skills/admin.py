from django.contrib import admin

from careerguide.admin import PROVENANCE_FIELDSET, PublishableAdmin
from skills.models import Skill


@admin.register(Skill)
class SkillAdmin(PublishableAdmin):
    list_display = ["name", "kind", "category", "status", "updated_at"]
    list_filter = ["status", "kind", "category"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ("name", "slug", "kind", "category", "description", "status")}),
        PROVENANCE_FIELDSET,
        ("History", {"fields": ("created_at", "updated_at"), "classes": ["collapse"]}),
    ]
