"""Seeding the guide adds what is missing and never overwrites what a curator changed."""

import json

import pytest
from django.core.management import CommandError, call_command

from core.publishing import PublicationStatus
from postings.models import JobPosting
from roles.models import Role, SalaryFigure
from skills.models import Skill
from sources.management.commands import load_guide

pytestmark = pytest.mark.django_db


def test_seeding_adds_every_record_with_a_history_row_saying_why(guide):
    role = Role.objects.get(slug="data-scientist")
    (row,) = role.history.all()
    assert (row.history_type, row.history_change_reason) == ("+", load_guide.SEED_REASON)
    # The links the fixture gives (many-to-many too) are set on the new records.
    assert role.source.slug == "exponent-ml-engineer-guide"
    assert JobPosting.objects.get(slug="openai-ml-engineer-moderation").posting_skills.count() > 0


def test_curated_edits_unpublishing_and_review_survive_a_reload(guide):
    role = Role.objects.get(slug="data-scientist")
    role.summary = "Curated summary."
    role.save()
    posting = JobPosting.objects.get(slug="google-ml-engineer")
    posting.status = PublicationStatus.DRAFT
    posting.save()
    created_at = posting.created_at
    history_rows = role.history.count() + posting.history.count()

    call_command("load_guide", verbosity=0)

    assert Role.objects.get(slug="data-scientist").summary == "Curated summary."
    posting.refresh_from_db()
    assert (posting.status, posting.created_at) == (PublicationStatus.DRAFT, created_at)
    assert role.history.count() + posting.history.count() == history_rows  # nothing was written to them


def test_a_guide_record_a_curator_deleted_comes_back_only_on_the_explicit_command(guide):
    Skill.objects.get(slug="mlops").delete()
    call_command("load_guide", "--if-empty", verbosity=0)  # what every start runs
    assert not Skill.objects.filter(slug="mlops").exists()

    call_command("load_guide", verbosity=0)
    skill = Skill.objects.get(slug="mlops")
    assert skill.history.filter(history_type="+", history_change_reason=load_guide.SEED_REASON).exists()
    # Its links to roles (deleted with it) are back too.
    assert skill.role_skills.exists()


def test_if_empty_seeds_an_empty_database(db):
    call_command("load_guide", "--if-empty", verbosity=0)
    assert Role.objects.count() == 6
    assert SalaryFigure.objects.count() == 3


def test_check_reports_changes_and_missing_records_and_changes_nothing(guide, capsys):
    Role.objects.filter(slug="data-scientist").update(summary="Curated summary.")
    SalaryFigure.objects.filter(role__slug="nlp-scientist").delete()

    with pytest.raises(CommandError, match="1 guide records are missing"):
        call_command("load_guide", "--check")
    out = capsys.readouterr().out
    assert "changed  roles.Role data-scientist: summary" in out
    assert "missing  roles.SalaryFigure nlp-scientist/" in out
    assert not SalaryFigure.objects.filter(role__slug="nlp-scientist").exists()
    assert Role.objects.get(slug="data-scientist").summary == "Curated summary."


def test_check_passes_on_a_freshly_seeded_database(guide, capsys):
    call_command("load_guide", "--check")
    assert ", 0 changed since (kept), 0 missing." in capsys.readouterr().out


def test_a_record_that_fails_validation_adds_nothing(db, tmp_path, monkeypatch):
    fixtures = sorted(load_guide.GUIDE_FIXTURES.glob("*.json"))
    for fixture in fixtures:
        (tmp_path / fixture.name).write_text(fixture.read_text())
    roles = json.loads((tmp_path / "03_roles.json").read_text())
    figure = next(record for record in roles if record["model"] == "roles.salaryfigure")
    figure["fields"]["amount"] = "-1"  # refused by the model's validation (and a database constraint)
    (tmp_path / "03_roles.json").write_text(json.dumps(roles))
    monkeypatch.setattr(load_guide, "GUIDE_FIXTURES", tmp_path)

    with pytest.raises(Exception, match="amount|Amount|greater"):
        call_command("load_guide", verbosity=0)
    assert not Skill.objects.exists() and not Role.objects.exists()
