"""
Admin pieces every curated model shares: publish/unpublish, the provenance fields, and what tables that
grow to millions of rows need.

Django's default filter for a foreign key lists every related record in the sidebar (thousands of
companies), and its `RelatedOnlyFieldListFilter` scans the whole table for the distinct ones in use.
`AutocompleteFilter` instead picks the record with the admin's own autocomplete widget (select2, the
one `autocomplete_fields` uses), which searches the related admin as you type.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper
from django.contrib.postgres.search import SearchQuery
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import bulk_update_with_history

from core.caching import invalidate
from core.pagination import COUNT_CAP, CappedPaginator, display_count
from core.publishing import PublicationStatus
from core.signals import records_changed

# A bulk publish/unpublish loads the records it changes (each gets a history row): bounded.
MAX_RECORDS_PER_ACTION = 5_000

PROVENANCE_FIELDSET = ("Provenance", {"fields": ("source", "source_passage")})
COMPACT_TEXTAREA = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}


class PublishableAdmin(SimpleHistoryAdmin):
    """Status filter, read-only timestamps, and bulk publish/unpublish for editors who may change records."""

    actions = ["publish", "unpublish"]
    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at"]
    autocomplete_fields = ["source"]
    list_per_page = 50

    def _set_status(self, request, queryset, status):
        to_change = list(queryset.exclude(status=status)[: MAX_RECORDS_PER_ACTION + 1])
        if len(to_change) > MAX_RECORDS_PER_ACTION:
            self.message_user(
                request,
                f"More than {MAX_RECORDS_PER_ACTION:,} records selected: narrow the selection (filter first).",
                messages.ERROR,
            )
            return
        now = timezone.now()
        for record in to_change:
            record.status, record.updated_at = status, now  # updated_at feeds Last-Modified
        # One UPDATE per batch plus a history row per record, saying who did it; no save() signals, so
        # the cached pages are invalidated here, and records_changed tells whoever derives from them — in
        # the same transaction, so that what they note (skill demand's dirty roles) commits with the change.
        with transaction.atomic():
            bulk_update_with_history(
                to_change, queryset.model, ["status", "updated_at"], batch_size=500, default_user=request.user
            )
            invalidate(queryset.model)
            records_changed.send(sender=queryset.model, records=to_change, fields=["status", "updated_at"])
        changed = len(to_change)
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


class KnownLabelsAutocompleteSelect(AutocompleteSelect):
    """
    The admin's autocomplete widget, given the labels of the records it may show selected. Django's
    looks its selected record up with a query of its own, in every row of an inline: a role's change
    page with 27 skills made 54 queries for them. `known` ({str(pk): label}) is filled by the inline for
    all its rows at once (SourcedInline.get_formset) and shared by the copy of the widget in each row; a
    value it does not hold (a row the curator changed) is looked up as Django does.
    """

    known = None

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied.known = self.known
        return copied

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.known is None or not selected <= self.known.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in sorted(selected):
            options.append(self.create_option(name, pk, self.known[pk], selected, len(options)))
        return [(None, options, 0)]


class SourcedInline(admin.TabularInline):
    """
    Inline rows carry their own source and passage; textareas kept short so a row stays one line. The
    records the rows' autocomplete fields point to are read once for the whole inline.
    """

    autocomplete_fields = ["source"]
    formfield_overrides = COMPACT_TEXTAREA
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownLabelsAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # No add/change/delete/view links beside each row's related record: four links with icons per
        # foreign key per row were half of a role's change page (the records have their own admin pages).
        if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = widget.can_delete_related = False
            widget.can_view_related = False
        return formfield

    def get_queryset(self, request):
        # Each row shows its record's name, which names the related records (RoleSkill: role and skill).
        relations = [f.name for f in self.model._meta.concrete_fields if f.is_relation and f.many_to_one]
        return super().get_queryset(request).select_related(*relations)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is None or obj.pk is None:
            return formset
        rows = self.get_queryset(request).filter(**{self.fk_name or self._parent_fk_name(): obj})
        for name in self.get_autocomplete_fields(request):
            field = formset.form.base_fields.get(name)
            widget = getattr(field, "widget", None)
            widget = getattr(widget, "widget", widget)  # inside the admin's add/change-links wrapper
            if not isinstance(widget, KnownLabelsAutocompleteSelect):
                continue
            related = self.model._meta.get_field(name).related_model
            pks = rows.exclude(**{f"{name}__isnull": True}).values(f"{name}_id")
            widget.known = {str(record.pk): str(record) for record in related._default_manager.filter(pk__in=pks)}
        return formset

    def _parent_fk_name(self):
        return next(
            f.name
            for f in self.model._meta.concrete_fields
            if f.is_relation and f.many_to_one and issubclass(self.parent_model, f.related_model)
        )


class AutocompleteFilter(admin.SimpleListFilter):
    template = "admin/autocomplete_filter.html"
    field_name = None  # the model's foreign key to filter on, e.g. "company"

    def __init__(self, request, params, model, model_admin):
        self.parameter_name = f"{self.field_name}__id__exact"
        field = model._meta.get_field(self.field_name)
        self.title = self.title or field.verbose_name
        super().__init__(request, params, model, model_admin)
        widget = AutocompleteSelect(field, model_admin.admin_site, attrs={"data-placeholder": f"Any {self.title}"})
        choice = forms.ModelChoiceField(queryset=field.related_model._default_manager.all(), widget=widget)
        self.rendered_widget = choice.widget.render(
            self.parameter_name,
            self.value(),
            attrs={
                "id": f"id_filter_{self.field_name}",
                "aria-label": f"Filter by {self.title}",
            },
        )
        # The other filters and the search stay as they are when this one is submitted.
        self.other_params = [
            (name, value)
            for name, values in request.GET.lists()
            if name not in (self.parameter_name, "p")
            for value in values
        ]

    def value(self):
        value = super().value()
        return value if value and value.isascii() and value.isdigit() else None

    def has_output(self):
        return True

    def lookups(self, request, model_admin):
        return ()

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(**{self.parameter_name: value}) if value else queryset


def autocomplete_filter(field_name):
    """`list_filter = [autocomplete_filter("company")]`."""
    return type(f"{field_name.title()}AutocompleteFilter", (AutocompleteFilter,), {"field_name": field_name})


class LargeTableAdmin(admin.ModelAdmin):
    """
    A changelist that stays fast at a million rows: counts stop at the cap, no total of the unfiltered
    table, no facet counts, sorting only where an index serves it, and (on PostgreSQL, for a model with
    a `search_document`) search through the full-text index instead of `LIKE '%…%'` over every row.
    """

    paginator = CappedPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    ordering = ["-id"]
    sortable_by = ["id"]

    def get_search_results(self, request, queryset, search_term):
        has_document = any(f.name == "search_document" for f in self.model._meta.concrete_fields)
        if not search_term.strip() or not has_document or connection.vendor != "postgresql":
            return super().get_search_results(request, queryset, search_term)
        found = queryset.filter(search_document=SearchQuery(search_term, search_type="websearch", config="english"))
        return found, False

    @property
    def media(self):
        # The autocomplete filters need the autocomplete widget's scripts on the changelist.
        autocompleted = [
            f.field_name for f in self.list_filter if isinstance(f, type) and issubclass(f, AutocompleteFilter)
        ]
        media = super().media
        if autocompleted:
            media += AutocompleteSelect(self.model._meta.get_field(autocompleted[0]), self.admin_site).media
        return media


def related_changelist_link(record, accessor):
    """
    "12,345 postings", linking to the changelist of the records behind the reverse relation `accessor`
    (e.g. a role's "postings"), filtered on `record`: what a change page shows in place of an inline
    that would render every related row.
    """
    if record.pk is None:
        return "—"
    relation = record._meta.get_field(accessor)
    model, field_name = relation.related_model, relation.field.name
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + f"?{field_name}__id__exact={record.pk}"
    count = model._default_manager.filter(**{field_name: record}).order_by()[: COUNT_CAP + 1].count()
    noun = opts.verbose_name if count == 1 else opts.verbose_name_plural
    return format_html('<a href="{}">{} {}</a>', url, display_count(count), noun)
