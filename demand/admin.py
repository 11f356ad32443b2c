"""
Skill demand in the admin: what each role's counts were made from and when (read-only: `demand.refresh`
writes them), and the "Recount all skill demand" button, which starts a background job with a progress
bar (jobs) for users with the demand.recount_skill_demand permission.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from demand import tasks
from demand.models import RoleDemand

RECOUNT_PERMISSION = "demand.recount_skill_demand"


@admin.register(RoleDemand)
class RoleDemandAdmin(admin.ModelAdmin):
    list_display = ["role", "live_postings", "in_demand_skills", "dated_postings", "computed_at"]
    list_select_related = ["role"]
    search_fields = ["role__name"]
    ordering = ["role__name"]
    list_per_page = 100

    # Whoever may recount may see what the counts are (the page the button is on).
    def has_module_permission(self, request):
        return super().has_module_permission(request) or request.user.has_perm(RECOUNT_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or request.user.has_perm(RECOUNT_PERMISSION)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        recount = path(
            "recount/", self.admin_site.admin_view(require_POST(self.recount_view)), name="demand_roledemand_recount"
        )
        return [recount, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {"may_recount": request.user.has_perm(RECOUNT_PERMISSION), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def recount_view(self, request):
        """Start the recount of every role as a background job, and go to its page (its progress bar)."""
        if not request.user.has_perm(RECOUNT_PERMISSION):
            raise PermissionDenied
        job = tasks.start_recount_of_every_role(request.user)
        self.message_user(request, "The recount of every role's skill demand has started.", messages.SUCCESS)
        return redirect(reverse("admin:jobs_backgroundjob_change", args=[job.pk]))
