"""
A DATABASE_URL naming a PostgreSQL database that does not exist: manage.py commands and gunicorn stop with
one line saying how to create it, not a traceback.
"""

import subprocess

import pytest

from devtools.processes import PYTHON, ROOT, VENV_BIN, app_env, free_port, shared_postgres_problem

MISSING = "no_such_db_xyz"
HINT = (
    f'The PostgreSQL database "{MISSING}" named by DATABASE_URL does not exist: create it with '
    f"`createdb -h 127.0.0.1 -U postgres {MISSING}`, then run `python manage.py migrate`."
)


@pytest.fixture(scope="module")
def env():
    problem = shared_postgres_problem()
    if problem:
        pytest.skip(problem)
    return app_env(DATABASE_URL=f"postgres://postgres@127.0.0.1/{MISSING}", DEBUG="true")


def run(args, env):
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("command", [["migrate"], ["load_guide"], ["runserver", f"127.0.0.1:{free_port()}"]])
def test_a_management_command_says_how_to_create_the_database(env, command):
    result = run([PYTHON, "manage.py", *command], env)
    assert result.returncode == 1
    assert HINT in result.stderr.splitlines()
    assert "Traceback" not in result.stderr + result.stdout


def test_gunicorn_stops_at_start_and_says_how_to_create_the_database(env):
    exe = VENV_BIN / "gunicorn"
    if not exe.exists():
        pytest.skip(f"gunicorn is not installed in {VENV_BIN}")
    args = [exe, "careerguide.wsgi", "--bind", f"127.0.0.1:{free_port()}", "--workers", "1", "--no-control-socket"]
    result = run(args, env | {"DEBUG": "false"})
    assert result.returncode != 0
    assert HINT in result.stderr
    assert "Traceback" not in result.stderr
