"""
The site search finds companies by the words of their name and description, or by part of their name
("goog"). Computed on the fly, that read every company's text on every search (25 ms with 5,000
companies); these two PostgreSQL indexes answer both halves of the search's condition, so the planner
ORs two bitmap index scans instead (careers/search.py builds exactly the indexed expressions).

- A GIN index over the weighted document: name (A) and description (B), English configuration.
- A trigram GIN index (pg_trgm, a trusted extension since PostgreSQL 13) over UPPER(name), which is
  what Django's `name__icontains` compares.

SQLite has neither: it searches by substring, as before.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX IF NOT EXISTS company_search_document ON postings_company USING gin ((
        setweight(to_tsvector('english'::regconfig, COALESCE("name", '')), 'A')
        || setweight(to_tsvector('english'::regconfig, COALESCE("description", '')), 'B')
    ))""",
    'CREATE INDEX IF NOT EXISTS company_name_trigram ON postings_company USING gin ((UPPER("name"::text)) gin_trgm_ops)',
]
BACKWARD = ["DROP INDEX IF EXISTS company_name_trigram", "DROP INDEX IF EXISTS company_search_document"]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("postings", "0006_review")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
