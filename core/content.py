"""
Which apps hold curated content. An app says so with `holds_content = True` on its AppConfig; its
models are then the ones whose writes invalidate cached pages (core/caching.py), that backups carry
(core/backups.py), and that the Curators group may edit. A new content app needs only that line.
"""

from django.apps import apps


def content_app_labels():
    return [config.label for config in apps.get_app_configs() if getattr(config, "holds_content", False)]


def content_models():
    return [model for label in content_app_labels() for model in apps.get_app_config(label).get_models()]
