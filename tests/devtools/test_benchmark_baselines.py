"""
The benchmark's two baselines (served only by devtools.urls) and its wrk-output parser.
"""

import pytest

from devtools.management.commands.benchmark import abbreviate_sql, parse_wrk, to_ms
from tests.factories import JobPostingFactory, PostingSkillFactory

pytestmark = pytest.mark.urls("devtools.urls")

# Captured from `wrk -t2 -c2 -d2s --latency http://127.0.0.1:18731/bench/hello/` (wrk 4.1.0, Debian 12).
WRK_LATENCY_SAMPLE = """\
Running 2s test @ http://127.0.0.1:18731/bench/hello/
  2 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.70ms   10.57ms 101.37ms   96.24%
    Req/Sec     1.64k   501.38     3.16k    82.93%
  Latency Distribution
     50%  545.00us
     75%  720.00us
     90%    2.89ms
     99%   68.79ms
  6671 requests in 2.10s, 2.13MB read
Requests/sec:   3177.14
Transfer/sec:      1.01MB
"""

# Captured from `wrk -t2 -c8 -d1s --timeout 10s http://127.0.0.1:18731/nonexistent/` (every answer a 404).
WRK_NON_2XX_SAMPLE = """\
Running 1s test @ http://127.0.0.1:18731/nonexistent/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.71ms    3.24ms  35.25ms   94.91%
    Req/Sec   734.80    125.94     0.91k    65.00%
  1464 requests in 1.00s, 3.39MB read
  Non-2xx or 3xx responses: 1464
Requests/sec:   1458.05
Transfer/sec:      3.38MB
"""


def test_hello_baseline(client):
    response = client.get("/bench/hello/")
    assert response.status_code == 200
    assert response.content == b"Hello, world"


@pytest.mark.django_db
def test_plain_viewset_returns_paginated_postings(client):
    postings = JobPostingFactory.create_batch(3)
    PostingSkillFactory(posting=postings[0])

    response = client.get("/bench/plain-postings/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert {"next", "previous", "results"} <= set(body)
    assert {row["slug"] for row in body["results"]} == {p.slug for p in postings}
    # fields = "__all__": every column, relations as primary keys, the many-to-many ones included.
    row = next(r for r in body["results"] if r["slug"] == postings[0].slug)
    assert row["company"] == postings[0].company_id
    assert len(row["skills"]) == 1


@pytest.mark.django_db
def test_plain_viewset_pages(client):
    JobPostingFactory.create_batch(21)
    first = client.get("/bench/plain-postings/").json()
    assert len(first["results"]) == 20 and first["next"]
    second = client.get("/bench/plain-postings/?page=2").json()
    assert len(second["results"]) == 1 and second["next"] is None


@pytest.mark.django_db
def test_site_still_served_under_the_benchmark_urlconf(client):
    assert client.get("/api/v1/").status_code == 200


def test_parse_wrk_latency_output():
    parsed = parse_wrk(WRK_LATENCY_SAMPLE)
    assert parsed["requests"] == 6671
    assert parsed["requests_per_sec"] == pytest.approx(3177.14)
    assert parsed["non_2xx"] == 0
    assert parsed["socket_errors"] == {}
    assert parsed["percentiles"] == pytest.approx({50: 0.545, 75: 0.72, 90: 2.89, 99: 68.79})


def test_parse_wrk_counts_non_2xx_and_has_no_percentiles_without_latency():
    parsed = parse_wrk(WRK_NON_2XX_SAMPLE)
    assert parsed["requests"] == 1464
    assert parsed["requests_per_sec"] == pytest.approx(1458.05)
    assert parsed["non_2xx"] == 1464
    assert parsed["percentiles"] == {}


def test_parse_wrk_socket_errors_and_empty_output():
    # wrk prints this line only when some error occurred; the zero counters are dropped.
    parsed = parse_wrk(
        WRK_NON_2XX_SAMPLE.replace("  Non-2xx", "  Socket errors: connect 0, read 2, write 0, timeout 7\n  Non-2xx")
    )
    assert parsed["socket_errors"] == {"read": 2, "timeout": 7}
    assert parse_wrk("") == {
        "requests": None,
        "requests_per_sec": None,
        "non_2xx": 0,
        "socket_errors": {},
        "percentiles": {},
    }


@pytest.mark.parametrize(("text", "ms"), [("545.00us", 0.545), ("2.89ms", 2.89), ("1.20s", 1200.0), ("1.00m", 60000.0)])
def test_to_ms(text, ms):
    assert to_ms(text) == pytest.approx(ms)


def test_abbreviate_sql_elides_only_a_long_top_level_select_list():
    columns = ", ".join(f'"t"."column_{i}"' for i in range(10))
    query = f'SELECT {columns}, (SELECT COUNT(*) FROM u) AS n FROM "t" WHERE x'
    assert abbreviate_sql(query) == 'SELECT … FROM "t" WHERE x'
    assert abbreviate_sql("SELECT COUNT(*) FROM (SELECT 1 FROM t) s") == "SELECT COUNT(*) FROM (SELECT 1 FROM t) s"
    assert abbreviate_sql("SELECT 1 FROM t WHERE " + "x AND " * 200, limit=50).endswith(" …")
