"""
Job postings the guide describes, with their requirements as structured, filterable facts.
"""

import copy
import re
import zlib
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce, Upper
from django.utils import timezone
from simple_history import register

from core import pagination
from core.addresses import slug_url
from core.pagination import CappedCount
from core.publishing import PUBLISHED, Publishable, PublishableQuerySet, nonblank_constraint, status_constraint
from postings.countries import COUNTRY_CHOICES, COUNTRY_NAMES, ISO_3166_CODES
from roles.currencies import CURRENCY_CHOICES, ISO_4217_CODES
from roles.models import PayPeriod, Role
from skills.models import Importance, Skill
from sources.models import Sourced


class Degree(models.IntegerChoices):
    """Ordered, so that 'at most a master's' is a comparison."""

    NONE = 0, "No degree required"
    BACHELOR = 1, "Bachelor's"
    MASTER = 2, "Master's"
    PHD = 3, "PhD"


DEGREE_NOT_STATED = "Not stated"


def meets_degree(degree):
    """
    Postings whose degree requirement someone holding `degree` meets: a stated minimum at or below it, or
    equivalent experience accepted. A posting that states no degree (NULL) is left out — unknown is not
    "none needed" (and SQL's `NULL <= x` is not true either, so the filter and this agree).
    """
    return models.Q(min_degree__lte=degree) | models.Q(accepts_equivalent_experience=True)


def degree_gate(degree):
    """
    The postings whose degree requirement someone with `degree` (a Degree, or None: not given) meets. A
    posting that asks for no degree (NONE) is met by anyone; one that states a degree is met by a degree
    at least as high or, when it accepts it, equivalent experience, but never by an unknown degree. A
    posting that does not say (NULL: not stated) is met by no one: unknown is not "no degree needed", and
    a count must not promise postings the person may not qualify for (SQL's NULL <= x is not true). The
    plan's counts and the postings list's "skills you have" filter both read it, so they agree.
    """
    if degree is None:
        return models.Q(min_degree=Degree.NONE)
    return meets_degree(degree)  # NONE (0) is at or below every degree


def years_gate(years):
    """
    The postings whose experience requirement someone with `years` of experience meets: at most that
    many years asked, or none stated (a posting that does not ask for years asks for none, as the
    postings list's "most years of experience" reads it). None (not given): every posting.
    """
    if years is None:
        return models.Q()
    return models.Q(min_years_experience__lte=years) | models.Q(min_years_experience__isnull=True)


# URL- and JSON-friendly names for the ordered Degree enum: ?degree=master rather than ?degree=2.
DEGREE_BY_NAME = {degree.name.lower(): degree for degree in Degree}
# The degree someone holds, as they would say it (the labels above speak of what a posting requires).
HELD_DEGREE_LABELS = {
    Degree.NONE: "No degree",
    Degree.BACHELOR: "Bachelor's",
    Degree.MASTER: "Master's",
    Degree.PHD: "PhD",
}
# The choices of a "your degree" field (the plan's, the read CV's): the URL's name and the label.
HELD_DEGREE_CHOICES = [(name, HELD_DEGREE_LABELS[value]) for name, value in DEGREE_BY_NAME.items()]
# The most years of experience a question may state (the postings filter, the plan, a read CV): a bound
# against absurd input, above any real career.
MAX_YEARS_EXPERIENCE = 100


class Seniority(models.TextChoices):
    INTERN = "intern", "Intern"
    NEW_GRADUATE = "new_graduate", "New graduate"
    EXPERIENCED = "experienced", "Experienced"
    UNSPECIFIED = "unspecified", "Not stated"


class Workplace(models.TextChoices):
    ON_SITE = "on_site", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    INTERNSHIP = "internship", "Internship"
    TEMPORARY = "temporary", "Temporary"


class ReviewState(models.TextChoices):
    """Where a posting stands in review before publication (postings/review.py)."""

    NOT_SUBMITTED = "", "Not submitted"
    PENDING = "pending", "Awaiting review"
    REJECTED = "rejected", "Rejected"
    APPROVED = "approved", "Approved"


class LocationKind(models.TextChoices):
    OFFICE = "office", "Place of work"
    REMOTE = "remote", "Remote from"


