from django.contrib.postgres.search import SearchQuery
from django.db import connection
from rest_framework.filters import SearchFilter

from core.api.viewsets import PublishableViewSet
from postings.filters import JobPostingFilter
from postings.models import Company, JobPosting
from postings.serializers import CompanySerializer, JobPostingSerializer


class PostingSearchFilter(SearchFilter):
    """
    `?search=` over postings: on PostgreSQL the indexed full-text document (every word required, as
    on the site's search page); elsewhere DRF's substring search over `search_fields`.
    """

    def filter_queryset(self, request, queryset, view):
        terms = " ".join(self.get_search_terms(request))
        if not terms or connection.vendor != "postgresql":
            return super().filter_queryset(request, queryset, view)
        return queryset.filter(search_document=SearchQuery(terms, search_type="websearch", config="english"))


class JobPostingViewSet(PublishableViewSet):
    """
    Job postings with structured requirements, newest first. Filters are the same as the site's
    postings page. Lists leave out expired postings; an expired posting's own address still answers.
    """

    serializer_class = JobPostingSerializer
    filterset_class = JobPostingFilter
    filter_backends = [
        backend if backend is not SearchFilter else PostingSearchFilter
        for backend in PublishableViewSet.filter_backends
    ]
    search_fields = ["title", "company__name", "role__name", "requirements", "responsibilities"]
    # Only orders an index serves: sorting a million rows by an unindexed column is not a list query.
    ordering_fields = []
    ordering = None

    def base_queryset(self):
        return JobPosting.objects.for_listing().newest_first()

    def get_queryset(self):
        postings = super().get_queryset()
        return postings.unexpired() if self.action == "list" else postings


class CompanyViewSet(PublishableViewSet):
    """Companies hiring in ML, each with a count of its open postings and a link to them."""

    serializer_class = CompanySerializer
    search_fields = ["name", "description"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]

    def base_queryset(self):
        return Company.objects.with_posting_count().select_related("source")
