"""The settings refuse to run insecurely in production."""

import os
import subprocess
import sys

from django.conf import settings


def import_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}} | env
    return subprocess.run(
        [sys.executable, "-c", "import careerguide.settings"],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True,
    )


def test_production_refuses_the_development_secret_key():
    result = import_settings(DEBUG="false")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_key():
    assert import_settings(DEBUG="false", SECRET_KEY="x" * 50).returncode == 0