def blank_or(choices):
    """The values a CharField may hold when it may also be left blank ("not stated")."""
    return ["", *sorted(choices)]


def format_amount(amount):
    """120000 → '120,000'; 52.5 → '52.50'; None → None."""
    if amount is None:
        return None
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


# Newest first: the order of every posting list, served by the partial indexes declared on JobPosting.
NEWEST_FIRST = (models.F("posted_on").desc(nulls_last=True), models.F("id").desc())
# Below this many postings a skill counts as rare: its postings are read from its links, not found by
# walking the newest-first index (JobPostingQuerySet.latest_asking_for).
FEW_POSTINGS = 2_000
# Highest pay first, within one currency and period: the top of the range, or the only figure given.
TOP_PAY = Coalesce("pay_max", "pay_min")
HIGHEST_PAY_FIRST = (TOP_PAY.desc(), models.F("id").desc())


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
    website = models.URLField(blank=True, help_text="The company's own site (its home page or careers page).")

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

    @property
    def initials(self):
        """
        Up to two letters for the badge that stands in for a logo (no company has one): "Hugging Face" ->
        "HF", "Snap Inc." -> "S"; legal forms and small words are skipped. A short name in capitals is its
        own badge ("IBM", "3M").
        """
        words = [word for word in re.findall(r"\w[\w'’-]*", self.name) if word.lower() not in NAME_FILLER]
        if len(words) == 1 and len(words[0]) <= 3 and words[0] == words[0].upper():
            return words[0]
        return "".join(word[0] for word in words[:2]).upper() or self.name[:1].upper()

    @property
    def badge_tone(self):
        """One of BADGE_TONES, fixed by the slug, so a company's badge keeps its colour on every page."""
        return zlib.crc32(self.slug.encode()) % BADGE_TONES


