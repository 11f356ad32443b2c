"""
A fault drill: the app under steady load while its PostgreSQL restarts and its Redis goes away.

Everything runs privately and is stopped at the end: a PostgreSQL server and a Redis of its own (never
the shared ones), migrated and holding the guide, and gunicorn (2 workers, DEBUG off) in front of them.
"""

import collections
import json
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.core.management.base import BaseCommand, CommandError

from devtools import processes
from devtools.load import NO_ANSWER, Load, request

DATABASE = "careerguide"

# Migrate, load the guide and make a curator with an API token, in one process (one Django start-up).
PREPARE = """
from django.contrib.auth import get_user_model
from django.core.management import call_command
from rest_framework.authtoken.models import Token
call_command("migrate", verbosity=0)
call_command("load_guide", verbosity=0)
call_command("create_curator", "drill_curator", reviewer=True, verbosity=0)  # its writes publish postings
print("TOKEN", Token.objects.create(user=get_user_model().objects.get(username="drill_curator")).key)
"""

PAGES = ["/", "/roles/", "/skills/", "/postings/"]
API = ["/api/v1/roles/", "/api/v1/skills/", "/api/v1/postings/", "/api/v1/companies/"]
DATABASE_BACKED = ["/api/v1/postings/?page_size=5", "/api/v1/skills/?page_size=5"]  # with the token: no cache


class Command(BaseCommand):
    help = (
        "Run the app (gunicorn, 2 workers, DEBUG off) on a private PostgreSQL and Redis under steady load "
        "(pages, API lists, token-authenticated API reads, a curator's writes), restart PostgreSQL "
        "(stop, 2 s, start), later stop Redis for a while and start it again. Prints the requests sent, "
        "the errors inside each fault window and outside them, the seconds from PostgreSQL being back to "
        "the first 200 from a database-backed answer, whether pages kept serving with Redis down, and "
        "whether every write was saved whole or refused. Exits non-zero if the app did not recover in "
        "time, if anything failed outside the fault windows or while Redis was down, or if a write was "
        "half-saved. Needs PostgreSQL's server binaries (initdb, pg_ctl) and redis-server."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seconds", type=float, default=5, help="Calm load before, between and after the faults (default 5)."
        )
        parser.add_argument("--redis-down", type=float, default=5, help="Seconds Redis stays down (default 5).")
        parser.add_argument("--clients", type=int, default=4, help="Client threads sending requests (default 4).")
        parser.add_argument(
            "--recovery-limit", type=float, default=15, help="Seconds the app may take to answer again (default 15)."
        )
        parser.add_argument("--json", action="store_true", help="Print the figures as one JSON object.")

    def handle(self, **options):
        if threading.current_thread() is threading.main_thread():
            # A drill stopped from outside (e.g. a test's timeout) must still stop what it started.
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            report = self.drill(options)
        except processes.Unavailable as reason:
            raise CommandError(f"Cannot run the drill on this machine: {reason}") from None
        except processes.Failed as failure:
            raise CommandError(f"The drill could not set up: {failure}") from None
        self.stdout.write(json.dumps(report, indent=2) if options["json"] else describe(report))
        if report["problems"]:
            raise CommandError("The drill failed: " + "; ".join(report["problems"]))

    def drill(self, options):
        with processes.private_postgres() as postgres, processes.redis_server(server=True) as redis:
            postgres.psql(f"CREATE DATABASE {DATABASE}")
            env = processes.app_env(
                DATABASE_URL=postgres.url(DATABASE),
                REDIS_URL=redis.url,
                API_ANON_THROTTLE_RATE="1000000/hour",  # the drill's load is not abuse
                LOG_FORMAT="json",
                LOG_LEVEL="WARNING",
            )
            with ThreadPoolExecutor(1) as background:
                static = background.submit(processes.collectstatic)
                token = prepare(env)
                static.result()
            with processes.gunicorn(env, workers=2) as app:
                template = posting_template(app.url, token)
                paths = [("page", p) for p in [*PAGES, f"/postings/{template['slug']}/"]]
                paths += [("api", p) for p in API] + [("db", p) for p in DATABASE_BACKED]
                check_paths(app.url, token, paths)
                load = Load(app.url, token=token, paths=paths, clients=options["clients"], posting_template=template)
                timeline = run_faults(load, postgres, redis, options)
                log = (app.workdir / "gunicorn.log").read_text()
            saved = saved_postings(postgres)
        return figures(load.sent, timeline, saved, len(template["skills"]), log, options)


def prepare(env):
    out = processes.run([processes.PYTHON, "manage.py", "shell", "-c", PREPARE], env=env, timeout=300, what="setup")
    return out.split("TOKEN ", 1)[1].split()[0]


