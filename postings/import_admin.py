"""
The admin's Import of job postings: django-import-export's ImportMixin with this app's resource
(postings/resources.py), formats, limits and templates.

Upload → a dry run inside a transaction that is rolled back, shown as a preview: what would be created,
updated, skipped (unchanged) and refused, with the row and column of every error → Confirm, offered only
when no row is refused, imports the file again for real, all or nothing. The page itself reads no
posting: a dry run loads only the postings the file names (by slug, in one query).
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export.admin import ImportMixin

from postings.import_formats import ADMIN_FORMATS, FileFormatError
from postings.resources import JobPostingResource

# A file is imported within one request, twice (preview, then confirm): bounded, like the admin's other
# bulk actions. Larger files go through `manage.py import_postings`.
MAX_ROWS = 5_000


class PostingImportMixin(ImportMixin):
    resource_classes = [JobPostingResource]
    import_formats = ADMIN_FORMATS
    import_template_name = "admin/postings/jobposting/import.html"

    def has_import_permission(self, request):
        # Settings' IMPORT_EXPORT_IMPORT_PERMISSION_CODE ("add") checks one permission; an import also
        # changes the postings it names.
        return super().has_import_permission(request) and self.has_change_permission(request)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {"user": request.user, "max_rows": MAX_ROWS}

    def get_import_data_kwargs(self, **kwargs):
        # Confirming imports all or nothing too, should a row have become invalid since the preview.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "max_rows": MAX_ROWS}

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, FileFormatError):
            form.add_error("import_file", str(e))
        elif isinstance(e, UnicodeDecodeError):
            form.add_error("import_file", "The file is not UTF-8 text.")
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                "Nothing was imported: some rows are refused now (the data changed since the preview). "
                "Upload the file again to see which.",
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
        return super().process_result(result, request)
