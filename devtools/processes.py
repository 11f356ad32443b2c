"""
Real processes for the tests and the fault drill: a private Redis, a private PostgreSQL (alone, or a
primary with a streaming replica), throwaway databases on the shared PostgreSQL, and gunicorn
instances of this app.

Each helper bounds every wait and always stops what it started — by the PID it started, nothing else.
A helper the machine cannot run raises `Unavailable` (saying which tool is missing); one that fails
raises `Failed`. The tests' wrapper (tests/scale/processes.py) turns these into a skip and a failure,
`manage.py fault_drill` into a clear error; so this module works without the test runner.
"""

import contextlib
import ctypes
import glob
import importlib.util
import json as jsonlib
import os
import pwd
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path


class Unavailable(Exception):
    """This machine cannot run the helper (a tool is missing); the message says which and how to install it."""


class Failed(AssertionError):
    """A process did not start, answer or finish in time; the message says what and shows its output."""


ROOT = Path(__file__).resolve().parents[1]  # the project (this is devtools/processes.py)
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable

# What the app reads from the environment; never inherited from the shell running the tests.
APP_ENV_KEYS = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "DATABASE_URL",
    "DATABASE_REPLICA_URLS",
    "REDIS_URL",
    "CACHE_SECONDS",
    "API_ANON_THROTTLE_RATE",
    "CONN_MAX_AGE",
    "LOG_LEVEL",
    "LOG_FORMAT",
    "CACHE_DIR",
    # Set by pytest in its own process; an app process started by a test must run as in production.
    "PYTEST_VERSION",
)


# --- small tools ------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout, what, interval=0.05):
    """Poll `check()` until it returns something truthy; raise Failed after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
        except Exception as error:  # not up yet
            result, last = None, error
        else:
            last = None
        if result:
            return result
        if time.monotonic() > deadline:
            detail = f" (last error: {last!r})" if last else ""
            raise Failed(f"Timed out after {timeout}s waiting for {what}{detail}")
        time.sleep(interval)


class CommandFailed(Failed):
    """A command exited non-zero: fails the test, and is retried by wait_for while polling."""


def run(args, *, timeout=60, env=None, cwd=ROOT, what=None):
    """Run a command to completion (bounded); raise CommandFailed with its output if it fails."""
    try:
        done = subprocess.run(
            [str(a) for a in args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise Failed(f"{what or shlex.join(map(str, args))} took more than {timeout}s") from None
    if done.returncode != 0:
        what = what or shlex.join(map(str, args))
        raise CommandFailed(f"{what} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def kill_pid(pid, timeout=5):
    """SIGTERM, then SIGKILL if it is still there after `timeout` seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)


def http(method, url, *, json=None, headers=None, timeout=10):
    """One request, no proxy, no redirects followed; returns (status, body text, headers)."""
    data = jsonlib.dumps(json).encode() if json is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are not followed: urllib raises HTTPError with the redirect's own status (as wrk sees it)."""

    def redirect_request(self, *args, **kwargs):
        return None


def _die_with_parent():
    """In the child before exec (Linux): SIGKILL it if the test process dies first, so none outlives a killed run."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG


def private_dir(prefix):
    """A temporary directory; owned by `postgres` when we are root (PostgreSQL refuses to run as root)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")
    return path


# --- the app --------------------------------------------------------------------------------------


def app_env(**settings):
    """The environment of a production-like app process: DEBUG off, and only the settings given here."""
    env = {key: value for key, value in os.environ.items() if key not in APP_ENV_KEYS}
    env.update(
        DEBUG="false",
        SECRET_KEY="scale-tests-" + secrets.token_hex(24),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
    )
    env.update({key: str(value) for key, value in settings.items() if value is not None})
    return env


def manage(*args, env, timeout=120):
    return run([PYTHON, "manage.py", *args], env=env, timeout=timeout, what=f"manage.py {' '.join(args)}")


_collected = False


def collectstatic():
    """Once per run: with DEBUG off, whitenoise serves the hashed files listed in ./staticfiles (gitignored)."""
    global _collected
    if not _collected:
        if not _collected_static_is_current():
            manage("collectstatic", "--noinput", "-v0", env=app_env())
        _collected = True


