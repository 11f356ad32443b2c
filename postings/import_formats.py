"""
Reading a file of postings for the import (postings/resources.py): CSV, a JSON array of objects, or JSON
Lines (one object per line, as the postings download writes it), as tablib Datasets of at most `size`
rows, so the management command never holds more than one chunk of rows as records. The admin reads
the same formats through the Format classes at the end, in one chunk.

Rows are numbered from 1, the first record after the CSV header (or the first object); blank lines are
not records. An object lacking a key another object of its chunk has gets None for it (an empty cell).
"""

import csv
import io
import json

import tablib
from import_export.formats.base_formats import Format

FORMATS = ("csv", "json", "jsonl")


class FileFormatError(ValueError):
    """The file cannot be read as the format says: no row of it is imported."""


def dataset_of(records):
    """A Dataset from a list of dicts: every key any of them has, in the order first seen."""
    headers = {}
    for record in records:
        headers.update(dict.fromkeys(record))
    return tablib.Dataset(*([record.get(key) for key in headers] for record in records), headers=list(headers))


def chunks(stream, fmt, size):
    """Datasets of at most `size` rows from a text stream in `fmt` ("csv", "json" or "jsonl")."""
    records = {"csv": csv_records, "json": json_records, "jsonl": jsonl_records}[fmt](stream)
    chunk = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield dataset_of(chunk)
            chunk = []
    if chunk:
        yield dataset_of(chunk)


def csv_records(stream):
    reader = csv.reader(stream)
    headers = [name.strip() for name in next(reader, [])]
    if not any(headers):
        raise FileFormatError("The CSV file has no header row.")
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(headers):
            raise FileFormatError(
                f"Line {reader.line_num} has {len(row)} cells where the header has {len(headers)}: "
                "is a comma or a quote out of place?"
            )
        yield dict(zip(headers, row, strict=True))


def json_records(stream):
    """A JSON array, read whole: Python's json module cannot stream one (JSON Lines can be streamed)."""
    try:
        records = json.load(stream)
    except json.JSONDecodeError as error:
        raise FileFormatError(f"Not valid JSON: {error}.") from error
    if not isinstance(records, list):
        raise FileFormatError("A JSON file must hold an array of objects, one per posting.")
    for number, record in enumerate(records, 1):
        yield checked_object(record, f"Item {number}")


def jsonl_records(stream):
    for line_number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise FileFormatError(f"Line {line_number} is not valid JSON: {error}.") from error
        yield checked_object(record, f"Line {line_number}")


def checked_object(record, where):
    if not isinstance(record, dict):
        raise FileFormatError(f"{where} is not an object: each posting is one JSON object.")
    return record


class PostingFormat(Format):
    """One of FORMATS for the admin's import (django-import-export's Format API), read by `chunks`."""

    name = None

    def __init__(self, encoding=None):
        self.encoding = encoding

    def get_title(self):
        return self.name

    def get_extension(self):
        return self.name

    def create_dataset(self, in_stream):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        # newline="": CSV cells may hold line breaks of their own.
        datasets = list(chunks(io.StringIO(in_stream, newline=""), self.name, size=None))
        return datasets[0] if datasets else tablib.Dataset()

    def is_binary(self):
        return False

    def get_read_mode(self):
        return "r"

    def can_import(self):
        return True


class CSVFormat(PostingFormat):
    name = "csv"


class JSONFormat(PostingFormat):
    name = "json"


class JSONLinesFormat(PostingFormat):
    name = "jsonl"


ADMIN_FORMATS = [CSVFormat, JSONFormat, JSONLinesFormat]