def posting_template(base_url, token):
    """A posting to write again and again under new slugs: the guide's first, as the API reads it."""
    auth = {"Authorization": f"Token {token}"}
    status, body = request(base_url, "GET", "/api/v1/postings/?page_size=1", headers=auth)
    if status != 200:
        raise processes.Failed(f"GET /api/v1/postings/ answered {status}: {body[:500]!r}")
    slug = json.loads(body)["results"][0]["slug"]
    return json.loads(request(base_url, "GET", f"/api/v1/postings/{slug}/", headers=auth)[1])


def check_paths(base_url, token, paths):
    for kind, path in paths:
        status, body = request(
            base_url, "GET", path, headers={"Authorization": f"Token {token}"} if kind == "db" else {}
        )
        if status != 200:
            raise processes.Failed(f"GET {path} answered {status} before any fault: {body[:500]!r}")


def run_faults(load, postgres, redis, options):
    """Load throughout; PostgreSQL restarted, then Redis stopped and started. Returns the moments, monotonic."""
    calm, moments = options["seconds"], {"started": time.monotonic()}
    load.start()
    try:
        time.sleep(calm)
        moments["postgres_stopped"] = time.monotonic()
        postgres.stop("fast")
        time.sleep(2)
        postgres.start()
        moments["postgres_back"] = time.monotonic()
        moments["recovered"] = wait_for_recovery(load, moments["postgres_back"], options["recovery_limit"])
        if moments["recovered"] is not None:
            time.sleep(calm)
            moments["redis_stopped"] = time.monotonic()
            redis.stop()
            time.sleep(options["redis_down"])
            redis.start()
            moments["redis_back"] = time.monotonic()
            time.sleep(calm)
    finally:
        load.stop()
    return moments


def wait_for_recovery(load, since, limit):
    """When the first probe (a database-backed API answer) that finished after `since` was a 200; None if none."""
    deadline = since + limit
    while time.monotonic() < deadline:
        answered = [s.finished for s in list(load.sent) if s.kind == "probe" and s.status == 200 and s.finished > since]
        if answered:
            return min(answered)
        time.sleep(0.02)
    return None


def saved_postings(postgres):
    """{slug: number of skill links} of the postings the drill wrote, as the database holds them."""
    rows = postgres.psql(
        "SELECT p.slug, count(s.id) FROM postings_jobposting p "
        "LEFT JOIN postings_postingskill s ON s.posting_id = p.id "
        "WHERE p.slug LIKE 'drill-%' GROUP BY p.slug",
        database=DATABASE,
    )
    return {slug: int(count) for slug, count in (row.split("|") for row in rows.splitlines() if row)}


# --- the figures ------------------------------------------------------------------------------------


def figures(sent, moments, saved, skills_per_posting, log, options):
    windows = {"postgres_restart": (moments["postgres_stopped"], moments["recovered"] or time.monotonic())}
    if "redis_back" in moments:
        windows["redis_down"] = (moments["redis_stopped"], moments["redis_back"])

    def window_of(request):
        # A request in flight when a fault began or ended belongs to that fault.
        hit = (name for name, (start, end) in windows.items() if request.started <= end and request.finished >= start)
        return next(hit, "outside")

    counted = {
        name: {"seconds": round(end - start, 2), "requests": 0, "errors": {}, "failed_by_kind": {}}
        for name, (start, end) in windows.items()
    }
    counted["outside"] = {"requests": 0, "errors": {}, "failed_by_kind": {}}
    for request_sent in sent:
        window = counted[window_of(request_sent)]
        window["requests"] += 1
        if request_sent.failed:
            status = "no answer" if request_sent.status == NO_ANSWER else str(request_sent.status)
            window["errors"][status] = window["errors"].get(status, 0) + 1
            kind = request_sent.kind
            window["failed_by_kind"][kind] = window["failed_by_kind"].get(kind, 0) + 1

    recovery = None if moments["recovered"] is None else round(moments["recovered"] - moments["postgres_back"], 3)
    redis_window = counted.get("redis_down", {"requests": 0, "errors": {"not run": 1}})
    report = {
        "requests_sent": len(sent),
        "by_kind": dict(collections.Counter(s.kind for s in sent)),
        "seconds": round(max(s.finished for s in sent) - min(s.started for s in sent), 1) if sent else 0,
        "windows": counted,
        "postgres_recovery_seconds": recovery,
        "pages_served_with_redis_down": bool(redis_window["requests"]) and not redis_window["errors"],
        "outside_failures": [
            {"kind": s.kind, "path": s.path, "status": s.status, "at": round(s.started - moments["started"], 2)}
            for s in sent
            if s.failed and window_of(s) == "outside"
        ][:10],
        "fault_timeline": {name: round(at - moments["started"], 2) for name, at in moments.items() if at},
        "writes": writes(sent, window_of, saved, skills_per_posting),
        "log": log_figures(log),
    }
    report["problems"] = problems(report, options)
    return report


