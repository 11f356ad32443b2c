from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from core.caching import cached_page
from core.views import VisibleToUserMixin
from skills.hierarchy import as_tree
from skills.models import Skill

LATEST_POSTINGS = 5
MOST_ASKED = 10
SUGGESTIONS = 8


@cached_page("skills.Skill", "skills.SkillAlias")
def suggest(request):
    """
    `?q=torch` -> {"results": [{"slug", "name"}, …]}: published skills whose name or an alias contains
    the words, for the postings page's skill box (static/js/postings-filters.js). At most 8, and the
    words are cut at 100 characters, so neither a long question nor a short one costs much.
    """
    words = request.GET.get("q", "")[:100]
    skills = Skill.objects.published().suggest(words, limit=SUGGESTIONS).values("slug", "name")
    return JsonResponse({"results": list(skills)})


@method_decorator(cached_page(), name="dispatch")
class SkillListView(VisibleToUserMixin, ListView):
    template_name = "skills/skill_list.html"

    def base_queryset(self):
        return Skill.objects.in_category_order().with_role_count()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The tree of the skills shown: each broader skill with its narrower ones nested under it, the
        # top-level skills grouped by category (a narrower skill sits under its broader one, whatever
        # its own category).
        skills = list(context["object_list"])
        categories = {}
        for skill, narrower in as_tree(skills):
            categories.setdefault(skill.get_category_display(), []).append((skill, narrower))
        # Names only, in columns, with a count per category and a jump list: at 640 skills a line per skill
        # with its role count made the page 84 KB. The few skills most roles ask for lead the page instead.
        context["categories"] = [(name, nodes, tree_size(nodes)) for name, nodes in categories.items()]
        context["most_asked"] = sorted(
            (skill for skill in skills if skill.role_count), key=lambda skill: (-skill.role_count, skill.name)
        )[:MOST_ASKED]
        return context


def tree_size(nodes):
    """How many skills a tree holds, nested ones included."""
    return sum(1 + tree_size(narrower) for _, narrower in nodes)


@method_decorator(cached_page(), name="dispatch")
class SkillDetailView(VisibleToUserMixin, DetailView):
    template_name = "skills/skill_detail.html"

    def base_queryset(self):
        return Skill.objects.with_roles().select_related("broader")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The postings come through the reverse relation that JobPosting.skills declares.
        latest, count = self.object.postings.model.objects.latest_asking_for(self.object, LATEST_POSTINGS)
        # Skill demand likewise, through the relation the demand app declares (RoleSkillDemand.skill).
        demand = self.object.role_demand
        broader = self.object.broader
        shows_drafts = Skill.objects.shows_drafts_to(self.request.user)
        context |= {
            "broader": broader if broader and (broader.is_published or shows_drafts) else None,
            "narrower": list(Skill.objects.visible_to(self.request.user).filter(broader=self.object)),
            "latest_postings": latest,
            "posting_count": count,
            "in_demand_for": list(demand.for_skill_page()),
            "in_demand_rule": demand.model.in_demand_rule,
        }
        return context
