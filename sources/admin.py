from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.models import Source


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "author", "publisher", "url"]
    search_fields = ["title", "author", "publisher"]
    prepopulated_fields = {"slug": ["title"]}
