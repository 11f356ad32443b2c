from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import COMPACT_TEXTAREA, PROVENANCE_FIELDSET, PublishableAdmin, SourcedInline, related_changelist_link
from roles.models import Role, RoleRelation, RoleSkill, SalaryFigure


class RoleSkillInline(SourcedInline):
    model = RoleSkill
    autocomplete_fields = ["skill", "source"]
    fields = ["skill", "importance", "source", "source_passage"]


class RoleRelationInline(SourcedInline):
    model = RoleRelation
    fk_name = "from_role"
    autocomplete_fields = ["to_role", "source"]
    fields = ["kind", "to_role", "description", "source", "source_passage"]
    verbose_name = "related role"
    verbose_name_plural = "related roles (from this role to another)"


class SalaryFigureInline(SourcedInline):
    model = SalaryFigure
    fields = [
        "amount",
        "currency",
        "period",
        "statistic",
        "compensation",
        "region",
        "is_approximate",
        "as_of",
        "status",
        "source",
        "source_passage",
    ]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # The currency is typed (USD), not picked: a select of every ISO 4217 code on each row, and on
        # the hidden template row, made a role's change page weigh over 100 KB.
        if db_field.name == "currency":
            kwargs["widget"] = forms.TextInput(attrs={"size": 4, "maxlength": 3, "placeholder": "USD"})
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(Role)
class RoleAdmin(PublishableAdmin):
    list_display = ["name", "status", "updated_at"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleSkillInline, SalaryFigureInline, RoleRelationInline]
    readonly_fields = [*PublishableAdmin.readonly_fields, "postings"]
    fieldsets = [
        (None, {"fields": ("name", "slug", "summary", "status", "postings")}),
        ("What the role does and asks for", {"fields": ("responsibilities", "education", "experience")}),
        PROVENANCE_FIELDSET,
        ("History", {"fields": ("created_at", "updated_at"), "classes": ["collapse"]}),
    ]

    @admin.display(description="Postings")
    def postings(self, role):
        # A link, not an inline: a role can have tens of thousands of postings.
        return related_changelist_link(role, "postings")


@admin.register(SalaryFigure)
class SalaryFigureAdmin(PublishableAdmin):
    list_display = [
        "role",
        "amount",
        "currency",
        "period",
        "statistic",
        "compensation",
        "region",
        "is_approximate",
        "status",
    ]
    list_filter = ["status", "statistic", "compensation", "period", "currency", "is_approximate", "role"]
    search_fields = ["role__name", "region", "source_passage"]
    autocomplete_fields = ["role", "source"]
    list_select_related = ["role"]
    formfield_overrides = COMPACT_TEXTAREA


@admin.register(RoleSkill)
class RoleSkillAdmin(SimpleHistoryAdmin):
    list_display = ["role", "skill", "importance"]
    list_filter = ["importance", "role"]
    search_fields = ["role__name", "skill__name"]
    autocomplete_fields = ["role", "skill", "source"]
    list_select_related = ["role", "skill"]


@admin.register(RoleRelation)
class RoleRelationAdmin(SimpleHistoryAdmin):
    list_display = ["from_role", "kind", "to_role"]
    list_filter = ["kind"]
    search_fields = ["from_role__name", "to_role__name"]
    autocomplete_fields = ["from_role", "to_role", "source"]
    list_select_related = ["from_role", "to_role"]
