"""
The personal plan: a path's steps read against where someone stands.

`plan_move(from_role=…, to_role=…, have=[…], degree=…, done=[…])` takes the raw values of the plan's
address (`/plan/?from=…&to=…&have=…&degree=…&done=…`), finds the published path into the target role,
and says, per step, which of its skills the person already has and which are left, how the education
step reads against their degree, and how many live postings for the target role they would meet once
that step and the ones before it are done. The page and the API both render the `Plan` it returns.

What counts as known: the skills ticked (`have`), the essential skills of the role moved from (`from`:
a move between roles is a view of the destination's path, see `paths.models.Path`), the skills of the
steps ticked done, and every broader skill above those (`skills.hierarchy.meets`: PyTorch meets
"machine-learning frameworks").

Postings met are counted the way the skill match finds them (careers/matching.py): a posting is met
when every published essential skill it lists is known; only postings whose `match_anchor` (one of
their essential skills) is known, is a draft skill, or is unset can be met, which the anchor index
answers instead of testing every posting. Each count stops at COUNT_CAP + 1 ("10,000+"), and all of
them are subqueries of one SQL statement, so the plan runs a fixed number of queries at any data size.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from core.pagination import COUNT_CAP, CappedCount, display_count
from core.publishing import PUBLISHED
from paths.models import Path, PathStep
from postings.models import DEGREE_BY_NAME, Degree, JobPosting
from roles.models import Role
from skills import hierarchy
from skills.models import Importance, Skill

MAX_HAVE = 100  # skills in one plan: more than the catalogue's, fewer than an abusive address
NAME_OF_DEGREE = {degree: name for name, degree in DEGREE_BY_NAME.items()}
# The degree someone holds, as they would say it (Degree's labels speak of what a posting requires).
HELD_DEGREE_LABELS = {
    Degree.NONE: "No degree",
    Degree.BACHELOR: "Bachelor's",
    Degree.MASTER: "Master's",
    Degree.PHD: "PhD",
}


class PlanError(ValueError):
    """Parameters that name nothing: {"have": ["Unknown skill: x"], …}, the API's field errors."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items()))


class EducationStatus:
    MEETS = "meets"  # the degree held is at least the one the step is about
    ALTERNATIVE = "alternative"  # below it, but the step names a way in without it
    SHORT = "short"  # below it, and the step names no alternative
    UNKNOWN = "unknown"  # no degree given


@dataclass
class EducationCheck:
    """An education step read against the degree someone says they hold."""

    min_degree: Degree
    fields_of_study: list
    accepts_equivalent_experience: bool
    accepts_courses_or_certification: bool
    your_degree: Degree | None
    status: str

    @property
    def alternatives(self):
        """The ways in the step accepts instead of the degree, as a reader sees them."""
        ways = []
        if self.accepts_equivalent_experience:
            ways.append("equivalent practical experience")
        if self.accepts_courses_or_certification:
            ways.append("online courses or a certification program")
        return ways

    @property
    def verdict(self):
        degree = Degree(self.min_degree).label
        if self.status == EducationStatus.MEETS:
            return f"Your degree meets this step (it asks for a {degree} degree)."
        if self.status == EducationStatus.ALTERNATIVE:
            return f"Without a {degree} degree, this step accepts " + " or ".join(self.alternatives) + "."
        if self.status == EducationStatus.SHORT:
            return f"This step asks for a {degree} degree."
        return f"This step is about a {degree} degree; say which degree you hold to see where you stand."


@dataclass
class PlannedStep:
    step: PathStep
    number: int  # position in the path, from 1
    have: list[Skill]  # skills of the step already known
    left: list[Skill]  # skills of the step still to learn
    education: EducationCheck | None
    ticked: bool  # marked done in the address
    postings_met: int  # live postings for the target role met once this step and those before are done

    @property
    def complete(self):
        """Ticked, or nothing left: every skill known and the education met (a step with neither must be ticked)."""
        if self.ticked:
            return True
        education_met = self.education is None or self.education.status == EducationStatus.MEETS
        has_content = bool(self.have or self.left or self.education)
        return has_content and not self.left and education_met

    @property
    def postings_met_display(self):
        return display_count(self.postings_met)

    @property
    def resources(self):
        return list(self.step.resources.all())