def _collected_static_is_current():
    """
    Whether ./staticfiles has a manifest newer than every static file there is (collecting and compressing
    them all takes seconds). Only known in a process where Django is set up; else "no", and they are collected.
    """
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    try:
        from django.contrib.staticfiles import finders

        built = manifest.stat().st_mtime
        sources = (storage.path(path) for finder in finders.get_finders() for path, storage in finder.list([]))
        return all(os.stat(source).st_mtime < built for source in sources)
    except Exception:  # no manifest, Django not set up, a storage without paths: collect
        return False


def create_token(username, env, reviewer=False):
    """A curator (a reviewer too, if asked) and an API token for it, made as an operator would; returns the token."""
    manage("create_curator", username, *(["--reviewer"] if reviewer else []), env=env)
    out = manage("drf_create_token", username, env=env)
    token = out.split("Generated token ", 1)[1].split()[0]  # "Generated token <key> for user <name>"
    return token


class App:
    """
    A running gunicorn of this app: its base URL, requests to it, and which worker served each.
    Every request names the same host, as behind one load balancer: the app's cache keys include it.
    """

    HOST = "127.0.0.1"

    def __init__(self, url, workdir):
        self.url, self.workdir = url, workdir
        self.access_log = workdir / "access.log"

    def request(self, method, path, *, headers=None, **kwargs):
        return http(method, self.url + path, headers={"Host": self.HOST, **(headers or {})}, **kwargs)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def get_from_every_worker(self, path, workers, *, burst=8, within=60):
        """
        GET `path` in concurrent bursts until `workers` distinct workers have answered it, for at most
        `within` seconds. Sequential requests can all land on one sync worker (the kernel does not deal
        accepts round-robin), and on a loaded machine the second worker may still be starting when the
        first answers: bursts, a pause between them. Returns the answers; the caller asserts on them and on
        worker_pids(path).
        """
        from concurrent.futures import ThreadPoolExecutor

        answers, deadline = [], time.monotonic() + within
        with ThreadPoolExecutor(burst) as pool:
            while True:
                answers += pool.map(lambda _i: self.get(path), range(burst))
                if len(self.worker_pids(path)) >= workers or time.monotonic() > deadline:
                    return answers
                time.sleep(0.25)

    def worker_pids(self, path=None):
        """The PIDs of the workers that have answered so far, for `path` or any (from the access log)."""
        lines = [line.split() for line in self.access_log.read_text().splitlines() if line.strip()]
        return {pid for pid, _method, url, _status in lines if path is None or url == path}


