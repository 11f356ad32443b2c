from careerguide.api import PublishableViewSet
from postings.filters import JobPostingFilter
from postings.models import Company, JobPosting
from postings.serializers import CompanySerializer, JobPostingSerializer


class JobPostingViewSet(PublishableViewSet):
    """Job postings with structured requirements. Filters are the same as the site's postings page."""

    serializer_class = JobPostingSerializer
    filterset_class = JobPostingFilter
    search_fields = ["title", "company__name", "role__name", "requirements", "responsibilities"]
    ordering_fields = ["title", "min_degree", "min_years_experience", "updated_at"]
    ordering = ["title"]

    def base_queryset(self):
        return JobPosting.objects.for_listing()


class CompanyViewSet(PublishableViewSet):
    """Companies the guide names as hiring, each with its published postings."""

    serializer_class = CompanySerializer
    search_fields = ["name", "description"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]

    def base_queryset(self):
        return Company.objects.with_postings().select_related("source")
