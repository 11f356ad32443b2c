"""
The benchmark's write paths (benchmark_writes): the admin form read back and posted as a browser would,
the bulk actions and the import really change what they say, and the report states the targets.
`handle` refuses anything but PostgreSQL, so the pieces run here on the test database.
"""

import pytest

from core.publishing import PublicationStatus
from devtools.management.commands import benchmark
from devtools.management.commands.benchmark_writes import IMPORT_PREFIX, Command, form_data
from postings.models import JobPosting
from tests.factories import (
    CompanyFactory,
    JobPostingFactory,
    RoleFactory,
    SkillFactory,
    SourceFactory,
    curators_group,
    reviewers_group,
)

pytestmark = pytest.mark.django_db


def test_form_data_reads_a_form_as_a_browser_would_submit_it():
    html = """<form id="other"><input name="no" value="x"></form>
    <form id="f"><input name="title" value="A &amp; B"><input type="checkbox" name="on" checked>
    <input type="checkbox" name="off"><input type="submit" name="_save" value="Save">
    <select name="tags" multiple><option value="1" selected>1</option><option value="2">2</option>
    <option value="3" selected>3</option></select><textarea name="text">
line one</textarea><input name="gone" disabled value="z"></form>"""
    assert form_data(html, "f") == {"title": ["A & B"], "on": ["on"], "tags": ["1", "3"], "text": ["line one"]}


@pytest.fixture
def bench(db):
    curators_group(), reviewers_group()
    SourceFactory(slug="bench-synthetic")
    role, company = RoleFactory(slug="bench-role-1"), CompanyFactory(slug="bench-company-1")
    for n in range(3):
        SkillFactory(slug=f"bench-skill-{n}")
    return [JobPostingFactory(slug=f"bench-posting-{n}", role=role, company=company) for n in range(4)]


def test_a_save_posts_the_change_form_back_and_leaves_the_title_as_it_was(bench):
    command = Command()
    client = command.reviewer_client()
    result = command.time_saves(client, 2)
    assert result["n"] == 4 and result["failures"] == [] and result["median_ms"] > 0
    assert sorted(JobPosting.objects.values_list("title", flat=True)) == sorted(p.title for p in bench)


def test_the_bulk_actions_unpublish_then_publish_every_posting_chosen(bench):
    command = Command()
    result = command.time_bulk(command.reviewer_client(), 3)
    assert result["n"] == 3 and result["roles"] == 1
    assert result["unpublish"]["changed"] == 3 and result["publish"]["changed"] == 3
    assert JobPosting.objects.filter(status=PublicationStatus.PUBLISHED).count() == 4


def test_the_import_writes_every_row_then_removes_them(bench):
    result = Command().time_import(5)
    assert result["imported"] == 5 and result["rows_per_second"] > 0
    assert not JobPosting.objects.filter(slug__startswith=IMPORT_PREFIX).exists()


def test_the_report_states_each_write_against_its_target():
    writes = {
        "broker": "redis://127.0.0.1:6379/14",
        "save": {"n": 10, "median_ms": 120, "max_ms": 300, "failures": []},
        "bulk": {"n": 5000, "roles": 40, "unpublish": {"ms": 1500, "status": 302, "changed": 5000},
                 "publish": {"ms": 2600, "status": 302, "changed": 5000}},
        "import": {"n": 20000, "imported": 20000, "seconds": 40.0, "rows_per_second": 500},
    }  # fmt: skip
    section = "\n".join(benchmark.render_writes(writes))
    assert "median 120 ms (max 300 ms) | ≤ 150 ms: **MET**" in section
    assert "1,500 ms (5,000 changed, status 302) | ≤ 2,000 ms: **MET**" in section
    assert "2,600 ms (5,000 changed, status 302) | ≤ 2,000 ms: **NOT MET**" in section
    assert "500 rows/s (20,000 imported) | ≥ 2,000 rows/s: **NOT MET**" in section
    assert "Not measured" in "\n".join(benchmark.render_writes(None))