@dataclass
class Plan:
    path: Path | None
    from_role: Role | None
    to_role: Role | None
    skills: list[Skill]  # the skills ticked as had, published, in slug order (as the shared address)
    from_role_skills: list[Skill]  # essential skills of the role moved from, counted as known
    degree: Degree | None
    done: list[int]  # orders of the steps ticked done
    steps: list[PlannedStep] = field(default_factory=list)
    postings_now: int = 0  # live postings for the target role met today
    ignored: dict[str, list[str]] = field(default_factory=dict)  # parameters left out: they name nothing

    @property
    def degree_label(self):
        return None if self.degree is None else HELD_DEGREE_LABELS[self.degree]

    @property
    def postings_now_display(self):
        return display_count(self.postings_now)

    @property
    def steps_left(self):
        return [step for step in self.steps if not step.complete]

    def query_params(self):
        """The plan's parameters, canonical: the address that reproduces this plan."""
        params = []
        if self.from_role:
            params.append(("from", self.from_role.slug))
        if self.to_role:
            params.append(("to", self.to_role.slug))
        params += [("have", skill.slug) for skill in sorted(self.skills, key=lambda s: s.slug)]
        if self.degree is not None:
            params.append(("degree", NAME_OF_DEGREE[self.degree]))
        params += [("done", str(order)) for order in sorted(self.done)]
        return params

    def query_string(self):
        return urlencode(self.query_params())


def _known_with_broader(skill_ids, links):
    """The skills someone with `skill_ids` meets: the skills and every broader one (the skill hierarchy)."""
    return hierarchy.meets(skill_ids, links)


def plan_arguments(query):
    """plan_move's arguments from a query string: the page and /api/v1/plan/ take the same parameters."""
    return {
        "from_role": query.get("from"),
        "to_role": query.get("to"),
        "have": query.getlist("have"),
        "degree": query.get("degree"),
        "done": query.getlist("done"),
    }


def _clean_slugs(values):
    return list(dict.fromkeys(value.strip() for value in values if value and value.strip()))


def plan_move(*, from_role=None, to_role=None, have=(), degree=None, done=(), strict=False):
    """
    The plan for moving from `from_role` (a role slug, optional) into `to_role` (a role slug; default:
    the first published path's role) with the skills `have` (slugs), the degree `degree` ("none",
    "bachelor", "master", "phd" or None) and the steps `done` (step orders, as strings). Values that
    name nothing raise PlanError with strict=True (the API), else are left out and listed in `ignored`.
    """
    errors = {}
    from_slug, to_slug = (from_role or "").strip(), (to_role or "").strip()
    roles = {
        role.slug: role
        for role in Role.objects.published().filter(slug__in=[s for s in (from_slug, to_slug) if s]).with_skills()
    }
    origin, target = roles.get(from_slug), roles.get(to_slug)
    for name, slug, role in (("from", from_slug, origin), ("to", to_slug, target)):
        if slug and role is None:
            errors[name] = [f"Unknown role: {slug}"]

    have_slugs = _clean_slugs(have)[:MAX_HAVE]
    found = {skill.slug: skill for skill in Skill.objects.published().filter(slug__in=have_slugs)}
    # In slug order, as the shared address lists them: the plan reads the same however it was reached.
    skills = [found[slug] for slug in sorted(have_slugs) if slug in found]
    if unknown := [slug for slug in have_slugs if slug not in found]:
        errors["have"] = [f"Unknown skill: {slug}" for slug in unknown]

    held = None
    if degree not in (None, ""):
        held = DEGREE_BY_NAME.get(str(degree).strip().lower())
        if held is None:
            errors["degree"] = [f"Unknown degree: {degree}. One of: {', '.join(DEGREE_BY_NAME)}."]

    paths = Path.objects.published().with_steps().order_by("name")
    path = (paths.leading_to(target) if target else paths.none() if to_slug else paths).first()
    if path is None and target is not None:
        errors["to"] = [f"No path leads to {target.name} yet."]
    target = target or (path.target_role if path else None)
    steps = list(path.steps.all()) if path else []

    orders = {step.order for step in steps}
    ticked = []
    for value in _clean_slugs(done):
        if value.isascii() and value.isdigit() and int(value) in orders:
            ticked.append(int(value))
        else:
            errors.setdefault("done", []).append(f"Not a step of this path: {value}")
    if strict and errors:
        raise PlanError(errors)

    links = origin.role_skills.all() if origin else []
    from_skills = [link.skill for link in links if link.importance == Importance.ESSENTIAL]
    plan = Plan(path, origin, target, skills, from_skills, held, sorted(set(ticked)), ignored=errors)
    if path is not None:
        _plan_steps(plan, steps)
    return plan


