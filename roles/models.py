"""
Roles: the careers the guide describes, the skills each needs, how roles relate, and what they pay.
"""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history import register

from core.addresses import slug_url
from core.pagination import CappedCount
from core.publishing import PUBLISHED, Publishable, PublishableQuerySet, nonblank_constraint, status_constraint
from core.relations import later_app_model
from roles.currencies import CURRENCY_CHOICES, ISO_4217_CODES
from skills.models import Importance, Skill
from sources.models import Sourced


class RoleQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_skills(self, sources=True):
        """
        Prefetch each role's published skills (skill and, unless not `sources`, source loaded), essential
        ones first. The gap engine reads no source: at 46 roles their objects were a third of the match's.
        """
        related = ("skill", "source") if sources else ("skill",)
        return self.prefetch_related(
            models.Prefetch(
                "role_skills",
                queryset=RoleSkill.objects.filter(skill__status=PUBLISHED)
                .select_related(*related)
                .order_by("importance", "skill__name"),
            )
        )

    def with_posting_count(self):
        """`posting_count`: the role's live postings, counted up to COUNT_CAP + 1 (shown as "1,000+")."""
        postings = later_app_model(Role, "postings")
        return self.annotate(posting_count=CappedCount(postings.objects.live().filter(role=models.OuterRef("pk"))))

    def for_cards(self):
        """What a role card shows: its published salary figures and a (capped) count of its live postings."""
        return self.with_posting_count().prefetch_related(
            models.Prefetch(
                "salary_figures", queryset=SalaryFigure.objects.published(), to_attr="public_salary_figures"
            )
        )

    def with_everything(self):
        """A role with its skills, published salary figures and related roles, in fixed queries."""
        published_roles = Role.objects.published()
        return self.with_skills().prefetch_related(
            models.Prefetch(
                "salary_figures",
                queryset=SalaryFigure.objects.published().select_related("source"),
                to_attr="public_salary_figures",
            ),
            models.Prefetch(
                "relations_out",
                queryset=RoleRelation.objects.filter(to_role__in=published_roles).select_related("to_role", "source"),
                to_attr="public_relations_out",
            ),
            models.Prefetch(
                "relations_in",
                queryset=RoleRelation.objects.filter(from_role__in=published_roles).select_related(
                    "from_role", "source"
                ),
                to_attr="public_relations_in",
            ),
        )


