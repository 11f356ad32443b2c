"""
`manage.py fault_drill`, short: gunicorn under load on a private PostgreSQL, which restarts, and a private
Redis, which goes away for a while. The app answers again within seconds of PostgreSQL being back, keeps
serving pages without Redis, fails nothing outside the faults and never half-saves a curator's write.
"""

import json
import shutil
import signal
import subprocess

import pytest

from devtools.processes import PYTHON, ROOT, Unavailable, app_env, as_postgres, pg_bin


@pytest.fixture
def drill_tools():
    try:
        pg_bin()
        as_postgres(["true"])
    except Unavailable as reason:
        pytest.skip(str(reason))
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (apt-get install -y redis-server)")


def run_drill(*args, timeout=300):
    """The drill's figures (its JSON output), its exit status and its stderr."""
    command = [PYTHON, "manage.py", "fault_drill", "--json", *args]
    process = subprocess.Popen(
        command, cwd=ROOT, env=app_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)  # it stops its PostgreSQL, Redis and gunicorn on the way out
        out, err = process.communicate(timeout=60)
        pytest.fail(f"the drill took more than {timeout} s:\n{err[-3000:]}")
    assert out.strip(), f"the drill printed no figures (exit {process.returncode}):\n{err[-3000:]}"
    return json.loads(out), process.returncode, err


def test_the_app_survives_a_database_restart_and_a_cache_outage(drill_tools):
    report, status, err = run_drill("--seconds", "2", "--redis-down", "2")

    assert status == 0, (report["problems"], err[-3000:])
    assert report["requests_sent"] > 40, report["by_kind"]
    assert report["postgres_recovery_seconds"] < 15
    assert report["windows"]["outside"]["requests"] > 0
    assert report["windows"]["outside"]["errors"] == {}, report["outside_failures"]
    redis_down = report["windows"]["redis_down"]
    assert redis_down["requests"] > 0 and redis_down["errors"] == {}
    assert report["pages_served_with_redis_down"]

    writes = report["writes"]
    assert writes["saved"] > 0
    assert writes["half_saved"] == [] and writes["lost"] == []
    assert set(writes["refused_in"]) <= {"postgres_restart"}  # refused only while PostgreSQL was down

    log = report["log"]
    assert log["cache_unavailable_warnings"] > 0  # logged, not raised
    assert log["cache_warnings_with_request_id"] == log["cache_unavailable_warnings"]
