"""
Seed the career guide's facts (fixtures/guide/*.json) into the database, without ever overwriting one.

Every guide record is matched on its natural key (a slug, or the slugs it links):

- a record the database does not have is added, through the model's normal save, so it gets a history
  row ("Seeded from the career guide") like any other change;
- a record the database has is left exactly as it is, whatever a curator did to it (edited, unpublished,
  reviewed). Django's `loaddata` would write every column of it back to the guide's value; this command
  never does.

`--if-empty` seeds only a database that holds none of the guide's kinds of record yet: what `make run`
and `make serve` call on every start, so a restart or a redeploy never touches curated data (not even to
re-add a guide record a curator deleted). `--check` changes nothing and reports what differs from the
guide; it exits 1 when guide records are missing, like `makemigrations --check`.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

GUIDE_FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "guide"
SEED_REASON = "Seeded from the career guide"


@dataclass
class SeedReport:
    added: list = field(default_factory=list)  # labels of records added (or, under --check, missing)
    changed: list = field(default_factory=list)  # (label, [field names]) of records that differ from the guide
    unchanged: int = 0


def guide_records():
    """Every record of the guide's fixtures, in load order (a file's records may refer to earlier ones)."""
    fixtures = sorted(GUIDE_FIXTURES.glob("*.json"))
    if not fixtures:
        raise CommandError(f"No guide fixtures found in {GUIDE_FIXTURES}.")
    for fixture in fixtures:
        yield from json.loads(fixture.read_text(encoding="utf-8"))


def guide_models():
    return {apps.get_model(record["model"]) for record in guide_records()}


def _label(instance):
    return f"{instance._meta.label} {'/'.join(map(str, instance.natural_key()))}"


class NaturalKeys:
    """Records by natural key, looked up once: the guide's records refer to each other hundreds of times."""

    def __init__(self):
        self.known = {}

    def get(self, model, key):
        """The stored record with this natural key, or None."""
        cache_key = (model._meta.label, tuple(key))
        if cache_key not in self.known:
            try:
                self.known[cache_key] = model._default_manager.get_by_natural_key(*key)
            except model.DoesNotExist:
                return None
        return self.known[cache_key]

    def add(self, instance):
        self.known[(instance._meta.label, tuple(instance.natural_key()))] = instance

    def resolve(self, model, key, referrer):
        found = self.get(model, key)
        if found is None:
            raise CommandError(
                f"{referrer['model']} {referrer['fields']} refers to a missing {model._meta.label} {key}."
            )
        return found


def _build(record, keys):
    """An unsaved instance of the guide record (relations resolved by natural key) and its many-to-many pks."""
    model = apps.get_model(record["model"])
    instance, m2m = model(), {}
    for name, value in record["fields"].items():
        model_field = model._meta.get_field(name)
        if model_field.many_to_many:
            m2m[name] = [keys.resolve(model_field.related_model, key, record).pk for key in value]
        elif model_field.is_relation:
            related = None if value is None else keys.resolve(model_field.related_model, value, record)
            setattr(instance, model_field.name, related)
        else:
            setattr(instance, model_field.attname, model_field.to_python(value))
    return instance, m2m


def _differing_fields(record, guide_instance, m2m, stored):
    """The names of the fields the guide sets on this record whose stored value is not the guide's."""
    differing = []
    for name in record["fields"]:
        model_field = guide_instance._meta.get_field(name)
        if model_field.many_to_many:
            if set(getattr(stored, name).values_list("pk", flat=True)) != set(m2m[name]):
                differing.append(name)
        elif model_field.value_from_object(guide_instance) != model_field.value_from_object(stored):
            differing.append(name)
    return differing


def seed_guide(*, dry_run=False):
    """Add the guide records the database lacks; report the ones that differ. Never writes an existing row."""
    report, keys = SeedReport(), NaturalKeys()
    for record in guide_records():
        instance, m2m = _build(record, keys)
        stored = keys.get(type(instance), instance.natural_key())
        if stored is not None:
            differing = _differing_fields(record, instance, m2m, stored)
            if differing:
                report.changed.append((_label(stored), differing))
            else:
                report.unchanged += 1
            continue
        report.added.append(_label(instance))
        if dry_run:
            continue
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance._change_reason = SEED_REASON  # django-simple-history's reason on the "+" row
        instance.save()
        for name, pks in m2m.items():
            getattr(instance, name).set(pks)
        keys.add(instance)
    return report


def database_is_empty():
    return not any(model._default_manager.exists() for model in guide_models())


class Command(BaseCommand):
    help = (
        "Add the guide's roles, skills, postings, companies, salary figures and paths that the database "
        "does not have. Never overwrites a record that exists (curators' edits stand)."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--if-empty",
            action="store_true",
            help="Seed only a database with none of the guide's kinds of record (what `make run` does on every start).",
        )
        mode.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; list guide records that are missing or differ. Exit 1 if any is missing.",
        )

    def handle(self, *args, if_empty=False, check=False, verbosity=1, **options):
        if if_empty and not database_is_empty():
            if verbosity:
                self.stdout.write(
                    "The database already holds data: nothing seeded (run load_guide to add what is missing)."
                )
            return
        # All or nothing: a record that fails validation leaves the database as it was.
        with transaction.atomic():
            report = seed_guide(dry_run=check)
        if check:
            self._print_check(report, verbosity)
            if report.added:
                raise CommandError(
                    f"{len(report.added)} guide records are missing; run `manage.py load_guide` to add them."
                )
            return
        if verbosity:
            self.stdout.write(
                f"Added {len(report.added)} guide records; kept {len(report.changed) + report.unchanged} that exist "
                f"({len(report.changed)} of them differ from the guide: curators' changes, left as they are)."
            )
            if verbosity > 1:
                for label in report.added:
                    self.stdout.write(f"  added {label}")

    def _print_check(self, report, verbosity):
        self.stdout.write(
            f"{report.unchanged} guide records as the guide has them, {len(report.changed)} changed since "
            f"(kept), {len(report.added)} missing."
        )
        if verbosity:
            for label in report.added:
                self.stdout.write(f"  missing  {label}")
            for label, names in report.changed:
                self.stdout.write(f"  changed  {label}: {', '.join(names)}")
