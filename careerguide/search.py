"""
Site search across roles, skills, postings and companies.

On PostgreSQL: full-text search (websearch syntax, English stemming) ranked by SearchRank, with names
weighted above descriptions, plus a plain substring match on names so that partial words ("pyth") still
find something. On SQLite: a substring match, ranked by where it matched (name before text).
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When

from postings.models import Company, JobPosting
from roles.models import Role
from skills.models import Skill

MAX_QUERY_LENGTH = 100
MAX_RESULTS_PER_KIND = 20

# (queryset factory, name field, text fields) per kind of result.
SEARCHABLE = {
    "roles": (lambda: Role.objects.published(), "name", ["summary", "responsibilities"]),
    "skills": (lambda: Skill.objects.published(), "name", ["description"]),
    "postings": (
        lambda: JobPosting.objects.published().select_related("company", "role"),
        "title",
        ["company__name", "summary", "requirements", "responsibilities"],
    ),
    "companies": (lambda: Company.objects.published(), "name", ["description"]),
}


@dataclass
class SearchResults:
    query: str
    roles: list = field(default_factory=list)
    skills: list = field(default_factory=list)
    postings: list = field(default_factory=list)
    companies: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.roles) + len(self.skills) + len(self.postings) + len(self.companies)


def clean_query(raw):
    """Trimmed, NUL-free, and capped: an overlong query is cut, never an error."""
    return " ".join((raw or "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


def search(raw_query):
    query = clean_query(raw_query)
    results = SearchResults(query=query)
    if not query:
        return results
    rank = _postgres_rank if connection.vendor == "postgresql" else _substring_rank
    for kind, (queryset, name_field, text_fields) in SEARCHABLE.items():
        setattr(results, kind, list(rank(queryset(), query, name_field, text_fields)[:MAX_RESULTS_PER_KIND]))
    return results


def _postgres_rank(queryset, query, name_field, text_fields):
    vector = SearchVector(name_field, weight="A", config="english") + SearchVector(*text_fields, weight="B", config="english")
    search_query = SearchQuery(query, search_type="websearch", config="english")
    return (
        queryset.annotate(rank=SearchRank(vector, search_query) + Case(
            When(**{f"{name_field}__icontains": query}, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
        ))
        .filter(Q(rank__gt=0))
        .order_by(F("rank").desc(), name_field)
    )


def _substring_rank(queryset, query, name_field, text_fields):
    in_text = Q()
    for text_field in text_fields:
        in_text |= Q(**{f"{text_field}__icontains": query})
    in_name = Q(**{f"{name_field}__icontains": query})
    return (
        queryset.filter(in_name | in_text)
        .annotate(rank=Case(When(in_name, then=Value(2.0)), default=Value(1.0), output_field=FloatField()))
        .order_by(F("rank").desc(), name_field)
    )
