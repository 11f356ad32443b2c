"""
Import job postings from a file, row by row as the admin's Import does (postings/resources.py), for
files of any size: `manage.py import_postings postings.csv [--format csv|json|jsonl] [--dry-run]`.

The file is imported in chunks of --chunk-size rows inside one transaction: the rows and results held
are one chunk's, whatever the file's length (CSV and JSON Lines are streamed; a JSON array is read whole
first). Memory still grows a little per row: the slugs seen (docs/postings.md, "Size and speed": about
140 new postings a second on PostgreSQL). On any
refused row the remaining rows are still checked, every error is listed (row, column, message), nothing
is written and the exit status is 1. --dry-run checks and reports the same way and writes nothing.

The command runs with full rights: its rows may publish postings (the admin asks for the
`postings.publish_jobposting` permission).
"""

import io
import os
import time
from collections import Counter
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from postings.import_formats import FORMATS, FileFormatError, chunks
from postings.resources import JobPostingResource

CHUNK = 1_000


class NoDiff:
    """The preview's changes, which a command shows none of: not read (two reads of every field a row)."""

    def __init__(self, resource, instance, new):
        pass

    def compare_with(self, resource, instance):
        pass


class FileJobPostingResource(JobPostingResource):
    class Meta:
        skip_html_diff = True  # no preview to show
        report_skipped = False  # counted, not kept

    @classmethod
    def get_diff_class(cls):
        return NoDiff


class Command(BaseCommand):
    help = "Import job postings from a CSV, JSON or JSON Lines file, all or nothing (docs/postings.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file: one posting per row, in the columns of the postings download.")
        parser.add_argument("--format", choices=FORMATS, help="The file's format; by default, its extension.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and report; write nothing.")
        parser.add_argument("--chunk-size", type=int, default=CHUNK, help=f"Rows read at a time (default {CHUNK}).")

    def handle(self, path, format=None, dry_run=False, chunk_size=CHUNK, **options):
        fmt = format or Path(path).suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise CommandError(f"Say the file's format: --format {'|'.join(FORMATS)}.")
        if chunk_size < 1:
            raise CommandError("--chunk-size must be at least 1.")
        resource = FileJobPostingResource(may_publish=True)
        totals, errors, rows, started = Counter(), [], 0, time.monotonic()
        try:
            with open(path, "rb") as raw, transaction.atomic():
                # Text read through the bytes, so that the bytes read so far say how much of the file is done.
                stream = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                size = os.fstat(raw.fileno()).st_size
                for dataset in chunks(stream, fmt, chunk_size):
                    resource.row_offset = rows
                    result = resource.import_data(dataset, use_transactions=True, rollback_on_validation_errors=True)
                    totals.update(result.totals)
                    errors += errors_of(result, rows)
                    rows += len(dataset)
                    self.progress(rows, len(errors), started, raw.tell() / size if size else 1.0)
                    if result.base_errors:
                        break  # the file as a whole is refused: its other chunks would be too
                if errors or dry_run:
                    transaction.set_rollback(True)
        except FileFormatError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from error
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path} cannot be read: {error}") from error

        self.stdout.write(
            f"{rows:,} rows: {totals['new']:,} new, {totals['update']:,} updated, "
            f"{totals['skip']:,} unchanged (skipped), {totals['invalid'] + totals['error']:,} refused."
        )
        for number, column, message in errors:
            where = ", ".join(part for part in (f"row {number}" if number else "file", column) if part)
            self.stderr.write(f"{where}: {message}")
        if errors:
            raise CommandError(f"{len(errors):,} errors: nothing was imported.")
        self.stdout.write("Dry run: nothing was written." if dry_run else "Imported.")

    def progress(self, rows, errors, started, done):
        """One line a chunk: rows so far, errors so far, speed, how much of the file is read and the time left."""
        elapsed = max(time.monotonic() - started, 1e-6)
        done = min(max(done, 0.0), 1.0)
        left = f", about {time_left(elapsed * (1 - done) / done)} left" if 0 < done < 1 else ""
        self.stderr.write(
            f"{rows:,} rows checked, {errors:,} errors ({rows / elapsed:,.0f} rows/s), {done:.0%} of the file{left}",
            style_func=str,
        )


def time_left(seconds):
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def errors_of(result, offset):
    """(row, column, message) for every error of a chunk's result; row None for the file as a whole."""
    found = [(None, "", str(error.error)) for error in result.base_errors]
    for row in result.invalid_rows:
        for column, messages in row.error_dict.items():
            found += [(offset + row.number, "" if column == NON_FIELD_ERRORS else column, m) for m in messages]
    for number, row_errors in result.row_errors():
        found += [(offset + number, "", str(error.error)) for error in row_errors]
    return found
