"""
`manage.py backup` and `manage.py restore`: a backup restored into an empty, migrated database gives back
every row of every model it holds — on SQLite and on PostgreSQL, whichever the suite runs on.
"""

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from core.backups import account_models, content_models
from core.content import content_app_labels
from postings.models import JobPosting
from tests.factories import (
    CuratorFactory,
    FieldOfStudyFactory,
    JobPostingFactory,
    PostingSkillFactory,
    SkillFactory,
    UserFactory,
)

# Transactions as in production: restore runs in its own.
in_real_transactions = pytest.mark.django_db(transaction=True)


def snapshot():
    """Every row of every model a backup holds, and every many-to-many link (permissions by name)."""
    rows = {}
    for model in [*account_models(), *content_models()]:
        label = model._meta.label
        rows[label] = list(model._base_manager.order_by("pk").values())
        for field in model._meta.many_to_many:
            # migrate numbers permissions in its own order: compare them by what they are.
            key = ["content_type__app_label", "codename"] if field.related_model is Permission else ["pk"]
            links = model._base_manager.filter(**{f"{field.name}__isnull": False})
            rows[f"{label}.{field.name}"] = sorted(links.values_list("pk", *[f"{field.name}__{k}" for k in key]))
    return rows


@pytest.fixture
def site():
    """The guide, plus what it lacks: accounts with passwords, permissions and a token; drafts; m2m links."""
    # The Curators group comes from a data migration; a transactional test run before may have flushed it,
    # and after a serialized_rollback test the flush does not recreate content types and permissions.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    curators, _ = Group.objects.get_or_create(name="Curators")
    curators.permissions.set(Permission.objects.filter(content_type__app_label__in=content_app_labels()))
    call_command("load_guide", verbosity=0)
    curator = CuratorFactory(username="curator")
    Token.objects.create(user=curator)
    reader = UserFactory(username="reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_jobposting"))
    posting = JobPostingFactory(status="draft", summary="Ünïcode — and “quotes”.")
    posting.fields_of_study.add(FieldOfStudyFactory(), FieldOfStudyFactory())
    PostingSkillFactory(posting=posting, skill=SkillFactory(status="draft"))


def empty_migrated_database():
    """
    What a restore starts from: migrated, with no accounts or content. Its permissions are numbered
    differently from the backed-up database's, as in a database migrated elsewhere.
    """
    call_command("flush", interactive=False, verbosity=0)  # also re-creates content types and permissions
    permissions = list(Permission.objects.values("content_type_id", "codename", "name"))
    Permission.objects.all().delete()
    Permission.objects.bulk_create(Permission(**fields) for fields in reversed(permissions))


@in_real_transactions
def test_backup_restored_into_an_empty_database_loses_nothing(site, tmp_path):
    before = snapshot()
    assert before["postings.JobPosting.fields_of_study"] and before["auth.Group.permissions"]
    backup = tmp_path / "site.jsonl.gz"
    call_command("backup", str(backup), verbosity=0)

    empty_migrated_database()
    assert not JobPosting.objects.exists()
    call_command("restore", str(backup), verbosity=0)

    assert snapshot() == before
    # New rows get fresh ids after the restored ones (PostgreSQL's sequences were moved on).
    assert SkillFactory().pk > max(row["id"] for row in before["skills.Skill"])


@in_real_transactions
def test_restore_refuses_a_database_that_holds_content(site, tmp_path):
    backup = tmp_path / "site.jsonl"
    call_command("backup", str(backup), verbosity=0)
    with pytest.raises(CommandError, match="already holds users or content.*--force"):
        call_command("restore", str(backup), verbosity=0)


@in_real_transactions
def test_restore_with_force_replaces_what_the_database_holds(site, tmp_path):
    before = snapshot()
    backup = tmp_path / "site.jsonl"
    call_command("backup", str(backup), verbosity=0)
    JobPosting.objects.filter(status="draft").update(title="Changed after the backup")
    JobPostingFactory(title="Added after the backup")
    UserFactory(username="newcomer")

    call_command("restore", str(backup), force=True, verbosity=0)

    assert snapshot() == before


@in_real_transactions
def test_a_broken_backup_restores_nothing(site, tmp_path):
    backup = tmp_path / "site.jsonl"
    call_command("backup", str(backup), verbosity=0)
    lines = backup.read_text().splitlines()
    # Everything but the last line is valid: without one transaction, most of it would be loaded.
    backup.write_text("\n".join([*lines[:-1], '{"model": "postings.jobposting", "pk": 1, "fields": {']) + "\n")
    empty_migrated_database()
    before = snapshot()

    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(backup), verbosity=0)

    assert snapshot() == before


def test_backup_files_must_be_named_as_json_lines(tmp_path):
    with pytest.raises(CommandError, match=r"\*\.jsonl"):
        call_command("backup", str(tmp_path / "site.json"), verbosity=0)
    assert not list(tmp_path.iterdir())
