"""The WSGI entry points hand the collector only what requests create (core/serving.py)."""

import gc
import importlib


def test_the_wsgi_entry_point_freezes_what_exists_at_start_up():
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        importlib.reload(importlib.import_module("careerguide.wsgi"))
        assert gc.get_freeze_count() > 10_000  # Django, the apps and their URL patterns
    finally:
        gc.unfreeze()
