"""
What a web server process does once the application is loaded, before its first request.

Python's cyclic garbage collector now and then walks every object the process holds (a full, "gen 2"
collection). A loaded Django process holds a few hundred thousand long-lived objects (modules, models,
URL patterns, templates), so at every few pages' worth of allocations one request paid for walking them
all: measured on the skill match, a full collection took about 150 ms, one request in ten, the p99.
`gc.freeze()` moves what exists at start-up out of the collector's sight (it lives as long as the process
anyway); requests' own garbage is collected as before. Both WSGI entry points call it.
"""

import gc


def freeze_startup_objects():
    """Load the URL patterns (so every view module is imported), collect once, then freeze what is left."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every app's views now, so they are frozen too
    gc.collect()
    gc.freeze()
