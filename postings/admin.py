from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import (
    PROVENANCE_FIELDSET,
    LargeTableAdmin,
    PublishableAdmin,
    SourcedInline,
    autocomplete_filter,
    related_changelist_link,
)
from postings.models import Company, FieldOfStudy, JobPosting, PostingLocation, PostingSkill


class PostingSkillInline(SourcedInline):
    model = PostingSkill
    autocomplete_fields = ["skill", "source"]
    fields = ["skill", "importance", "source", "source_passage"]


class PostingLocationInline(admin.TabularInline):
    model = PostingLocation
    fields = ["kind", "city", "region", "country"]
    extra = 0
    verbose_name_plural = "locations: places of work, or the countries a remote job accepts applicants from"


@admin.register(Company)
class CompanyAdmin(PublishableAdmin):
    list_display = ["name", "status", "updated_at"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = [*PublishableAdmin.readonly_fields, "postings"]
    fieldsets = [
        (None, {"fields": ("name", "slug", "description", "website", "status", "postings")}),
        PROVENANCE_FIELDSET,
    ]

    @admin.display(description="Postings")
    def postings(self, company):
        return related_changelist_link(company, "postings")


@admin.register(FieldOfStudy)
class FieldOfStudyAdmin(SimpleHistoryAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(JobPosting)
class JobPostingAdmin(LargeTableAdmin, PublishableAdmin):
    list_display = ["title", "company", "role", "posted_on", "valid_through", "seniority", "status"]
    list_filter = [
        "status",
        autocomplete_filter("role"),
        autocomplete_filter("company"),
        "seniority",
        "min_degree",
        "workplace",
        "employment_type",
    ]
    # On PostgreSQL the search goes through the indexed full-text document (title, company, texts);
    # these substring fields serve SQLite, the small embedded database.
    search_fields = ["title", "company__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["company", "role", "fields_of_study", "source"]
    list_select_related = ["company", "role"]
    inlines = [PostingLocationInline, PostingSkillInline]
    fieldsets = [
        (None, {"fields": ("title", "slug", "company", "role", "seniority", "status", "posted_on", "valid_through")}),
        ("The posting", {"fields": ("summary", "responsibilities", "requirements")}),
        (
            "Where, terms and how to apply",
            {
                "description": "All optional: leave blank what the posting does not say. Places are listed below.",
                "fields": (
                    ("workplace", "employment_type"),
                    ("pay_min", "pay_max", "pay_currency", "pay_period"),
                    ("apply_url", "apply_email"),
                ),
            },
        ),
        (
            "Structured requirements",
            {
                "fields": (
                    "min_degree",
                    "accepts_equivalent_experience",
                    "fields_of_study",
                    "min_years_experience",
                    "min_years_leadership",
                    "min_years_management",
                )
            },
        ),
        PROVENANCE_FIELDSET,
        ("History", {"fields": ("created_at", "updated_at"), "classes": ["collapse"]}),
    ]
