"""
The personal plan: the address's parameters (where you are, where you want to be, what you know, your
degree, your progress) read into the skill gap engine (`paths.gap`), which does the planning. The page
/plan/ and the API's /api/v1/plan/ both call `plan_move`, so they show the same plan.

Progress is kept per skill in the address (`done=slug&learning=slug&skipped=slug`): no account needed,
and a shared link shows the same plan. A skill marked done counts as known.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from paths.gap import EducationCheck, EducationStatus, Gap, Progress, skill_gap
from paths.models import Path
from postings.models import DEGREE_BY_NAME, HELD_DEGREE_LABELS, MAX_YEARS_EXPERIENCE, Degree
from roles.models import Role
from skills.models import Skill

MAX_YEARS = MAX_YEARS_EXPERIENCE  # years of experience, as the postings list's "most years of experience" bounds them
MAX_HAVE = 100  # skills in one plan: more than the catalogue's, fewer than an abusive address
NAME_OF_DEGREE = {degree: name for name, degree in DEGREE_BY_NAME.items()}
PROGRESS_PARAMETERS = Progress.STATES  # done, learning, skipped: each a repeated parameter of skill slugs


class PlanError(ValueError):
    """Parameters that name nothing: {"have": ["Unknown skill: x"], …}, the API's field errors."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items()))


class UnknownRole(PlanError):
    """`from` or `to` names no published role: the page answers 404, the API 400."""


@dataclass
class Plan:
    from_role: Role | None
    to_role: Role | None
    skills: list[Skill]  # the skills ticked as had, published, in slug order (as the shared address)
    degree: Degree | None
    progress: dict[str, str]  # skill slug → done, learning or skipped
    gap: Gap | None = None
    years: int | None = None  # years of experience given; None: not given (then not checked, only stated)
    ignored: dict[str, list[str]] = field(default_factory=dict)  # parameters left out: they name nothing

    @property
    def path(self):
        return self.gap.path if self.gap else None

    @property
    def steps(self):
        return self.gap.steps if self.gap else []

    @property
    def steps_left(self):
        return self.gap.steps_left if self.gap else []

    @property
    def learn_next(self):
        return self.gap.learn_next if self.gap else None

    @property
    def postings_now(self):
        return self.gap.postings_now or 0 if self.gap else 0

    @property
    def postings_now_display(self):
        return self.gap.postings_now_display if self.gap else "0"

    @property
    def already_there(self):
        return bool(self.gap and self.gap.already_there)

    @property
    def from_role_skills(self):
        """The skills of the plan counted as known because the current role lists them."""
        return self.gap.known_from_current_role if self.gap else []

    @property
    def degree_label(self):
        return None if self.degree is None else HELD_DEGREE_LABELS[self.degree]

    def query_params(self, **change):
        """
        The plan's parameters, canonical: the address that reproduces this plan. `change` (skill slug →
        a progress state or None) gives the address of the same plan with those skills' progress changed.
        """
        progress = {**self.progress, **change}
        params = []
        if self.from_role:
            params.append(("from", self.from_role.slug))
        if self.to_role:
            params.append(("to", self.to_role.slug))
        params += [("have", skill.slug) for skill in sorted(self.skills, key=lambda s: s.slug)]
        if self.degree is not None:
            params.append(("degree", NAME_OF_DEGREE[self.degree]))
        if self.years is not None:
            params.append(("years", str(self.years)))
        for state in PROGRESS_PARAMETERS:
            params += [(state, slug) for slug, value in sorted(progress.items()) if value == state]
        return params

    def query_string(self, **change):
        return urlencode(self.query_params(**change))


def plan_arguments(query):
    """plan_move's arguments from a query string: the page and /api/v1/plan/ take the same parameters."""
    return {
        "from_role": query.get("from"),
        "to_role": query.get("to"),
        "have": query.getlist("have"),
        "degree": query.get("degree"),
        "years": query.get("years"),
        **{state: query.getlist(state) for state in PROGRESS_PARAMETERS},
    }


def _clean_slugs(values):
    return list(dict.fromkeys(value.strip() for value in values if value and value.strip()))


def plan_move(
    *, from_role=None, to_role=None, have=(), degree=None, years=None, done=(), learning=(), skipped=(), strict=False
):
    """
    The plan for moving from `from_role` (a role slug, optional) into `to_role` (a role slug; default:
    the first published path's role) with the skills `have` (slugs), the degree `degree` ("none",
    "bachelor", "master", "phd" or None), the years of experience `years` (0 to MAX_YEARS, or None) and
    progress per skill (`done`, `learning`, `skipped`: slugs).
    A role slug that names nothing raises UnknownRole. Other values that name nothing raise PlanError
    with strict=True (the API), else are left out and listed in `ignored`.
    """
    errors = {}
    from_slug, to_slug = (from_role or "").strip(), (to_role or "").strip()
    wanted = [slug for slug in (from_slug, to_slug) if slug]
    roles = {role.slug: role for role in Role.objects.published().filter(slug__in=wanted)}
    origin, target = roles.get(from_slug), roles.get(to_slug)
    role_errors = {
        name: [f"Unknown role: {slug}"]
        for name, slug, role in (("from", from_slug, origin), ("to", to_slug, target))
        if slug and role is None
    }
    if role_errors:
        raise UnknownRole(role_errors)
    if target is None:
        first = Path.objects.published().select_related("target_role").order_by("name").first()
        target = first.target_role if first else None

    # Progress: a slug given in several states keeps the first of done, learning, skipped.
    progress = {}
    for state, values in (("done", done), ("learning", learning), ("skipped", skipped)):
        for slug in _clean_slugs(values)[:MAX_HAVE]:
            progress.setdefault(slug, state)
    have_slugs = _clean_slugs(have)[:MAX_HAVE]
    found = {skill.slug: skill for skill in Skill.objects.published().filter(slug__in=[*have_slugs, *progress])}
    # In slug order, as the shared address lists them: the plan reads the same however it was reached.
    skills = [found[slug] for slug in sorted(have_slugs) if slug in found]
    if unknown := [slug for slug in have_slugs if slug not in found]:
        errors["have"] = [f"Unknown skill: {slug}" for slug in unknown]
    for slug, state in list(progress.items()):
        if slug not in found:
            errors.setdefault(state, []).append(f"Unknown skill: {slug}")
            del progress[slug]

    held = None
    if degree not in (None, ""):
        held = DEGREE_BY_NAME.get(str(degree).strip().lower())
        if held is None:
            errors["degree"] = [f"Unknown degree: {degree}. One of: {', '.join(DEGREE_BY_NAME)}."]
    experience = None
    if years not in (None, ""):
        raw = str(years).strip()
        if raw.isascii() and raw.isdigit() and int(raw) <= MAX_YEARS:
            experience = int(raw)
        else:
            errors["years"] = [f"Years of experience: a whole number from 0 to {MAX_YEARS}, not {years}."]
    if strict and errors:
        raise PlanError(errors)

    plan = Plan(origin, target, skills, held, progress, ignored=errors, years=experience)
    if target is not None:
        plan.gap = skill_gap(
            target, current_role=origin, known_skills=skills, degree=held, progress=progress, years=experience
        )
    return plan


__all__ = ["MAX_YEARS", "EducationCheck", "EducationStatus", "Plan", "PlanError", "UnknownRole", "plan_move"]
