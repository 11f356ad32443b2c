from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.admin import (
    PROVENANCE_FIELDSET,
    LargeTableAdmin,
    PublishableAdmin,
    SourcedInline,
    autocomplete_filter,
    related_changelist_link,
)
from core.publishing import PublicationStatus
from postings import review
from postings.import_admin import PostingImportMixin
from postings.models import (
    Company,
    FieldOfStudy,
    JobPosting,
    PostingAwaitingReview,
    PostingLocation,
    PostingSkill,
    ReviewState,
)


class PostingSkillInline(SourcedInline):
    model = PostingSkill
    autocomplete_fields = ["skill", "source"]
    fields = ["skill", "importance", "source", "source_passage"]


class PostingLocationInline(admin.TabularInline):
    model = PostingLocation
    fields = ["kind", "city", "region", "country"]
    extra = 0
    verbose_name_plural = "locations: places of work, or the countries a remote job accepts applicants from"

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # The country is typed (DE), not picked: a select of every ISO 3166 country on each row, and on
        # the hidden template row, was 11 KB a row. The model's choices still validate it.
        if db_field.name == "country":
            kwargs["widget"] = forms.TextInput(attrs={"size": 3, "maxlength": 2, "placeholder": "DE"})
            kwargs.setdefault("help_text", "ISO 3166-1 alpha-2 code, such as DE or US.")
        return super().formfield_for_choice_field(db_field, request, **kwargs)


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


# The reject page names the first few postings selected; the action itself takes up to MAX_POSTINGS_PER_STEP.
SHOWN_ON_REJECT_PAGE = 20


class RejectionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=2000,
        help_text="The curator who submitted the posting sees this: say what to fix.",
    )


class ReviewActionsMixin:
    """
    The review's steps as admin actions (postings/review.py): submit for review (any curator who may
    change postings), publish and reject with a reason (reviewers only: the `publish` permission).
    """

    def has_publish_permission(self, request):
        return review.may_publish(request.user)

    def _report(self, request, step, *args):
        try:
            return step(*args)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None

    @admin.action(description="Submit selected drafts for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        done = self._report(request, review.submit, queryset, request.user)
        if done is not None:
            self.message_user(
                request,
                ngettext("%d posting submitted for review.", "%d postings submitted for review.", done) % done
                if done
                else "Nothing submitted: only drafts not already awaiting review can be submitted.",
                messages.SUCCESS if done else messages.WARNING,
            )

    @admin.action(description="Publish selected postings", permissions=["publish"])
    def publish(self, request, queryset):
        done = self._report(request, review.publish, queryset, request.user)
        if done is not None:
            self.message_user(
                request, ngettext("%d posting published.", "%d postings published.", done) % done, messages.SUCCESS
            )

    @admin.action(description="Reject selected postings (with a reason)…", permissions=["publish"])
    def reject(self, request, queryset):
        # Django's intermediate-page pattern: the first POST shows the form, the second ("apply") acts.
        form = RejectionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            done = self._report(request, review.reject, queryset, request.user, form.cleaned_data["reason"])
            if done is not None:
                self.message_user(
                    request,
                    ngettext("%d posting rejected.", "%d postings rejected.", done) % done
                    if done
                    else "Nothing rejected: only postings awaiting review can be rejected.",
                    messages.SUCCESS if done else messages.WARNING,
                )
            return None
        return TemplateResponse(
            request,
            "admin/postings/reject.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reject postings",
                "opts": self.model._meta,
                "postings": queryset.select_related("company")[:SHOWN_ON_REJECT_PAGE],
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
                "select_across": request.POST.get("select_across", "0"),
            },
        )


