"""
What `manage.py backup` writes and `manage.py restore` reads back.

A backup is a JSON Lines file (Django's serialization, as `dumpdata --format jsonl` writes it but with
times to the microsecond; `.jsonl`, or `.jsonl.gz` compressed) holding everything a migrated, empty
database needs to become this site again:

- accounts: users (with password hashes and group memberships), groups with their permissions, and API
  tokens. Permissions and users are referred to by name (app label + codename, username), because a
  database migrated elsewhere numbers its permissions differently.
- content: every model of the content apps (those that say `holds_content`, see core/content.py: sources,
  skills, roles, postings…), drafts included, with their own primary keys, so links between them survive
  unchanged.

Left out, and why: content types and permissions (`migrate` creates them), sessions (everyone signs in
again), the admin's change history (a convenience list, tied to the old rows' ids and users) and the cache
(rebuilt on demand). The file holds password hashes and API tokens: keep it as secret as the database.
"""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder

from core.content import content_models

ACCOUNT_MODELS = ("auth.Group", "auth.User", "authtoken.Token")
SUFFIXES = (".jsonl", ".jsonl.gz")
# Cleared by a restore although not backed up: sessions belong to the accounts being replaced.
ALSO_CLEARED = ("sessions.Session",)


def account_models():
    return [apps.get_model(label) for label in ACCOUNT_MODELS]


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder keeps only milliseconds of a time (as JavaScript does); a backup keeps all of it."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def write(stream, using):
    """Serialize the backup to `stream` (text): the accounts first, then the content, each in dependency order."""
    # Accounts name their permissions and users; content keeps its own primary keys (fast, and exact).
    serializers.serialize(
        "jsonl", _rows(account_models(), using), stream=stream, cls=ExactJSONEncoder, use_natural_foreign_keys=True
    )
    serializers.serialize("jsonl", _rows(content_models(), using), stream=stream, cls=ExactJSONEncoder)


def _rows(models, using):
    for model in serializers.sort_dependencies([(None, models)], allow_cycles=True):
        if not model._meta.proxy:
            yield from model._base_manager.using(using).order_by(model._meta.pk.name).iterator(chunk_size=2000)


def check_file_name(path):
    if not str(path).endswith(SUFFIXES):
        raise CommandError(f"Name the backup file *.jsonl (or *.jsonl.gz to compress it), not {path}.")


def row_counts(using):
    """How many rows of each model a backup holds, as the database is now."""
    return {
        model._meta.label: model._base_manager.using(using).count() for model in [*account_models(), *content_models()]
    }


def occupied(using):
    """The non-zero row counts of accounts and content (a migrated, empty database has none)."""
    # `migrate` creates the Curators group: not a sign of earlier use.
    return {label: count for label, count in row_counts(using).items() if count and label != "auth.Group"}


def summary(counts):
    return ", ".join(f"{count} {label}" for label, count in counts.items() if count)


def clear(connection):
    """
    Empty every table a backup fills (and sessions), in the current transaction: TRUNCATE … CASCADE on
    PostgreSQL, DELETE on SQLite — which also empties what points at them, such as the admin's history.
    """
    models = [*account_models(), *content_models(), *[apps.get_model(label) for label in ALSO_CLEARED]]
    tables = {model._meta.db_table for model in models}
    tables |= {field.m2m_db_table() for model in models for field in model._meta.local_many_to_many}
    statements = connection.ops.sql_flush(no_style(), sorted(tables), allow_cascade=True)
    connection.ops.execute_sql_flush(statements)
    # Permissions are looked up by content type, which Django caches by id: another process (a flush, a
    # migrate) may have renumbered them since this one started.
    ContentType.objects.clear_cache()
