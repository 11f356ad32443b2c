"""
Internal to `manage.py benchmark`, which runs it in a child process whose environment points DATABASE_URL at
the bench database, with CACHE_SECONDS=0 and DJANGO_SETTINGS_MODULE=devtools.settings.

It builds the list of URLs to measure from the data (the bench role, skill and company with the most
postings, a rare word...), then requests each one in-process with Django's test Client and records the
status, the SQL query count, and the slowest query with its `EXPLAIN (ANALYZE, BUFFERS)` plan. The result is
written as JSON to --json. A child process is the reliable way to talk to another database than the one the
parent's settings name (the parent may even be on SQLite).

The curators' admin is measured signed in: the probe makes sure a curator `bench-curator` exists (staff, in
the Curators group, no usable password), signs it in with the test Client (a session row in the bench
database) and requests the admin URLs with that client. The session cookie goes into the JSON, and
`benchmark` sends it with the admin URLs only, so gunicorn and wrk are served the same signed-in curator
(the session is read server-side: SESSION_COOKIE_SECURE only tells browsers not to send it over HTTP).
"""

import json
import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from postings.management.commands.generate_benchmark_data import RARE_WORDS, VOCABULARY
from postings.models import Company, JobPosting, PostingSkill
from roles.models import Role
from skills.models import Skill

BENCH_PREFIX = "bench-"
EXPLAIN_LINES = 15
CURATOR_USERNAME = "bench-curator"
CURATORS_GROUP = "Curators"  # created by sources/migrations/0002_curators_group.py
# The deep changelist page the issue names; the admin's CappedPaginator offers only the pages within
# COUNT_CAP rows, and a page past them answers a 302 to `?e=1`, so the deepest offered page is taken instead.
ADMIN_DEEP_PAGE = 40

# The old in-process benchmark's list: the guide's own pages, which load_guide always provides.
GUIDE_URLS = [
    "/",
    "/roles/",
    "/roles/machine-learning-engineer/",
    "/skills/",
    "/skills/python/",
    "/postings/",
    "/postings/?degree=master&max_years=5",
    "/postings/google-ml-engineer/",
    "/companies/",
    "/salaries/",
    "/search/?q=python",
    "/match/?skill=python&skill=sql&skill=deep-learning",
    "/compare/?role=data-scientist&role=machine-learning-engineer",
    "/api/v1/roles/",
    "/api/v1/roles/machine-learning-engineer/",
    "/api/v1/postings/",
    "/api/v1/postings/?degree=master",
    "/api/v1/skills/",
    "/api/v1/salaries/",
    "/api/v1/match/?skill=python&skill=sql",
    "/roles/machine-learning-engineer/skill-demand/",
    "/api/v1/roles/machine-learning-engineer/skill-demand/",
    # The journey, the paths, the feed, the sitemap and the downloads page (issue 20: none was measured).
    "/plan/?from=software-engineer&to=machine-learning-engineer",
    "/api/v1/plan/?from=software-engineer&to=machine-learning-engineer",
    "/paths/",
    "/paths/becoming-a-machine-learning-engineer/",
    "/postings/feed/",
    "/sitemap.xml",
    "/sitemap-postings.xml",
    "/sitemap-skills.xml",
    "/downloads/",
    # The small tables' downloads, streamed per request; the postings file is built ahead (build_downloads)
    # and served as a file, a transfer of the whole table that wrk's 10-second timeout cannot measure.
    "/downloads/roles.csv",
    "/downloads/skills.csv",
]
# Rotating URL classes: wrk cycles through each class's paths (a Lua script), so a figure is the class's,
# never one lucky (or unlucky) row's. The queries column is the most any of SAMPLED paths of a class made.
CLASS_SIZE = 100
SAMPLED = 3
PAGES = 10
BASELINE_URLS = ["/bench/hello/", "/bench/plain-postings/"]
STOP_WORDS = {"with", "and", "the", "for", "from", "senior", "junior", "bench", "posting"}


