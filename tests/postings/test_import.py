"""
The bulk import of postings (postings/resources.py): its rules, the admin's Import and `import_postings`.
"""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.caching import versions
from postings import review
from postings.import_formats import dataset_of
from postings.models import JobPosting, PostingLocation, PostingSkill, ReviewState
from postings.resources import JobPostingResource
from tests.factories import (
    CompanyFactory,
    FieldOfStudyFactory,
    PostingSkillFactory,
    ReviewerFactory,
    RoleFactory,
    SkillFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
IMPORT_URL = reverse("admin:postings_jobposting_import")
PROCESS_URL = reverse("admin:postings_jobposting_process_import")


@pytest.fixture
def world(db):
    """What rows name by slug: a source, a company, a role, two skills and a field of study."""
    SourceFactory(slug="test-source", title="Test source")
    CompanyFactory(slug="acme", name="Acme")
    RoleFactory(slug="ml-engineer")
    SkillFactory(slug="python", name="Python")
    SkillFactory(slug="sql", name="SQL")
    FieldOfStudyFactory(slug="computer-science", name="Computer Science")


def posting_row(slug="data-scientist", **changes):
    """A valid row, every column as CSV text."""
    return {
        "slug": slug,
        "title": "Data Scientist",
        "company": "acme",
        "role": "ml-engineer",
        "seniority": "experienced",
        "summary": "Build models.",
        "responsibilities": "Ship them.",
        "requirements": "Python and SQL.",
        "min_degree": "master",
        "accepts_equivalent_experience": "true",
        "fields_of_study": "computer-science",
        "min_years_experience": "3",
        "min_years_leadership": "",
        "min_years_management": "",
        "essential_skills": "python",
        "optional_skills": "sql",
        "workplace": "hybrid",
        "employment_type": "full_time",
        "locations": "Berlin, Berlin, DE",
        "remote_countries": "FR; DE",
        "pay_min": "60000",
        "pay_max": "80000",
        "pay_currency": "EUR",
        "pay_period": "year",
        "apply_url": "https://acme.example.com/jobs/1",
        "apply_email": "",
        "posted_on": (TODAY - timedelta(days=2)).isoformat(),
        "valid_through": (TODAY + timedelta(days=40)).isoformat(),
        "source": "test-source",
        "source_passage": "We are hiring a data scientist.",
        "status": "draft",
        **changes,
    }


def run(rows, *, dry_run=False, user=None, may_publish=True):
    resource = JobPostingResource(user=user, may_publish=may_publish)
    return resource.import_data(
        dataset_of(rows), dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True
    )


def errors_of(result):
    """{(row, column): [messages]} of every refused row."""
    return {
        (row.number, column): messages for row in result.invalid_rows for column, messages in row.error_dict.items()
    }


def as_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def history_rows():
    return JobPosting.history.count() + PostingSkill.history.count() + PostingLocation.history.count()


# --- The rules ----------------------------------------------------------------------------------------


def test_a_row_creates_a_posting_with_its_lists(world):
    result = run([posting_row()])
    assert not result.has_validation_errors() and result.totals["new"] == 1
    posting = JobPosting.objects.get(slug="data-scientist")
    assert (posting.company.slug, posting.role.slug, posting.min_degree, posting.status) == (
        "acme",
        "ml-engineer",
        2,
        "draft",
    )
    assert [(link.skill.slug, link.importance) for link in posting.posting_skills.order_by("skill__slug")] == [
        ("python", "essential"),
        ("sql", "optional"),
    ]
    link = posting.posting_skills.first()
    assert (link.source.slug, link.source_passage) == ("test-source", "We are hiring a data scientist.")
    places = sorted(posting.locations.values_list("kind", "city", "region", "country"))
    assert places == [("office", "Berlin", "Berlin", "DE"), ("remote", "", "", "DE"), ("remote", "", "", "FR")]
    assert list(posting.fields_of_study.values_list("slug", flat=True)) == ["computer-science"]
    assert posting.match_anchor.slug == "python"  # its only essential skill


def test_a_dry_run_reports_new_updated_unchanged_and_refused_and_writes_nothing(world):
    run([posting_row("unchanged"), posting_row("changed")])
    before = history_rows()
    result = run(
        [
            posting_row("unchanged"),
            posting_row("changed", title="Senior Data Scientist"),
            posting_row("new"),
            posting_row("refused", pay_currency="XXX"),
        ],
        dry_run=True,
    )
    assert (result.totals["new"], result.totals["update"], result.totals["skip"], result.totals["invalid"]) == (
        1,
        1,
        1,
        1,
    )
    assert [row.number for row in result.invalid_rows] == [4]
    assert not JobPosting.objects.filter(slug__in=["new", "refused"]).exists()
    assert JobPosting.objects.get(slug="changed").title == "Data Scientist"
    assert history_rows() == before


@pytest.mark.parametrize(
    "changes, column, message",
    [
        ({"pay_currency": "XXX"}, "pay_currency", "not a valid choice"),
        ({"pay_min": "90000", "pay_max": "80000"}, "pay_max", "The highest pay cannot be below the lowest."),
        ({"pay_min": "lots"}, "pay_min", "is not a number"),
        ({"role": "astronaut"}, "role", "No role has the slug “astronaut”."),
        ({"company": "newco"}, "company", "The import does not create companies"),
        ({"essential_skills": "python; cobol"}, "essential_skills", "No skill has the slug “cobol”."),
        ({"optional_skills": "python"}, "optional_skills", "Listed as essential too: python."),
        ({"fields_of_study": "alchemy"}, "fields_of_study", "No field of study has the slug “alchemy”."),
        ({"locations": "Berlin, XX"}, "locations", "Berlin, XX:"),
        ({"remote_countries": "FR; FR"}, "remote_countries", "Listed more than once: FR."),
        ({"min_degree": "diploma"}, "min_degree", "is not a degree"),
        ({"posted_on": "01/11/2026"}, "posted_on", "is not a date written YYYY-MM-DD."),
        ({"min_years_experience": "2.5"}, "min_years_experience", "is not a whole number."),
        ({"title": ""}, "title", "This field cannot be blank."),
        ({"status": "archived"}, "status", "is not a status"),
        ({"source_passage": ""}, "source_passage", "This field cannot be blank."),
        ({"min_years_experience": "1", "min_years_management": "2"}, "min_years_management", "cannot exceed"),
        ({"valid_through": (TODAY - timedelta(days=9)).isoformat()}, "__all__", "cannot expire before it is posted"),
    ],
)
def test_an_error_names_its_row_and_column(world, changes, column, message):
    result = run([posting_row("fine"), posting_row("faulty", **changes)])
    errors = errors_of(result)
    assert list(errors) == [(2, column)], errors
    assert any(message in str(text) for text in errors[(2, column)]), errors
    assert not JobPosting.objects.exists()


def test_one_refused_row_means_nothing_is_written(world):
    result = run([posting_row("one"), posting_row("two", role="astronaut"), posting_row("three")])
    assert result.has_validation_errors()
    assert not JobPosting.objects.exists()
    assert not PostingSkill.objects.exists() and not PostingLocation.objects.exists()
    assert history_rows() == 0


def test_a_posting_listed_twice_is_refused_on_its_second_row(world):
    errors = errors_of(run([posting_row("twice"), posting_row("other"), posting_row("twice")]))
    assert errors == {(3, "slug"): ["Row 1 already imports this posting."]}


def test_a_file_with_an_unknown_column_is_refused_as_a_whole(world):
    result = run([posting_row(titel="Typo")])
    assert result.totals["new"] == 0 and not JobPosting.objects.exists()
    assert "Unknown columns: titel." in str(result.base_errors[0].error)


def test_importing_the_same_file_twice_changes_nothing_the_second_time(world):
    rows = [posting_row("one"), posting_row("two", essential_skills="python; sql", optional_skills="")]
    run(rows)
    before = (history_rows(), list(JobPosting.objects.values_list("slug", "updated_at").order_by("slug")))
    result = run(rows)
    assert (result.totals["skip"], result.totals["new"], result.totals["update"]) == (2, 0, 0)
    assert (history_rows(), list(JobPosting.objects.values_list("slug", "updated_at").order_by("slug"))) == before


def test_a_changed_list_alone_updates_the_posting_and_its_anchor(world):
    run([posting_row()])
    result = run([posting_row(essential_skills="sql", optional_skills="python", locations="", remote_countries="")])
    assert result.totals["update"] == 1
    posting = JobPosting.objects.get()
    assert dict(posting.posting_skills.values_list("skill__slug", "importance")) == {
        "sql": "essential",
        "python": "optional",
    }
    assert not posting.locations.exists()
    assert posting.match_anchor.slug == "sql"


def test_a_column_the_file_lacks_leaves_that_part_as_it_is(world):
    run([posting_row(status="published")])
    row = posting_row(title="Renamed")
    for column in ("essential_skills", "optional_skills", "locations", "status"):
        del row[column]
    assert run([row]).totals["update"] == 1
    posting = JobPosting.objects.get()
    assert posting.title == "Renamed" and posting.is_published
    assert posting.posting_skills.count() == 2 and posting.locations.count() == 3


def test_the_import_invalidates_cached_pages_built_from_the_links(world):
    before = versions([PostingSkill, PostingLocation, JobPosting])
    run([posting_row()])
    assert versions([PostingSkill, PostingLocation, JobPosting]) != before


# --- Publishing ----------------------------------------------------------------------------------------


def test_a_curator_may_not_import_a_published_row(world, curator):
    errors = errors_of(run([posting_row(status="published")], user=curator, may_publish=None))
    assert errors == {(1, "status"): [review.ONLY_REVIEWERS_PUBLISH]}


def test_a_reviewer_may_and_the_posting_is_approved_and_given_an_end(world):
    reviewer = ReviewerFactory()
    result = run([posting_row(status="published", valid_through="")], user=reviewer, may_publish=None)
    assert result.totals["new"] == 1
    posting = JobPosting.objects.get()
    assert posting.is_published and posting.review_state == ReviewState.APPROVED and posting.reviewed_by == reviewer
    assert posting.valid_through is not None
    # Importing the same row again keeps that end: nothing changes.
    assert run([posting_row(status="published", valid_through="")], user=reviewer, may_publish=None).totals["skip"] == 1


def test_a_curators_change_to_a_published_posting_goes_back_to_review(world, curator):
    run([posting_row(status="published")])
    result = run([posting_row(status="published", title="Renamed")], user=curator, may_publish=None)
    posting = JobPosting.objects.get()
    assert result.totals["update"] == 1 and posting.title == "Renamed"
    assert (posting.status, posting.review_state, posting.submitted_by) == ("draft", ReviewState.PENDING, curator)


def test_a_curators_change_to_a_published_postings_skills_goes_back_to_review(world, curator):
    run([posting_row(status="published")])
    run(
        [posting_row(status="published", essential_skills="python; sql", optional_skills="")],
        user=curator,
        may_publish=None,
    )
    assert JobPosting.objects.get().review_state == ReviewState.PENDING


def test_a_curator_importing_a_published_posting_unchanged_leaves_it_live(world, curator):
    run([posting_row(status="published")])
    result = run([posting_row(status="published")], user=curator, may_publish=None)
    assert result.totals["skip"] == 1 and JobPosting.objects.get().is_published


def test_a_new_posting_without_a_status_is_a_draft_and_a_stored_one_keeps_its_own(world):
    run([posting_row("new", status=""), posting_row("live", status="published")])
    run([posting_row("live", status="", title="Renamed")])
    assert dict(JobPosting.objects.values_list("slug", "status")) == {"new": "draft", "live": "published"}


# --- A download imports again ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_download_imports_again_unchanged(client, full_posting, fmt):
    PostingSkillFactory(posting=full_posting, skill=SkillFactory(slug="python"))
    full_posting.fields_of_study.add(FieldOfStudyFactory(slug="statistics"))
    text = b"".join(client.get(f"/downloads/postings.{fmt}").streaming_content).decode()
    records = (
        list(csv.DictReader(io.StringIO(text))) if fmt == "csv" else [json.loads(line) for line in text.splitlines()]
    )
    result = run(records)
    assert not result.has_validation_errors() and not result.base_errors, errors_of(result)
    assert result.totals["skip"] == 1


def test_the_guides_postings_download_imports_again_unchanged(client, guide):
    text = b"".join(client.get("/downloads/postings.csv").streaming_content).decode()
    before = history_rows()
    result = run(list(csv.DictReader(io.StringIO(text))))
    assert result.totals["skip"] == JobPosting.objects.count() == 7, errors_of(result)
    assert history_rows() == before


def test_the_documented_example_imports(guide):
    docs = (settings.BASE_DIR / "docs" / "postings.md").read_text()
    example = docs.split("## Importing postings")[1].split("```csv\n")[1].split("```")[0]
    result = run(list(csv.DictReader(io.StringIO(example))))
    assert result.totals["new"] == 1 and not result.has_validation_errors(), errors_of(result)


# --- The admin -------------------------------------------------------------------------------------------


def upload(client, content, name="postings.csv", fmt="0"):
    return client.post(
        IMPORT_URL, {"resource": "0", "format": fmt, "import_file": SimpleUploadedFile(name, content.encode())}
    )


def test_the_import_page_reads_no_posting(client, curator, world):
    client.force_login(curator)
    client.get(IMPORT_URL)  # warms per-process caches (content types, the session)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(IMPORT_URL)
    assert response.status_code == 200
    assert not [query for query in queries if "postings_jobposting" in query["sql"]]
    assert b"essential_skills" in response.content  # the columns it imports


def test_the_changelist_links_to_the_import_for_curators_only(client, curator):
    client.force_login(curator)
    changelist = reverse("admin:postings_jobposting_changelist")
    assert IMPORT_URL.encode() in client.get(changelist).content
    reader = UserFactory(is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_jobposting"))
    client.force_login(reader)
    assert IMPORT_URL.encode() not in client.get(changelist).content
    assert client.get(IMPORT_URL).status_code == 403


def test_a_curator_imports_a_file_in_the_admin(client, curator, world):
    client.force_login(curator)
    preview = upload(client, as_csv([posting_row("one"), posting_row("two")]))
    assert preview.status_code == 200
    assert b"2 new, 0 updated, 0 unchanged (skipped)" in preview.content
    assert b"Confirm import" in preview.content and not JobPosting.objects.exists()
    # No inline style: the diff is plain <ins>, which the Content-Security-Policy allows.
    assert b"<ins>data-scientist</ins>" not in preview.content and b"<ins>one</ins>" in preview.content
    assert b"style=" not in preview.content.split(b'id="content"')[1]

    confirm = preview.context["confirm_form"].initial
    response = client.post(PROCESS_URL, confirm)
    assert response.status_code == 302 and response.url == reverse("admin:postings_jobposting_changelist")
    assert set(JobPosting.objects.values_list("slug", flat=True)) == {"one", "two"}
    assert {record.history_user for record in JobPosting.history.all()} == {curator}
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert "Import finished: 2 new, 0 updated, 0 deleted and 0 skipped job postings." in messages


def test_the_admin_lists_every_refused_row_and_offers_no_confirm(client, curator, world):
    client.force_login(curator)
    rows = [posting_row("one"), posting_row("two", pay_min="90000"), posting_row("three", status="published")]
    response = upload(client, as_csv(rows))
    assert b"Nothing will be imported." in response.content and b"2 refused" in response.content
    assert b"Confirm import" not in response.content
    html = response.content.decode()
    assert "<td>2</td><td><code>pay_max</code></td><td>The highest pay cannot be below the lowest.</td>" in html
    assert "<td>3</td><td><code>status</code></td><td>Only a reviewer can publish a posting" in html
    assert not JobPosting.objects.exists()


def test_an_unreadable_file_is_refused_with_the_reason(client, curator, world):
    client.force_login(curator)
    response = upload(client, "slug,title\none,One,extra\n")
    assert "Line 2 has 3 cells where the header has 2" in response.content.decode()


def test_the_admin_imports_json_lines(client, curator, world):
    client.force_login(curator)
    rows = [posting_row("one") | {"essential_skills": ["python"], "locations": [], "remote_countries": ["FR"]}]
    preview = upload(client, "\n".join(json.dumps(row) for row in rows), name="postings.jsonl", fmt="2")
    assert b"1 new" in preview.content, preview.content
    client.post(PROCESS_URL, preview.context["confirm_form"].initial)
    assert JobPosting.objects.get().locations.get().country == "FR"


def test_the_admin_refuses_a_file_longer_than_its_limit(client, curator, world, monkeypatch):
    monkeypatch.setattr("postings.import_admin.MAX_ROWS", 1)
    client.force_login(curator)
    response = upload(client, as_csv([posting_row("one"), posting_row("two")]))
    assert "The file has 2 rows; the admin imports at most 1." in response.content.decode()
    assert b"Confirm import" not in response.content


# --- The command -----------------------------------------------------------------------------------------


def command(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_postings", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_shows_progress_through_the_file_chunk_by_chunk(world, tmp_path):
    path = tmp_path / "postings.csv"
    # Rows of 5 KB each: a file larger than what Python reads ahead at a time (8 KB), as real files are.
    path.write_text(as_csv([posting_row(f"p{n}", summary="Build models. " * 360) for n in range(6)]))
    _out, err = command(path, "--chunk-size", "2")
    lines = [line for line in err.splitlines() if "rows checked" in line]
    assert [line.split(" rows checked")[0] for line in lines] == ["2", "4", "6"]
    shares = [int(line.split("% of the file")[0].rsplit(" ", 1)[1]) for line in lines]
    assert shares == sorted(shares) and shares[-1] == 100, lines
    assert "left" in lines[0] and "left" not in lines[-1]


def test_the_command_imports_a_file(world, tmp_path):
    path = tmp_path / "postings.csv"
    path.write_text(as_csv([posting_row("one"), posting_row("two", status="published")]))
    out, err = command(path)
    assert "2 rows: 2 new, 0 updated, 0 unchanged (skipped), 0 refused." in out and "Imported." in out
    assert "2 rows checked" in err
    assert dict(JobPosting.objects.values_list("slug", "status")) == {"one": "draft", "two": "published"}
    out, _ = command(path)
    assert "0 new, 0 updated, 2 unchanged (skipped)" in out


def test_the_command_lists_every_error_and_writes_nothing(world, tmp_path):
    path = tmp_path / "postings.jsonl"
    rows = [posting_row("one"), posting_row("two", role="astronaut"), posting_row("three"), posting_row("one")]
    path.write_text("\n".join(json.dumps(row) for row in rows))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 errors: nothing was imported.") as raised:
        call_command("import_postings", str(path), "--chunk-size", "2", stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 1
    # Rows are numbered across chunks: the duplicate is row 4, in the second chunk.
    assert "row 2, role: No role has the slug “astronaut”." in err.getvalue()
    assert "row 4, slug: Row 1 already imports this posting." in err.getvalue()
    assert not JobPosting.objects.exists()


def test_the_command_dry_run_writes_nothing(world, tmp_path):
    path = tmp_path / "postings.json"
    path.write_text(json.dumps([posting_row("one")]))
    out, _ = command(path, "--dry-run")
    assert "1 new" in out and "Dry run: nothing was written." in out
    assert not JobPosting.objects.exists()


def test_the_command_refuses_a_file_it_cannot_read(world, tmp_path):
    path = tmp_path / "postings.json"
    path.write_text('{"slug": "one"}')
    with pytest.raises(CommandError, match="A JSON file must hold an array of objects"):
        command(path)
    with pytest.raises(CommandError, match="Say the file's format"):
        command(tmp_path / "postings.xlsx")
