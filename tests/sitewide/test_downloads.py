"""Bulk downloads (sitewide/downloads.py): CSV and JSON Lines, streamed in constant memory."""

import csv
import io
import json
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from paths.models import Path
from postings.models import JobPosting
from sitewide import downloads
from tests.factories import (
    CompanyFactory,
    JobPostingFactory,
    PathFactory,
    PathStepFactory,
    RoleFactory,
    SourceFactory,
    StepSkillFactory,
)
from tests.postings.conftest import located

pytestmark = pytest.mark.django_db


def body(response):
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def rows(client, dataset, fmt):
    response = client.get(f"/downloads/{dataset}.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == downloads.FORMATS[fmt]
    assert response["Content-Disposition"] == f'attachment; filename="careerguide-{dataset}.{fmt}"'
    text = body(response)
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize(
    "dataset, count", [("roles", 6), ("skills", None), ("postings", 7), ("salaries", None), ("steps", None)]
)
def test_each_download_holds_every_published_record_with_the_documented_columns(client, guide, dataset, fmt, count):
    records = rows(client, dataset, fmt)
    assert records and (count is None or len(records) == count)
    columns = [column.name for column in downloads.DATASETS[dataset].columns]
    for record in records:
        assert list(record) == columns
        assert record["source"] == "exponent-ml-engineer-guide" and record["source_passage"]


def test_a_posting_row_in_both_formats(client, full_posting):
    [as_csv] = rows(client, "postings", "csv")
    [as_json] = rows(client, "postings", "jsonl")
    assert as_csv["url"] == as_json["url"] == "/postings/senior-ml-engineer/"
    assert as_csv["locations"] == "Berlin, Berlin, DE"
    assert as_json["locations"] == [{"city": "Berlin", "region": "Berlin", "country": "DE"}]
    assert as_csv["remote_countries"] == "DE; FR" and as_json["remote_countries"] == ["DE", "FR"]
    assert as_csv["pay_min"] == as_json["pay_min"] == "120000.00"
    assert (as_csv["pay_currency"], as_csv["pay_period"], as_csv["workplace"]) == ("USD", "year", "remote")
    assert as_csv["min_degree"] == as_json["min_degree"] == "none"
    assert as_csv["accepts_equivalent_experience"] == "false" and as_json["accepts_equivalent_experience"] is False
    assert as_csv["min_years_experience"] == "" and as_json["min_years_experience"] is None
    assert as_json["posted_on"] == full_posting.posted_on.isoformat()


def test_drafts_and_expired_postings_are_not_downloaded(client, guide):
    JobPostingFactory(status="draft", slug="draft-posting")
    JobPostingFactory(slug="expired-posting", posted_on="2020-01-01", valid_through="2020-02-01")
    slugs = {record["slug"] for record in rows(client, "postings", "jsonl")}
    assert len(slugs) == 7 and not {"draft-posting", "expired-posting"} & slugs


def test_path_steps_in_their_path_with_their_skills_and_no_drafts(client, guide):
    path = Path.objects.get(slug="becoming-a-machine-learning-engineer")
    steps = sorted(rows(client, "steps", "jsonl"), key=lambda record: (record["path"], record["order"]))
    published = list(path.steps.published().order_by("order"))
    assert [(record["path"], record["slug"]) for record in steps] == [(path.slug, step.slug) for step in published]
    first = published[0]
    assert steps[0]["target_role"] == path.target_role.slug and steps[0]["order"] == first.order
    assert steps[0]["skills"] == sorted(first.skills.filter(status="published").values_list("slug", flat=True))
    PathStepFactory(path=path, order=99, slug="a-draft-step", status="draft")
    PathStepFactory(path=PathFactory(status="draft"), slug="in-a-draft-path")
    PathStepFactory(path=PathFactory(target_role=RoleFactory(status="draft")), slug="into-a-draft-role")
    slugs = {record["slug"] for record in rows(client, "steps", "csv")}
    assert slugs == {step.slug for step in published}


def test_a_steps_download_runs_the_same_queries_for_few_or_many_steps(client, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            StepSkillFactory(step=PathStepFactory(path=PathFactory()))

    add(1)
    with CaptureQueriesContext(connection) as few:
        assert len(rows(client, "steps", "csv")) == 1
    add(10)
    with django_assert_num_queries(len(few)):
        assert len(rows(client, "steps", "csv")) == 11


def test_unknown_downloads_are_404(client):
    assert client.get("/downloads/users.csv").status_code == 404
    assert client.get("/downloads/postings.xlsx").status_code == 404


def test_the_downloads_page_documents_every_file(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = client.get("/downloads/").content.decode()
    for name, dataset in downloads.DATASETS.items():
        assert f'href="/downloads/{name}.csv"' in html and f'href="/downloads/{name}.jsonl"' in html
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in html


def test_a_download_runs_the_same_queries_for_few_or_many_rows_in_a_batch(client, django_assert_num_queries):
    located(JobPostingFactory(), ("Paris", "", "FR"))
    with CaptureQueriesContext(connection) as few:
        body(client.get("/downloads/postings.csv"))
    for _ in range(20):
        located(JobPostingFactory(), ("Paris", "", "FR"), "DE")
    with django_assert_num_queries(len(few)):
        body(client.get("/downloads/postings.csv"))


def make_postings(count):
    """`count` live postings with a place each, written in bulk (factories would take minutes)."""
    company, role, source = CompanyFactory(), RoleFactory(), SourceFactory()
    text = "A posting's text, long enough to weigh something. " * 20
    JobPosting.objects.bulk_create(
        (
            JobPosting(
                title=f"Bulk posting {i}",
                slug=f"bulk-{count}-{i}",
                company=company,
                role=role,
                source=source,
                source_passage="Synthetic.",
                summary=text,
                status="published",
            )
            for i in range(count)
        ),
        batch_size=2_000,
    )


def peak_memory_while_streaming(client, url):
    """The peak of memory allocated by Python while the response is consumed (bytes), and its size."""
    response = client.get(url)
    size = 0
    tracemalloc.start()
    try:
        for chunk in response.streaming_content:
            size += len(chunk)
        return tracemalloc.get_traced_memory()[1], size
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_streaming_memory_does_not_grow_with_the_number_of_rows(client, fmt, record_property):
    make_postings(5_000)
    small_peak, small_size = peak_memory_while_streaming(client, f"/downloads/postings.{fmt}")
    make_postings(15_000)  # 20,000 in all.
    large_peak, large_size = peak_memory_while_streaming(client, f"/downloads/postings.{fmt}")
    record_property("memory", {"5k": [small_peak, small_size], "20k": [large_peak, large_size]})
    print(f"\n{fmt}: 5,000 rows {small_size:,} B, peak {small_peak:,} B")
    print(f"{fmt}: 20,000 rows {large_size:,} B, peak {large_peak:,} B")
    assert large_size > 3.5 * small_size
    # A batch of rows' worth (about 10 MB here), the same for 5,000 or 20,000 rows: never the whole file.
    assert large_peak < 1.2 * small_peak
    assert large_peak < 16_000_000 < large_size
