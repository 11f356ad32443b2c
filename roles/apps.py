from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    holds_content = True  # cached, invalidated and backed up as content (core/content.py)