class Command(BaseCommand):
    help = "Internal to `benchmark`: build the URL list from the bench data and count each URL's SQL queries."

    def add_arguments(self, parser):
        parser.add_argument("--json", dest="json_path", required=True, help="Write the results to this file.")
        parser.add_argument(
            "--urls-only", default="", help="Keep only URLs containing this substring (the baselines are always kept)."
        )

    def handle(self, json_path, urls_only, **options):
        if connection.vendor != "postgresql":
            raise CommandError("benchmark_probe expects DATABASE_URL to name the PostgreSQL bench database.")
        urls, notes = self.build_urls()
        admin_urls = self.build_admin_urls(notes)
        if urls_only:
            urls = [url for url in urls if urls_only in url or url in BASELINE_URLS]
            admin_urls = [url for url in admin_urls if urls_only in url]
        rotations = self.build_rotations()
        if urls_only:
            rotations = {label: paths for label, paths in rotations.items() if urls_only in label}
        results, admin_cookie = [], None
        with override_settings(ALLOWED_HOSTS=["*"], CACHE_SECONDS=0):
            client = Client(raise_request_exception=False)
            for url in urls:
                self.stderr.write(f"  queries: {url}")
                results.append(self.probe(client, url))
            for label, paths in rotations.items():
                self.stderr.write(f"  queries: {label} ({len(paths)} paths, {SAMPLED} sampled)")
                results.append(self.probe_class(client, label, paths))
            if admin_urls:
                curator = self.curator_client()
                admin_cookie = session_cookie(curator)
                notes["curator"] = CURATOR_USERNAME
                for url in admin_urls:
                    self.stderr.write(f"  queries (signed in as {CURATOR_USERNAME}): {url}")
                    results.append({**self.probe(curator, url), "admin": True})
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server_version = cursor.fetchone()[0]
        with open(json_path, "w", encoding="utf-8") as handle:
            data = {
                "urls": results, "notes": notes, "server_version": server_version, "admin_cookie": admin_cookie,
                "rotations": rotations,
            }  # fmt: skip
            json.dump(data, handle, indent=1, default=str)

    # --- URL list -----------------------------------------------------------------------------------

    def build_urls(self):
        """The guide's pages plus pages picked from the bench data, so that they are the heavy ones."""
        notes = {}
        urls = list(BASELINE_URLS)
        urls += GUIDE_URLS[:6] + ["/postings/?page=2"] + GUIDE_URLS[6:11]
        word = self.rare_word()
        if word:
            urls.append(f"/search/?q={word}")
            notes["rare_word"] = word
        urls += GUIDE_URLS[11:]
        bench = JobPosting.objects.filter(slug__startswith=BENCH_PREFIX)
        role = bench.values("role__slug", "role_id").annotate(n=Count("id")).order_by("-n", "role__slug").first()
        company = (
            bench.values("company__slug", "company_id").annotate(n=Count("id")).order_by("-n", "company__slug").first()
        )
        skills = list(
            PostingSkill.objects.filter(skill__slug__startswith=BENCH_PREFIX)
            .values("skill__slug")
            .annotate(n=Count("id"))
            .order_by("-n", "skill__slug")[:3]
        )
        if role:
            urls.append(f"/roles/{role['role__slug']}/")
            urls.append(f"/roles/{role['role__slug']}/skill-demand/")
            urls.append(f"/api/v1/roles/{role['role__slug']}/skill-demand/")
            notes["role"] = role
        if skills:
            urls.append(f"/skills/{skills[0]['skill__slug']}/")
            notes["skills"] = skills
        if company:
            urls.append(f"/companies/{company['company__slug']}/")
            notes["company"] = company
        if skills:
            chosen = "&".join(f"skill={s['skill__slug']}" for s in skills)
            urls.append(f"/match/?{chosen}")
            urls.append(f"/api/v1/match/?{chosen}")
        return list(dict.fromkeys(urls)), notes

    def build_rotations(self):
        """
        The URL classes of issue 20's table, each a list of paths picked across the data: skills, roles,
        companies and postings spread over the catalogue (every n-th by slug or id, so frequent and rare
        ones alike), filter combinations and pages, search words common and rare, skill and role pairs.
        """
        skills = spread(Skill.objects.published().order_by("slug").values_list("slug", flat=True), CLASS_SIZE)
        roles = list(Role.objects.published().order_by("slug").values_list("slug", flat=True))
        companies = spread(Company.objects.published().order_by("slug").values_list("slug", flat=True), CLASS_SIZE)
        words = [*VOCABULARY[60:75], *RARE_WORDS[:5]]
        pages = range(1, PAGES + 1)
        filtered = [
            f"/postings/?degree={degree}&max_years={years}&page={page}"
            for degree in ("bachelor", "master", "phd")
            for years in (2, 5, 10)
            for page in (1, 2, 3)
        ]
        skill_pairs = [f"skill={a}&skill={b}" for a, b in pairs(spread(skills, 12))]
        role_pairs = [f"from={a}&to={b}" for a, b in pairs(spread(roles, 8), ordered=True)]
        compared = [f"role={a}&role={b}" for a, b in pairs(spread(roles, 10))]
        return {
            label: paths
            for label, paths in {
                "/skills/<slug>/": [f"/skills/{slug}/" for slug in skills],
                "/roles/<slug>/": [f"/roles/{slug}/" for slug in roles],
                "/api/v1/roles/<slug>/": [f"/api/v1/roles/{slug}/" for slug in roles],
                "/companies/<slug>/": [f"/companies/{slug}/" for slug in companies],
                "/postings/<slug>/": [f"/postings/{slug}/" for slug in self.spread_postings(CLASS_SIZE)],
                "/postings/?page=k": [f"/postings/?page={page}" for page in pages],
                "/postings/?degree=…&max_years=…&page=k": filtered,
                "/api/v1/postings/?page=k": [f"/api/v1/postings/?page={page}" for page in pages],
                "/search/?q=<word>": [f"/search/?q={word}" for word in words],
                "/api/v1/postings/?search=<word>": [f"/api/v1/postings/?search={word}" for word in words],
                "/match/?skill=a&skill=b": [f"/match/?{pair}" for pair in skill_pairs],
                "/api/v1/match/?skill=a&skill=b": [f"/api/v1/match/?{pair}" for pair in skill_pairs],
                "/plan/?from=a&to=b": [f"/plan/?{pair}" for pair in role_pairs],
                "/api/v1/plan/?from=a&to=b": [f"/api/v1/plan/?{pair}" for pair in role_pairs],
                "/compare/?role=a&role=b": [f"/compare/?{pair}" for pair in compared],
            }.items()
            if paths
        }

    def spread_postings(self, n):
        """`n` published postings' slugs spread over the id range (an index lookup each, no sort of the table)."""
        published = JobPosting.objects.published()
        bounds = published.aggregate(low=Min("pk"), high=Max("pk"))
        if bounds["low"] is None:
            return []
        step = max(1, (bounds["high"] - bounds["low"]) // n)
        slugs = [
            published.filter(pk__gte=bounds["low"] + i * step).order_by("pk").values_list("slug", flat=True).first()
            for i in range(n)
        ]
        return list(dict.fromkeys(slug for slug in slugs if slug))

    def probe_class(self, client, label, paths):
        """A class's row: the most queries (and its slowest query) among SAMPLED paths spread over the class."""
        sampled = [self.probe(client, path) for path in spread(paths, SAMPLED)]
        worst = max(sampled, key=lambda entry: (entry.get("queries") or 0, entry.get("slowest_ms") or 0))
        return {**worst, "url": label, "sampled": [entry["url"] for entry in sampled]}

    def build_admin_urls(self, notes):
        """
        The curators' admin pages that grow with the data: the posting changelist (first page, its deepest
        offered page, a search, the filter by the bench company with most postings), the change pages of
        that company and of the bench role with most postings, and the company autocomplete behind the filter.
        `notes` is build_urls' (the picked role and company); the page taken is added to it.
        """
        postings = reverse("admin:postings_jobposting_changelist")
        posting_admin = admin.site.get_model_admin(JobPosting)
        paginator = posting_admin.get_paginator(None, JobPosting.objects.all(), posting_admin.list_per_page)
        page = min(ADMIN_DEEP_PAGE, paginator.num_pages)
        notes["admin_page"] = {"asked": ADMIN_DEEP_PAGE, "taken": page, "pages": paginator.num_pages}
        urls = [postings, f"{postings}?p={page}", f"{postings}?q=python"]
        if company := notes.get("company"):
            urls.append(f"{postings}?company__id__exact={company['company_id']}")
        if role := notes.get("role"):
            urls.append(reverse("admin:roles_role_change", args=[role["role_id"]]))
        if company:
            urls.append(reverse("admin:postings_company_change", args=[company["company_id"]]))
        query = {"app_label": "postings", "model_name": "jobposting", "field_name": "company", "term": "bench"}
        urls.append(f"{reverse('admin:autocomplete')}?{urlencode(query)}")
        return list(dict.fromkeys(urls))

    def curator_client(self):
        """A test Client signed in as the bench curator: staff, in the Curators group, not a superuser."""
        user, created = get_user_model().objects.update_or_create(
            username=CURATOR_USERNAME, defaults={"is_staff": True, "is_active": True, "is_superuser": False}
        )
        if created:
            user.set_unusable_password()  # signed in only through sessions made here
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=CURATORS_GROUP))
        client = Client(raise_request_exception=False)
        client.force_login(user)
        return client

    def rare_word(self):
        """A word from a guide posting's title that the fewest published postings' titles contain."""
        titles = JobPosting.objects.exclude(slug__startswith=BENCH_PREFIX).values_list("title", flat=True)[:50]
        words = sorted({w.lower() for title in titles for w in re.findall(r"[A-Za-z]{4,}", title)} - STOP_WORDS)[:15]
        counted = []
        for word in words:
            n = JobPosting.objects.published().filter(title__icontains=word).count()
            if n:
                counted.append((n, word))
        return min(counted)[1] if counted else None

    # --- One URL ------------------------------------------------------------------------------------

    def probe(self, client, url):
        try:
            client.get(url)  # warm-up: per-process lazy loading must not count
            with CaptureQueriesContext(connection) as captured:
                status = client.get(url).status_code
        except Exception as error:  # a view being edited may fail in odd ways: report, never crash
            return {"url": url, "status": None, "error": f"{type(error).__name__}: {error}", "queries": None}
        result = {"url": url, "status": status, "queries": len(captured)}
        selects = [q for q in captured.captured_queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
        if selects:
            slowest = max(selects, key=lambda q: float(q["time"]))
            result["slowest_ms"] = float(slowest["time"]) * 1000
            result["slowest_sql"] = slowest["sql"]
            result["explain"] = self.explain(slowest["sql"])
        return result

    def explain(self, sql):
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                    lines = [row[0] for row in cursor.fetchall()]
                transaction.set_rollback(True)
        except Exception as error:
            return [f"(EXPLAIN failed: {type(error).__name__}: {error})"]
        if len(lines) > EXPLAIN_LINES:
            lines = lines[:EXPLAIN_LINES] + [f"... ({len(lines) - EXPLAIN_LINES} more lines)"]
        return lines


def spread(items, n):
    """At most `n` of `items`, evenly spread from the first (every k-th), so the ends of a range are both in."""
    items = list(items)
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def pairs(items, ordered=False):
    """Every pair of different items; with `ordered`, both (a, b) and (b, a)."""
    return [(a, b) for i, a in enumerate(items) for j, b in enumerate(items) if (i != j if ordered else i < j)]


def session_cookie(client):
    """The `name=value` Cookie header that carries a signed-in test Client's session to another HTTP client."""
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"
