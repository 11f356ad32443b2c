from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView

from core.caching import cached_page
from core.views import VisibleToUserMixin
from demand.charts import ranking_chart, trend_chart
from demand.models import DEMAND_MODELS
from demand.reports import skill_demand_of
from roles.models import Role
from skills.models import Skill


@method_decorator(cached_page(Role, Skill, *DEMAND_MODELS), name="dispatch")
class RoleSkillDemandView(VisibleToUserMixin, DetailView):
    """A role's full skill ranking with its chart, and the month-by-month trend."""

    template_name = "demand/role_skill_demand.html"
    # The table's rows a page: a role asked for 300 skills made an 80 KB page; the chart keeps the top ones.
    skills_per_page = 50

    def base_queryset(self):
        return Role.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = skill_demand_of(self.object)
        try:
            page = Paginator(report.skills, self.skills_per_page).page(self.request.GET.get("page") or 1)
        except InvalidPage:
            raise Http404("No such page of skills for this role.") from None
        context |= {
            "report": report,
            "chart": ranking_chart(report.skills),
            "trend_chart": trend_chart(report),
            "page_obj": page,
        }
        return context
