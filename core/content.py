"""
Which apps hold curated content. An app says so with `holds_content = True` on its AppConfig; its
models are then the ones whose writes invalidate cached pages (core/caching.py), that backups carry
(core/backups.py), and that the Curators group may edit. A new content app needs only that line.

An app whose tables are recomputed from the content (`demand`: skill demand counted from the postings)
says `holds_derived_data = True` instead: nobody curates them and backups leave them out (a refresh
rebuilds them), but pages are built from them, so every cached page depends on them too and the app
invalidates them itself when it rewrites them (`core.caching.invalidate`).
"""

from django.apps import apps


def content_app_labels():
    return [config.label for config in apps.get_app_configs() if getattr(config, "holds_content", False)]


def content_models():
    return [model for label in content_app_labels() for model in apps.get_app_config(label).get_models()]


def derived_models():
    return [
        model
        for config in apps.get_app_configs()
        if getattr(config, "holds_derived_data", False)
        for model in config.get_models()
    ]


def page_models():
    """
    Every model a cached page may be built from: the content and what is derived from it. Not the
    change history django-simple-history keeps beside each content model: no page shows it, and each
    model a page depends on is one more version token read on every cached request.
    """
    return [
        model
        for model in content_models() + derived_models()
        if not is_change_history(model) and not model._meta.proxy  # a proxy's rows are its model's
    ]


def is_change_history(model):
    """A django-simple-history model (HistoricalRole…): it names the model it records as `instance_type`."""
    return hasattr(model, "instance_type")
