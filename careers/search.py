"""
Site search across roles, skills, postings and companies. Every word of the query must match.

On PostgreSQL, postings are searched through their stored, GIN-indexed `search_document` (kept by a
trigger): websearch syntax with English stemming, so "new york" needs both words and "python -java"
works. Ranking a million matches for a common word would read every one of them, so the newest
RANK_WINDOW matches are taken by index and ranked among themselves (title above company above text).
Roles, skills and companies are small tables, searched on the fly the same way, plus a substring
match on their names so that a partial word ("pyth") still finds something.
On SQLite: every word must appear somewhere (substring match), and names rank above text.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import BadRequest
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When

from postings.models import Company, JobPosting
from roles.models import Role
from skills.models import Skill

MAX_QUERY_LENGTH = 100
MAX_RESULTS_PER_KIND = 20
RANK_WINDOW = 200

# (queryset factory, name field, text fields) per kind of result.
SEARCHABLE = {
    "roles": (lambda: Role.objects.published(), "name", ["summary", "responsibilities"]),
    "skills": (lambda: Skill.objects.published(), "name", ["description"]),
    "postings": (
        lambda: JobPosting.objects.live().select_related("company", "role"),
        "title",
        ["company__name", "summary", "requirements", "responsibilities"],
    ),
    "companies": (lambda: Company.objects.published(), "name", ["description"]),
}


@dataclass
class SearchResults:
    query: str
    roles: list[Role] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    postings: list[JobPosting] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)

    @property
    def total(self):
        return len(self.roles) + len(self.skills) + len(self.postings) + len(self.companies)


class QueryTooLong(BadRequest):
    """A query over MAX_QUERY_LENGTH: the site answers with its 400 page, saying so (core/api/errors.py)."""

    fields = ["q"]


def clean_query(raw):
    """
    Trimmed and NUL-free. Longer than MAX_QUERY_LENGTH (the search box's maxlength) is refused rather
    than cut: results for a cut query would answer a question nobody asked.
    """
    query = " ".join((raw or "").replace("\x00", " ").split())
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(f"That search is too long: at most {MAX_QUERY_LENGTH} characters.")
    return query


def search(raw_query):
    query = clean_query(raw_query)
    results = SearchResults(query=query)
    if not query:
        return results
    on_postgresql = connection.vendor == "postgresql"
    for kind, (queryset, name_field, text_fields) in SEARCHABLE.items():
        if not on_postgresql:
            found = _substring_rank(queryset(), query, name_field, text_fields)
        elif kind == "postings":
            found = _postgres_postings(queryset(), query)
        else:
            found = _postgres_rank(queryset(), query, name_field, text_fields)
        setattr(results, kind, list(found[:MAX_RESULTS_PER_KIND]))
    return results


def _websearch(query):
    return SearchQuery(query, search_type="websearch", config="english")


def _postgres_postings(postings, query):
    search_query = _websearch(query)
    newest_matches = postings.filter(search_document=search_query).newest_first().values("pk")[:RANK_WINDOW]
    return (
        postings.filter(pk__in=newest_matches)
        .annotate(rank=SearchRank(F("search_document"), search_query))
        .order_by(F("rank").desc(), F("posted_on").desc(nulls_last=True), "-id")
    )


def _postgres_rank(queryset, query, name_field, text_fields):
    vector = SearchVector(name_field, weight="A", config="english") + SearchVector(
        *text_fields, weight="B", config="english"
    )
    search_query = _websearch(query)
    # Small tables: a substring of the name ("pyth") finds something too, ranked below word matches.
    return (
        queryset.annotate(document=vector)
        .filter(Q(document=search_query) | Q(**{f"{name_field}__icontains": query}))
        .annotate(rank=SearchRank(vector, search_query))
        .order_by(F("rank").desc(), name_field)
    )


def _substring_rank(queryset, query, name_field, text_fields):
    every_word = Q()
    in_name = Q(**{f"{name_field}__icontains": query})
    for word in query.split():
        anywhere = Q(**{f"{name_field}__icontains": word})
        for text_field in text_fields:
            anywhere |= Q(**{f"{text_field}__icontains": word})
        every_word &= anywhere
    return (
        queryset.filter(every_word)
        .annotate(rank=Case(When(in_name, then=Value(2.0)), default=Value(1.0), output_field=FloatField()))
        .order_by(F("rank").desc(), name_field)
    )
