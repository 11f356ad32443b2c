from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from core.caching import cached_page
from core.relations import later_app_model
from core.views import VisibleToUserMixin
from roles.charts import salary_chart
from roles.models import Role, SalaryFigure
from roles.transitions import transitions_of

LATEST_POSTINGS = 5
TOP_DEMANDED_SKILLS = 5


@method_decorator(cached_page(), name="dispatch")
class RoleListView(VisibleToUserMixin, ListView):
    template_name = "roles/role_list.html"

    def base_queryset(self):
        return Role.objects.for_cards()


@method_decorator(cached_page(), name="dispatch")
class RoleDetailView(VisibleToUserMixin, DetailView):
    template_name = "roles/role_detail.html"

    def base_queryset(self):
        return Role.objects.with_everything().with_posting_count()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Skill demand is counted by the demand app, reached through the relation it declares (RoleDemand.role).
        demand = later_app_model(Role, "demand").objects.report_for(
            self.object, top=TOP_DEMANDED_SKILLS, with_trend=False
        )
        latest = list(self.object.postings.latest(LATEST_POSTINGS))
        relations = transitions_of(self.object)
        # The moves into this role answer "how do I get in", near the top; the rest (who it works with,
        # where it leads) are related roles, further down.
        moves_in = [row for row in relations if row.gap and row.destination == self.object]
        context |= {
            "moves_in": moves_in,
            "related": [row for row in relations if row not in moves_in],
            "moves_out": [row for row in relations if row.gap and row not in moves_in],
            "alongside": [row for row in relations if not row.gap],
            "latest_postings": latest,
            "skill_demand": demand,
            "entry": entry_requirements(latest),
        }
        return context


def entry_requirements(postings):
    """The lowest degree and fewest years the newest postings ask for: the quick facts' way in."""
    degrees = [p for p in postings if p.min_degree is not None]
    years = [p.min_years_experience for p in postings if p.min_years_experience is not None]
    lowest = min(degrees, key=lambda p: p.min_degree, default=None)
    return {
        "degree": lowest.get_min_degree_display() if lowest else "",
        "or_equivalent": bool(lowest and lowest.accepts_equivalent_experience),
        "years": min(years, default=None),
        "counted": len(postings),
    }


@cached_page(SalaryFigure, Role, "sources.Source")
def salaries(request):
    figures = list(SalaryFigure.objects.visible_to(request.user).for_listing().order_by("-amount"))
    return render(request, "roles/salaries.html", {"figures": figures, "chart": salary_chart(figures)})
