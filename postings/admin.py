from django.contrib import admin

from careerguide.admin import PROVENANCE_FIELDSET, PublishableAdmin, SourcedInline
from postings.models import Company, FieldOfStudy, JobPosting, PostingSkill


class PostingSkillInline(SourcedInline):
    model = PostingSkill
    autocomplete_fields = ["skill", "source"]
    fields = ["skill", "importance", "source", "source_passage"]


@admin.register(Company)
class CompanyAdmin(PublishableAdmin):
    list_display = ["name", "status", "updated_at"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ("name", "slug", "description", "status")}),
        PROVENANCE_FIELDSET,
    ]


@admin.register(FieldOfStudy)
class FieldOfStudyAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(JobPosting)
class JobPostingAdmin(PublishableAdmin):
    list_display = ["title", "company", "role", "seniority", "min_degree", "min_years_experience", "status"]
    list_filter = ["status", "seniority", "min_degree", "role", "company"]
    search_fields = ["title", "company__name", "role__name", "requirements", "responsibilities"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["company", "role", "fields_of_study", "source"]
    list_select_related = ["company", "role"]
    inlines = [PostingSkillInline]
    fieldsets = [
        (None, {"fields": ("title", "slug", "company", "role", "seniority", "status")}),
        ("The posting", {"fields": ("summary", "responsibilities", "requirements")}),
        (
            "Structured requirements",
            {
                "fields": (
                    "min_degree", "accepts_equivalent_experience", "fields_of_study",
                    "min_years_experience", "min_years_leadership", "min_years_management",
                )
            },
        ),
        PROVENANCE_FIELDSET,
        ("History", {"fields": ("created_at", "updated_at"), "classes": ["collapse"]}),
    ]
