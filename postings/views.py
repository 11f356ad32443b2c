from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from core.caching import cached_page
from core.pagination import CappedPaginator
from core.views import VisibleToUserMixin
from postings import structured_data
from postings.filters import JobPostingFilter, shareable_query
from postings.models import Company, JobPosting
from skills.forms import SkillNamesForm

LATEST_POSTINGS = 10
# A chip's label is short: the form's labels are written for the form.
CHIP_LABELS = {
    "skill": "Skill",
    "degree": "Degree",
    "max_years": "Years at most",
    "posted_within": "Posted within (days)",
}


def active_filters(filterset, query):
    """
    One chip per filter value in the address: its label ("Workplace: Remote") and the address without
    it. Names come from what the form already cleaned (a role, the chosen skills), so no query of their own.
    """
    form = filterset.form
    cleaned = getattr(form, "cleaned_data", {})
    chips = []
    for name, values in query.lists():
        if name not in form.fields:
            continue
        field = form.fields[name]
        if name == "have":
            # The plan's skills, often twenty or more: one chip for all of them, not one each.
            rest = query.copy()
            del rest[name]
            label = f"You meet them with {len(values)} skill{'s' if len(values) != 1 else ''}"
            chips.append({"label": label, "url": reverse("postings:list") + (f"?{rest.urlencode()}" if rest else "")})
            continue
        names = {obj.slug: str(obj) for obj in _as_list(cleaned.get(name)) if hasattr(obj, "slug")}
        choices = {str(value): str(label) for value, label in getattr(field, "choices", [])}
        for value in values:
            rest = query.copy()
            rest.setlist(name, [other for other in values if other != value])
            chips.append(
                {
                    "label": f"{CHIP_LABELS.get(name, field.label)}: {names.get(value) or choices.get(value) or value}",
                    "url": reverse("postings:list") + (f"?{rest.urlencode()}" if rest else ""),
                }
            )
    return chips


def chosen_skills(filterset, query):
    """The skills in the address, by name, each with the address without it (the skill box's chips)."""
    skills = getattr(filterset.form, "cleaned_data", {}).get("skill") or []
    order = query.getlist("skill")  # in the order they were chosen, not by name
    skills = sorted(skills, key=lambda skill: order.index(skill.slug) if skill.slug in order else len(order))
    chips = []
    for skill in skills:
        rest = query.copy()
        rest.setlist("skill", [slug for slug in query.getlist("skill") if slug != skill.slug])
        chips.append({"skill": skill, "url": reverse("postings:list") + (f"?{rest.urlencode()}" if rest else "")})
    return chips


def _as_list(value):
    if value is None or value == "":
        return []
    return list(value) if hasattr(value, "__iter__") and not isinstance(value, str) else [value]


def bullet_lines(text):
    """A posting's '- ' lines as list items, or None when the text is prose (shown as paragraphs then)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and all(line.startswith(("- ", "* ", "• ")) for line in lines):
        return [line[2:].strip() for line in lines]
    return None


@method_decorator(cached_page(), name="dispatch")
class JobPostingListView(ListView):
    """Live postings, newest first, with combinable filters; the filters live in the URL so a view can be shared."""

    template_name = "postings/posting_list.html"
    paginate_by = 20
    paginator_class = CappedPaginator

    def get(self, request, *args, **kwargs):
        # The form sends every field; the address to share names only those filled in, and skills typed
        # by name become the skill=<slug> parameters every link and the API use.
        self.skill_names = SkillNamesForm(request.GET)
        query = shareable_query(self.skill_names.resolved_query(request.GET))
        if query != request.GET:
            return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Invalid filter values are shown on the form and left out of the filtering, never a 500.
        self.filterset = JobPostingFilter(self.request.GET or None, queryset=JobPosting.objects.live().for_listing())
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("skill_names", None)  # only names that matched no skill are left: they filter nothing
        context |= {
            "skill_names": self.skill_names,
            "chosen_skills": chosen_skills(self.filterset, query),
            "filter": self.filterset,
            "query_without_page": query.urlencode(),
            "is_filtered": bool(query),
            # An unbound form (no query) has no cleaned_data: newest first.
            "ordered_by_pay": getattr(self.filterset.form, "cleaned_data", {}).get("order") == "pay",
            "feed_url": reverse("postings:feed") + (f"?{query.urlencode()}" if query else ""),
            "active_filters": active_filters(self.filterset, query),
        }
        return context


@method_decorator(cached_page(), name="dispatch")
class JobPostingDetailView(VisibleToUserMixin, DetailView):
    """Expired postings stay reachable here (with a notice), so links and bookmarks never break."""

    template_name = "postings/posting_detail.html"
    context_object_name = "posting"

    def base_queryset(self):
        return JobPosting.objects.for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context |= {
            "json_ld": structured_data.as_script_content(structured_data.job_posting(self.object, self.request)),
            "requirement_items": bullet_lines(self.object.requirements),
            "responsibility_items": bullet_lines(self.object.responsibilities),
        }
        return context


@method_decorator(cached_page(), name="dispatch")
class CompanyListView(VisibleToUserMixin, ListView):
    template_name = "postings/company_list.html"
    paginate_by = 50
    paginator_class = CappedPaginator

    def base_queryset(self):
        return Company.objects.with_posting_count()


@method_decorator(cached_page(), name="dispatch")
class CompanyDetailView(VisibleToUserMixin, DetailView):
    template_name = "postings/company_detail.html"

    def base_queryset(self):
        return Company.objects.with_posting_count()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_postings"] = self.object.postings.latest(LATEST_POSTINGS)
        return context
