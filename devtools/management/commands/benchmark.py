"""
Benchmark the real thing: gunicorn (2 sync workers, DEBUG off) serving the site from PostgreSQL holding N
synthetic postings, loaded with wrk over loopback.

    manage.py benchmark [--postings N] [--pg-url URL] [--seconds S] [--urls-only TEXT] [--output F | --no-write]

1. Database: `careerguide_bench_<N>` on the server of --pg-url / BENCH_PG_URL (an admin connection, default
   postgres://postgres@127.0.0.1:5432/postgres). Created if missing, always migrated; `load_guide` and
   `generate_benchmark_data --postings N` (then VACUUM ANALYZE) run only when it does not already hold exactly
   N bench postings, so a 1,000,000-posting database is built once and reused.
2. In-process probe (`benchmark_probe`, a child process on the bench database with CACHE_SECONDS=0): builds
   the URL list from the data (the bench role/skill/company with most postings, a rare search word...), and
   per URL counts SQL queries with the test Client and keeps the slowest query's EXPLAIN (ANALYZE, BUFFERS).
   It also signs in the bench curator (`bench-curator`, Curators group) for the admin URLs, and hands back
   the session cookie.
3. Two passes, each on a freshly started gunicorn (`devtools.wsgi`: the site plus /bench/hello/ and
   /bench/plain-postings/): cache off (CACHE_SECONDS=0), then cache on (CACHE_SECONDS=300, with Redis db 15 at
   127.0.0.1:6379 when one answers and the `redis` package is installed, flushed first; otherwise each
   worker's local-memory cache). Per URL: one GET with urllib (status, body bytes, and cache warm-up; no
   redirect followed, as wrk follows none), then `wrk -t2 -c8` for requests/s and `wrk -t2 -c2 --latency` for
   p50/p99. The admin URLs carry the curator's session cookie and are measured in the cache-off pass only:
   a signed-in request is never served from the cache, so the second pass would measure the same thing.
4. A Markdown report (tables, targets, EXPLAIN appendix) printed and written to docs/benchmarks.md.

Every number in the report comes from the run. On a shared machine compare ratios, not absolute numbers.
"""

import contextlib
import datetime
import importlib.util
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.processes import NoRedirect, free_port

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_POSTINGS = 1_000_000
REDIS_HOST, REDIS_PORT, REDIS_DB = "127.0.0.1", 6379, 15
HELLO, PLAIN = "/bench/hello/", "/bench/plain-postings/"
BASELINES = (HELLO, PLAIN)
# Issue 20's target, cache off: every page and endpoint at p50 <= 20 ms and p99 <= 100 ms.
P50_TARGET_MS = 20
P99_TARGET_MS = 100
ADMIN_P99_TARGET_MS = 200
MAX_BYTES = 100_000  # "100 KB"
SIZE_EXEMPT_PREFIXES = ("/sitemap-", "/downloads/roles.", "/downloads/skills.", "/downloads/postings.")
CACHED_TARGET_URLS = ("/", "/postings/", "/api/v1/postings/")
# Issue 19's write paths and targets: a save <= 150 ms, a bulk action on 5,000 postings <= 2 s, an import of
# 20,000 new postings at >= 2,000 rows/s. The broker the writes enqueue to is a Redis database of its own.
WRITES_BULK, WRITES_IMPORT_ROWS, WRITES_BROKER_DB = 5_000, 20_000, 14
SAVE_TARGET_MS, BULK_TARGET_MS, IMPORT_TARGET_ROWS_PER_S = 150, 2_000, 2_000
WRK_TIMEOUT = "10s"
FETCHED_PER_CLASS, FETCH_TIMEOUT = 10, 20  # a URL class's GETs for its status and size; seconds each

# --- wrk output ---------------------------------------------------------------------------------------

_TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def to_ms(text):
    """wrk's time strings ("812.00us", "1.25ms", "2.01s", "1.00m") in milliseconds."""
    match = re.fullmatch(r"\s*([\d.]+)\s*(us|ms|s|m|h)\s*", text)
    if not match:
        raise ValueError(f"Not a wrk time: {text!r}")
    return float(match.group(1)) * _TIME_UNITS_MS[match.group(2)]


def parse_wrk(output):
    """
    The numbers of one wrk run: requests (completed), requests_per_sec, non_2xx (non-2xx/3xx responses),
    socket_errors (dict, empty when none), and with --latency the percentiles as {50: ms, 75: ms, ...}.
    """
    result = {"requests": None, "requests_per_sec": None, "non_2xx": 0, "socket_errors": {}, "percentiles": {}}
    if match := re.search(r"^\s*Requests/sec:\s*([\d.]+)", output, re.M):
        result["requests_per_sec"] = float(match.group(1))
    if match := re.search(r"^\s*(\d+) requests in ", output, re.M):
        result["requests"] = int(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output):
        result["non_2xx"] = int(match.group(1))
    if match := re.search(r"Socket errors:(.*)$", output, re.M):
        result["socket_errors"] = {k: int(v) for k, v in re.findall(r"(\w+) (\d+)", match.group(1)) if int(v)}
    if block := re.search(r"Latency Distribution\s*\n((?:\s*\d+(?:\.\d+)?%\s+\S+\s*\n?)+)", output):
        for percent, value in re.findall(r"(\d+(?:\.\d+)?)%\s+(\S+)", block.group(1)):
            result["percentiles"][int(float(percent))] = to_ms(value)
    return result


