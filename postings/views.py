from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from core.caching import cached_page
from core.pagination import CappedPaginator
from postings.filters import JobPostingFilter
from postings.models import Company, JobPosting

LATEST_POSTINGS = 10


@method_decorator(cached_page(), name="dispatch")
class JobPostingListView(ListView):
    """Live postings, newest first, with combinable filters; the filters live in the URL so a view can be shared."""

    template_name = "postings/posting_list.html"
    paginate_by = 20
    paginator_class = CappedPaginator

    def get_queryset(self):
        # Invalid filter values are shown on the form and left out of the filtering, never a 500.
        self.filterset = JobPostingFilter(self.request.GET or None, queryset=JobPosting.objects.live().for_listing())
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context |= {"filter": self.filterset, "query_without_page": query.urlencode(), "is_filtered": bool(query)}
        return context


@method_decorator(cached_page(), name="dispatch")
class JobPostingDetailView(DetailView):
    """Expired postings stay reachable here (with a notice), so links and bookmarks never break."""

    template_name = "postings/posting_detail.html"
    context_object_name = "posting"

    def get_queryset(self):
        return JobPosting.objects.published().for_listing()


@method_decorator(cached_page(), name="dispatch")
class CompanyListView(ListView):
    template_name = "postings/company_list.html"
    paginate_by = 50
    paginator_class = CappedPaginator

    def get_queryset(self):
        return Company.objects.published().with_posting_count()


@method_decorator(cached_page(), name="dispatch")
class CompanyDetailView(DetailView):
    template_name = "postings/company_detail.html"

    def get_queryset(self):
        return Company.objects.published().with_posting_count()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_postings"] = JobPosting.objects.filter(company=self.object).latest(LATEST_POSTINGS)
        return context