def writes(sent, window_of, saved, skills_per_posting):
    attempts = [s for s in sent if s.kind == "write"]
    answered_201 = {s.note for s in attempts if s.status == 201}
    refused = [s for s in attempts if s.status != 201]
    return {
        "attempted": len(attempts),
        "saved": len(answered_201),
        "refused": len(refused),
        "refused_in": dict(collections.Counter(window_of(s) for s in refused)),
        # An error answer does not always mean nothing was saved (the commit may have happened before the
        # connection broke): fine, as long as what was saved is whole.
        "refused_but_saved": sorted(s.note for s in refused if s.note in saved),
        "lost": sorted(slug for slug in answered_201 if slug not in saved),
        "half_saved": sorted(slug for slug, links in saved.items() if links != skills_per_posting),
    }


def log_figures(log):
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    cache = [line for line in lines if line["logger"] == "core.cache_backends" and "unavailable" in line["message"]]
    errors = [line for line in lines if line["level"] in ("ERROR", "CRITICAL")]
    return {
        "json_lines": len(lines),
        "cache_unavailable_warnings": len(cache),
        "cache_warnings_with_request_id": sum(line["request_id"] != "-" for line in cache),
        "errors": len(errors),
        "errors_with_request_id": sum(line["request_id"] != "-" for line in errors),
    }


def problems(report, options):
    found = []
    if report["postgres_recovery_seconds"] is None:
        found.append(f"no database-backed answer within {options['recovery_limit']} s of PostgreSQL being back")
    elif report["postgres_recovery_seconds"] > options["recovery_limit"]:
        found.append(f"took {report['postgres_recovery_seconds']} s to answer again after PostgreSQL was back")
    if report["windows"]["outside"]["errors"]:
        found.append(f"errors outside the fault windows: {report['windows']['outside']['errors']}")
    if not report["pages_served_with_redis_down"]:
        found.append(f"with Redis down: {report['windows'].get('redis_down', 'not reached')}")
    for kind in ("lost", "half_saved"):
        if report["writes"][kind]:
            found.append(f"{kind.replace('_', '-')} writes: {', '.join(report['writes'][kind])}")
    return found


def describe(report):
    def errors(window):
        if not window["errors"]:
            return "none"
        statuses = ", ".join(f"{status} ×{n}" for status, n in sorted(window["errors"].items()))
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(window["failed_by_kind"].items()))
        return f"{statuses} ({kinds})"

    windows, writes_ = report["windows"], report["writes"]
    lines = [
        f"Requests sent: {report['requests_sent']} in {report['seconds']} s "
        f"({', '.join(f'{kind} {n}' for kind, n in sorted(report['by_kind'].items()))})",
        f"Outside the fault windows: {windows['outside']['requests']} requests, errors: {errors(windows['outside'])}",
    ]
    restart = windows["postgres_restart"]
    lines.append(
        f"PostgreSQL restart (stop, 2 s, start; {restart['seconds']} s until answered again): "
        f"{restart['requests']} requests, errors: {errors(restart)}"
    )
    lines.append(
        f"  first 200 from a database-backed answer {report['postgres_recovery_seconds']} s after PostgreSQL was up"
    )
    if "redis_down" in windows:
        down = windows["redis_down"]
        kept = "yes" if report["pages_served_with_redis_down"] else "NO"
        lines.append(
            f"Redis down ({down['seconds']} s): {down['requests']} requests, errors: {errors(down)}; "
            f"pages kept serving: {kept}"
        )
    lines.append(
        f"Curator writes: {writes_['attempted']} attempted, {writes_['saved']} saved, {writes_['refused']} refused "
        f"{writes_['refused_in']}; refused but saved whole: {len(writes_['refused_but_saved'])}; "
        f"half-saved: {len(writes_['half_saved'])}; lost: {len(writes_['lost'])}"
    )
    log = report["log"]
    lines.append(
        f"Log: {log['json_lines']} JSON lines; {log['cache_unavailable_warnings']} cache-unavailable warnings "
        f"({log['cache_warnings_with_request_id']} with a request id); {log['errors']} errors "
        f"({log['errors_with_request_id']} with a request id)"
    )
    lines.append("Result: " + ("passed" if not report["problems"] else "FAILED: " + "; ".join(report["problems"])))
    return "\n".join(lines)
