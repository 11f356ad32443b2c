from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from core.caching import cached_page
from core.pagination import CappedPaginator
from postings.models import JobPosting
from skills.models import Skill

LATEST_POSTINGS = 5


@method_decorator(cached_page(), name="dispatch")
class SkillListView(ListView):
    template_name = "skills/skill_list.html"

    def get_queryset(self):
        return Skill.objects.published().in_category_order().with_roles()


@method_decorator(cached_page(), name="dispatch")
class SkillDetailView(DetailView):
    template_name = "skills/skill_detail.html"

    def get_queryset(self):
        return Skill.objects.published().with_roles()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        asking = JobPosting.objects.asking_for(self.object)
        context |= {
            "latest_postings": asking.latest(LATEST_POSTINGS),
            "posting_count": CappedPaginator(asking.live(), 1).count,
        }
        return context
