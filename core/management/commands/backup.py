"""Write the site's accounts and content to one file, for `manage.py restore` (see core/backups.py)."""

import gzip
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from core import backups


class Command(BaseCommand):
    help = (
        "Write the site's accounts and content to FILE (JSON Lines; *.jsonl.gz compressed), a consistent "
        "snapshot even while the site is in use. It holds users (with password hashes), groups and their "
        "permissions, API tokens, and every row of the content apps (sources, skills, roles, postings…), "
        "drafts included; not content types or permissions (migrate makes them), sessions, the admin's "
        "change history or the cache. Restore it with `manage.py restore FILE` into a database migrated by "
        "the same version of the app. Keep the file secret: it holds password hashes and API tokens."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup: *.jsonl, or *.jsonl.gz to compress it.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to back up (default: default).")

    def handle(self, file, database, **options):
        path = Path(file)
        backups.check_file_name(path)
        # Written under another name first: a failed backup never leaves a truncated file that looks whole.
        partial = path.with_name(path.name + ".partial")
        opener = gzip.open if path.suffix == ".gz" else open
        connection = connections[database]
        outermost = not connection.in_atomic_block
        try:
            with transaction.atomic(using=database):
                if outermost and connection.vendor == "postgresql":
                    # One snapshot for every table: rows written meanwhile are all in, or all out.
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                counts = backups.row_counts(database)
                with opener(partial, "wt", encoding="utf-8") as stream:
                    backups.write(stream, database)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Backed up {total} objects to {path}: {backups.summary(counts)}."))
