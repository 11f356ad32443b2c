from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from core.caching import cached_page
from core.publishing import PUBLISHED
from core.views import VisibleToUserMixin
from paths.maps import plan_map
from paths.models import PATH_MODELS, Path
from paths.planning import UnknownRole, plan_arguments, plan_move
from postings.models import HELD_DEGREE_CHOICES
from roles.models import RelationKind, Role, RoleRelation
from skills.forms import SkillNamesForm
from skills.models import Skill

# The plan also counts postings: their changes must reach it too.
PLAN_MODELS = (*PATH_MODELS, "roles.RoleSkill", "postings.JobPosting", "postings.PostingSkill")


@method_decorator(cached_page(*PATH_MODELS), name="dispatch")
class PathListView(VisibleToUserMixin, ListView):
    template_name = "paths/path_list.html"

    def base_queryset(self):
        return Path.objects.for_cards()


@method_decorator(cached_page(*PATH_MODELS), name="dispatch")
class PathDetailView(VisibleToUserMixin, DetailView):
    template_name = "paths/path_detail.html"

    def base_queryset(self):
        # A curator previewing a path sees its draft steps too.
        return Path.objects.with_steps(drafts=Path.objects.shows_drafts_to(self.request.user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["steps"] = list(self.object.steps.all())
        # Where the path leads, with what it pays and how many postings are open: the answer before the route.
        context["target"] = (
            Role.objects.visible_to(self.request.user).for_cards().filter(pk=self.object.target_role_id).first()
        )
        return context


OTHER_SKILLS_HELP = "Any other skill you have, by name, separated by commas (e.g. SQL, Docker)."


def skills_to_tick(plan):
    """
    The plan form's checkboxes: the skills this move involves (its steps' skills and the role's soft
    skills) and those already given, in category order. Not every skill: at a few hundred the list was
    most of the page; any other skill is typed by name (SkillNamesForm).
    """
    involved = {item.skill.pk for step in plan.steps for item in step.skills}
    involved |= {item.skill.pk for item in getattr(plan.gap, "soft_skills", None) or []}
    involved |= {skill.pk for skill in plan.skills}
    return Skill.objects.published().filter(pk__in=involved).in_category_order()


@cached_page(*PLAN_MODELS)
def plan(request):
    """The personal plan: public data only, as the skill match (what the public will see)."""
    # Skills typed by name become have=<slug>, the parameter the plan, its API and its links read.
    skill_names = SkillNamesForm(
        request.GET, param="have", help_text=OTHER_SKILLS_HELP, suggest_url=reverse("skills:suggest")
    )
    query = skill_names.resolved_query(request.GET)
    if query != request.GET:
        return redirect(f"{request.path}?{query.urlencode()}#plan")
    try:
        result = plan_move(**plan_arguments(request.GET))
    except UnknownRole as error:
        raise Http404(str(error)) from error
    roles = Role.objects.published()
    context = {
        "plan": result,
        "map": plan_map(result),
        "roles": roles,
        "skills": skills_to_tick(result),
        "skill_names": skill_names,
        "degrees": HELD_DEGREE_CHOICES,
        "chosen": {skill.slug for skill in result.skills},
        "share_query": result.query_string(),
        # The moves into the target role the guide describes: each a view of the same gap.
        "moves_in": RoleRelation.objects.filter(
            to_role=result.to_role, kind=RelationKind.TRANSITION, from_role__status=PUBLISHED
        ).select_related("from_role")
        if result.to_role
        else [],
    }
    return render(request, "paths/plan.html", context)
