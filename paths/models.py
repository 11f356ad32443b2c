"""
Career paths: the route into a role as ordered steps, each with the skills it builds, the education it
concerns, and the resources that serve it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history import register

from core.addresses import slug_url
from core.publishing import PUBLISHED, Publishable, PublishableQuerySet, nonblank_constraint, status_constraint
from postings.models import Degree, FieldOfStudy
from roles.models import Role
from skills.models import Skill
from sources.models import Sourced


class PathQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def leading_to(self, role):
        return self.filter(target_role=role)

    def with_steps(self, drafts=False):
        """
        Each path with its steps in order (published ones only, unless `drafts`), every step's published
        skills, fields of study and resources: five queries whatever the number of steps.
        """
        steps = PathStep.objects.all() if drafts else PathStep.objects.published()
        return self.select_related("target_role", "source").prefetch_related(
            models.Prefetch(
                "steps",
                queryset=steps.select_related("source")
                .order_by("order")
                .prefetch_related(
                    models.Prefetch(
                        "step_skills",
                        queryset=StepSkill.objects.filter(skill__status=PUBLISHED)
                        .select_related("skill", "source")
                        .order_by("skill__name"),
                    ),
                    "fields_of_study",
                    models.Prefetch("resources", queryset=Resource.objects.select_related("source")),
                ),
            )
        )

    def transition_gaps(self, moves, **person):
        """
        The skill gap of each move (current role or None, target role), read along these paths
        (`paths.gap.transition_gaps`, which takes `person`: known_skills, degree, progress). Here so that
        an app before paths (the role page) reaches the one gap engine through `Role.paths` without
        importing it.
        """
        from paths.gap import transition_gaps

        return transition_gaps(moves, paths=self.published(), **person)

    def for_cards(self):
        return self.select_related("target_role").annotate(
            step_count=models.Count("steps", filter=models.Q(steps__status=PUBLISHED))
        )


class Path(Publishable, Sourced):
    """
    The route into a role (`target_role`) as ordered steps.

    A move from one role into another (the guide's software engineering → ML engineering and data
    science → ML engineering) is not a path of its own but a *view* of the path into the destination:
    the plan (`paths.planning.plan_move`) reads the path with the origin role's skills counted as known,
    so the steps a software engineer has already covered show as done. The guide gives one sequence of
    steps for everyone; copying it per origin would duplicate sourced facts that then drift apart, and
    the transitions themselves are already recorded, with their passages, as `roles.RoleRelation`.
    """

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    target_role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="paths")
    summary = models.TextField(help_text="What the path is, in the project's own words.")

    objects = PathQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            status_constraint("path"),
            nonblank_constraint("path", "name"),
            nonblank_constraint("path", "slug"),
            nonblank_constraint("path", "summary"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["roles.role", "sources.source"]

    def get_absolute_url(self):
        return slug_url("paths:detail", self.slug)


class PathStepQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, path_slug, slug):
        return self.get(path__slug=path_slug, slug=slug)


class PathStep(Publishable, Sourced):
    """
    One step of a path: what to do, the skills it builds, and any education it concerns. The education
    fields hold the alternatives the guide gives to a degree: "or equivalent practical experience", and
    no degree but online courses or a certification.
    """

    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(help_text="Steps are taken in increasing order (1, 2, 3…).")
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, help_text="Names the step within its path; stays when it is reordered.")
    what_to_do = models.TextField(help_text="What to do in this step, in the project's own words.")
    skills = models.ManyToManyField(Skill, through="StepSkill", related_name="path_steps", blank=True)
    min_degree = models.PositiveSmallIntegerField(
        choices=Degree.choices, null=True, blank=True, help_text="The degree this step is about, if any."
    )
    fields_of_study = models.ManyToManyField(FieldOfStudy, blank=True, related_name="path_steps")
    # Empty (NULL) is "not stated": the source does not say either way.
    accepts_equivalent_experience = models.BooleanField(
        null=True,
        blank=True,
        default=None,
        help_text="Equivalent practical experience may stand in for the degree. Empty: the source does not say.",
    )
    accepts_courses_or_certification = models.BooleanField(
        default=False, help_text="Without a degree, online courses or a certification program are a way in."
    )

    objects = PathStepQuerySet.as_manager()

    class Meta:
        ordering = ["path", "order"]
        verbose_name = "path step"
        constraints = [
            status_constraint("pathstep"),
            nonblank_constraint("pathstep", "name"),
            nonblank_constraint("pathstep", "slug"),
            nonblank_constraint("pathstep", "what_to_do"),
            models.UniqueConstraint(
                fields=["path", "order"],
                name="pathstep_unique_order",
                violation_error_message="Another step of this path already has this order.",
            ),
            models.UniqueConstraint(
                fields=["path", "slug"],
                name="pathstep_unique_slug",
                violation_error_message="Another step of this path already has this slug.",
            ),
            models.CheckConstraint(
                condition=models.Q(min_degree__isnull=True) | models.Q(min_degree__in=Degree.values),
                name="pathstep_min_degree_valid",
                violation_error_message="Unknown degree.",
            ),
            models.CheckConstraint(
                condition=models.Q(order__gte=1),
                name="pathstep_order_positive",
                violation_error_message="Steps are numbered from 1.",
            ),
        ]

    def __str__(self):
        return f"{self.path}: {self.order}. {self.name}"

    def natural_key(self):
        return self.path.natural_key() + (self.slug,)

    natural_key.dependencies = ["paths.path"]

    def clean(self):
        super().clean()
        if self.min_degree is None and (self.accepts_equivalent_experience or self.accepts_courses_or_certification):
            raise ValidationError({"min_degree": "An alternative to a degree needs the degree it stands in for."})

    @property
    def concerns_education(self):
        return self.min_degree is not None


class StepSkillQuerySet(models.QuerySet):
    def get_by_natural_key(self, path_slug, step_slug, skill_slug):
        return self.get(step__path__slug=path_slug, step__slug=step_slug, skill__slug=skill_slug)


class StepSkill(Sourced):
    """A skill a step builds, with the passage that ties the skill to the step."""

    step = models.ForeignKey(PathStep, on_delete=models.CASCADE, related_name="step_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="step_skills")

    objects = StepSkillQuerySet.as_manager()

    class Meta:
        ordering = ["step", "skill__name"]
        verbose_name = "step skill"
        constraints = [
            models.UniqueConstraint(
                fields=["step", "skill"],
                name="stepskill_unique_step_skill",
                violation_error_message="This step already builds this skill.",
            ),
        ]

    def __str__(self):
        return f"{self.step.name} builds {self.skill}"

    def natural_key(self):
        return self.step.natural_key() + self.skill.natural_key()

    natural_key.dependencies = ["paths.pathstep", "skills.skill"]


class ResourceKind(models.TextChoices):
    QUESTIONS = "questions", "Practice questions"
    GUIDE = "guide", "Guide"
    PRACTICE_TOOL = "practice_tool", "Practice tool"
    COURSE = "course", "Course"


class ResourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Resource(Sourced):
    """Something to study or practise with, named exactly as its source names it, linked to the steps it serves."""

    name = models.CharField(max_length=200, help_text="Exactly as the source gives it.")
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    url = models.URLField(blank=True, help_text="Only an address the source gives; never a guessed one.")
    steps = models.ManyToManyField(PathStep, blank=True, related_name="resources")

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            nonblank_constraint("resource", "name"),
            nonblank_constraint("resource", "slug"),
            models.CheckConstraint(
                condition=models.Q(kind__in=ResourceKind.values),
                name="resource_kind_valid",
                violation_error_message="Unknown kind of resource.",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


# Who changed what, and when: django-simple-history keeps a row per change (the admin's History, with revert).
register(Path)
register(PathStep)
register(StepSkill)
register(Resource)


# What a path's pages and API are built from: a write to any of these invalidates them (core.caching).
PATH_MODELS = (Path, PathStep, StepSkill, Resource, "roles.Role", "skills.Skill", "sources.Source")
