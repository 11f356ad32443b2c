from django.views.generic import DetailView, ListView

from postings.models import JobPosting


class JobPostingListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return JobPosting.objects.published().select_related("company", "role")


class JobPostingDetailView(DetailView):
    def get_queryset(self):
        return JobPosting.objects.published().select_related("company", "role")
