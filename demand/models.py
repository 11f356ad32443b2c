"""
Skill demand, counted from the postings into tables of its own: per role (what was counted, and when),
per role and skill (the ranking), and per month (the trend). Derived data: `demand.refresh` rewrites a
role's rows from its postings, and nothing else writes them.
"""

import uuid
from dataclasses import dataclass

from django.db import models

from core.publishing import PUBLISHED
from roles.models import Role
from skills.models import Skill

# A skill is "in demand" for a role when at least IN_DEMAND_PERCENT of the role's live postings ask for
# it (as essential or optional) and at least IN_DEMAND_MIN_POSTINGS of them do, so that one or two
# postings cannot make a flag. Changing either takes effect at the next `refresh_skill_demand`.
IN_DEMAND_PERCENT = 25
IN_DEMAND_MIN_POSTINGS = 3
# Below this many postings a role's skills are not ranked (no chart, no shares, no trend lines): with two
# postings every skill is 50% or 100%, which says nothing. The pages say so and show the plain counts.
RANKING_MIN_POSTINGS = 5
# The trend covers the current month and the ones before it, this many in all.
TREND_MONTHS = 24


@dataclass(frozen=True)
class InDemandRule:
    """The rule's numbers, for the pages and the API that state it."""

    percent: int = IN_DEMAND_PERCENT
    min_postings: int = IN_DEMAND_MIN_POSTINGS
    ranking_min_postings: int = RANKING_MIN_POSTINGS


RULE = InDemandRule()


def is_in_demand(postings, live_postings):
    """The in-demand rule, in whole numbers (so that 2 of 8 postings is exactly 25%)."""
    return postings >= IN_DEMAND_MIN_POSTINGS and postings * 100 >= IN_DEMAND_PERCENT * live_postings


def share_of(part, whole):
    return part / whole if whole else 0.0


def as_percent(share):
    """0.623 → "62%"; a share too small to round to 1% but above none → "<1%"."""
    if 0 < share < 0.005:
        return "<1%"
    return f"{round(share * 100)}%"


class RoleDemandQuerySet(models.QuerySet):
    def report_for(self, role, *, top=None, with_trend=True):
        """The role's skill demand as pages and the API show it (demand.reports.skill_demand_of)."""
        from demand.reports import skill_demand_of

        return skill_demand_of(role, top=top, with_trend=with_trend)


class RoleDemand(models.Model):
    """What a role's skill demand was counted from, and when."""

    role = models.OneToOneField(Role, on_delete=models.CASCADE, primary_key=True, related_name="demand")
    live_postings = models.PositiveIntegerField(help_text="The role's published, unexpired postings.")
    in_demand_skills = models.PositiveIntegerField(help_text="How many skills are in demand for the role.")
    dated_postings = models.PositiveIntegerField(help_text="Published postings posted in the trend's months.")
    first_month = models.DateField(help_text="The trend's first month (its first day).")
    last_month = models.DateField(help_text="The trend's last month: the month it was counted in.")
    next_expiry = models.DateField(
        null=True, blank=True, help_text="The earliest end among the live postings counted: after it, a recount is due."
    )
    computed_at = models.DateTimeField()

    objects = RoleDemandQuerySet.as_manager()

    class Meta:
        verbose_name = "role's skill demand"
        verbose_name_plural = "roles' skill demand"
        # The admin's "Recount all skill demand" (demand/admin.py): a long job, so its own permission.
        permissions = [("recount_skill_demand", "Can recount the skill demand of every role")]

    def __str__(self):
        return f"Skill demand for {self.role_id}, counted {self.computed_at:%Y-%m-%d %H:%M}"


@dataclass
class EssentialCounts:
    roles: set  # the roles whose skill demand has been counted
    essential: dict  # {(role id, skill id): live postings asking for it as essential}


