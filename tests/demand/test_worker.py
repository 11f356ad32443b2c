"""
The recount on a real Celery worker, with a real broker (a private Redis) and PostgreSQL: a worker killed
(kill -9) in the middle of a recount loses nothing. Its transaction is rolled back, the role stays marked
dirty, and the task, acknowledged only once done, is delivered again to the next worker, which counts right.

Runs when a Redis answers at 127.0.0.1:6379 (the machine runs Redis) and the shared PostgreSQL answers;
skipped otherwise.
"""

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from devtools.processes import _die_with_parent
from tests.scale.processes import ROOT, VENV_BIN, app_env, manage, redis_server, shared_database, sql, wait_for

# Writes from the test, as a curator's would be: in another process, through the ORM, with the signals
# enqueuing on the real broker. Every slug carries TAG, so two runs of it never collide.
WRITE = """
from django.db import transaction
from postings.models import Company
from tests.factories import CompanyFactory, JobPostingFactory, PostingSkillFactory, RoleFactory, SkillFactory
with transaction.atomic():
    role = RoleFactory(slug="ROLE", name="ROLE")
    skill = SkillFactory(slug="TAG-skill", name="TAG skill")
    company = CompanyFactory(slug="TAG-company", name="TAG company")
    for n in range(COUNT):
        PostingSkillFactory(
            posting=JobPostingFactory(role=role, company=company, slug=f"TAG-{n}", title=f"TAG {n}"),
            skill=skill, importance="essential",
        )
"""


def write(env, tag, role, count):
    script = WRITE.replace("TAG", tag).replace("ROLE", role).replace("COUNT", str(count))
    manage("shell", "-c", script, env=env)


def redis_on_this_machine():
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 6379), timeout=1):
        return True
    return False


@contextlib.contextmanager
def worker(env, log):
    """`celery -A careerguide worker`, one process running tasks; stopped at exit (kill -9 unless already gone)."""
    process = subprocess.Popen(
        [VENV_BIN / "celery", "-A", "careerguide", "worker", "--loglevel=INFO", "--concurrency=1"]
        + ["--without-mingle", "--without-gossip"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def kill_9(process):
    """The worker and its pool's child, at once, as a machine that loses power."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


@pytest.mark.skipif(not redis_on_this_machine(), reason="no Redis at 127.0.0.1:6379 on this machine")
def test_a_worker_killed_mid_recount_loses_nothing():
    with shared_database("cg_worker_") as database, redis_server() as broker:
        env = app_env(
            DATABASE_URL=database,
            REDIS_URL=broker,
            CELERY_BROKER_URL=broker,
            # An unacknowledged message returns to the queue after 3 s (production: 15 minutes).
            CELERY_VISIBILITY_TIMEOUT=3,
            LOG_LEVEL="INFO",
        )
        manage("migrate", "--noinput", "-v0", env=env, timeout=300)

        def value(statement):
            return sql(database, statement)

        def role_id(slug):
            return int(value(f"SELECT id FROM roles_role WHERE slug = '{slug}'"))

        def dirty(slug):
            return value(f"SELECT count(*) FROM demand_dirtyrole WHERE role_id = {role_id(slug)}") == "1"

        def live(slug):
            return value(f"SELECT live_postings FROM demand_roledemand WHERE role_id = {role_id(slug)}") or None

        write(env, "first", "killed", 3)  # enqueued; no worker runs yet
        assert dirty("killed") and live("killed") is None

        workdir = Path(tempfile.mkdtemp(prefix="cg-worker-"))
        started = "Recounting skill demand for 1 roles"
        with open(workdir / "first.log", "w+") as log, worker({**env, "DEMAND_RECOUNT_PAUSE": "60"}, log) as first:
            # The recount has begun: its transaction has deleted the role's rows and holds the pause.
            wait_for(lambda: started in (workdir / "first.log").read_text(), 60, "the recount to begin")
            time.sleep(2)
            kill_9(first)
        # Rolled back with the dead connection: still marked, still uncounted.
        assert dirty("killed") and live("killed") is None

        write(env, "second", "meanwhile", 2)  # a write while no worker runs, to another role

        with open(workdir / "second.log", "w+") as log, worker(env, log):
            # The killed recount is delivered again (the broker never had its acknowledgement), and the
            # second write's task runs: both roles counted right, and no mark left.
            wait_for(lambda: not dirty("killed") and not dirty("meanwhile"), 90, "both recounts")
            assert (live("killed"), live("meanwhile")) == ("3", "2")
            skill_counts = value(
                "SELECT r.slug, d.essential FROM demand_roleskilldemand d JOIN roles_role r ON r.id = d.role_id "
                "WHERE r.slug IN ('killed', 'meanwhile') ORDER BY r.slug"
            )
            assert skill_counts.split() == ["killed|3", "meanwhile|2"]
