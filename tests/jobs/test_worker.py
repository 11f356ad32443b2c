"""
The recount-all job on a real Celery worker, with a real broker (a private Redis) and PostgreSQL: a worker
killed (kill -9) in the middle leaves the job visibly running with no progress, which the page reports as
stalled; the task, acknowledged only once done, is delivered again, starts the job over (attempt 2) and
ends it with the right counts.

Runs when a Redis answers at 127.0.0.1:6379 and the shared PostgreSQL answers; skipped otherwise.
"""

import tempfile
import time
from pathlib import Path

import pytest

from tests.demand.test_worker import kill_9, redis_on_this_machine, worker
from tests.scale.processes import app_env, manage, redis_server, shared_database, sql, wait_for

# Two roles (each new role's own recount is sent to the broker too: a worker runs those first).
ROLES = """
from tests.factories import RoleFactory
RoleFactory(slug="first-role"), RoleFactory(slug="second-role")
"""
# The admin's "Recount all skill demand" as the button runs it: a job, and its task sent to the broker.
START = """
from demand.tasks import start_recount_of_every_role
print("JOB", start_recount_of_every_role(None).pk)
"""

# What the job's page would say three minutes after the job's last word (the same status() the JSON sends).
STATUS_LATER = """
from datetime import timedelta
from jobs.models import BackgroundJob
job = BackgroundJob.objects.get(pk=JOB)
print(job.status(job.updated_at + timedelta(minutes=3))["stalled_minutes"])
"""


@pytest.mark.skipif(not redis_on_this_machine(), reason="no Redis at 127.0.0.1:6379 on this machine")
def test_a_job_whose_worker_died_shows_as_stalled_and_is_run_again_to_its_end():
    with shared_database("cg_jobs_worker_") as database, redis_server() as broker:
        env = app_env(DATABASE_URL=database, REDIS_URL=broker, CELERY_BROKER_URL=broker, CELERY_VISIBILITY_TIMEOUT=3)
        manage("migrate", "--noinput", "-v0", env=env, timeout=300)
        manage("shell", "-c", ROLES, env=env)
        workdir = Path(tempfile.mkdtemp(prefix="cg-jobs-worker-"))
        with open(workdir / "roles.log", "w+") as log, worker(env, log):
            # Done and acknowledged (else one would come back, held by the pause, ahead of the job's task).
            wait_for(
                lambda: (workdir / "roles.log").read_text().count("] succeeded in") == 2, 60, "the roles' recounts"
            )
            time.sleep(1)
        job_id = int(manage("shell", "-c", START, env=env).split("JOB")[1].split()[0])

        def job(columns):
            return sql(database, f"SELECT {columns} FROM jobs_backgroundjob WHERE id = {job_id}")

        assert job("state") == "queued"  # sent; no worker runs yet

        with open(workdir / "first.log", "w+") as log, worker({**env, "DEMAND_RECOUNT_PAUSE": "60"}, log) as first:
            wait_for(lambda: job("state") == "running", 60, "the job to start")
            time.sleep(2)  # inside the first role's recount, held by the pause
            kill_9(first)
        # The worker is gone: the job still says running, with no progress, and its page says stalled.
        assert job("state, done, total, attempts") == "running|0|2|1"
        assert manage("shell", "-c", STATUS_LATER.replace("JOB", str(job_id)), env=env).split()[-1] == "3"

        with open(workdir / "second.log", "w+") as log, worker(env, log):
            wait_for(lambda: job("state") == "succeeded", 90, "the redelivered job to finish")
        assert job("done, total, error_count, attempts") == "2|2|0|2"
        assert job("summary").startswith("Recounted skill demand for 2 roles")
