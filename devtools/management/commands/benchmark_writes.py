"""
Internal to `manage.py benchmark`, which runs it in a child process on the bench database (DATABASE_URL)
after the read passes, with a Redis broker (CELERY_BROKER_URL) that no worker reads: a write's derived
work (skill demand recounts) is enqueued as in production, and the figures are the request's own time.

The curators' write paths of issue 19, each timed in-process through Django's test Client, signed in as a
reviewer (no network, no gunicorn; a median of several where it repeats):

- **save**: a posting's admin change form, read back from its page and posted with a new title, then
  posted again with the old one (both timed);
- **bulk**: the changelist's "Unpublish selected records" on N published postings, then "Publish selected
  postings" on the same N (the data is left as it was found, apart from their updated_at and history);
- **import**: `import_postings` of a generated file of new postings (status published, three skills and a
  place each), deleted again afterwards.

It writes a JSON summary to --json. Nothing here runs outside the benchmark: it refuses anything but
PostgreSQL.
"""

import csv
import json
import statistics
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from core.publishing import PublicationStatus
from postings.models import Company, JobPosting
from roles.models import Role
from skills.models import Skill

REVIEWER_USERNAME = "bench-reviewer"
IMPORT_PREFIX = "benchimport-"


class FormFields(HTMLParser):
    """The (name, value) pairs a browser would submit for the first <form> with the given id (or any)."""

    def __init__(self, form_id=None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.done = form_id, False, False
        self.fields, self._select, self._textarea = [], None, None
        self._options = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "form" and not self.inside and (self.form_id is None or attrs.get("id") == self.form_id):
            self.inside = True
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select is not None:
            self._options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._options if selected]
            self.fields += [(self._select, value) for value in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # The HTML parser keeps the newline browsers drop right after <textarea>.
            name, text = self._textarea
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "form":
            self.inside, self.done = False, True


def form_data(html, form_id=None):
    """A form's fields as a dict of lists, for Client.post (which sends a list as repeated values)."""
    parser = FormFields(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


def timed(call, *args, **kwargs):
    """(what call(*args, **kwargs) returns, how long it took in ms)."""
    started = time.perf_counter()
    result = call(*args, **kwargs)
    return result, (time.perf_counter() - started) * 1000


class Command(BaseCommand):
    help = "Internal to `benchmark`: time the curators' write paths (save, bulk action, import) on the bench data."

    def add_arguments(self, parser):
        parser.add_argument("--json", dest="json_path", required=True, help="Write the results to this file.")
        parser.add_argument("--saves", type=int, default=5, help="Postings saved (twice each).")
        parser.add_argument("--bulk", type=int, default=5000, help="Postings in the bulk unpublish and publish.")
        parser.add_argument("--import-rows", type=int, default=20000, help="New postings in the imported file.")

    def handle(self, json_path, saves, bulk, import_rows, **options):
        if connection.vendor != "postgresql":
            raise CommandError("benchmark_writes expects DATABASE_URL to name the PostgreSQL bench database.")
        results = {}
        with override_settings(ALLOWED_HOSTS=["*"]):
            client = self.reviewer_client()
            results["save"] = self.time_saves(client, saves)
            results["bulk"] = self.time_bulk(client, bulk)
        results["import"] = self.time_import(import_rows)
        Path(json_path).write_text(json.dumps(results, indent=1), encoding="utf-8")

    def reviewer_client(self):
        user, _ = get_user_model().objects.update_or_create(
            username=REVIEWER_USERNAME, defaults={"is_staff": True, "is_active": True, "is_superuser": False}
        )
        user.set_unusable_password()
        user.save()
        user.groups.add(*Group.objects.filter(name__in=["Curators", "Reviewers"]))
        client = Client(raise_request_exception=True)
        client.force_login(user)
        return client

    # --- save -----------------------------------------------------------------------------------------

    def time_saves(self, client, n):
        chosen = spread_postings(n)
        timings, failures = [], []
        for posting in chosen:
            url = reverse("admin:postings_jobposting_change", args=[posting.pk])
            data = form_data(client.get(url).content.decode(), form_id="jobposting_form")
            original = data["title"][0]
            for title in (original + " (edited)", original):
                data["title"] = [title]
                data["_save"] = ["Save"]
                response, ms = timed(client.post, url, data)
                if response.status_code != 302:
                    failures.append(f"{url}: {response.status_code}")
                timings.append(ms)
        self.stderr.write(f"  save: {len(timings)} saves, median {median(timings)} ms")
        return {"n": len(timings), "median_ms": median(timings), "max_ms": max(timings, default=None),
                "failures": failures}  # fmt: skip

    # --- bulk action ---------------------------------------------------------------------------------

    def time_bulk(self, client, n):
        bench = JobPosting.objects.published().filter(slug__startswith="bench-").order_by("pk")
        ids = list(bench.values_list("pk", flat=True)[:n])
        roles = JobPosting.objects.filter(pk__in=ids).values("role").distinct().count()
        url = reverse("admin:postings_jobposting_changelist")
        timings = {}
        for action, expected in (("unpublish", PublicationStatus.DRAFT), ("publish", PublicationStatus.PUBLISHED)):
            data = {"action": action, "_selected_action": [str(pk) for pk in ids], "index": "0"}
            # A curator selects thousands with "select all" on a filtered list; posting 5,000 ids instead
            # passes Django's cap of 1,000 fields (a 400) unless it is lifted for this request.
            with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=None):
                response, ms = timed(client.post, url, data)
            changed = JobPosting.objects.filter(pk__in=ids, status=expected).count()
            timings[action] = {"ms": round(ms), "status": response.status_code, "changed": changed}
            self.stderr.write(f"  bulk {action}: {len(ids):,} postings in {ms:.0f} ms ({changed:,} changed)")
        return {"n": len(ids), "roles": roles, **timings}

    # --- import --------------------------------------------------------------------------------------

    def time_import(self, n):
        companies = list(Company.objects.published().values_list("slug", flat=True)[:50])
        roles = list(Role.objects.published().values_list("slug", flat=True)[:20])
        skills = list(Skill.objects.published().values_list("slug", flat=True)[:60])
        if not (companies and roles and len(skills) >= 3):
            return {"n": 0, "error": "the bench data has no published companies, roles or skills"}
        JobPosting.objects.filter(slug__startswith=IMPORT_PREFIX).delete()
        with tempfile.TemporaryDirectory() as workdir:
            path = Path(workdir) / "import.csv"
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["slug", "title", "company", "role", "essential_skills", "optional_skills",
                                 "locations", "posted_on", "status", "source", "source_passage"])  # fmt: skip
                for i in range(n):
                    pick = [skills[(i + k * 7) % len(skills)] for k in range(3)]
                    writer.writerow([
                        f"{IMPORT_PREFIX}{i}", f"Imported engineer {i}", companies[i % len(companies)],
                        roles[i % len(roles)], "; ".join(pick[:2]), pick[2], "Berlin, DE", "2026-11-01",
                        "published", "bench-synthetic", "Synthetic record generated for benchmarking; not a fact.",
                    ])  # fmt: skip
            _, ms = timed(call_command, "import_postings", str(path), verbosity=0)
        imported = JobPosting.objects.filter(slug__startswith=IMPORT_PREFIX).count()
        self.stderr.write(f"  import: {imported:,} of {n:,} rows in {ms / 1000:.1f} s")
        JobPosting.objects.filter(slug__startswith=IMPORT_PREFIX).delete()
        return {"n": n, "imported": imported, "seconds": round(ms / 1000, 1),
                "rows_per_second": round(imported / (ms / 1000)) if ms else None}  # fmt: skip


def spread_postings(n):
    """`n` published bench postings spread over the id range (an index lookup each, no scan of the table)."""
    bench = JobPosting.objects.published().filter(slug__startswith="bench-").order_by("pk")
    low, high = bench.values_list("pk", flat=True).first(), bench.reverse().values_list("pk", flat=True).first()
    if low is None:
        return []
    step = max(1, (high - low) // n)
    found = [bench.filter(pk__gte=low + i * step).first() for i in range(n)]
    return list({posting.pk: posting for posting in found if posting}.values())


def median(values):
    return round(statistics.median(values)) if values else None