@admin.register(JobPosting)
class JobPostingAdmin(PostingImportMixin, ReviewActionsMixin, LargeTableAdmin, PublishableAdmin):
    # Pages other apps add to the postings admin, each (route, view(request, model_admin), name, button label):
    # an app later in the order (extraction's "New posting from text") plugs in here, so this app never
    # imports it. Each is at admin/postings/jobposting/<route>, named admin:postings_jobposting_<name>,
    # behind the admin's login, and offered as a button above the list.
    extra_pages = []
    change_list_template = "admin/postings/jobposting/change_list.html"
    list_display = ["title", "company", "role", "posted_on", "valid_through", "seniority", "status", "review_state"]
    actions = ["submit_for_review", "publish", "reject", "unpublish"]
    list_filter = [
        "status",
        "review_state",
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
        ("Review", {"fields": ("review",)}),
        PROVENANCE_FIELDSET,
        ("History", {"fields": ("created_at", "updated_at"), "classes": ["collapse"]}),
    ]
    readonly_fields = [*PublishableAdmin.readonly_fields, "review"]

    @admin.display(description="Review")
    def review(self, posting):
        state = ReviewState(posting.review_state)
        if state == ReviewState.NOT_SUBMITTED:
            return "Not submitted. Save with “Save and submit for review” when the draft is ready."
        if state == ReviewState.PENDING:
            queue = reverse("admin:postings_postingawaitingreview_changelist")
            return format_html(
                'Awaiting review since {} (submitted by {}). <a href="{}">Review queue</a>',
                posting.submitted_at.strftime("%Y-%m-%d %H:%M"),
                posting.submitted_by or "someone since removed",
                queue,
            )
        who = posting.reviewed_by or "someone since removed"
        when = posting.reviewed_at.strftime("%Y-%m-%d %H:%M") if posting.reviewed_at else "?"
        if state == ReviewState.REJECTED:
            return format_html("Rejected by {} on {}: “{}”", who, when, posting.rejection_reason)
        return format_html("Approved by {} on {}.", who, when)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if review.may_publish(request.user):
            return form

        class PublishedOnlyByReviewersForm(form):
            def clean_status(self):
                status = self.cleaned_data.get("status")
                if review.publishes(status, was_published=review.was_published(self.instance)):
                    raise ValidationError(review.ONLY_REVIEWERS_PUBLISH)
                return status

        return PublishedOnlyByReviewersForm

    def get_urls(self):
        pages = [
            path(route, self.admin_site.admin_view(partial(view, model_admin=self)), name=f"postings_jobposting_{name}")
            for route, view, name, _label in self.extra_pages
        ]
        return pages + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        tools = [(label, reverse(f"admin:postings_jobposting_{name}")) for _r, _v, name, label in self.extra_pages]
        return super().changelist_view(request, {**(extra_context or {}), "extra_object_tools": tools})

    def save_model(self, request, obj, form, change):
        # Compared with the stored row, not the form's initial values: a History revert's form starts from
        # the old version, so its changed_data says nothing of what the revert changes.
        stored = JobPosting.objects.filter(pk=obj.pk).first() if change else None
        obj._was_live = was_live = stored is not None and stored.status == PublicationStatus.PUBLISHED
        if obj.status == PublicationStatus.PUBLISHED and not was_live:
            # A reviewer publishing (the form refuses anyone else) approves it, as the publish action does.
            review.approve(obj, request.user)
        changed = review.content_changes(obj, stored) + [
            name for name in form.changed_data if name == "fields_of_study"
        ]
        if review.needs_review_again(obj, request.user, was_live=was_live, changed=changed):
            self._send_back(request, obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        inlines_changed = [formset.prefix for formset in formsets if formset.has_changed()]
        if review.needs_review_again(
            obj, request.user, was_live=getattr(obj, "_was_live", False), changed=inlines_changed
        ):
            self._send_back(request, obj)
            obj.save(update_fields=["status", *review.REVIEW_FIELDS, "updated_at"])

    def _send_back(self, request, obj):
        review.send_back_for_review(obj, request.user)
        self.message_user(request, review.SENT_BACK_FOR_REVIEW, messages.WARNING)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        is_draft = obj is None or obj.status == PublicationStatus.DRAFT
        context["show_submit_for_review"] = is_draft and self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _submit_if_asked(self, request, obj):
        if "_submit_for_review" in request.POST and review.submit(JobPosting.objects.filter(pk=obj.pk), request.user):
            self.message_user(request, f"“{obj}” is awaiting review.", messages.SUCCESS)

    def response_add(self, request, obj, post_url_continue=None):
        self._submit_if_asked(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._submit_if_asked(request, obj)
        return super().response_change(request, obj)


@admin.register(PostingAwaitingReview)
class ReviewQueueAdmin(ReviewActionsMixin, admin.ModelAdmin):
    """The postings awaiting review, oldest submission first; each opens on the posting's own change page."""

    list_display = ["title_link", "company", "role", "submitted_by", "submitted_at"]
    list_display_links = None
    list_select_related = ["company", "role", "submitted_by"]
    actions = ["publish", "reject"]
    list_per_page = 50
    sortable_by = []
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).awaiting_review()

    @admin.display(description="Posting")
    def title_link(self, posting):
        change_url = reverse("admin:postings_jobposting_change", args=[posting.pk])
        return format_html('<a href="{}">{}</a>', change_url, posting)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # One place to edit a posting: its own change page.
        return redirect("admin:postings_jobposting_change", object_id)
