from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Code every content app shares: caching, and (over time) publishing, search and the API's base."""

    name = "core"

    def ready(self):
        from core import caching

        caching.connect_invalidation()
