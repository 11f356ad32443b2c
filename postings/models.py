"""
Job postings the guide describes, with their requirements as structured, filterable facts.
"""

import copy

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from careerguide.publishing import Publishable, PublishableQuerySet, nonblank_constraint, status_constraint
from core.pagination import CappedCount
from roles.models import Importance, Role
from skills.models import Skill
from sources.models import Sourced


class Degree(models.IntegerChoices):
    """Ordered, so that 'at most a master's' is a comparison."""

    NONE = 0, "No degree required"
    BACHELOR = 1, "Bachelor's"
    MASTER = 2, "Master's"
    PHD = 3, "PhD"


class Seniority(models.TextChoices):
    INTERN = "intern", "Intern"
    NEW_GRADUATE = "new_graduate", "New graduate"
    EXPERIENCED = "experienced", "Experienced"
    UNSPECIFIED = "unspecified", "Not stated"


# Newest first: the order of every posting list, served by the partial indexes declared on JobPosting.
NEWEST_FIRST = (models.F("posted_on").desc(nulls_last=True), models.F("id").desc())


class NewestFirstIndex(models.Index):
    """
    An index in NEWEST_FIRST order. PostgreSQL needs the NULLS LAST spelled out to use it for that
    order; SQLite refuses NULLS LAST in an index but already sorts NULLs last when descending.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            index = copy.copy(self)
            index.expressions = tuple(
                models.OrderBy(e.expression, descending=e.descending) if isinstance(e, models.OrderBy) else e
                for e in self.expressions
            )
            return super(NewestFirstIndex, index).create_sql(model, schema_editor, using, **kwargs)
        return super().create_sql(model, schema_editor, using, **kwargs)


class CompanyQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_posting_count(self):
        """`posting_count`: the company's live postings, counted up to COUNT_CAP + 1."""
        return self.annotate(posting_count=CappedCount(JobPosting.objects.live().filter(company=models.OuterRef("pk"))))


