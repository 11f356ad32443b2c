"""
WSGI entry point for benchmarking: `gunicorn devtools.wsgi`.

It always uses devtools.settings (careerguide.settings with ROOT_URLCONF = "devtools.urls"), so the
server answers the whole site plus `/bench/hello/` and `/bench/plain-postings/`. A settings module is the
one way that holds in every gunicorn worker before Django loads anything: setting ROOT_URLCONF or calling
set_urlconf() after django.setup() is per-thread or too late. DJANGO_SETTINGS_MODULE is assigned, not
defaulted, because `manage.py` exports careerguide.settings to every process it starts.
"""

import os

os.environ["DJANGO_SETTINGS_MODULE"] = "devtools.settings"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from core.serving import freeze_startup_objects  # noqa: E402

freeze_startup_objects()
