from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "sources"
    holds_content = True  # cached, invalidated and backed up as content (core/content.py)
    verbose_name = "Sources and provenance"
