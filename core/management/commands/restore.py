"""Load a file written by `manage.py backup` into a migrated database, all or nothing (see core/backups.py)."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from core import backups
from core.caching import invalidate


class Command(BaseCommand):
    help = (
        "Load a backup written by `manage.py backup FILE` into this database, in one transaction: "
        "everything is restored, or (on any error) nothing changes. Run `manage.py migrate` first, with "
        "the same version of the app that wrote the backup. Refuses a database that already holds users or "
        "content unless --force, which replaces them: users, groups, API tokens and every content row are "
        "deleted first, and with them sessions (everyone signs in again) and the admin's change history. "
        "The cache needs no clearing: every cached page and API answer is made unreachable."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backup file: *.jsonl or *.jsonl.gz.")
        parser.add_argument(
            "--force", action="store_true", help="Replace the users and content this database already holds."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to restore into.")

    def handle(self, file, force, database, **options):
        path = Path(file).resolve()
        backups.check_file_name(path)
        if not path.is_file():
            raise CommandError(f"There is no backup file at {path}.")
        try:
            with transaction.atomic(using=database):
                found = backups.occupied(database)
                if found and not force:
                    raise CommandError(
                        f"This database already holds users or content ({backups.summary(found)}). "
                        "A restore replaces them all: "
                        "restore into a freshly migrated database, or pass --force to replace them."
                    )
                backups.clear(connections[database])
                call_command("loaddata", str(path), database=database, verbosity=0)
                invalidate(*backups.content_models())
        except CommandError:
            raise
        except Exception as error:
            if options["traceback"]:
                raise
            raise CommandError(f"Nothing was restored (the database is as it was): {error}") from error
        counts = backups.row_counts(database)
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Restored {total} objects from {path}: {backups.summary(counts)}."))
