"""
Download files built ahead of time (by the beat schedule or `manage.py build_downloads`), so that a
whole-table download is a file read, not a million rows queried and formatted by a web worker.

A built file is served only while it is exactly what streaming would give: it records the content's version
tokens (core.caching, the ones every cached page is keyed by) read before its first row, and the day it was
built on. Any write to content since — a posting unpublished, a role turned draft — replaces a token, and
a posting that expired since midnight changes the day: the download is then streamed from the database, as
without a file, until the next build. A stale file is never served, whatever the schedule.

The files live in the "downloads" storage (settings.STORAGES; DOWNLOADS_DIR): a directory every app server
and worker shares. A server that cannot see a file streams instead.
"""

import json
import logging
import os
import tempfile
import time

from django.core.files.storage import storages
from django.utils import timezone

from core.caching import versions
from core.content import page_models
from sitewide.downloads import DATASETS, FORMATS, as_csv, as_jsonl

logger = logging.getLogger(__name__)
WRITERS = {"csv": as_csv, "jsonl": as_jsonl}


def storage():
    return storages["downloads"]


def file_name(dataset, fmt):
    return f"careerguide-{dataset}.{fmt}"


def _about_name(dataset, fmt):
    return file_name(dataset, fmt) + ".json"


def _current_state():
    return {"versions": versions(page_models()), "day": timezone.localdate().isoformat()}


def _write_atomically(path, chunks):
    """Write to a temporary file beside `path`, then rename it over `path`: a reader sees the old file or the new."""
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=directory, prefix=".partial-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            for chunk in chunks:
                out.write(chunk)
        os.replace(partial, path)
    except BaseException:
        os.unlink(partial)
        raise


def build(dataset, fmt):
    """Build one file; returns what it recorded about it. The state is read first, so a write during the build
    leaves the file out of date (streamed instead), never wrongly current."""
    state = _current_state()
    started = time.monotonic()
    files = storage()
    _write_atomically(files.path(file_name(dataset, fmt)), WRITERS[fmt](DATASETS[dataset]))
    about = {**state, "built_at": timezone.now().isoformat(), "seconds": round(time.monotonic() - started, 2)}
    _write_atomically(files.path(_about_name(dataset, fmt)), [json.dumps(about)])
    return about


def build_all(only_out_of_date=False):
    """Every dataset in every format (or only those not current). Returns {file name: seconds}."""
    built = {}
    for dataset in DATASETS:
        for fmt in FORMATS:
            if only_out_of_date and current_file(dataset, fmt):
                continue
            built[file_name(dataset, fmt)] = build(dataset, fmt)["seconds"]
    logger.info("Download files built: %s", built or "none out of date")
    return built


def about(dataset, fmt):
    """What the build recorded about the file, or None when there is none."""
    try:
        with storage().open(_about_name(dataset, fmt)) as record:
            return json.loads(record.read())
    except (OSError, ValueError):
        return None


def current_file(dataset, fmt):
    """The name of the built file when it is exactly what streaming would give now; else None."""
    record = about(dataset, fmt)
    if record is None or {key: record.get(key) for key in ("versions", "day")} != _current_state():
        return None
    name = file_name(dataset, fmt)
    return name if storage().exists(name) else None
