from django.db import models
from django.urls import reverse

from careerguide.publishing import Publishable, PublishableQuerySet, nonblank_constraint, status_constraint
from sources.models import Sourced


class SkillKind(models.TextChoices):
    TECHNICAL = "technical", "Technical"
    SOFT = "soft", "Soft"


class SkillCategory(models.TextChoices):
    # Ordered as the guide presents them; the skills page groups by category in this order.
    PROGRAMMING_LANGUAGE = "programming_language", "Programming language"
    MATHEMATICS_STATISTICS = "mathematics_statistics", "Mathematics & statistics"
    ALGORITHMS_FRAMEWORKS = "algorithms_frameworks", "Algorithms & frameworks"
    SOFTWARE_ENGINEERING = "software_engineering", "Software engineering & system design"
    MLOPS = "mlops", "MLOps"
    CS_FUNDAMENTALS = "cs_fundamentals", "Computer science fundamentals"
    DATA = "data", "Data modeling & evaluation"
    DOMAIN = "domain", "Domain (NLP, speech, vision…)"
    RESEARCH = "research", "Research"
    SOFT_SKILL = "soft_skill", "Soft skill"


CATEGORY_ORDER = {value: index for index, value in enumerate(SkillCategory.values)}


class SkillQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_roles(self):
        """Each skill with the published roles that need it (as `public_role_links`)."""
        from roles.models import RoleSkill

        return self.prefetch_related(
            models.Prefetch(
                "role_skills",
                queryset=RoleSkill.objects.filter(role__status="published")
                .select_related("role")
                .order_by("role__name"),
                to_attr="public_role_links",
            )
        )

    def in_category_order(self):
        order = models.Case(
            *(models.When(category=value, then=index) for value, index in CATEGORY_ORDER.items()),
            output_field=models.IntegerField(),
        )
        return self.alias(category_order=order).order_by("category_order", "name")


class Skill(Publishable, Sourced):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=SkillKind.choices, default=SkillKind.TECHNICAL)
    category = models.CharField(max_length=30, choices=SkillCategory.choices)
    description = models.TextField(blank=True)

    objects = SkillQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            status_constraint("skill"),
            nonblank_constraint("skill", "name"),
            nonblank_constraint("skill", "slug"),
            models.CheckConstraint(
                condition=models.Q(kind__in=SkillKind.values),
                name="skill_kind_valid",
                violation_error_message="Kind must be technical or soft.",
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=SkillCategory.values),
                name="skill_category_valid",
                violation_error_message="Unknown skill category.",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("skills:detail", kwargs={"slug": self.slug})
