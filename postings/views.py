from django.views.generic import DetailView, ListView

from postings.filters import JobPostingFilter
from postings.models import Company, JobPosting


class JobPostingListView(ListView):
    """Postings with combinable filters; the filters live in the URL so a view can be shared."""

    template_name = "postings/posting_list.html"
    paginate_by = 20

    def get_queryset(self):
        # Invalid filter values are shown on the form and left out of the filtering, never a 500.
        self.filterset = JobPostingFilter(self.request.GET or None, queryset=JobPosting.objects.published().for_listing())
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context |= {"filter": self.filterset, "query_without_page": query.urlencode(), "is_filtered": bool(query)}
        return context


class JobPostingDetailView(DetailView):
    template_name = "postings/posting_detail.html"
    context_object_name = "posting"

    def get_queryset(self):
        return JobPosting.objects.published().for_listing()


class CompanyListView(ListView):
    template_name = "postings/company_list.html"

    def get_queryset(self):
        return Company.objects.published().with_posting_count()


class CompanyDetailView(DetailView):
    template_name = "postings/company_detail.html"

    def get_queryset(self):
        return Company.objects.published().with_postings()
