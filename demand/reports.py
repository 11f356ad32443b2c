"""
A role's skill demand as the pages and the API show it, read from the demand tables in a fixed number
of queries (never from the postings themselves).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum

from core.publishing import PUBLISHED
from demand.models import RULE, InDemandRule, RoleDemand, RoleMonth, RoleSkillDemand, RoleSkillMonth, as_percent
from demand.refresh import add_months
from roles.models import Role
from skills.models import Skill

# The trend follows the skills most asked for over its months: this many of them.
TREND_SKILLS = 8


@dataclass(frozen=True)
class MonthTotal:
    month: date
    postings: int  # the role's published postings posted that month


@dataclass(frozen=True)
class MonthPoint:
    month: date
    postings: int  # of those, how many ask for the skill
    share: float | None  # postings / the role's postings that month; None in a month without any

    @property
    def percent(self):
        return "–" if self.share is None else as_percent(self.share)


@dataclass(frozen=True)
class SkillTrend:
    skill: Skill
    points: list[MonthPoint]

    @property
    def shown_points(self):
        """The months with postings: those a share can be given for."""
        return [point for point in self.points if point.share is not None]


@dataclass(frozen=True)
class SkillDemandReport:
    role: Role
    counted: RoleDemand | None  # None until the role's demand was first counted
    skills: list[RoleSkillDemand]  # ranked: the most asked for first
    months: list[MonthTotal]  # every month of the trend, the oldest first
    trend: list[SkillTrend]
    rule: InDemandRule = RULE

    @property
    def live_postings(self):
        return self.counted.live_postings if self.counted else 0

    @property
    def rankable(self):
        """Enough live postings to rank the skills by share (demand.models.RANKING_MIN_POSTINGS)."""
        return self.live_postings >= self.rule.ranking_min_postings

    @property
    def trend_rankable(self):
        return self.dated_postings >= self.rule.ranking_min_postings

    @property
    def in_demand_skills(self):
        return self.counted.in_demand_skills if self.counted else 0

    @property
    def computed_at(self):
        return self.counted.computed_at if self.counted else None

    @property
    def dated_postings(self):
        return self.counted.dated_postings if self.counted else 0

    @property
    def trend_rows(self):
        """(MonthTotal, [each trend skill's MonthPoint]) per month: the trend as a table."""
        return [(month, [line.points[i] for line in self.trend]) for i, month in enumerate(self.months)]


def skill_demand_of(role, *, top=None, with_trend=True):
    """
    The ranking (all of it, or the `top` few) and, `with_trend`, the month-by-month trend of the
    TREND_SKILLS skills most asked for over the trend's months. Two queries, four with the trend.
    """
    counted = RoleDemand.objects.filter(role=role).first()
    ranked = RoleSkillDemand.objects.filter(role=role).ranked()
    skills = list(ranked[:top] if top else ranked)
    months, trend = [], []
    if with_trend and counted is not None:
        months, trend = _trend(role, counted)
    return SkillDemandReport(role=role, counted=counted, skills=skills, months=months, trend=trend)


def _trend(role, counted):
    month = counted.first_month
    calendar = []
    while month <= counted.last_month:
        calendar.append(month)
        month = add_months(month, 1)
    totals = {}
    by_skill = {}
    if counted.dated_postings:
        totals = dict(RoleMonth.objects.filter(role=role).values_list("month", "postings"))
        rows = RoleSkillMonth.objects.filter(role=role, skill__status=PUBLISHED)
        most_asked = rows.values("skill_id").annotate(total=Sum("postings")).order_by("-total", "skill_id")
        chosen = rows.filter(skill__in=most_asked.values("skill_id")[:TREND_SKILLS]).select_related("skill")
        for row in chosen.order_by("skill__name", "month"):
            by_skill.setdefault(row.skill, {})[row.month] = row.postings
    months = [MonthTotal(month, totals.get(month, 0)) for month in calendar]
    trend = [
        SkillTrend(
            skill,
            [
                MonthPoint(m.month, counts.get(m.month, 0), counts.get(m.month, 0) / m.postings if m.postings else None)
                for m in months
            ],
        )
        for skill, counts in by_skill.items()
    ]
    trend.sort(key=lambda line: (-sum(p.postings for p in line.points), line.skill.name))
    return months, trend
