from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Code every app shares: publishing, caching, pagination, the API's base classes, admin and view helpers."""

    name = "core"

    def ready(self):
        from core import caching, startup

        caching.connect_invalidation()
        startup.check_database_at_server_start()  # only in gunicorn: stop at boot if the database does not exist
