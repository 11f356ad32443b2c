"""
Without Redis, every process on the machine shares one cache (files in CACHE_DIR): a write handled by one
gunicorn worker, or made by a command, is never hidden behind another worker's cached page.
Real processes: gunicorn with two workers and manage.py, on a SQLite file, no REDIS_URL.
"""

import pytest

from tests.scale.processes import app_env, gunicorn, manage

UNPUBLISH = """
from postings.models import JobPosting
posting = JobPosting.objects.get(slug="google-ml-engineer")
posting.status = "draft"
posting.save()
"""


@pytest.fixture
def env(tmp_path):
    env = app_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", CACHE_DIR=str(tmp_path / "cache"))
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_guide", "-v0", env=env)
    return env


def test_a_write_from_another_process_reaches_every_workers_cache(env, tmp_path):
    with gunicorn(env, workers=2) as app:
        # Concurrent bursts until both workers have answered (and so cached) the list and the page.
        for _status, body, _headers in app.get_from_every_worker("/postings/", workers=2):
            assert "Google" in body
        for status, _body, _headers in app.get_from_every_worker("/postings/google-ml-engineer/", workers=2):
            assert status == 200
        assert len(app.worker_pids("/postings/")) == 2, "both workers should have answered"
        assert len(app.worker_pids("/postings/google-ml-engineer/")) == 2
        assert any((tmp_path / "cache").iterdir()), "the pages were cached in the shared directory"

        manage("shell", "-c", UNPUBLISH, env=env)  # a command's write, in a process of its own

        for _ in range(20):
            assert app.get("/postings/google-ml-engineer/")[0] == 404
            assert "google-ml-engineer" not in app.get("/postings/")[1]
