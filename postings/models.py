"""
Job postings the guide describes, with their requirements as structured, filterable facts.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from careerguide.publishing import Publishable, PublishableQuerySet, nonblank_constraint, status_constraint
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


class CompanyQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_posting_count(self):
        return self.annotate(
            posting_count=models.Count("postings", filter=models.Q(postings__status="published"))
        )

    def with_postings(self):
        """Each company with its published postings (as `public_postings`)."""
        return self.prefetch_related(
            models.Prefetch(
                "postings",
                queryset=JobPosting.objects.published().select_related("role").order_by("title"),
                to_attr="public_postings",
            )
        )


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

    objects = JobPostingQuerySet.as_manager()

    class Meta:
        ordering = ["company__name", "title"]
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
        ]

    def __str__(self):
        return f"{self.title} at {self.company}"

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("postings:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.min_years_management is not None and self.min_years_experience is not None:
            if self.min_years_management > self.min_years_experience:
                raise ValidationError(
                    {"min_years_management": "Management years cannot exceed the years of experience."}
                )


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
