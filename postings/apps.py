from django.apps import AppConfig


class PostingsConfig(AppConfig):
    name = "postings"
    holds_content = True  # cached, invalidated and backed up as content (core/content.py)

    def ready(self):
        from postings import signals  # noqa: F401  (connects the receivers)