# --- Helpers ------------------------------------------------------------------------------------------


def admin_urls(probe):
    """The URLs the probe requested signed in as the bench curator: the ones measured with its cookie."""
    return {entry["url"] for entry in probe["urls"] if entry.get("admin")}


def verdict(ok):
    return "**MET**" if ok else "**NOT MET**"


def p99_target(label, rows, limit_ms, good_status, key="p99"):
    """One target line: each row's `key` (p99 or p50) within `limit_ms`, its status `good_status`; failures named."""
    failing = [
        f"`{url}` " + (f"{key} {fmt_num(row[key], 1)} ms" if row[key] is not None else "not measured")
        + (f", status {row['status']}" if not row["status"] or not good_status(row["status"]) else "")
        for url, row in rows.items()
        if row[key] is None or row[key] > limit_ms or not row["status"] or not good_status(row["status"])
    ]  # fmt: skip
    worst = max(rows.items(), key=lambda item: item[1][key] or 0, default=(None, None))
    summary = f"worst `{worst[0]}` {fmt_num(worst[1][key], 1)} ms" if worst[0] else "no URL measured"
    passed = f"{len(rows) - len(failing)}/{len(rows)} pass"
    named = "; failing: " + ", ".join(failing) if failing else ""
    return f"- {label}: {verdict(rows and not failing)} ({summary}; {passed}){named}"


def render_writes(writes):
    """The write paths' section: what each took, against issue 19's targets."""
    if not writes:
        return ["", "## Write paths", "", "Not measured in this run (`--no-writes`)."]
    broker = writes.get("broker")
    save, bulk, imported = writes["save"], writes["bulk"], writes["import"]
    lines = [
        "",
        "## Write paths",
        "",
        "Timed in-process (Django's test Client, signed in as a reviewer; no network, no gunicorn) on the same "
        "database, after the read passes; "
        + (f"skill demand recounts enqueued to a Redis broker no worker reads ({broker})" if broker
           else "no Redis: the recounts ran in-process after each commit, inside the timed request")
        + ".",
        "",
        "| write | size | took | target |",
        "|---|---:|---:|---|",
        f"| admin save of a posting (its change form posted back with a new title, then the old) | "
        f"{save['n']} saves | median {fmt_num(save['median_ms'])} ms (max {fmt_num(save['max_ms'])} ms) | "
        f"≤ {SAVE_TARGET_MS} ms: {verdict(save['median_ms'] is not None and save['median_ms'] <= SAVE_TARGET_MS)} |",
    ]  # fmt: skip
    for action in ("unpublish", "publish"):
        done = bulk.get(action) or {}
        good = (
            done.get("ms") is not None
            and done["ms"] <= BULK_TARGET_MS
            and done.get("changed") == bulk["n"]
            and done.get("status") == 302  # the changelist's redirect after the action; a 400 did nothing
        )
        lines.append(
            f"| bulk {action} from the changelist | {bulk['n']:,} postings, {bulk['roles']} roles | "
            f"{fmt_num(done.get('ms'))} ms ({fmt_num(done.get('changed'))} changed, status {done.get('status')}) | "
            f"≤ {BULK_TARGET_MS:,} ms: {verdict(good)} |"
        )
    rate = imported.get("rows_per_second")
    fast = rate is not None and rate >= IMPORT_TARGET_ROWS_PER_S
    lines.append(
        f"| `import_postings` of new postings (published, 3 skills and a place each) | {imported['n']:,} rows | "
        f"{fmt_num(imported.get('seconds'), 1)} s, {fmt_num(rate)} rows/s ({fmt_num(imported.get('imported'))} "
        f"imported) | ≥ {IMPORT_TARGET_ROWS_PER_S:,} rows/s: {verdict(fast)} |"
    )
    if save.get("failures") or imported.get("error"):
        lines += ["", *[f"- save failed: {failure}" for failure in save.get("failures", [])]]
        if imported.get("error"):
            lines.append(f"- import not run: {imported['error']}")
    return lines


# Sections of the report written by hand (profiles with their commands), kept when a run rewrites it.
KEPT_SECTION = "## Profiles"


def kept_sections(text):
    """The KEPT_SECTION sections of a previous report, each up to the next second-level heading, to append."""
    kept, keeping = [], False
    for line in text.splitlines():
        if line.startswith("## "):
            keeping = line.startswith(KEPT_SECTION)
        if keeping:
            kept.append(line)
    return "\n" + "\n".join(kept) + "\n" if kept else ""


