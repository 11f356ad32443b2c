from django.apps import AppConfig


class PathsConfig(AppConfig):
    name = "paths"
    holds_content = True  # cached, invalidated and backed up as content (core/content.py)
