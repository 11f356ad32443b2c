"""
The import's fast path (postings/resources.py, postings/bulk_import.py): new postings written a dataset at
a time, in a number of queries that does not grow with the rows, and the same rules as row by row.
"""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from core.signals import records_changed
from postings.models import JobPosting, PostingLocation, PostingSkill
from tests.factories import ReviewerFactory
from tests.postings.test_import import TODAY, errors_of, history_rows, posting_row, run, world  # noqa: F401

# `world`: the records the rows name (a fixture of test_import, imported for its name).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]


def rows(count, **changes):
    return [posting_row(f"posting-{number}", **changes) for number in range(1, count + 1)]


def queries_to_import(records):
    with CaptureQueriesContext(connection) as queries:
        result = run(records)
    assert result.totals["new"] == len(records), errors_of(result)
    return len(queries)


def test_the_queries_of_an_import_do_not_grow_with_its_rows(monkeypatch):
    # Django assumes SQLite's old limit of 999 parameters a statement (a batch of ~25 postings); this
    # SQLite takes 32,766, as many as 100 rows need: one insert a table, as on PostgreSQL (BATCH rows).
    monkeypatch.setattr(connection.features, "max_query_params", 32_766)
    few = queries_to_import(rows(10))
    JobPosting.objects.all().delete()
    many = queries_to_import([posting_row(f"other-{number}") for number in range(100)])
    assert many == few, (few, many)


def test_a_constraint_broken_in_row_57_of_100_is_named_and_nothing_is_written():
    records = rows(100)
    # No clean() says so: only the database's constraint (the fast path's write refuses the dataset).
    records[56]["valid_through"] = (TODAY - timedelta(days=9)).isoformat()
    result = run(records)
    assert list(errors_of(result)) == [(57, "__all__")]
    assert "A posting cannot expire before it is posted." in errors_of(result)[(57, "__all__")]
    assert not JobPosting.objects.exists() and not PostingSkill.objects.exists()
    assert not PostingLocation.objects.exists() and history_rows() == 0


def test_a_constraint_broken_in_a_dry_run_is_named_too():
    records = rows(5)
    records[3]["valid_through"] = (TODAY - timedelta(days=9)).isoformat()
    result = run(records, dry_run=True)
    assert (result.totals["new"], result.totals["invalid"]) == (4, 1)
    assert list(errors_of(result)) == [(4, "__all__")]


def test_imported_postings_get_history_naming_the_curator_and_their_anchors():
    reviewer = ReviewerFactory()
    result = run(rows(20, status="published"), user=reviewer, may_publish=None)
    assert result.totals["new"] == 20
    postings = JobPosting.objects.select_related("match_anchor")
    assert {posting.match_anchor.slug for posting in postings} == {"python"}  # each one's only essential skill
    assert {(posting.status, posting.reviewed_by) for posting in postings} == {("published", reviewer)}
    assert JobPosting.history.filter(history_type="+").count() == 20
    assert PostingSkill.history.count() == PostingSkill.objects.count() == 40
    assert PostingLocation.history.count() == PostingLocation.objects.count() == 60
    assert {
        record.history_user for model in (JobPosting, PostingSkill, PostingLocation) for record in model.history.all()
    } == {reviewer}
    assert JobPosting.objects.filter(fields_of_study__slug="computer-science").count() == 20


def test_an_unchanged_import_writes_nothing():
    records = rows(30)
    run(records)
    before = (history_rows(), list(JobPosting.objects.values_list("slug", "updated_at").order_by("slug")))
    with CaptureQueriesContext(connection) as queries:
        result = run(records)
    assert (result.totals["skip"], result.totals["new"], result.totals["update"]) == (30, 0, 0)
    assert (history_rows(), list(JobPosting.objects.values_list("slug", "updated_at").order_by("slug"))) == before
    writes = [query["sql"] for query in queries if query["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []


def test_updates_and_new_postings_in_one_file():
    run(rows(3))
    records = rows(3, title="Renamed") + [posting_row("new-one")]
    result = run(records)
    assert (result.totals["update"], result.totals["new"]) == (3, 1)
    assert set(JobPosting.objects.values_list("title", flat=True)) == {"Renamed", "Data Scientist"}
    assert JobPosting.history.filter(history_type="~").count() == 3


def test_the_roles_of_imported_postings_are_recounted_once_per_dataset():
    sent = []

    def listener(sender, records, fields, **kwargs):
        sent.append({posting.role.slug for posting in records})

    records_changed.connect(listener, sender=JobPosting)
    try:
        run(rows(10))
    finally:
        records_changed.disconnect(listener, sender=JobPosting)
    assert sent == [{"ml-engineer"}]  # demand marks the role in this transaction and recounts it at the commit


def test_a_write_refused_though_every_row_passed_its_checks_is_imported_row_by_row(monkeypatch):
    # As when another import took a slug meanwhile: the bulk write fails on both bulk paths.
    def refuse(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr("postings.resources.create_postings", refuse)
    result = run(rows(3))
    assert result.totals["new"] == 3 and not result.has_validation_errors()
    assert JobPosting.objects.count() == 3 and PostingSkill.objects.count() == 6
