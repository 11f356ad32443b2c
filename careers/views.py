from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from careers.comparing import MIN_ROLES, compare_roles
from careers.forms import FromTextForm
from careers.matching import NEAR_MISS_WINDOW, NEAR_MISSES_SHOWN, match_skills, skills_to_tick
from careers.search import search as run_search
from core.caching import cached_page
from roles.models import Role
from skills.forms import SkillNamesForm

LATEST_POSTINGS_PER_ROLE = 3


@cached_page()
def home(request):
    roles = list(Role.objects.visible_to(request.user).for_cards())
    # Each count is capped (COUNT_CAP + 1), so the sum is a floor: past the cap it reads "1,000+".
    open_postings = sum(role.posting_count or 0 for role in roles)
    return render(request, "careers/home.html", {"roles": roles, "open_postings": open_postings})


@cached_page()
def search(request):
    results = run_search(request.GET.get("q", ""))
    return render(request, "careers/search.html", {"results": results, "query": results.query})


MATCH_SKILLS_HELP = "Any other skill you have, by name, separated by commas (e.g. Docker, Spark)."


@cached_page()
def match(request):
    # Skills typed by name become skill=<slug>, the parameter the match, its API and its links read.
    skill_names = SkillNamesForm(
        request.GET, param="skill", help_text=MATCH_SKILLS_HELP, suggest_url=reverse("skills:suggest")
    )
    query = skill_names.resolved_query(request.GET)
    if query != request.GET:
        return redirect(f"{request.path}?{query.urlencode()}#results")
    chosen = request.GET.getlist("skill")
    roles = Role.objects.visible_to(request.user)
    current = None
    if current_slug := request.GET.get("from", "").strip():
        current = Role.objects.published().filter(slug=current_slug).first()
        if current is None:
            raise Http404(f"Unknown role: {current_slug}")
    result = None
    if chosen or current:
        result = match_skills(chosen, current_role=current, roles=roles, page=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "roles": Role.objects.published(),
        "current": current,
        # Checkboxes for the skills roles ask for most, and those chosen; any other is typed by name. Not every
        # skill: at a few hundred the list was most of the page. Draft skills never count in a match.
        "skills": skills_to_tick(chosen),
        "skill_names": skill_names,
        "chosen": set(chosen),
        "result": result,
        "query_without_page": query.urlencode(),
        "near_misses_shown": NEAR_MISSES_SHOWN,
        "near_miss_window": NEAR_MISS_WINDOW,
    }
    return render(request, "careers/match.html", context)


@cached_page()
def compare(request):
    roles = Role.objects.visible_to(request.user)
    comparison = compare_roles(request.GET.getlist("role"), roles=roles)
    for role in comparison.roles:  # at most MAX_ROLES small index range scans
        role.latest_postings = role.postings.latest(LATEST_POSTINGS_PER_ROLE)
    context = {
        "all_roles": roles,
        "comparison": comparison,
        "chosen": {role.slug for role in comparison.roles} | set(comparison.unknown_slugs),
        "min_roles": MIN_ROLES,
    }
    return render(request, "careers/compare.html", context)


def from_text(request):
    """
    The skills read from a pasted CV, as the person corrected them, sent on to the match or the plan
    (one plain form, two destinations, no JavaScript). The text itself never reaches this request.
    """
    form = FromTextForm(request.GET)
    if not form.is_valid():
        return render(request, "careers/from_text_error.html", {"form": form}, status=400)
    path, params = form.destination()
    return redirect(f"{path}?{urlencode(params)}" if params else path)