class Company(Publishable, Sourced):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"
        constraints = [
            status_constraint("company"),
            nonblank_constraint("company", "name"),
            nonblank_constraint("company", "slug"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class FieldOfStudyQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class FieldOfStudy(models.Model):
    """A field a posting accepts degrees in (Computer Science, Statistics…)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    objects = FieldOfStudyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "fields of study"
        constraints = [nonblank_constraint("fieldofstudy", "name"), nonblank_constraint("fieldofstudy", "slug")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class JobPostingQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def unexpired(self, today=None):
        today = today or timezone.localdate()
        return self.filter(models.Q(valid_through__isnull=True) | models.Q(valid_through__gte=today))

    def expired(self, today=None):
        return self.filter(valid_through__lt=today or timezone.localdate())

    def live(self):
        """Published and not expired: what every public list, count and match shows."""
        return self.published().unexpired()

    def latest(self, limit=5):
        """The newest few live postings, for a role, skill or company page that links to the full list."""
        return self.live().newest_first().select_related("company", "role")[:limit]

    def asking_for(self, skill):
        return self.filter(posting_skills__skill=skill)

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def refresh_match_anchors(self):
        """
        Point each posting's `match_anchor` at its rarest published essential skill (None when it has
        none). Rarity is counted up to COUNT_CAP, enough to tell a rare skill from a common one.
        """
        frequency = CappedCount(PostingSkill.objects.filter(skill=models.OuterRef("skill")))
        rarest = (
            PostingSkill.objects.filter(
                posting=models.OuterRef("pk"), importance=Importance.ESSENTIAL, skill__status="published"
            )
            .annotate(frequency=frequency)
            .order_by("frequency", "skill_id")
            .values("skill_id")[:1]
        )
        return self.update(match_anchor=models.Subquery(rarest))

    def for_listing(self):
        """Everything a posting card or API row shows, in a fixed number of queries whatever the row count."""
        return self.select_related("company", "role", "source").prefetch_related(
            "fields_of_study",
            models.Prefetch(
                "posting_skills",
                queryset=PostingSkill.objects.filter(skill__status="published")
                .select_related("skill", "source")
                .order_by("importance", "skill__name"),
            ),
        )


class JobPosting(Publishable, Sourced):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="postings")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="postings")
    seniority = models.CharField(max_length=20, choices=Seniority.choices, default=Seniority.UNSPECIFIED)
    summary = models.TextField(blank=True)
    responsibilities = models.TextField(blank=True)
    requirements = models.TextField(blank=True, help_text="The requirements in prose; the facts below structure them.")

    # Structured requirements: what the filters and the skill match read.
    min_degree = models.PositiveSmallIntegerField(choices=Degree.choices, default=Degree.NONE)
    accepts_equivalent_experience = models.BooleanField(
        default=False, help_text="The posting accepts equivalent experience instead of the degree."
    )
    fields_of_study = models.ManyToManyField(FieldOfStudy, blank=True, related_name="postings")
    # Positive fields: the database itself refuses negative years (CHECK >= 0).
    min_years_experience = models.PositiveSmallIntegerField(null=True, blank=True)
    min_years_leadership = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Years in a technical leadership role, where stated."
    )
    min_years_management = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Years of people management, where stated."
    )
    skills = models.ManyToManyField(Skill, through="PostingSkill", related_name="postings")

    # Dates: optional, because the guide's postings state none (never invent them).
    posted_on = models.DateField(null=True, blank=True, help_text="When the posting was published by the employer.")
    valid_through = models.DateField(
        null=True, blank=True, help_text="Last day the posting accepts applications; after it, it leaves every list."
    )

    # Kept by the database (a trigger on PostgreSQL; see migration 0002): title, company name and texts,
    # weighted, for indexed full-text search. Always empty on SQLite, where search matches substrings.
    search_document = SearchVectorField(null=True, editable=False)

    # One of the posting's essential skills, the rarest when last computed (see `refresh_match_anchors`).
    # A posting can only be met by a set of skills that contains all its essential skills, so in
    # particular this one: the skill match looks at postings anchored on a chosen skill, an index
    # lookup, instead of testing a million postings. Any essential skill keeps that correct; the rarest
    # keeps it fast.
    match_anchor = models.ForeignKey(
        Skill, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    objects = JobPostingQuerySet.as_manager()

    class Meta:
        ordering = NEWEST_FIRST
        indexes = [
            # Partial indexes over published postings, in list order: each filter's first page is an
            # index range scan that stops after a page of rows.
            NewestFirstIndex(*NEWEST_FIRST, name="posting_published_newest", condition=models.Q(status="published")),
            NewestFirstIndex(
                models.F("role"), *NEWEST_FIRST, name="posting_role_newest", condition=models.Q(status="published")
            ),
            NewestFirstIndex(
                models.F("company"),
                *NEWEST_FIRST,
                name="posting_company_newest",
                condition=models.Q(status="published"),
            ),
            NewestFirstIndex(
                models.F("match_anchor"),
                *NEWEST_FIRST,
                name="posting_anchor_newest",
                condition=models.Q(status="published"),
            ),
            models.Index(fields=["valid_through"], name="posting_valid_through"),
        ]
        constraints = [
            status_constraint("jobposting"),
            nonblank_constraint("jobposting", "title"),
            nonblank_constraint("jobposting", "slug"),
            models.CheckConstraint(
                condition=models.Q(min_degree__in=Degree.values),
                name="jobposting_min_degree_valid",
                violation_error_message="Unknown degree.",
            ),
            models.CheckConstraint(
                condition=models.Q(seniority__in=Seniority.values),
                name="jobposting_seniority_valid",
                violation_error_message="Unknown seniority.",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_through__isnull=True)
                | models.Q(posted_on__isnull=True)
                | models.Q(valid_through__gte=models.F("posted_on")),
                name="jobposting_valid_after_posted",
                violation_error_message="A posting cannot expire before it is posted.",
            ),
        ]

    def __str__(self):
        return f"{self.title} at {self.company}"

    def refresh_match_anchors(self):
        type(self).objects.filter(pk=self.pk).refresh_match_anchors()

    @property
    def is_expired(self):
        return self.valid_through is not None and self.valid_through < timezone.localdate()

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("postings:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        management, experience = self.min_years_management, self.min_years_experience
        if management is not None and experience is not None and management > experience:
            raise ValidationError({"min_years_management": "Management years cannot exceed the years of experience."})


class PostingSkillQuerySet(models.QuerySet):
    def get_by_natural_key(self, posting_slug, skill_slug):
        return self.get(posting__slug=posting_slug, skill__slug=skill_slug)

    def essential(self):
        return self.filter(importance=Importance.ESSENTIAL)


class PostingSkill(Sourced):
    """A skill a posting asks for. 'Python, SQL or R' makes each of the three optional, not essential."""

    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="posting_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="posting_skills")
    importance = models.CharField(max_length=10, choices=Importance.choices, default=Importance.ESSENTIAL)

    objects = PostingSkillQuerySet.as_manager()

    class Meta:
        ordering = ["posting", "importance", "skill__name"]
        verbose_name = "posting skill"
        indexes = [
            # "Postings that ask for this skill" and the skill filter start from the skill.
            models.Index(fields=["skill", "importance", "posting"], name="postingskill_skill_posting"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "skill"],
                name="postingskill_unique_posting_skill",
                violation_error_message="This posting already lists this skill.",
            ),
            models.CheckConstraint(
                condition=models.Q(importance__in=Importance.values),
                name="postingskill_importance_valid",
                violation_error_message="Importance must be essential or optional.",
            ),
        ]

    def __str__(self):
        return f"{self.posting.title} asks for {self.skill}"

    def natural_key(self):
        return self.posting.natural_key() + self.skill.natural_key()

    natural_key.dependencies = ["postings.jobposting", "skills.skill"]
