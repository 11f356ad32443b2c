"""
The columns of a postings file: what the postings download writes (sitewide/downloads.py) and the
import reads back (postings/resources.py), so a download imports again. Here, in postings, because
both the export and the import are about postings; the downloads of the other records name their
columns with the same `Column`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # as the downloads page documents it: text, integer, decimal, date, list of text…
    meaning: str
    path: str | None = None  # the values() path it is read from; None when the dataset computes it


SOURCE_COLUMNS = [
    Column("source", "text", "The slug of the publication the record rests on (see /sources/).", "source__slug"),
    Column("source_passage", "text", "The words of that source the record rests on.", "source_passage"),
    Column("updated_at", "date-time", "When a curator last changed the record (ISO 8601, UTC).", "updated_at"),
]


SKILL_LIST_COLUMNS = [
    Column("essential_skills", "list of text", "Slugs of the skills it needs (published skills only)."),
    Column("optional_skills", "list of text", "Slugs of the skills that help, or that are alternatives."),
]

POSTING_COLUMNS = [
    Column("slug", "text", "The posting's identifier, as in its page's address.", "slug"),
    Column("url", "text", "The posting's page (a path on this site)."),
    Column("title", "text", "The job title.", "title"),
    Column("company", "text", "The hiring company's slug.", "company__slug"),
    Column("company_name", "text", "The hiring company's name.", "company__name"),
    Column("role", "text", "The slug of the role the job is an instance of.", "role__slug"),
    Column("seniority", "text", "intern, new_graduate, experienced or unspecified.", "seniority"),
    Column("summary", "text", "The posting's summary.", "summary"),
    Column("responsibilities", "text", "What the job involves.", "responsibilities"),
    Column("requirements", "text", "The requirements in the posting's words.", "requirements"),
    Column(
        "min_degree",
        "text",
        "The lowest degree asked for: none, bachelor, master or phd; blank: not stated.",
        "min_degree",
    ),
    Column(
        "accepts_equivalent_experience",
        "boolean",
        "Equivalent experience is accepted instead of the degree.",
        "accepts_equivalent_experience",
    ),
    Column("fields_of_study", "list of text", "Slugs of the fields of study it accepts."),
    Column(
        "min_years_experience",
        "integer",
        "Years of experience asked for; empty if not stated.",
        "min_years_experience",
    ),
    Column(
        "min_years_leadership",
        "integer",
        "Years of technical leadership; empty if not stated.",
        "min_years_leadership",
    ),
    Column(
        "min_years_management",
        "integer",
        "Years of people management; empty if not stated.",
        "min_years_management",
    ),
    *SKILL_LIST_COLUMNS,
    Column("workplace", "text", "on_site, hybrid or remote; empty if not stated.", "workplace"),
    Column(
        "employment_type",
        "text",
        "full_time, part_time, contract, internship or temporary; empty if not stated.",
        "employment_type",
    ),
    Column(
        "locations",
        "list of places",
        "Places of work, each with city, region and country (ISO 3166-1 alpha-2); "
        "in CSV each place is written 'city, region, country', places separated by '; '.",
    ),
    Column("remote_countries", "list of text", "ISO 3166-1 alpha-2 codes a remote job accepts applicants from."),
    Column("pay_min", "decimal", "The lowest pay offered; empty if not stated.", "pay_min"),
    Column("pay_max", "decimal", "The highest pay offered; empty if not stated.", "pay_max"),
    Column("pay_currency", "text", "ISO 4217 code of the pay; empty when no pay is stated.", "pay_currency"),
    Column("pay_period", "text", "year, month or hour; empty when no pay is stated.", "pay_period"),
    Column("apply_url", "text", "Where to apply online; may be empty.", "apply_url"),
    Column("apply_email", "text", "Where to apply by email; may be empty.", "apply_email"),
    Column("posted_on", "date", "When the employer published it (ISO 8601); may be empty.", "posted_on"),
    Column("valid_through", "date", "Last day it accepts applications; may be empty.", "valid_through"),
    *SOURCE_COLUMNS,
]