def _interrupt(signum, frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


_OPENER = urllib.request.build_opener(NoRedirect)


def fetch(address, headers=None, timeout=60):
    """
    (status, body bytes) of one GET. Redirects are not followed, as wrk follows none: an admin URL whose
    session was refused reports the 302 to the login page wrk measured, not the login page's 200.
    """
    request = urllib.request.Request(address, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as http_error:
        return http_error.code, len(http_error.read())


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def redact(url):
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
    return urlunsplit(parts)


def redis_command(*commands, timeout=1.0):
    """Send RESP commands to the bench Redis; return the raw reply, or None when none answers."""
    payload = b"".join(
        f"*{len(args)}\r\n".encode() + b"".join(f"${len(a)}\r\n{a}\r\n".encode() for a in args) for args in commands
    )
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=timeout) as sock:
            sock.sendall(payload)
            reply = b""
            while reply.count(b"\r\n") < len(commands):
                chunk = sock.recv(4096)
                if not chunk:
                    break
                reply += chunk
            return reply
    except OSError:
        return None


def abbreviate_sql(sql, limit=400):
    """One line, a long top-level select list elided ("SELECT … FROM …"), cut at `limit` characters."""
    sql = " ".join(sql.split())
    depth, upper = 0, sql.upper()
    if upper.startswith("SELECT "):
        for index, char in enumerate(sql):
            depth += char == "("
            depth -= char == ")"
            if depth == 0 and upper.startswith(" FROM ", index):
                if index > 60:  # a short list (COUNT(*)) says more than an ellipsis
                    sql = "SELECT …" + sql[index:]
                break
    return sql if len(sql) <= limit else sql[:limit] + " …"


def fmt_num(value, digits=0):
    return "—" if value is None else f"{value:,.{digits}f}"


def fmt_ratio(value, base):
    return "—" if not value or not base else f"{value / base:.2f}×"


def machine_info():
    memory = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    cpu = platform.processor() or "?"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory": memory,
        "cpu": cpu,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


class Gunicorn:
    """gunicorn serving devtools.wsgi on a free port; stopped by the PID in its pid file."""

    def __init__(self, env, workdir):
        self.env, self.workdir = env, Path(workdir)
        self.port = free_port()
        self.pidfile = self.workdir / f"gunicorn-{self.port}.pid"
        self.logfile = self.workdir / f"gunicorn-{self.port}.log"
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        executable = Path(sys.executable).parent / "gunicorn"
        executable = str(executable) if executable.exists() else shutil.which("gunicorn")
        if not executable:
            raise CommandError("gunicorn is not installed in this virtualenv (pip install -r requirements.txt).")
        command = [
            executable, "devtools.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", "2", "--worker-class", "sync",
            "--no-control-socket",
            "--pid", str(self.pidfile),
            "--error-logfile", str(self.logfile),
            "--chdir", str(settings.BASE_DIR),
        ]  # fmt: skip
        # Own session: a Ctrl-C reaches this command, which then stops the server in order.
        self.process = subprocess.Popen(
            command,
            env=self.env,
            cwd=settings.BASE_DIR,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.base + HELLO, timeout=2) as response:
                    if response.status == 200 and self.pidfile.exists():
                        return self
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)
        self.stop()
        raise CommandError(f"gunicorn did not answer {HELLO} within 60 s:\n{self.log_tail()}")

    def stop(self):
        if not self.process or self.process.poll() is not None:
            return
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            pid = self.process.pid
        if pid != self.process.pid:  # never signal anything but the server this command started
            pid = self.process.pid
        os.kill(pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def log_tail(self, lines=30):
        try:
            return "\n".join(self.logfile.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no gunicorn log)"


# --- The command --------------------------------------------------------------------------------------


class Command(BaseCommand):
    help = "Serve the site with gunicorn from a PostgreSQL database of N synthetic postings and load it with wrk."

    def add_arguments(self, parser):
        parser.add_argument(
            "--postings", type=int, default=int(os.environ.get("BENCH_POSTINGS") or DEFAULT_POSTINGS),
            help="Synthetic postings in the bench database (default: BENCH_POSTINGS or 1,000,000).",
        )  # fmt: skip
        parser.add_argument(
            "--pg-url", default=os.environ.get("BENCH_PG_URL") or DEFAULT_PG_URL,
            help=f"Admin connection to the PostgreSQL server (default: BENCH_PG_URL or {DEFAULT_PG_URL}).",
        )  # fmt: skip
        parser.add_argument("--seconds", type=int, default=10, help="Duration of each wrk run (default 10).")
        parser.add_argument(
            "--urls-only", default="", metavar="TEXT",
            help="Measure only URLs containing TEXT (the two baselines are always measured: the ratios need them).",
        )  # fmt: skip
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "docs" / "benchmarks.md"),
            help="Where to write the Markdown report (default docs/benchmarks.md).",
        )
        parser.add_argument("--no-write", action="store_true", help="Print the report only.")
        parser.add_argument(
            "--no-writes", action="store_true",
            help="Skip the write paths (an admin save, a bulk action, an import), measured after the read passes.",
        )  # fmt: skip
        parser.add_argument(
            "--import-rows", type=int, default=WRITES_IMPORT_ROWS,
            help=f"New postings in the timed import (default {WRITES_IMPORT_ROWS:,}).",
        )  # fmt: skip

    def handle(self, postings, pg_url, seconds, urls_only, output, no_write, no_writes=False, **options):
        self.measure_writes = not no_writes
        self.import_rows = options.get("import_rows", WRITES_IMPORT_ROWS)
        if postings < 1 or seconds < 1:
            raise CommandError("--postings and --seconds must be at least 1.")
        self.workdir = tempfile.mkdtemp(prefix="careerguide-bench-")
        # SIGTERM/SIGHUP unwind like Ctrl-C, so the `finally` blocks stop gunicorn in every case.
        previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
        try:
            report = self.run(postings, pg_url, seconds, urls_only)
        except KeyboardInterrupt:
            raise CommandError("Interrupted: gunicorn stopped, no report written.") from None
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            shutil.rmtree(self.workdir, ignore_errors=True)
        self.stdout.write(report)
        if not no_write:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            previous_report = Path(output).read_text(encoding="utf-8") if Path(output).exists() else ""
            Path(output).write_text(report + kept_sections(previous_report), encoding="utf-8")
            self.step(f"Report written to {output}")

    def run(self, postings, pg_url, seconds, urls_only):
        self.load_at_start = machine_info()["load"]
        self.wrk = self.ensure_wrk()
        self.seconds = seconds
        bench_url = with_database(pg_url, f"careerguide_bench_{postings}")
        self.base_env = self.environment(bench_url)
        server_version, built = self.prepare_database(pg_url, bench_url, postings)
        self.step("collectstatic (whitenoise's manifest storage needs it with DEBUG off)")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")

        self.step("Counting SQL queries in-process (test Client, CACHE_SECONDS=0) and EXPLAINing the slowest")
        probe_file = Path(self.workdir) / "probe.json"
        self.manage(
            "benchmark_probe",
            "--json",
            str(probe_file),
            "--urls-only",
            urls_only,
            env={"CACHE_SECONDS": "0"},
            quiet=False,
        )
        probe = json.loads(probe_file.read_text())
        urls = [entry["url"] for entry in probe["urls"]]
        self.admin_urls = admin_urls(probe)
        self.rotations = probe.get("rotations", {})
        self.admin_cookie = probe.get("admin_cookie")

        # Each pass starts and stops its own gunicorn (run_pass stops it on any error or Ctrl-C).
        passes = [self.run_pass("Cache off", urls, {"CACHE_SECONDS": "0"}, "CACHE_SECONDS=0")]
        cache_env, cache_note = self.cache_on_environment()
        if self.admin_urls:
            cache_note += "; the admin pages are measured in the cache-off pass only (signed in, never cached)"
        cached_urls = [url for url in urls if url not in self.admin_urls]
        passes.append(self.run_pass("Cache on", cached_urls, cache_env, cache_note))

        writes = self.run_writes(postings) if getattr(self, "measure_writes", False) else None
        return self.render(
            postings=postings, server_version=server_version or probe["server_version"], built=built,
            bench_url=bench_url, probe=probe, passes=passes, urls_only=urls_only, writes=writes,
        )  # fmt: skip

    def run_writes(self, postings):
        """The write paths (benchmark_writes), with a Redis broker no worker reads when Redis answers."""
        env, broker = {}, None
        pong = redis_command(["PING"])
        if pong and pong.startswith(b"+PONG"):
            broker = f"redis://{REDIS_HOST}:{REDIS_PORT}/{WRITES_BROKER_DB}"
            env["CELERY_BROKER_URL"] = broker
            redis_command(["SELECT", str(WRITES_BROKER_DB)], ["FLUSHDB"])
        self.step("Write paths: an admin save, a bulk unpublish and publish, an import (benchmark_writes)")
        result_file = Path(self.workdir) / "writes.json"
        sizes = ["--bulk", str(min(WRITES_BULK, postings)), "--import-rows", str(self.import_rows)]
        try:
            self.manage("benchmark_writes", "--json", str(result_file), *sizes, env=env, quiet=False)
        finally:
            if broker:  # the enqueued recounts nobody will run
                redis_command(["SELECT", str(WRITES_BROKER_DB)], ["FLUSHDB"])
        return {**json.loads(result_file.read_text()), "broker": broker}

    # --- Setup ------------------------------------------------------------------------------------

    def step(self, text):
        self.stderr.write(self.style.MIGRATE_HEADING(f"== {text}"))

    def ensure_wrk(self):
        found = shutil.which("wrk")
        if found:
            return found
        if os.geteuid() == 0 and shutil.which("apt-get"):
            self.step("Installing wrk (apt-get install -y wrk)")
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            install = ["apt-get", "install", "-y", "-q", "wrk"]
            result = subprocess.run(install, env=env, capture_output=True, text=True)
            if result.returncode != 0:  # a stale package list: refresh it once
                subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True)
                result = subprocess.run(install, env=env, capture_output=True, text=True)
            if shutil.which("wrk"):
                return shutil.which("wrk")
            raise CommandError(f"apt-get install wrk failed:\n{result.stderr[-2000:]}")
        raise CommandError("wrk is not installed. Install it with: sudo apt-get install -y wrk")

    def prepare_database(self, pg_url, bench_url, postings):
        import psycopg2
        from psycopg2 import sql

        name = urlsplit(bench_url).path.lstrip("/")
        try:
            admin = psycopg2.connect(pg_url, connect_timeout=5)
        except psycopg2.OperationalError as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise CommandError(
                f"No PostgreSQL answers at {redact(pg_url)} ({first_line}); start one or pass --pg-url / BENCH_PG_URL."
            ) from None
        try:
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute("SHOW server_version")
                server_version = cursor.fetchone()[0]
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                if not cursor.fetchone():
                    self.step(f"Creating database {name}")
                    cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        finally:
            admin.close()

        self.step(f"Migrating {name}")
        self.manage("migrate", "--noinput", "--verbosity", "0")
        existing = self.count_bench_postings(bench_url)
        built = False
        if existing == postings:
            self.step(f"Reusing {name}: it already holds {postings:,} bench postings")
        else:
            self.step(f"{name} holds {existing:,} bench postings, not {postings:,}: loading the guide and generating")
            started = time.monotonic()
            self.manage("load_guide", "--verbosity", "0")
            self.manage("generate_benchmark_data", "--postings", str(postings), quiet=False)
            bench = psycopg2.connect(bench_url, connect_timeout=5)
            try:
                bench.autocommit = True
                with bench.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
            finally:
                bench.close()
            self.step(f"Data ready in {time.monotonic() - started:.0f} s")
            built = True
            existing = self.count_bench_postings(bench_url)
            if existing != postings:
                raise CommandError(f"generate_benchmark_data left {existing:,} bench postings, not {postings:,}.")
        # The generator writes with COPY and bulk_create, which no signal reports: count skill demand
        # now, and in a reused database that has none yet (built before the demand tables existed).
        if built or not self.has_skill_demand(bench_url):
            self.step("Counting skill demand (refresh_skill_demand)")
            started = time.monotonic()
            self.manage("refresh_skill_demand", quiet=False)
            self.step(f"Skill demand counted in {time.monotonic() - started:.0f} s")
        return server_version, built

    def has_skill_demand(self, bench_url):
        import psycopg2

        connection = psycopg2.connect(bench_url, connect_timeout=5)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT EXISTS (SELECT 1 FROM demand_roledemand)")
                return cursor.fetchone()[0]
        finally:
            connection.close()

    def count_bench_postings(self, bench_url):
        import psycopg2

        connection = psycopg2.connect(bench_url, connect_timeout=5)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM postings_jobposting WHERE slug LIKE %s", ["bench-%"])
                return cursor.fetchone()[0]
        except psycopg2.errors.UndefinedTable:
            return 0
        finally:
            connection.close()

    def environment(self, bench_url):
        """What gunicorn and the child commands see: production settings on the bench database."""
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_REPLICA_URLS", "REDIS_URL", "CACHE_SECONDS"}
        }
        env.update({
            "DJANGO_SETTINGS_MODULE": "devtools.settings",
            "DATABASE_URL": bench_url,
            "DEBUG": "false",
            "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "API_ANON_THROTTLE_RATE": "100000000/hour",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        })  # fmt: skip
        return env

    def manage(self, *args, env=None, quiet=True):
        full_env = {**self.base_env, **(env or {})}
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]
        # Progress goes to stderr, live when not quiet: stdout is reserved for the report.
        sys.stderr.flush()
        output = subprocess.PIPE if quiet else sys.stderr
        result = subprocess.run(command, env=full_env, cwd=settings.BASE_DIR, stdout=output, stderr=output, text=True)
        if result.returncode != 0:
            detail = f":\n{(result.stderr or '')[-4000:]}" if quiet else " (its output is above)"
            raise CommandError(f"`manage.py {' '.join(args)}` failed with exit code {result.returncode}{detail}")
        return result

    def cache_on_environment(self):
        env = {"CACHE_SECONDS": "300"}
        pong = redis_command(["PING"])
        if pong and pong.startswith(b"+PONG"):
            if importlib.util.find_spec("redis") is None:
                return env, (
                    f"CACHE_SECONDS=300, the file cache shared by the gunicorn workers: Redis answers at "
                    f"{REDIS_HOST}:{REDIS_PORT} but the `redis` package is not installed"
                )
            redis_command(["SELECT", str(REDIS_DB)], ["FLUSHDB"])
            env["REDIS_URL"] = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
            return env, f"CACHE_SECONDS=300, Redis {env['REDIS_URL']} (flushed before the pass)"
        return env, f"CACHE_SECONDS=300, the workers' shared file cache (no Redis at {REDIS_HOST}:{REDIS_PORT})"

    # --- Measuring --------------------------------------------------------------------------------

    def run_pass(self, title, urls, env, note):
        self.step(f"{title}: {note}")
        server = Gunicorn({**self.base_env, **env}, self.workdir)
        rows = {}
        try:
            server.start()
            self.step(f"gunicorn (2 sync workers) on {server.base}, pid {server.process.pid}")
            for url in urls:
                cookie = self.admin_cookie if url in self.admin_urls else None
                rows[url] = self.measure(server.base + url, cookie, rotate=self.rotations.get(url))
                row = rows[url]
                self.stderr.write(
                    f"  {row['status']} {fmt_num(row['rps'])} req/s  p50 {fmt_num(row['p50'], 1)} ms  "
                    f"p99 {fmt_num(row['p99'], 1)} ms  {fmt_num(row['bytes'])} B  {url}"
                )
        finally:
            server.stop()
        return {"title": title, "note": note, "rows": rows}

    def measure(self, address, cookie=None, rotate=None):
        """
        One URL's row; `cookie` ("sessionid=...") is sent by the GET and by both wrk runs. With `rotate`
        (a URL class's paths), `address` is the class's label on the server: every path is fetched once
        (the worst status and the largest body are the row's) and wrk cycles through them all.
        """
        status, size, error = None, None, None
        parts = urlsplit(address)
        server = f"{parts.scheme}://{parts.netloc}"
        targets = [server + path for path in rotate] if rotate else [address]
        # A class's status and size come from FETCHED_PER_CLASS of its paths spread across it: one GET of
        # each of 66 slow pages would take longer than the class's wrk runs.
        step = max(1, len(targets) / FETCHED_PER_CLASS)
        fetched, failed = [], []
        for target in [targets[int(i * step)] for i in range(min(len(targets), FETCHED_PER_CLASS))]:
            try:
                fetched.append(fetch(target, {"Cookie": cookie} if cookie else None, timeout=FETCH_TIMEOUT))
            except OSError as os_error:
                failed.append(f"GET {urlsplit(target).path} failed: {os_error}")
        if fetched:
            status = max(found for found, _ in fetched)
            size = max(found for _, found in fetched)
        if failed:
            error = "; ".join(failed[:3]) + (f" (and {len(failed) - 3} more)" if len(failed) > 3 else "")
        headers = ["-H", f"Cookie: {cookie}"] if cookie else []
        if rotate:
            headers += ["-s", self.rotation_script(rotate)]
            address = targets[0]
        throughput = self.wrk_run(["-t2", "-c8", *headers], address)
        latency = self.wrk_run(["-t2", "-c2", "--latency", *headers], address)
        return {
            "status": status, "bytes": size, "error": error,
            "rps": throughput["requests_per_sec"] if throughput["requests"] else None,
            "p50": latency["percentiles"].get(50) if latency["requests"] else None,
            "p99": latency["percentiles"].get(99) if latency["requests"] else None,
            "problems": [p for p in (self.wrk_problems("-c8", throughput), self.wrk_problems("-c2", latency)) if p],
        }  # fmt: skip

    def rotation_script(self, paths):
        """A wrk Lua script sending `paths` in turn (each wrk thread cycles through all of them)."""
        quoted = ", ".join('"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"' for path in paths)
        script = Path(self.workdir) / f"rotate-{abs(hash(tuple(paths)))}.lua"
        script.write_text(
            f"local paths = {{{quoted}}}\n"
            "local i = 0\n"
            "request = function()\n"
            "  i = i % #paths + 1\n"
            "  return wrk.format(nil, paths[i])\n"
            "end\n",
            encoding="utf-8",
        )
        return str(script)

    def wrk_run(self, options, address):
        command = [self.wrk, *options, f"-d{self.seconds}s", "--timeout", WRK_TIMEOUT, address]
        result = subprocess.run(command, capture_output=True, text=True)
        parsed = parse_wrk(result.stdout)
        if result.returncode != 0:
            parsed["failed"] = (result.stderr or result.stdout).strip()[-300:]
        return parsed

    @staticmethod
    def wrk_problems(label, parsed):
        problems = []
        if parsed.get("failed"):
            problems.append(f"wrk failed: {parsed['failed']}")
        if not parsed["requests"]:
            problems.append("no request completed")
        if parsed["non_2xx"]:
            problems.append(f"{parsed['non_2xx']:,} non-2xx/3xx responses")
        if parsed["socket_errors"]:
            problems.append("socket errors " + ", ".join(f"{k} {v:,}" for k, v in parsed["socket_errors"].items()))
        return f"{label}: " + "; ".join(problems) if problems else ""

    # --- Report -----------------------------------------------------------------------------------

    def render(self, *, postings, server_version, built, bench_url, probe, passes, urls_only, writes=None):
        machine = machine_info()
        queries = {entry["url"]: entry for entry in probe["urls"]}
        notes = probe.get("notes", {})
        now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        lines = [
            "# Benchmarks",
            "",
            "Written by `manage.py benchmark` (devtools/management/commands/benchmark.py); every number below is "
            "from the run it describes. The machine is shared and noisy: compare ratios within one run, not "
            "absolute numbers across runs.",
            "",
            f"- Date: {now}; commit {self.git_describe()}",
            f"- Machine: {machine['nproc']} CPUs ({machine['cpu']}), {machine['memory']} memory, "
            f"load average (1/5/15 min) {self.load_at_start} at the start, {machine['load']} at the end; "
            f"PostgreSQL {server_version}",
            f"- Data: `{urlsplit(bench_url).path.lstrip('/')}` with {postings:,} synthetic postings "
            f"({'generated for this run' if built else 'reused'}) plus the guide's own data",
            "- Server: gunicorn, 2 sync workers, `devtools.wsgi` (DEBUG off, whitenoise, throttle 100000000/hour), "
            "restarted for each pass",
            f"- Load: wrk over loopback, {self.seconds} s per run; req/s from `wrk -t2 -c8`, p50/p99 from "
            f"`wrk -t2 -c2 --latency` (timeout {WRK_TIMEOUT}); bytes and status from one GET; queries counted "
            f"in-process (test Client, CACHE_SECONDS=0) on the same database; a URL class (`/skills/<slug>/`…) "
            f"is one row: wrk sends its paths in turn (a Lua script), its bytes and status are the largest and "
            f"worst of one GET of each of 10 paths spread across it, its queries the most of 3 sampled",
            f"- Picked from the data: bench role `{notes.get('role', {}).get('role__slug', '—')}` "
            f"({fmt_num(notes.get('role', {}).get('n'))} postings), company "
            f"`{notes.get('company', {}).get('company__slug', '—')}` ({fmt_num(notes.get('company', {}).get('n'))}), "
            f"skills " + (", ".join(f"`{s['skill__slug']}` ({s['n']:,})" for s in notes.get("skills", [])) or "—")
            + f", rare search word `{notes.get('rare_word', '—')}`",
        ]  # fmt: skip
        lines += self.render_admin_note(probe)
        if urls_only:
            lines.append(f"- Only URLs containing `{urls_only}` (and the two baselines) were measured.")
        for run in passes:
            lines += self.render_pass(run, queries)
        lines += self.render_targets(passes, admin_urls(probe))
        lines += render_writes(writes)
        lines += self.render_explain(probe)
        return "\n".join(lines) + "\n"

    @staticmethod
    def render_admin_note(probe):
        admin = admin_urls(probe)
        if not admin:
            return ["- Admin: not measured in this run"]
        notes = probe.get("notes", {})
        page = notes.get("admin_page") or {}
        depth = f"; deep changelist page `p={page['taken']}`" if page else ""
        if page and page["taken"] != page["asked"]:
            depth += f" (page {page['asked']} asked; the capped paginator offers {page['pages']:,} pages)"
        return [
            f"- Admin ({len(admin)} URLs): signed in as the curator `{notes.get('curator', '—')}` (staff, Curators "
            "group) through a session cookie sent with the admin URLs only; measured in the cache-off pass only, "
            f"since a signed-in request is never served from the cache{depth}"
        ]

    def render_pass(self, run, queries):
        rows = run["rows"]
        hello = (rows.get(HELLO) or {}).get("rps")
        plain = (rows.get(PLAIN) or {}).get("rps")
        lines = [
            "",
            f"## {run['title']}",
            "",
            f"{run['note']}.",
            "",
            "| URL | status | bytes | queries | req/s (-c8) | p50 ms (-c2) | p99 ms (-c2) | req/s ÷ hello "
            "| req/s ÷ plain viewset |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        problems = []
        for url, row in rows.items():
            probe = queries.get(url, {})
            mark = ""
            if row["problems"] or row["error"]:
                problems.append((url, [p for p in [row["error"], *row["problems"]] if p]))
                mark = f" [{len(problems)}]"
            rotating = getattr(self, "rotations", {}).get(url)
            shown = f"`{url}` ({len(rotating)} rotating)" if rotating else f"`{url}`"
            lines.append(
                f"| {shown} | {row['status'] or '—'} | {fmt_num(row['bytes'])} | "
                f"{fmt_num(probe.get('queries'))} | {fmt_num(row['rps'])}{mark} | {fmt_num(row['p50'], 1)} | "
                f"{fmt_num(row['p99'], 1)} | {fmt_ratio(row['rps'], hello)} | {fmt_ratio(row['rps'], plain)} |"
            )
        if problems:
            lines.append("")
            lines += [f"[{i}] `{url}`: {'; '.join(text)}" for i, (url, text) in enumerate(problems, 1)]
            lines[-len(problems) :] = [line + "  " for line in lines[-len(problems) :]]
        probe_errors = [(e["url"], e["error"]) for e in queries.values() if e.get("error") and e["url"] in rows]
        if probe_errors:
            lines.append("")
            lines += [f"- in-process request of `{url}` raised {error}" for url, error in probe_errors]
        return lines

    def render_targets(self, passes, admin=frozenset()):
        by_title = {run["title"]: run["rows"] for run in passes}
        off, on = by_title.get("Cache off", {}), by_title.get("Cache on", {})
        lines = ["", "## Targets", ""]

        # 1. Cache off p50 <= 20 ms and p99 <= 100 ms on every site/API URL and class (a non-2xx answer
        # cannot meet it).
        site = {url: row for url, row in off.items() if url not in BASELINES and url not in admin}
        for key, limit in (("p50", P50_TARGET_MS), ("p99", P99_TARGET_MS)):
            lines.append(
                p99_target(
                    f"Cache off, {key} ≤ {limit} ms (and status < 400) on every site/API URL and URL class",
                    site, limit, lambda status: status < 400, key=key,
                )
            )  # fmt: skip

        # 1b. The curators' admin, signed in: 200 ms, and a 200 (a 302 is the login page: the session failed).
        admin_rows = {url: row for url, row in off.items() if url in admin}
        label = f"Cache off, admin pages p99 ≤ {ADMIN_P99_TARGET_MS} ms (status 200, signed in as a curator)"
        if admin_rows:
            lines.append(p99_target(label, admin_rows, ADMIN_P99_TARGET_MS, lambda status: status == 200))
        else:
            lines.append(f"- {label}: not measured in this run")

        # 2. Cache on: the busiest pages at half of hello's throughput at least.
        hello_on = (on.get(HELLO) or {}).get("rps")
        for url in CACHED_TARGET_URLS:
            row = on.get(url)
            if not row:
                lines.append(f"- Cache on, `{url}` req/s ≥ 50% of hello: not measured in this run")
                continue
            share = row["rps"] / hello_on if row["rps"] and hello_on else None
            lines.append(
                f"- Cache on, `{url}` req/s ≥ 50% of hello: {verdict(share is not None and share >= 0.5)} "
                f"({fmt_num(row['rps'])} vs {fmt_num(hello_on)} req/s = "
                f"{'—' if share is None else f'{share:.0%}'}, status {row['status']})"
            )

        # 3. The API's posting list at twice the naive viewset's throughput, cache off.
        api, plain = (off.get("/api/v1/postings/") or {}).get("rps"), (off.get(PLAIN) or {}).get("rps")
        if "/api/v1/postings/" in off:
            factor = api / plain if api and plain else None
            lines.append(
                f"- Cache off, `/api/v1/postings/` ≥ 2× the plain viewset's req/s: "
                f"{verdict(factor is not None and factor >= 2)} ({fmt_num(api)} vs {fmt_num(plain)} req/s = "
                f"{'—' if factor is None else f'{factor:.2f}×'})"
            )
        else:
            lines.append("- Cache off, `/api/v1/postings/` ≥ 2× the plain viewset's req/s: not measured in this run")

        # 4. No response over 100 KB, in either pass: pages and API responses. Files made for machines are
        # bounded otherwise: a sitemap file by its 10,000 ids (the protocol allows 50,000 URLs), a download
        # is a whole table by design.
        sizes = [
            (row["bytes"] or 0, url, title)
            for title, rows in by_title.items()
            for url, row in rows.items()
            if not url.startswith(SIZE_EXEMPT_PREFIXES)
        ]
        big = sorted({(size, url) for size, url, _ in sizes if size > MAX_BYTES}, reverse=True)
        largest = max(sizes, default=(0, "—", ""))
        lines.append(
            f"- No page or API response over 100 KB ({MAX_BYTES:,} bytes; sitemap files and downloads apart): "
            f"{verdict(not big)} "
            f"(largest `{largest[1]}` {largest[0]:,} bytes"
            + ("; over: " + ", ".join(f"`{url}` {size:,}" for size, url in big) if big else "")
            + ")"
        )
        return lines

    def render_explain(self, probe):
        lines = [
            "",
            "## Appendix: the slowest query of each URL",
            "",
            "Measured in-process with CACHE_SECONDS=0 (second request, after a warm-up); plan from "
            "`EXPLAIN (ANALYZE, BUFFERS)` run right after, first lines only.",
        ]
        for entry in probe["urls"]:
            lines += ["", f"### `{entry['url']}`", ""]
            if entry.get("error"):
                lines.append(f"The in-process request raised {entry['error']}.")
                continue
            if not entry.get("explain"):
                lines.append(f"No SELECT ({entry.get('queries', 0)} queries, status {entry.get('status')}).")
                continue
            sql = abbreviate_sql(entry["slowest_sql"])
            lines += [
                f"{entry['queries']} queries; slowest {entry['slowest_ms']:.0f} ms in Django's log (1 ms steps): "
                f"`{sql}`",
                "",
                "```",
                *entry["explain"],
                "```",
            ]
        return lines

    @staticmethod
    def git_describe():
        try:
            head = subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],
                capture_output=True,
                text=True,
                cwd=settings.BASE_DIR,
                timeout=10,
            ).stdout.strip()
            dirty = subprocess.run(
                ["git", "status", "--porcelain", "--untracked-files=no"],
                capture_output=True,
                text=True,
                cwd=settings.BASE_DIR,
                timeout=10,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "unknown"
        return f"`{head}`" + (" with uncommitted changes" if dirty else "") if head else "unknown"
