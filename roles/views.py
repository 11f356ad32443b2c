from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from core.caching import cached_page
from postings.models import JobPosting
from roles.charts import salary_chart
from roles.matching import match_skills
from roles.models import Role, SalaryFigure
from skills.models import Skill

LATEST_POSTINGS = 5


@method_decorator(cached_page(), name="dispatch")
class RoleListView(ListView):
    template_name = "roles/role_list.html"

    def get_queryset(self):
        return Role.objects.published().for_cards()


@method_decorator(cached_page(), name="dispatch")
class RoleDetailView(DetailView):
    template_name = "roles/role_detail.html"

    def get_queryset(self):
        return Role.objects.published().with_everything().with_posting_count()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context |= {
            "relations": self.object.relations_with_skill_delta(),
            "latest_postings": JobPosting.objects.filter(role=self.object).latest(LATEST_POSTINGS),
        }
        return context


@cached_page(SalaryFigure, Role, "sources.Source")
def salaries(request):
    figures = list(SalaryFigure.objects.published().for_listing().order_by("-amount"))
    return render(request, "roles/salaries.html", {"figures": figures, "chart": salary_chart(figures)})


@cached_page()
def match(request):
    chosen = request.GET.getlist("skill")
    result = match_skills(chosen, page=request.GET.get("page")) if chosen else None
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "skills": Skill.objects.published().in_category_order(),
        "chosen": set(chosen),
        "result": result,
        "query_without_page": query.urlencode(),
    }
    return render(request, "roles/match.html", context)


@cached_page()
def compare(request):
    slugs = list(dict.fromkeys(request.GET.getlist("role")))[:6]
    found = {
        role.slug: role
        for role in Role.objects.published().with_everything().with_posting_count().filter(slug__in=slugs)
    }
    roles = [found[slug] for slug in slugs if slug in found]
    for role in roles:  # at most six small index range scans
        role.latest_postings = JobPosting.objects.filter(role=role).latest(3)
    context = {
        "all_roles": Role.objects.published(),
        "roles": roles,
        "chosen": set(slugs),
        "unknown": [slug for slug in slugs if slug not in found],
        "skill_rows": Role.skill_matrix(roles) if len(roles) >= 2 else [],
    }
    return render(request, "roles/compare.html", context)
