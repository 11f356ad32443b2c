"""
A restart never undoes a curator's work: `make run` and `make serve` seed with `make seed` on every start,
and what a curator changed since stands. Real processes: make, manage.py and gunicorn on a SQLite file.
"""

import shutil

import pytest

from tests.scale.processes import app_env, gunicorn, manage, run

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

CURATE = """
from postings.models import JobPosting
from roles.models import Role
Role.objects.filter(slug="data-scientist").update(summary="A curator's own summary of the role.")
posting = JobPosting.objects.get(slug="google-ml-engineer")
posting.status = "draft"
posting.save()
"""


def make_seed(env):
    return run(["make", "--no-print-directory", "seed"], env=env, timeout=300, what="make seed")


def test_curated_edits_and_an_unpublish_survive_a_restart(tmp_path):
    env = app_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert "Added 199 guide records" in make_seed(env)  # the first start seeds the empty database
    with gunicorn(env, workers=1) as app:
        assert app.get("/postings/google-ml-engineer/")[0] == 200

    manage("shell", "-c", CURATE, env=env)  # what a curator does in the admin, between two starts
    assert "nothing seeded" in make_seed(env)  # the restart

    with gunicorn(env, workers=1) as app:
        status, body, _ = app.get("/roles/data-scientist/")
        assert status == 200 and "A curator&#x27;s own summary of the role." in body
        assert app.get("/postings/google-ml-engineer/")[0] == 404