# Words of a company's name its initials skip, and how many colours the badges come in (site.css .tone-N).
NAME_FILLER = {"inc", "ltd", "llc", "gmbh", "corp", "corporation", "co", "plc", "sa", "ag", "the", "and", "of"}
BADGE_TONES = 4


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

    def published(self):
        """
        Published, under a published role and company. A posting is only as public as what it names: a
        draft role's or company's name must not reach the public through it (pages, API, feeds, sitemap,
        downloads all read this, through `live()` or `visible_to()`).
        """
        # Not a join: the planner would drive a list from the few companies instead of the posting's own
        # newest-first index. Drafts are few, so "not under a draft" is a small NOT IN on each side.
        draft_roles = Role.objects.exclude(status=PUBLISHED).values("pk")
        draft_companies = Company.objects.exclude(status=PUBLISHED).values("pk")
        return super().published().exclude(role__in=draft_roles).exclude(company__in=draft_companies)

    def live(self, today=None):
        """Published and not expired (on `today`, default today): what every public list, count and match shows."""
        return self.published().unexpired(today)

    def latest(self, limit=5):
        """The newest few live postings, for a role, skill or company page that links to the full list."""
        return self.live().newest_first().select_related("company", "role")[:limit]

    def awaiting_review(self):
        """The review queue, oldest submission first (a partial index holds just these)."""
        return self.filter(review_state=ReviewState.PENDING).order_by("submitted_at", "id")

    def asking_for(self, skill):
        return self.filter(posting_skills__skill=skill)

    def met_by(self, skill_ids, *, draft_skill_ids=None, degree=None):
        """
        The postings whose requirements someone with `skill_ids` meets: every essential skill is among
        them (draft skills never block), and, given the degree held (a Degree), the degree requirement
        too or equivalent experience accepted. The skill match and the personal plan both use it.

        Found without testing every posting: a posting can only be met if its `match_anchor` (its rarest
        essential skill) is among the skills (or is a draft), which an index answers; each candidate is
        then checked for a missing essential skill. Pass `draft_skill_ids` when already known.
        """
        if draft_skill_ids is None:
            draft_skill_ids = list(Skill.objects.exclude(status=PUBLISHED).values_list("pk", flat=True))
        not_missing = [*skill_ids, *draft_skill_ids]
        candidates = models.Q(match_anchor__in=not_missing) | models.Q(match_anchor__isnull=True)
        missing_an_essential = PostingSkill.objects.missing_from(not_missing).filter(posting=models.OuterRef("pk"))
        met = self.filter(candidates).filter(~models.Exists(missing_an_essential))
        if degree is not None:
            met = met.filter(meets_degree(degree))
        return met

    def latest_asking_for(self, skill, limit=5):
        """
        The newest few live postings asking for `skill`, and their count (capped), for the skill's page.

        For a skill many postings ask for, walking the newest-first index meets one within a few rows.
        For a rare skill that walk would read most of the table before it found five, so its postings
        are taken from the skill's own links instead (an index range of at most FEW_POSTINGS entries)
        and sorted. Three queries either way.
        """
        links = PostingSkill.objects.filter(skill=skill).order_by().values_list("posting_id", flat=True)
        posting_ids = list(links[: FEW_POSTINGS + 1])
        postings = self.asking_for(skill) if len(posting_ids) > FEW_POSTINGS else self.filter(pk__in=posting_ids)
        count = postings.live().order_by()[: pagination.COUNT_CAP + 1].count()
        return postings.latest(limit), count

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def highest_paid_first(self, currency, period):
        """Postings paying in this currency and period, the highest top of the range first."""
        return self.filter(pay_currency=currency, pay_period=period).order_by(*HIGHEST_PAY_FIRST)

    def pays_at_least(self, amount, currency, period):
        """
        Postings whose pay starts at `amount` or more, in this currency and period: amounts in different
        currencies or periods are never compared, and a posting that gives only an upper figure is left
        out (it does not say it pays at least that much).
        """
        # TOP_PAY >= amount follows from pay_min >= amount; said outright, it lets PostgreSQL answer a
        # high threshold from the highest-pay index instead of walking the newest-first one.
        return (
            self.filter(pay_currency=currency, pay_period=period, pay_min__gte=amount)
            .alias(top_pay=TOP_PAY)
            .filter(top_pay__gte=amount)
        )

    def posted_within(self, days, today=None):
        return self.filter(posted_on__gte=(today or timezone.localdate()) - timedelta(days=days))

    def located_in(self, country=None, city=None):
        """
        Postings with a place of work in this country (and city, case-insensitively), or, for a country,
        remote postings that accept applicants from it: where a job seeker there could take the job.
        """
        places = PostingLocation.objects.filter(posting=models.OuterRef("pk"))
        if country:
            places = places.filter(country=country)
        if city:
            places = places.alias(city_key=Upper("city")).filter(city_key=Upper(models.Value(city)))
        return self.filter(models.Exists(places))

    def refresh_match_anchors(self):
        """
        Point each posting's `match_anchor` at its rarest published essential skill (None when it has
        none). Rarity is counted up to COUNT_CAP, enough to tell a rare skill from a common one.
        """
        frequency = CappedCount(PostingSkill.objects.filter(skill=models.OuterRef("skill")))
        rarest = (
            PostingSkill.objects.filter(
                posting=models.OuterRef("pk"), importance=Importance.ESSENTIAL, skill__status=PUBLISHED
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
                queryset=PostingSkill.objects.filter(skill__status=PUBLISHED)
                .select_related("skill", "source")
                .order_by("importance", "skill__name"),
            ),
            "locations",
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
    # Empty (NULL) is "not stated": the posting says nothing about a degree. It is never read as "no degree
    # required" — a filter or a match by the degree someone holds leaves such postings out.
    min_degree = models.PositiveSmallIntegerField(
        choices=Degree.choices,
        null=True,
        blank=True,
        default=None,
        help_text="The lowest degree the posting asks for. Leave empty when the posting does not say.",
    )
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

    # Where, how, what it pays and how to apply: all optional, blank or NULL when the posting does not
    # say (the guide's postings say none of it). Places live in PostingLocation, as there may be several.
    workplace = models.CharField(max_length=10, choices=Workplace.choices, blank=True)
    employment_type = models.CharField(max_length=10, choices=EmploymentType.choices, blank=True)
    pay_min = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="The lowest pay offered (or the only figure).",
    )
    pay_max = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="The highest pay offered.",
    )
    pay_currency = models.CharField(
        max_length=3, choices=CURRENCY_CHOICES, blank=True, help_text="ISO 4217 code; required with a pay figure."
    )
    pay_period = models.CharField(
        max_length=5, choices=PayPeriod.choices, blank=True, help_text="Required with a pay figure."
    )
    apply_url = models.URLField(max_length=500, blank=True, help_text="Where to apply online.")
    apply_email = models.EmailField(blank=True, help_text="Where to send an application by email.")

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

    # Review before publication (postings/review.py): a curator submits a draft, a reviewer publishes or
    # rejects it with a reason. Set only through the review's own steps, never typed into the form.
    review_state = models.CharField(
        max_length=10,
        choices=ReviewState.choices,
        blank=True,
        default=ReviewState.NOT_SUBMITTED,
        # Also the database's default: bulk loaders (COPY, generate_benchmark_data) may leave it out.
        db_default=ReviewState.NOT_SUBMITTED,
        editable=False,
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.TextField(
        blank=True, default="", db_default="", editable=False, help_text="Why the reviewer sent it back."
    )

    objects = JobPostingQuerySet.as_manager()

    class Meta:
        ordering = NEWEST_FIRST
        permissions = [("publish_jobposting", "Can publish or reject postings submitted for review")]
        indexes = [
            # Partial indexes over published postings, in list order: each filter's first page is an
            # index range scan that stops after a page of rows.
            NewestFirstIndex(*NEWEST_FIRST, name="posting_published_newest", condition=models.Q(status=PUBLISHED)),
            NewestFirstIndex(
                models.F("role"), *NEWEST_FIRST, name="posting_role_newest", condition=models.Q(status=PUBLISHED)
            ),
            NewestFirstIndex(
                models.F("company"),
                *NEWEST_FIRST,
                name="posting_company_newest",
                condition=models.Q(status=PUBLISHED),
            ),
            NewestFirstIndex(
                models.F("match_anchor"),
                *NEWEST_FIRST,
                name="posting_anchor_newest",
                condition=models.Q(status=PUBLISHED),
            ),
            models.Index(fields=["valid_through"], name="posting_valid_through"),
            # The review queue, oldest submission first: only the few postings awaiting review.
            models.Index(
                fields=["submitted_at"], name="posting_review_queue", condition=models.Q(review_state="pending")
            ),
            # Live counts (every posting's, a role's, a company's). Open postings (no end, which sorts
            # first descending, or an end ahead) lead each index, so a count capped at COUNT_CAP reads
            # about that many index entries and no table row (an index-only scan); without these, most
            # postings being expired, a role's count read every one of its rows.
            # Every live posting's count, and the live postings asking for a skill (joined by id, so the id
            # is carried in the index: PostgreSQL counts them without reading a table row).
            models.Index(
                fields=["-valid_through"], include=["id"], name="posting_live", condition=models.Q(status=PUBLISHED)
            ),
            # The company (the role) rides along so that a count of a role's (a company's) live postings,
            # which leaves out those under a draft company (role), reads the index alone on PostgreSQL
            # (an index-only scan): the home page's 46 role counts read 33,000 heap pages without it.
            models.Index(
                models.F("role"),
                models.F("valid_through").desc(),
                name="posting_role_live",
                condition=models.Q(status=PUBLISHED),
                include=["company"],
            ),
            models.Index(
                models.F("company"),
                models.F("valid_through").desc(),
                name="posting_company_live",
                condition=models.Q(status=PUBLISHED),
                include=["role"],
            ),
            # The workplace and employment-type filters, in list order (low-cardinality columns, so the
            # column alone would not serve a newest-first page).
            NewestFirstIndex(
                models.F("workplace"),
                *NEWEST_FIRST,
                name="posting_workplace_newest",
                condition=models.Q(status=PUBLISHED),
            ),
            NewestFirstIndex(
                models.F("employment_type"),
                *NEWEST_FIRST,
                name="posting_employment_newest",
                condition=models.Q(status=PUBLISHED),
            ),
            # Pay: a currency and period in list order (the pay filters, newest first), and by the top of
            # the range (order=pay, and a high "pays at least" threshold). Only postings stating pay.
            NewestFirstIndex(
                models.F("pay_currency"),
                models.F("pay_period"),
                *NEWEST_FIRST,
                name="posting_pay_newest",
                condition=models.Q(status=PUBLISHED) & ~models.Q(pay_currency=""),
            ),
            models.Index(
                models.F("pay_currency"),
                models.F("pay_period"),
                *HIGHEST_PAY_FIRST,
                name="posting_pay_highest",
                condition=models.Q(status=PUBLISHED) & ~models.Q(pay_currency=""),
            ),
        ]
        constraints = [
            status_constraint("jobposting"),
            nonblank_constraint("jobposting", "title"),
            nonblank_constraint("jobposting", "slug"),
            models.CheckConstraint(
                condition=models.Q(min_degree__isnull=True) | models.Q(min_degree__in=Degree.values),
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
            models.CheckConstraint(
                condition=models.Q(review_state__in=ReviewState.values),
                name="jobposting_review_state_valid",
                violation_error_message="Unknown review state.",
            ),
            models.CheckConstraint(
                condition=~models.Q(review_state=ReviewState.REJECTED) | ~models.Q(rejection_reason=""),
                name="jobposting_rejection_has_reason",
                violation_error_message="A rejection needs a reason.",
            ),
            models.CheckConstraint(
                condition=~models.Q(review_state=ReviewState.PENDING) | models.Q(submitted_at__isnull=False),
                name="jobposting_pending_was_submitted",
                violation_error_message="A posting awaiting review needs the time it was submitted.",
            ),
            models.CheckConstraint(
                condition=models.Q(workplace__in=blank_or(Workplace.values)),
                name="jobposting_workplace_valid",
                violation_error_message="Unknown workplace.",
            ),
            models.CheckConstraint(
                condition=models.Q(employment_type__in=blank_or(EmploymentType.values)),
                name="jobposting_employment_type_valid",
                violation_error_message="Unknown employment type.",
            ),
            models.CheckConstraint(
                condition=(models.Q(pay_min__isnull=True) | models.Q(pay_min__gt=0))
                & (models.Q(pay_max__isnull=True) | models.Q(pay_max__gt=0)),
                name="jobposting_pay_positive",
                violation_error_message="Pay must be greater than zero.",
            ),
            models.CheckConstraint(
                condition=models.Q(pay_min__isnull=True)
                | models.Q(pay_max__isnull=True)
                | models.Q(pay_min__lte=models.F("pay_max")),
                name="jobposting_pay_min_not_above_max",
                violation_error_message="The lowest pay cannot be above the highest.",
            ),
            models.CheckConstraint(
                condition=models.Q(pay_currency__in=blank_or(ISO_4217_CODES)),
                name="jobposting_pay_currency_iso4217",
                violation_error_message="The currency must be an ISO 4217 code such as USD.",
            ),
            models.CheckConstraint(
                condition=models.Q(pay_period__in=blank_or(PayPeriod.values)),
                name="jobposting_pay_period_valid",
                violation_error_message="Unknown pay period.",
            ),
            # A figure means nothing without its currency and period, and they nothing without a figure.
            models.CheckConstraint(
                condition=models.Q(pay_min__isnull=True, pay_max__isnull=True, pay_currency="", pay_period="")
                | (
                    (models.Q(pay_min__isnull=False) | models.Q(pay_max__isnull=False))
                    & ~models.Q(pay_currency="")
                    & ~models.Q(pay_period="")
                ),
                name="jobposting_pay_stated_in_full",
                violation_error_message="A pay figure needs its currency and period, and they need a figure.",
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
        return slug_url("postings:detail", self.slug)

    def clean(self):
        super().clean()
        management, experience = self.min_years_management, self.min_years_experience
        if management is not None and experience is not None and management > experience:
            raise ValidationError({"min_years_management": "Management years cannot exceed the years of experience."})
        self.clean_pay()

    def clean_pay(self):
        """The pay constraints, with a message on the field to fix."""
        errors = {}
        figures = [figure for figure in (self.pay_min, self.pay_max) if figure is not None]
        if self.pay_min is not None and self.pay_max is not None and self.pay_min > self.pay_max:
            errors["pay_max"] = "The highest pay cannot be below the lowest."
        if figures and not self.pay_currency:
            errors["pay_currency"] = "Give the currency of the pay figures."
        if figures and not self.pay_period:
            errors["pay_period"] = "Say whether the pay is per year, month or hour."
        if not figures and (self.pay_currency or self.pay_period):
            errors["pay_min"] = "Give a pay figure, or leave the currency and period blank."
        if errors:
            raise ValidationError(errors)

    @property
    def states_pay(self):
        return self.pay_min is not None or self.pay_max is not None

    def describe_pay(self):
        """'120,000–150,000 USD per year', 'from 90 EUR per hour', 'up to…' — or '' when it states none."""
        if not self.states_pay:
            return ""
        low, high = (format_amount(amount) for amount in (self.pay_min, self.pay_max))
        if low and high:
            figures = low if low == high else f"{low}–{high}"
        else:
            figures = f"from {low}" if low else f"up to {high}"
        return f"{figures} {self.pay_currency} {self.get_pay_period_display()}"

    @property
    def office_locations(self):
        """Places of work (from the prefetched locations, without a query of its own)."""
        return [place for place in self.locations.all() if place.kind == LocationKind.OFFICE]

    @property
    def remote_countries(self):
        """The countries a remote job accepts applicants from."""
        return [place for place in self.locations.all() if place.kind == LocationKind.REMOTE]


class PostingAwaitingReview(JobPosting):
    """The admin's review queue: postings curators submitted for review, the oldest submission first."""

    class Meta:
        proxy = True
        verbose_name = "posting awaiting review"
        verbose_name_plural = "review queue"


class PostingSkillQuerySet(models.QuerySet):
    def get_by_natural_key(self, posting_slug, skill_slug):
        return self.get(posting__slug=posting_slug, skill__slug=skill_slug)

    def essential(self):
        return self.filter(importance=Importance.ESSENTIAL)

    def missing_from(self, not_missing):
        """
        Essential skills outside `not_missing` (the skills someone meets and every draft skill): what
        keeps a posting from being met. Listing the drafts spares a join to the skills for each posting.
        """
        return self.essential().exclude(skill__in=not_missing)


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


class PostingLocation(models.Model):
    """
    Where a posting's work is: a place of work (city, region, country), or, for a remote job, a country
    it accepts applicants from (country only). A posting may have several of each, or none.
    """

    # No index of its own: the unique constraint's index starts with the posting.
    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="locations", db_index=False)
    kind = models.CharField(max_length=10, choices=LocationKind.choices, default=LocationKind.OFFICE)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True, help_text="State, province or region, as the posting says.")
    country = models.CharField(max_length=2, choices=COUNTRY_CHOICES, help_text="ISO 3166-1 alpha-2 code.")

    class Meta:
        ordering = ["kind", "id"]
        indexes = [
            # The country filter (alone or with a city) and the city filter, each an index-only lookup
            # that yields posting ids. Cities are matched case-insensitively, through UPPER.
            models.Index(models.F("country"), Upper("city"), models.F("posting"), name="postinglocation_country"),
            models.Index(Upper("city"), models.F("posting"), name="postinglocation_city"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(country__in=sorted(ISO_3166_CODES)),
                name="postinglocation_country_iso3166",
                violation_error_message="The country must be an ISO 3166-1 alpha-2 code such as DE.",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=LocationKind.values),
                name="postinglocation_kind_valid",
                violation_error_message="Unknown kind of location.",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=LocationKind.OFFICE) | models.Q(city="", region=""),
                name="postinglocation_remote_is_a_country",
                violation_error_message="A country a remote job accepts applicants from has no city or region.",
            ),
            models.UniqueConstraint(
                fields=["posting", "kind", "country", "region", "city"],
                name="postinglocation_unique",
                violation_error_message="This posting already lists this location.",
            ),
        ]

    def __str__(self):
        return ", ".join(part for part in (self.city, self.region, self.country_name) if part)

    def clean(self):
        super().clean()
        if self.kind == LocationKind.REMOTE and (self.city or self.region):
            raise ValidationError({"city": "A country a remote job accepts applicants from has no city or region."})

    @property
    def country_name(self):
        return COUNTRY_NAMES.get(self.country, self.country)


# Who changed what, and when: django-simple-history keeps a row per change (the admin's History, with revert).
# Not the stored search document: the trigger rewrites it from the other columns.
register(Company)
register(FieldOfStudy)
register(JobPosting, excluded_fields=["search_document"])
register(PostingSkill)
register(PostingLocation)