class Role(Publishable, Sourced):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.TextField(help_text="One or two sentences: what the role is.")
    responsibilities = models.TextField(blank=True)
    education = models.TextField(blank=True, help_text="The education the guide says the role asks for.")
    experience = models.TextField(blank=True, help_text="The experience the guide says the role asks for.")
    skills = models.ManyToManyField(Skill, through="RoleSkill", related_name="roles")
    related_roles = models.ManyToManyField(
        "self", through="RoleRelation", symmetrical=False, related_name="related_from"
    )

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            status_constraint("role"),
            nonblank_constraint("role", "name"),
            nonblank_constraint("role", "slug"),
            nonblank_constraint("role", "summary"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return slug_url("roles:detail", self.slug)


class RoleSkillQuerySet(models.QuerySet):
    def get_by_natural_key(self, role_slug, skill_slug):
        return self.get(role__slug=role_slug, skill__slug=skill_slug)

    def essential(self):
        return self.filter(importance=Importance.ESSENTIAL)


class RoleSkill(Sourced):
    """A skill a role needs, with how much it matters and the passage that says so."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="role_skills")
    importance = models.CharField(max_length=10, choices=Importance.choices, default=Importance.ESSENTIAL)

    objects = RoleSkillQuerySet.as_manager()

    class Meta:
        ordering = ["role", "importance", "skill__name"]
        verbose_name = "role skill"
        constraints = [
            models.UniqueConstraint(
                fields=["role", "skill"],
                name="roleskill_unique_role_skill",
                violation_error_message="This role already lists this skill.",
            ),
            models.CheckConstraint(
                condition=models.Q(importance__in=Importance.values),
                name="roleskill_importance_valid",
                violation_error_message="Importance must be essential or optional.",
            ),
        ]

    def __str__(self):
        return f"{self.role} needs {self.skill} ({self.get_importance_display().lower()})"

    def natural_key(self):
        return self.role.natural_key() + self.skill.natural_key()

    natural_key.dependencies = ["roles.role", "skills.skill"]


class RelationKind(models.TextChoices):
    TRANSITION = "transition", "Common transition into"
    COLLABORATES = "collaborates", "Works alongside"


class RoleRelationQuerySet(models.QuerySet):
    def get_by_natural_key(self, from_slug, to_slug, kind):
        return self.get(from_role__slug=from_slug, to_role__slug=to_slug, kind=kind)


class RoleRelation(Sourced):
    """A directed link between roles: a career transition (from → to) or day-to-day collaboration."""

    from_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="relations_out")
    to_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(max_length=20, choices=RelationKind.choices)
    description = models.TextField(blank=True)

    objects = RoleRelationQuerySet.as_manager()

    class Meta:
        ordering = ["from_role", "kind", "to_role"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_role", "to_role", "kind"],
                name="rolerelation_unique",
                violation_error_message="These roles are already related this way.",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_role=models.F("to_role")),
                name="rolerelation_not_self",
                violation_error_message="A role cannot be related to itself.",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=RelationKind.values),
                name="rolerelation_kind_valid",
                violation_error_message="Unknown relation kind.",
            ),
        ]

    def __str__(self):
        return f"{self.from_role} → {self.to_role} ({self.get_kind_display().lower()})"

    def natural_key(self):
        return self.from_role.natural_key() + self.to_role.natural_key() + (self.kind,)

    natural_key.dependencies = ["roles.role"]


class PayPeriod(models.TextChoices):
    YEAR = "year", "per year"
    MONTH = "month", "per month"
    HOUR = "hour", "per hour"


class Statistic(models.TextChoices):
    """What kind of number a figure is: an average and a median are different statements."""

    AVERAGE = "average", "Average"
    MEDIAN = "median", "Median"


class Compensation(models.TextChoices):
    """What the number measures, as far as the source says."""

    BASE_SALARY = "base_salary", "Base salary"
    TOTAL_COMPENSATION = "total_compensation", "Total compensation"
    UNSPECIFIED = "unspecified", "Pay (kind not stated)"


class SalaryFigureQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("role", "source")

    def visible_to(self, user):
        """A figure is as visible as its role: the public sees published figures of published roles."""
        figures = super().visible_to(user)
        return figures if figures.shows_drafts_to(user) else figures.filter(role__status=PUBLISHED)

    def get_by_natural_key(self, role_slug, statistic, compensation, period, region, currency, source_slug):
        return self.get(
            role__slug=role_slug,
            statistic=statistic,
            compensation=compensation,
            period=period,
            region=region,
            currency=currency,
            source__slug=source_slug,
        )


class SalaryFigure(Publishable, Sourced):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="salary_figures")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, default="USD", help_text="ISO 4217 code.")
    # Blank is "not stated" ("about $110,000 on average" names no period); never defaulted to a year.
    period = models.CharField(
        max_length=5,
        choices=PayPeriod.choices,
        blank=True,
        default="",
        help_text="Leave blank when the source names none.",
    )
    statistic = models.CharField(max_length=10, choices=Statistic.choices)
    compensation = models.CharField(max_length=20, choices=Compensation.choices, default=Compensation.UNSPECIFIED)
    region = models.CharField(max_length=100, blank=True, help_text="Leave blank when the source names none.")
    is_approximate = models.BooleanField(default=False, help_text="The source rounds the figure ('about $110,000').")
    as_of = models.DateField(null=True, blank=True, help_text="When the figure was true, if the source says.")

    objects = SalaryFigureQuerySet.as_manager()

    class Meta:
        ordering = ["role__name", "-amount"]
        constraints = [
            status_constraint("salaryfigure"),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="salaryfigure_amount_positive",
                violation_error_message="The amount must be greater than zero.",
            ),
            models.CheckConstraint(
                condition=models.Q(currency__in=sorted(ISO_4217_CODES)),
                name="salaryfigure_currency_iso4217",
                violation_error_message="The currency must be an ISO 4217 code such as USD.",
            ),
            models.CheckConstraint(
                condition=models.Q(period__in=[*PayPeriod.values, ""]),
                name="salaryfigure_period_valid",
                violation_error_message="Unknown pay period.",
            ),
            models.CheckConstraint(
                condition=models.Q(statistic__in=Statistic.values),
                name="salaryfigure_statistic_valid",
                violation_error_message="Unknown statistic.",
            ),
            models.CheckConstraint(
                condition=models.Q(compensation__in=Compensation.values),
                name="salaryfigure_compensation_valid",
                violation_error_message="Unknown kind of compensation.",
            ),
            models.UniqueConstraint(
                fields=["role", "statistic", "compensation", "period", "region", "currency", "source"],
                name="salaryfigure_unique_per_source",
                violation_error_message="This source already gives this figure for this role and region.",
            ),
        ]

    def __str__(self):
        return f"{self.role}: {self.describe()}"

    def natural_key(self):
        return (
            self.role.natural_key()
            + (self.statistic, self.compensation, self.period, self.region, self.currency)
            + self.source.natural_key()
        )

    natural_key.dependencies = ["roles.role", "sources.source"]

    def clean(self):
        super().clean()
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": "The amount must be greater than zero."})

    def headline(self):
        """'138,365 USD per year' or 'about 110,000 USD': the number a card leads with (its qualifiers apart)."""
        about = "about " if self.is_approximate else ""
        period = f" {self.get_period_display()}" if self.period else ""
        return f"{about}{self.amount:,.0f} {self.currency}{period}"

    def qualifier(self):
        """'average, United States': what kind of figure, and where. A missing period is said (a reader would
        otherwise take the number for a year's pay); a missing region is not."""
        period = "" if self.period else "period not stated"
        return ", ".join(part for part in (self.get_statistic_display().lower(), period, self.region) if part)

    def describe(self):
        """'about 110,000 USD (period not stated) (average, region not stated)' — the statement, spelled out."""
        about = "about " if self.is_approximate else ""
        region = self.region or "region not stated"
        period = self.get_period_display() or "(period not stated)"
        return f"{about}{self.amount:,.0f} {self.currency} {period} ({self.get_statistic_display().lower()}, {region})"


# Who changed what, and when: django-simple-history keeps a row per change (the admin's History, with revert).
register(Role)
register(RoleSkill)
register(RoleRelation)
register(SalaryFigure)
