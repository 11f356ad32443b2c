from django import forms
from django.contrib import admin
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from core.admin import COMPACT_TEXTAREA, PROVENANCE_FIELDSET, PublishableAdmin, SourcedInline
from paths.models import Path, PathStep, Resource, StepSkill

# The top of a PositiveSmallIntegerField: numbers no real step uses, where moving steps are parked.
PARKING_ORDER = 32767
# What a step's row in the path's page edits (skills, fields of study and resources: on the step's page).
STEP_FIELDS = [
    "order",
    "name",
    "slug",
    "what_to_do",
    "min_degree",
    "accepts_equivalent_experience",
    "accepts_courses_or_certification",
    "status",
    "source",
    "source_passage",
]


class PathStepForm(forms.ModelForm):
    order = forms.IntegerField(min_value=1, max_value=PARKING_ORDER - 1000, help_text="1, 2, 3…")

    class Meta:
        model = PathStep
        fields = STEP_FIELDS

    def _get_validation_exclusions(self):
        # The order's uniqueness is checked by the formset across the path's rows: checked row by row
        # against the database, swapping two steps (1 <-> 2) would be refused, each seeing the other's old number.
        return super()._get_validation_exclusions() | {"order"}


class PathStepInlineFormSet(forms.BaseInlineFormSet):
    """Steps are reordered by editing their `order` inline; a swap or a shuffle is one save."""

    def clean(self):
        super().clean()
        taken = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or data.get("order") is None:
                continue
            order = data["order"]
            if order in taken:
                form.add_error("order", "Another step of this path has this order.")
            taken.add(order)

    @transaction.atomic
    def save(self, commit=True):
        # Rows are written one at a time: park the steps that move or go on numbers no step uses first,
        # so that no write meets a number another row is about to give up.
        leaving = [
            form.instance.pk
            for form in self.initial_forms
            if "order" in form.changed_data or self._should_delete_form(form)
        ]
        for offset, pk in enumerate(leaving):
            PathStep.objects.filter(pk=pk).update(order=PARKING_ORDER - offset)
        return super().save(commit=commit)


class PathStepInline(SourcedInline):
    model = PathStep
    form = PathStepForm
    formset = PathStepInlineFormSet
    fields = STEP_FIELDS
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["order"]
    show_change_link = True  # skills, fields of study and resources are edited on the step's own page
    verbose_name_plural = "steps (change the order numbers to reorder them)"


@admin.register(Path)
class PathAdmin(PublishableAdmin):
    list_display = ["name", "target_role", "status", "updated_at"]
    list_filter = ["status", "target_role"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["target_role", "source"]
    list_select_related = ["target_role"]
    inlines = [PathStepInline]
    fieldsets = [
        (None, {"fields": ("name", "slug", "target_role", "summary", "status")}),
        PROVENANCE_FIELDSET,
        ("History", {"fields": ("created_at", "updated_at"), "classes": ["collapse"]}),
    ]


class StepSkillInline(SourcedInline):
    model = StepSkill
    autocomplete_fields = ["skill", "source"]
    fields = ["skill", "source", "source_passage"]


class ResourceInline(admin.TabularInline):
    model = Resource.steps.through
    autocomplete_fields = ["resource"]
    extra = 0
    verbose_name = "resource serving this step"
    verbose_name_plural = "resources serving this step"


@admin.register(PathStep)
class PathStepAdmin(PublishableAdmin):
    list_display = ["name", "path", "order", "status"]
    list_filter = ["status", "path"]
    search_fields = ["name", "what_to_do", "path__name"]
    autocomplete_fields = ["path", "source"]
    filter_horizontal = ["fields_of_study"]
    list_select_related = ["path"]
    ordering = ["path", "order"]
    inlines = [StepSkillInline, ResourceInline]
    formfield_overrides = COMPACT_TEXTAREA
    fieldsets = [
        (None, {"fields": ("path", "order", "name", "slug", "what_to_do", "status")}),
        (
            "Education this step concerns",
            {
                "fields": (
                    "min_degree",
                    "fields_of_study",
                    "accepts_equivalent_experience",
                    "accepts_courses_or_certification",
                )
            },
        ),
        PROVENANCE_FIELDSET,
        ("History", {"fields": ("created_at", "updated_at"), "classes": ["collapse"]}),
    ]


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "source_passage"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["steps", "source"]
    formfield_overrides = COMPACT_TEXTAREA
    fieldsets = [(None, {"fields": ("name", "slug", "kind", "url", "steps")}), PROVENANCE_FIELDSET]
