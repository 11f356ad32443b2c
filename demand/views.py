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

    def base_queryset(self):
        return Role.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = skill_demand_of(self.object)
        context |= {"report": report, "chart": ranking_chart(report.skills), "trend_chart": trend_chart(report)}
        return context
