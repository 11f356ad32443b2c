"""
The Celery app: the work a write causes but its request need not wait for (README, "Background work").

Configured from Django's settings, every name prefixed CELERY_ (careerguide/settings.py, "Background
work"); tasks are found in each app's tasks.py. Without a broker (`make run`) tasks run in-process, in the
on-commit callback that enqueues them; with one, `make worker` runs them and `make beat` the schedule.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")

app = Celery("careerguide")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
