"""
Benchmark the main pages and API endpoints in-process (Django's test client: no network, no server).

It measures each URL with the guide's data only, then again with synthetic data added
(generate_benchmark_data, inside a transaction that is rolled back, so the database is left as it was),
and reports per URL the median and 90th-percentile latency, the SQL query count, and the ratio of the
two medians. On a shared, noisy machine the ratio from one run says more than either absolute number.
"""

import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

URLS = [
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
]


class Command(BaseCommand):
    help = "Median latency and query counts per page, with the guide's data and with N synthetic postings."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=30, help="Requests per URL and data size (default 30).")
        parser.add_argument("--postings", type=int, default=2000, help="Synthetic postings for the large run.")
        parser.add_argument("--output", help="Also write the Markdown report to this file.")

    def handle(self, requests, postings, output, **options):
        call_command("load_guide", verbosity=0)
        # No throttling and no ALLOWED_HOSTS surprises while measuring.
        with override_settings(ALLOWED_HOSTS=["*"], REST_FRAMEWORK=self._unthrottled()):
            small = self.measure(requests)
            with transaction.atomic():
                call_command("generate_benchmark_data", postings=postings, stdout=open("/dev/null", "w"))
                large = self.measure(requests)
                transaction.set_rollback(True)
        report = self.render(small, large, requests, postings)
        self.stdout.write(report)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(report)

    def _unthrottled(self):
        from django.conf import settings

        return {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}

    def measure(self, requests):
        client = Client()
        results = {}
        for url in URLS:
            # The query log is a deque capped at 9,000 entries: once full its length stops changing.
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code  # warm-up, and the query count
            timings = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            results[url] = {
                "status": status,
                "queries": len(queries),
                "median": statistics.median(timings),
                "p90": timings[int(len(timings) * 0.9) - 1],
            }
        return results

    def render(self, small, large, requests, postings):
        lines = [
            f"Each URL: {requests} sequential requests in-process after one warm-up; times in ms.",
            f"'guide' = the guide's 7 postings; 'large' = plus {postings} synthetic postings.",
            "",
            "| URL | status | queries guide/large | median guide | median large | ratio | p90 large |",
            "|---|---|---|---|---|---|---|",
        ]
        for url in URLS:
            s, l = small[url], large[url]
            lines.append(
                f"| `{url}` | {s['status']}/{l['status']} | {s['queries']}/{l['queries']} | {s['median']:.1f} | "
                f"{l['median']:.1f} | {l['median'] / s['median']:.1f}× | {l['p90']:.1f} |"
            )
        return "\n".join(lines) + "\n"
