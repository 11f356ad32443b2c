from django.contrib import admin

from sources.models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "publisher", "url"]
    search_fields = ["title", "author", "publisher"]
    prepopulated_fields = {"slug": ["title"]}
