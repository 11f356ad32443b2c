from django.shortcuts import render
from django.views.generic import DetailView, ListView

from roles.charts import salary_chart
from roles.matching import match_skills
from roles.models import Role, SalaryFigure
from skills.models import Skill


class RoleListView(ListView):
    template_name = "roles/role_list.html"

    def get_queryset(self):
        return Role.objects.published().for_cards()


class RoleDetailView(DetailView):
    template_name = "roles/role_detail.html"

    def get_queryset(self):
        return Role.objects.published().with_everything()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["relations"] = self.object.relations_with_skill_delta()
        return context


def salaries(request):
    figures = list(SalaryFigure.objects.published().for_listing().order_by("-amount"))
    return render(request, "roles/salaries.html", {"figures": figures, "chart": salary_chart(figures)})


def match(request):
    chosen = request.GET.getlist("skill")
    result = match_skills(chosen) if chosen else None
    context = {
        "skills": Skill.objects.published().in_category_order(),
        "chosen": set(chosen),
        "result": result,
    }
    return render(request, "roles/match.html", context)


def compare(request):
    slugs = list(dict.fromkeys(request.GET.getlist("role")))
    found = {role.slug: role for role in Role.objects.published().with_everything().filter(slug__in=slugs)}
    roles = [found[slug] for slug in slugs if slug in found]
    context = {
        "all_roles": Role.objects.published(),
        "roles": roles,
        "chosen": set(slugs),
        "unknown": [slug for slug in slugs if slug not in found],
        "skill_rows": Role.skill_matrix(roles) if len(roles) >= 2 else [],
    }
    return render(request, "roles/compare.html", context)
