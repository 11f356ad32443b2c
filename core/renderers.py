"""
`?format=csv` for the API: a page of results as CSV, one row per record.

Written here rather than taken from djangorestframework-csv: that package's last release is from 2023
and what the API needs is thirty lines. Nested objects become dotted columns (`company_detail.name`),
lists of plain values are joined with "; ", lists of objects are written as JSON text. A detail response
is one row; an error is one row of its fields. For whole tables, the site's /downloads/ streams them.
"""

import csv
import io
import json

from rest_framework.renderers import BaseRenderer
from rest_framework.utils.encoders import JSONEncoder


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        rows = data["results"] if isinstance(data, dict) and isinstance(data.get("results"), list) else data
        rows = [flatten(row) for row in (rows if isinstance(rows, list) else [rows])]
        columns = list(dict.fromkeys(column for row in rows for column in row))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns)
        if columns:
            writer.writeheader()
        writer.writerows(rows)
        # A page of no rows is one empty line, not an empty body: DRF drops the Content-Type of an empty
        # body, and a client could no longer tell the answer is CSV.
        return buffer.getvalue().encode(self.charset) or b"\r\n"


def flatten(value, prefix=""):
    """{"a": {"b": 1}, "c": [1, 2]} → {"a.b": 1, "c": "1; 2"}."""
    if not isinstance(value, dict):
        return {prefix or "value": cell(value)}
    row = {}
    for key, item in value.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        row |= flatten(item, name) if isinstance(item, dict) else {name: cell(item)}
    return row


def cell(value):
    if isinstance(value, list):
        if any(isinstance(item, dict | list) for item in value):
            return json.dumps(value, cls=JSONEncoder, ensure_ascii=False)
        return "; ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value