@contextlib.contextmanager
def gunicorns(env, count=2, *, workers=2, ready_timeout=30):
    """
    `count` gunicorns of this app on free ports, started together; yields their Apps once each answers.
    Each runs in its own process group, stopped (arbiter and workers) at exit.
    """
    exe = VENV_BIN / "gunicorn"
    if not exe.exists():
        raise Unavailable(f"gunicorn is not installed in {VENV_BIN}")
    collectstatic()
    started = []  # (process, app, log)
    try:
        for _ in range(count):
            port = free_port()
            workdir = Path(tempfile.mkdtemp(prefix="cg-gunicorn-"))
            log = open(workdir / "gunicorn.log", "w+")  # noqa: SIM115 (open while gunicorn runs; closed at teardown)
            process = subprocess.Popen(
                [
                    exe,
                    "careerguide.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    "--no-control-socket",
                    "--pid",
                    workdir / "gunicorn.pid",
                    "--timeout",
                    "30",
                    "--access-logfile",
                    workdir / "access.log",
                    "--access-logformat",
                    "%(p)s %(m)s %(U)s %(s)s",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
            started.append((process, App(f"http://127.0.0.1:{port}", workdir), log))

        for process, app, log in started:

            def ready(process=process, app=app, log=log):
                if process.poll() is not None:
                    log.seek(0)
                    raise Failed(f"gunicorn exited {process.returncode} while starting:\n{log.read()[-4000:]}")
                # Any answer proves a worker has loaded the app; an unrouted page neither counts against the
                # API's rate limit nor fills the cache.
                return app.get("/__scale_test_ready__/", timeout=2)[0] == 404

            wait_for(ready, ready_timeout, f"gunicorn at {app.url}")
        yield [app for _process, app, _log in started]
    finally:
        for process, _app, _log in started:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGQUIT)  # gunicorn's quick shutdown
        for process, app, log in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
            log.close()
            shutil.rmtree(app.workdir, ignore_errors=True)


@contextlib.contextmanager
def gunicorn(env, **kwargs):
    """One gunicorn of this app; yields its App."""
    with gunicorns(env, 1, **kwargs) as (app,):
        yield app


# --- Redis ----------------------------------------------------------------------------------------


def _redis_ping(port):
    with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(64).startswith(b"+PONG")


class RedisServer:
    """A private, memory-only Redis on one port, which can be stopped and started again (the fault drill)."""

    def __init__(self, exe, workdir, port):
        self.exe, self.workdir, self.port = exe, workdir, port
        self.pidfile = workdir / "redis.pid"

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        run(
            [
                self.exe,
                "--port",
                self.port,
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--pidfile",
                self.pidfile,
                "--dir",
                self.workdir,
                "--logfile",
                self.workdir / "redis.log",
            ],
            timeout=10,
        )
        wait_for(lambda: self.pidfile.exists() and _redis_ping(self.port), 10, f"redis-server on port {self.port}")

    def stop(self):
        """Stop it (SIGTERM, then SIGKILL), by the PID it wrote; no-op when it is not running."""
        if self.pidfile.exists():
            kill_pid(int(self.pidfile.read_text().split()[0]))
            self.pidfile.unlink(missing_ok=True)


@contextlib.contextmanager
def redis_server(*, server=False):
    """A private, memory-only Redis on a free port; yields its URL (or, with server=True, the RedisServer)."""
    exe = shutil.which("redis-server")
    if not exe:
        raise Unavailable("redis-server is not installed (apt-get install -y redis-server)")
    if importlib.util.find_spec("redis") is None:
        raise Unavailable("the `redis` package is not installed: Django's RedisCache needs it")
    redis = RedisServer(exe, Path(tempfile.mkdtemp(prefix="cg-redis-")), free_port())
    try:
        redis.start()
        yield redis if server else redis.url
    finally:
        redis.stop()
        shutil.rmtree(redis.workdir, ignore_errors=True)


# --- PostgreSQL -----------------------------------------------------------------------------------


def pg_bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if not found or not Path(found[-1], "pg_ctl").exists():
        raise Unavailable(
            "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install -y postgresql)"
        )
    return Path(found[-1])


def as_postgres(args):
    """PostgreSQL's server tools refuse to run as root: run them as the `postgres` user then."""
    args = [str(a) for a in args]
    if os.geteuid() != 0:
        return args
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise Unavailable("running as root and there is no `postgres` user to run PostgreSQL as") from None
    su = shutil.which("su")
    if not su:
        raise Unavailable("running as root and `su` is not installed")
    return [su, "postgres", "-s", "/bin/sh", "-c", shlex.join(args)]


def psql(port, sql, *, database="postgres", timeout=15):
    """One statement over TCP (trust auth); returns its unaligned, tuples-only output."""
    exe = shutil.which("psql") or str(pg_bin() / "psql")
    return run(
        [
            exe,
            "-w",
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            port,
            "-U",
            "postgres",
            "-d",
            database,
            "-c",
            sql,
        ],
        timeout=timeout,
        what=f"psql -p {port}: {sql}",
    ).strip()


def sql(database_url, statement):
    """One statement against the database a postgres://postgres@127.0.0.1:PORT/NAME URL names."""
    parsed = urllib.parse.urlsplit(database_url)
    return psql(parsed.port, statement, database=parsed.path.lstrip("/"))


def shared_postgres_problem(port=5432):
    """Why the shared PostgreSQL cannot be used, or None when it answers."""
    if not shutil.which("pg_isready") or not shutil.which("psql"):
        return "the PostgreSQL client tools (psql, pg_isready) are not installed"
    try:
        subprocess.run(
            ["pg_isready", "-h", "127.0.0.1", "-p", str(port), "-t", "2"], check=True, timeout=5, capture_output=True
        )
        subprocess.run(
            ["psql", "-w", "-X", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-c", "select 1"],
            check=True,
            timeout=5,
            capture_output=True,
            stdin=subprocess.DEVNULL,
        )
    except (subprocess.SubprocessError, OSError):
        return f"no PostgreSQL answers at 127.0.0.1:{port} to user postgres without a password"
    return None


@contextlib.contextmanager
def shared_database(prefix, port=5432):
    """A throwaway database on the shared PostgreSQL at 127.0.0.1:PORT; yields its URL; dropped at exit."""
    problem = shared_postgres_problem(port)
    if problem:
        raise Unavailable(problem)
    name = f"{prefix}{secrets.token_hex(4)}"
    psql(port, f"CREATE DATABASE {name}")
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/{name}"
    finally:
        psql(port, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class PrivateCluster:
    """A PostgreSQL server of our own (data directory and socket under one temporary directory)."""

    def __init__(self, bin_dir, data_dir, socket_dir, port):
        self.bin_dir, self.data_dir, self.socket_dir, self.port = bin_dir, data_dir, socket_dir, port
        self.started = False
        self.settings = ()

    def initdb(self):
        run(
            as_postgres(
                [
                    self.bin_dir / "initdb",
                    "-D",
                    self.data_dir,
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--locale",
                    "C",
                ]
            ),
            timeout=60,
            what="initdb",
        )

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self, *settings):
        """Start it with these `-c` settings (a restart without any reuses the last ones)."""
        self.settings = settings = settings or self.settings
        options = [
            "-p",
            str(self.port),
            "-k",
            str(self.socket_dir),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
            *[part for s in settings for part in ("-c", s)],
        ]
        self.started = True  # set first: a half-started server must still be stopped
        run(
            as_postgres(
                [
                    self.bin_dir / "pg_ctl",
                    "-D",
                    self.data_dir,
                    "-l",
                    f"{self.data_dir}.log",
                    "-w",
                    "-t",
                    "30",
                    "-o",
                    shlex.join(options),
                    "start",
                ]
            ),
            timeout=40,
            what=f"pg_ctl start (port {self.port})",
        )

    def stop(self, mode="immediate"):
        """Stop it: `immediate` (as a crash would) by default, or `fast` (sessions ended, a clean shutdown)."""
        if not self.started:
            return
        done = subprocess.run(
            as_postgres([self.bin_dir / "pg_ctl", "-D", self.data_dir, "-m", mode, "-w", "-t", "15", "stop"]),
            capture_output=True,
            timeout=20,
        )
        pidfile = Path(self.data_dir, "postmaster.pid")
        if done.returncode != 0 and pidfile.exists():  # pg_ctl could not stop it: kill the postmaster we started
            kill_pid(int(pidfile.read_text().split()[0]))
        self.started = False

    def psql(self, sql, database="postgres"):
        return psql(self.port, sql, database=database)


@contextlib.contextmanager
def private_postgres():
    """A private PostgreSQL server on a free port, stopped and deleted at exit; yields its PrivateCluster."""
    bin_dir = pg_bin()
    as_postgres(["true"])  # raises here, before anything is made, if we are root and cannot become postgres
    base = private_dir("cg-pg-")
    cluster = PrivateCluster(bin_dir, base / "data", base, free_port())
    try:
        cluster.initdb()
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


@contextlib.contextmanager
def primary_and_replica():
    """
    A private PostgreSQL primary and a streaming hot-standby replica of it, on free ports; yields
    (primary, replica) once the replica is in recovery and streaming. Both stopped and deleted at exit.
    """
    bin_dir = pg_bin()
    as_postgres(["true"])  # raises here, before anything is made, if we are root and cannot become postgres
    base = private_dir("cg-pg-")
    primary = PrivateCluster(bin_dir, base / "primary", base, free_port())
    replica = PrivateCluster(bin_dir, base / "replica", base, free_port())
    try:
        primary.initdb()
        primary.start("wal_level=replica", "max_wal_senders=4")
        run(
            as_postgres(
                [
                    bin_dir / "pg_basebackup",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    primary.port,
                    "-U",
                    "postgres",
                    "-D",
                    replica.data_dir,
                    "-R",
                    "-X",
                    "stream",
                    "-c",
                    "fast",
                    "--no-sync",
                ]
            ),
            timeout=60,
            what="pg_basebackup",
        )
        replica.start("hot_standby=on")
        wait_for(lambda: replica.psql("select pg_is_in_recovery()") == "t", 15, "the replica to be in recovery")
        wait_for(
            lambda: primary.psql("select count(*) from pg_stat_replication where state = 'streaming'") == "1",
            15,
            "the replica to stream from the primary",
        )
        yield primary, replica
    finally:
        replica.stop()
        primary.stop()
        shutil.rmtree(base, ignore_errors=True)


def wait_replica_caught_up(primary, replica, timeout=15):
    """Until the replica has replayed everything the primary has written so far."""
    target = primary.psql("select pg_current_wal_lsn()")
    wait_for(
        lambda: replica.psql(f"select pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t",
        timeout,
        f"the replica to replay up to {target}",
    )