class RoleSkillDemandQuerySet(models.QuerySet):
    def ranked(self):
        """Published skills, the most asked for first (then the most often essential, then by name)."""
        return (
            self.filter(skill__status=PUBLISHED)
            .select_related("skill")
            .order_by("-postings", "-essential", "skill__name")
        )

    def in_demand(self):
        return self.filter(in_demand=True)

    def essential_counts(self, role_ids, skill_ids):
        """
        For these roles and skills, as last counted: `roles`, those of `role_ids` whose demand has been
        counted, and `essential`, {(role id, skill id): the role's live postings asking for the skill as
        essential} (a pair no posting asks for has no row: 0). Two small queries, on indexed columns.
        """
        role_ids = list(role_ids)
        if not role_ids:
            return EssentialCounts(set(), {})
        roles = set(RoleDemand.objects.filter(role_id__in=role_ids).values_list("role_id", flat=True))
        rows = self.filter(role_id__in=roles, skill_id__in=list(skill_ids)).values_list(
            "role_id", "skill_id", "essential"
        )
        return EssentialCounts(roles, {(role, skill): essential for role, skill, essential in rows})

    def for_skill_page(self):
        """
        The published roles whose live postings ask for a skill, in demand first, then the highest share,
        each with the role's own count (`role.demand`), so the page can say when a role has too few postings.
        """
        return (
            self.filter(role__status=PUBLISHED, postings__gt=0)
            .select_related("role__demand")
            .order_by("-in_demand", "-share", "role__name")
        )


class RoleSkillDemand(models.Model):
    """How many of a role's live postings ask for a skill, as essential and as optional."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="skill_demand")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="role_demand")
    essential = models.PositiveIntegerField(help_text="Live postings that ask for it as essential.")
    optional = models.PositiveIntegerField(help_text="Live postings that ask for it as optional.")
    postings = models.PositiveIntegerField(help_text="Live postings that ask for it: essential + optional.")
    share = models.FloatField(help_text="postings / the role's live postings, 0 to 1.")
    in_demand = models.BooleanField(help_text="Whether it meets the in-demand rule (is_in_demand).")

    objects = RoleSkillDemandQuerySet.as_manager()
    in_demand_rule = RULE  # for pages that reach this model through a relation and state the rule

    class Meta:
        verbose_name = "role skill demand"
        constraints = [
            models.UniqueConstraint(fields=["role", "skill"], name="roleskilldemand_unique_role_skill"),
            models.CheckConstraint(
                condition=models.Q(postings=models.F("essential") + models.F("optional")),
                name="roleskilldemand_postings_add_up",
            ),
        ]

    def __str__(self):
        return f"{self.skill_id} in {self.postings} postings of {self.role_id}"

    @property
    def percent(self):
        return as_percent(self.share)

    @property
    def essential_share(self):
        return self.share * share_of(self.essential, self.postings)

    @property
    def optional_share(self):
        return self.share * share_of(self.optional, self.postings)

    @property
    def essential_percent(self):
        return as_percent(self.essential_share)

    @property
    def optional_percent(self):
        return as_percent(self.optional_share)


class RoleMonth(models.Model):
    """How many of a role's published postings were posted in a month (expired ones included)."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="demand_months")
    month = models.DateField(help_text="The month's first day.")
    postings = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["role", "month"], name="rolemonth_unique_role_month")]

    def __str__(self):
        return f"{self.postings} postings of {self.role_id} in {self.month:%Y-%m}"


class RoleSkillMonth(models.Model):
    """How many of a role's published postings posted in a month ask for a skill."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="skill_demand_months")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="demand_months")
    month = models.DateField(help_text="The month's first day.")
    postings = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["role", "skill", "month"], name="roleskillmonth_unique_role_skill_month")
        ]

    def __str__(self):
        return f"{self.postings} postings of {self.role_id} asking for {self.skill_id} in {self.month:%Y-%m}"


class DirtyRole(models.Model):
    """
    A role whose counts a write has changed and no recount has caught up with yet. Written in the write's
    own transaction (demand.signals), so a committed write always leaves its mark; removed by the recount
    that counted it (demand.refresh.refresh_role), in the recount's transaction. A recount that fails, or a
    task lost with its worker or its broker, leaves the mark for the stale sweep (demand.tasks.recount_stale).

    Every write replaces `token`; a recount removes the mark only if the token is still the one it read
    before counting, so a write committed while it counted (which it may not have seen) keeps its mark.
    """

    role = models.OneToOneField(Role, on_delete=models.CASCADE, primary_key=True, related_name="demand_dirty")
    token = models.UUIDField(default=uuid.uuid4, help_text="Replaced by every write that marks the role.")
    since = models.DateTimeField(help_text="When a write first marked the role since its last recount.")

    class Meta:
        verbose_name = "role awaiting a skill demand recount"
        verbose_name_plural = "roles awaiting a skill demand recount"

    def __str__(self):
        return f"{self.role_id} awaiting a recount since {self.since:%Y-%m-%d %H:%M}"


# Every table of the app: what a refresh invalidates, and what the pages and API built from them depend on.
DEMAND_MODELS = (RoleDemand, RoleSkillDemand, RoleMonth, RoleSkillMonth)
