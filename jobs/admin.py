"""
The jobs in the admin: a list of the ones a user may see, and each job's page — a progress bar that polls
the job's status (JSON) every 1.5 s, then the summary and the errors by row once it has ended. Jobs are
made by the work that starts them (e.g. demand's "Recount all skill demand"), never added or edited here.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from jobs.models import BackgroundJob


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "progress", "error_count", "created_by", "created_at", "finished_at"]
    list_filter = ["state", "kind"]
    list_select_related = ["created_by"]
    search_fields = ["title"]
    list_per_page = 50

    @admin.display(description="Done")
    def progress(self, job):
        return f"{job.done:,} / {job.total:,}" if job.total else f"{job.done:,}"

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    # Staff see the list (narrowed to their own jobs without the view permission) and the jobs they started.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        if super().has_view_permission(request, obj):
            return True
        if obj is None:
            return self.has_module_permission(request)
        return self.has_module_permission(request) and obj.created_by_id == request.user.pk

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        status = path(
            "<int:object_id>/status/",
            self.admin_site.admin_view(self.status_view),
            name="jobs_backgroundjob_status",
        )
        return [status, *super().get_urls()]

    def visible_job(self, request, object_id, jobs=None):
        if not str(object_id).isdigit():
            raise Http404
        job = get_object_or_404(
            BackgroundJob.objects.select_related("created_by") if jobs is None else jobs, pk=object_id
        )
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        return job

    def status_view(self, request, object_id):
        """The job's state, counts and time left, fresh from the database: what the page's script polls."""
        # Never cached: admin_view marks every admin response no-store. Polled every 1.5 s: without the
        # error list (up to 1,000 rows of JSON), which the page shows only once the job has ended.
        job = self.visible_job(request, object_id, BackgroundJob.objects.defer("errors"))
        return JsonResponse(job.status())

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The job's page in place of a form: read from the database, so a reload shows where it is now."""
        job = self.visible_job(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": job.title,
            "subtitle": None,
            "job": job,
            "status": job.status(),
            "has_view_permission": True,
            "has_delete_permission": self.has_delete_permission(request, job),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/jobs/backgroundjob/progress.html", context)