def _plan_steps(plan, steps):
    """Fills the plan's steps and counts: one query for the counts, plus the skill hierarchy's."""
    ticked = set(plan.done)
    base = {skill.pk for skill in plan.skills} | {skill.pk for skill in plan.from_role_skills}
    base |= {link.skill_id for step in steps if step.order in ticked for link in step.step_skills.all()}
    links = hierarchy.published_links()  # once for the whole plan, whatever the number of steps
    known_now = _known_with_broader(base, links)

    # A step ticked done counts as taken, an education step with its degree (or an alternative the step
    # accepts): the postings counted from then on read that degree. Its verdict reads the degree given.
    held = plan.degree
    ticked_degrees = [step.min_degree for step in steps if step.order in ticked and step.concerns_education]
    held_now = max([held, *ticked_degrees]) if held is not None and ticked_degrees else held

    # Known skills and degree held once each step (and those before it) is done.
    cumulative, after = set(base), []
    degree_after = held_now
    for step in steps:
        cumulative |= {link.skill_id for link in step.step_skills.all()}
        if degree_after is not None and step.concerns_education:
            degree_after = max(degree_after, step.min_degree)
        after.append((_known_with_broader(cumulative, links), degree_after))

    counts = _count_postings_met(plan.to_role, [(known_now, held_now), *after])
    plan.postings_now = counts[0]
    for number, (step, count) in enumerate(zip(steps, counts[1:], strict=True), start=1):
        links = list(step.step_skills.all())
        plan.steps.append(
            PlannedStep(
                step=step,
                number=number,
                have=[link.skill for link in links if link.skill_id in known_now],
                left=[link.skill for link in links if link.skill_id not in known_now],
                education=_education(step, plan.degree) if step.concerns_education else None,
                ticked=step.order in ticked,
                postings_met=count,
            )
        )


def _education(step, held):
    if held is None:
        status = EducationStatus.UNKNOWN
    elif held >= step.min_degree:
        status = EducationStatus.MEETS
    elif step.accepts_equivalent_experience or step.accepts_courses_or_certification:
        status = EducationStatus.ALTERNATIVE
    else:
        status = EducationStatus.SHORT
    return EducationCheck(
        min_degree=Degree(step.min_degree),
        fields_of_study=list(step.fields_of_study.all()),
        accepts_equivalent_experience=step.accepts_equivalent_experience,
        accepts_courses_or_certification=step.accepts_courses_or_certification,
        your_degree=held,
        status=status,
    )


def _count_postings_met(role, states):
    """For each (known skill ids, degree held), the live postings for `role` met, capped: two queries."""
    if role is None:
        return [0] * len(states)
    live = JobPosting.objects.live().filter(role=role)
    drafts = list(Skill.objects.exclude(status=PUBLISHED).values_list("pk", flat=True))
    annotations = {
        f"met_{index}": CappedCount(live.met_by(known, draft_skill_ids=drafts, degree=degree), cap=COUNT_CAP)
        for index, (known, degree) in enumerate(states)
    }
    row = Role.objects.filter(pk=role.pk).annotate(**annotations).values(*annotations).get()
    return [row[f"met_{index}"] for index in range(len(states))]


__all__ = ["EducationCheck", "EducationStatus", "Plan", "PlanError", "PlannedStep", "plan_move"]
