from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from simple_history import register

from core.addresses import slug_url
from core.publishing import PUBLISHED, Publishable, PublishableQuerySet, nonblank_constraint, status_constraint
from core.relations import later_app_model
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


class Importance(models.TextChoices):
    """How much a skill matters to whatever asks for it (a role, a posting)."""

    ESSENTIAL = "essential", "Essential"
    OPTIONAL = "optional", "Optional"


CATEGORY_ORDER = {value: index for index, value in enumerate(SkillCategory.values)}

# How many levels a chain of broader skills may have (PyTorch → Machine learning frameworks is one).
# `skills.hierarchy` walks no further, so `clean()` refuses deeper chains rather than have them cut short.
MAX_HIERARCHY_DEPTH = 5


class SkillQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_roles(self):
        """Each skill with the published roles that need it (as `public_role_links`)."""
        role_links = later_app_model(Skill, "role_skills")
        return self.prefetch_related(
            models.Prefetch(
                "role_skills",
                queryset=role_links.objects.filter(role__status=PUBLISHED)
                .select_related("role")
                .order_by("role__name"),
                to_attr="public_role_links",
            )
        )

    def with_role_count(self):
        """`role_count`: how many published roles need each skill (a count, not the links: the list page)."""
        return self.annotate(
            role_count=models.Count("role_skills", filter=models.Q(role_skills__role__status=PUBLISHED))
        )

    def with_hierarchy(self):
        """Each skill with its broader skill and its published narrower skills (as `public_narrower`)."""
        return self.select_related("broader").prefetch_related(
            models.Prefetch("narrower", queryset=Skill.objects.published().order_by("name"), to_attr="public_narrower")
        )

    def by_names(self, texts):
        """
        {text: skill}, in the order of `texts`, for each text that is a skill's name, slug or alias, in any
        case ("pytorch", "sklearn"); texts that name no skill are absent. An alias marked case-sensitive
        ("R", "Go") matches only as written. Two queries whatever the number of texts: a visitor types a handful.
        """
        wanted = {" ".join(text.split()).lower(): text for text in texts if text.strip()}
        if not wanted:
            return {}
        found = {}
        for skill in self.annotate(lower_name=Lower("name")).filter(
            models.Q(lower_name__in=wanted) | models.Q(slug__in=wanted)
        ):
            for key in (skill.lower_name, skill.slug):
                if key in wanted:
                    found[wanted[key]] = skill
        aliases = (
            SkillAlias.objects.filter(skill__in=self)
            .annotate(lower_text=Lower("text"))
            .filter(lower_text__in=wanted)
            .select_related("skill")
        )
        for alias in aliases:
            text = wanted[alias.lower_text]
            if text not in found and (not alias.case_sensitive or " ".join(text.split()) == alias.text):
                found[text] = alias.skill
        return {text: found[text] for text in wanted.values() if text in found}  # in the order typed

    def suggest(self, words, limit=8):
        """Skills whose name, or an alias, contains `words` (any case): names that start with them first."""
        words = " ".join(words.split())
        if not words:
            return self.none()
        # EXISTS, not a join: a skill with two matching aliases is still one suggestion.
        by_alias = SkillAlias.objects.filter(skill=models.OuterRef("pk"), text__icontains=words)
        return (
            self.filter(models.Q(name__icontains=words) | models.Exists(by_alias))
            .alias(starts=models.Case(models.When(name__istartswith=words, then=0), default=1))
            .order_by("starts", "name")[:limit]
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
    # PROTECT, not SET_NULL: deleting "Machine learning frameworks" would silently change who matches
    # which role and posting (PyTorch would stop meeting it) and leave PyTorch's broader_passage quoting
    # a link that no longer exists. A curator relinks or unlinks the narrower skills first, on purpose.
    broader = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="narrower",
        help_text="The more general skill this one is a kind of (PyTorch → Machine learning frameworks). "
        "Knowing this skill meets a requirement for the broader one.",
    )
    broader_passage = models.TextField(
        blank=True,
        help_text="The passage of the source that says this skill is a kind of the broader one, quoted word "
        "for word. Required with a broader skill.",
    )

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
            models.CheckConstraint(
                condition=~models.Q(broader=models.F("pk")),
                name="skill_not_its_own_broader",
                violation_error_message="A skill cannot be its own broader skill.",
            ),
            models.CheckConstraint(
                condition=models.Q(broader__isnull=True) | ~models.Q(broader_passage=""),
                name="skill_broader_has_passage",
                violation_error_message="Quote the passage that says this skill is a kind of its broader skill.",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        super().clean()
        self._validate_broader_chain()

    def _validate_broader_chain(self):
        """Refuse a cycle (PyTorch under a skill that is under PyTorch) and chains deeper than the match reads."""
        if self.broader_id is None:
            return
        if self.pk is not None and self.broader_id == self.pk:
            raise ValidationError({"broader": "A skill cannot be its own broader skill."})
        # A few hundred skills at most: reading every link is one small query.
        links = [
            (pk, broader_id) for pk, broader_id in Skill.objects.exclude(broader=None).values_list("pk", "broader_id")
        ]
        parents = {pk: broader_id for pk, broader_id in links if pk != self.pk}
        above, current = [], self.broader_id
        while current is not None:
            if current == self.pk or current in above:
                raise ValidationError(
                    {"broader": "That would make a cycle: the broader skill is already under this one."}
                )
            above.append(current)
            current = parents.get(current)
        if len(above) + self._levels_below(links) > MAX_HIERARCHY_DEPTH:
            raise ValidationError(
                {"broader": f"A chain of broader skills may have at most {MAX_HIERARCHY_DEPTH} levels."}
            )

    def _levels_below(self, links):
        """How many levels of narrower skills hang under this one (0 for a skill with none)."""
        children = {}
        for pk, broader_id in links:
            children.setdefault(broader_id, []).append(pk)
        levels, level = 0, [self.pk] if self.pk is not None else []
        while levels <= MAX_HIERARCHY_DEPTH:
            level = [child for pk in level for child in children.get(pk, [])]
            if not level:
                break
            levels += 1
        return levels

    def get_absolute_url(self):
        return slug_url("skills:detail", self.slug)


class SkillAliasQuerySet(models.QuerySet):
    def of_published_skills(self):
        return self.filter(skill__status=PUBLISHED)


class SkillAlias(models.Model):
    """
    Another name a text may use for a skill ("sklearn", "k8s"): curated, edited with the skill in the
    admin. Plain variants of the name (case, punctuation, a plural, a trailing "(programming language)")
    need no alias: the extractor (extraction/engine.py) reads them from the name itself.
    """

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=100, help_text='The word or phrase as a text writes it, e.g. "sklearn".')
    case_sensitive = models.BooleanField(
        default=False,
        help_text='Match only with this exact case: "R", "C" and "Go" are skills, "r", "c" and "go" are words.',
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The extractor rebuilds its matcher when this (or a skill's) changes: extraction/engine.py.
    updated_at = models.DateTimeField(auto_now=True)

    objects = SkillAliasQuerySet.as_manager()

    class Meta:
        ordering = ["skill__name", "text"]
        verbose_name_plural = "skill aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "text"],
                name="skillalias_unique_per_skill",
                violation_error_message="This skill already has that alias.",
            ),
            nonblank_constraint("skillalias", "text"),
        ]

    def __str__(self):
        return f"{self.text} → {self.skill}"

    def clean(self):
        super().clean()
        self.text = " ".join(self.text.split())


# Who changed what, and when: django-simple-history keeps a row per change (the admin's History, with revert).
register(Skill)
register(SkillAlias)
