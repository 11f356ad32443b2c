"""Download files built ahead of time (sitewide/prebuilt.py): served while current, streamed once anything changed."""

import datetime

import pytest
from django.conf import settings
from django.core.management import call_command

from core.publishing import PublicationStatus
from postings.models import JobPosting
from sitewide import prebuilt
from sitewide.tasks import build_downloads

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def downloads_dir(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "downloads": {**settings.STORAGES["downloads"], "OPTIONS": {"location": str(tmp_path)}},
    }
    return tmp_path


def fetch(client, name):
    response = client.get(f"/downloads/{name}")
    assert response.status_code == 200
    return response["X-Download-Source"], b"".join(response.streaming_content).decode()


def test_a_built_file_is_served_and_holds_what_streaming_gives(client, guide):
    source, streamed = fetch(client, "postings.csv")
    assert source == "streamed"
    prebuilt.build("postings", "csv")
    source, served = fetch(client, "postings.csv")
    assert (source, served) == ("built", streamed)


def test_a_write_after_the_build_streams_until_the_next_build(client, guide):
    prebuilt.build("postings", "jsonl")
    posting = JobPosting.objects.get(slug="google-ml-engineer")
    posting.status = PublicationStatus.DRAFT
    posting.save()
    source, body = fetch(client, "postings.jsonl")
    assert source == "streamed" and "google-ml-engineer" not in body
    assert prebuilt.build_all(only_out_of_date=True)  # out of date: rebuilt
    source, body = fetch(client, "postings.jsonl")
    assert source == "built" and "google-ml-engineer" not in body


def test_a_file_built_on_another_day_is_not_served(client, guide, monkeypatch):
    prebuilt.build("roles", "csv")
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(prebuilt.timezone, "localdate", lambda: tomorrow)
    assert prebuilt.current_file("roles", "csv") is None
    assert fetch(client, "roles.csv")[0] == "streamed"


def test_only_the_files_out_of_date_are_rebuilt(guide):
    everything = prebuilt.build_all()
    assert set(everything) == {
        f"careerguide-{name}.{fmt}"
        for name in ("roles", "skills", "postings", "salaries", "steps")
        for fmt in ("csv", "jsonl")
    }
    assert build_downloads() == {}  # the scheduled task: all current, nothing rebuilt


def test_a_missing_file_or_record_is_streamed_not_an_error(client, guide, downloads_dir):
    prebuilt.build("skills", "csv")
    (downloads_dir / "careerguide-skills.csv").unlink()
    assert fetch(client, "skills.csv")[0] == "streamed"
    (downloads_dir / "careerguide-skills.csv.json").write_text("not json")
    assert fetch(client, "skills.csv")[0] == "streamed"


def test_the_command_says_what_it_built(guide, capsys):
    call_command("build_downloads")
    assert "careerguide-postings.csv: built in" in capsys.readouterr().out
    call_command("build_downloads", "--out-of-date")
    assert "Every download file is current." in capsys.readouterr().out


def test_the_beat_schedule_builds_them():
    assert settings.CELERY_BEAT_SCHEDULE["build-download-files"]["task"] == "sitewide.tasks.build_downloads"
