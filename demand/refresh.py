"""
Counting a role's skill demand from its postings, and writing it into the demand tables.

A role's refresh reads only that role's postings, in four queries: two counts over the postings (the
live ones; the published ones posted in the trend's months, by month) and two GROUP BY queries over
their skill links (the live postings' links by skill and importance; the dated postings' links by skill
and month). It then replaces the role's rows in one transaction, and makes the cached pages and API
answers built from them unreachable. Each role is its own transaction, so a full refresh never holds
more than one role's rows. The same transaction removes the role's dirty mark (DirtyRole) if no write
has marked it again since the count began: a recount that fails leaves the mark, and the stale sweep
tries again.
"""

import os
import time
from collections import defaultdict
from datetime import date

from django.db import transaction
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from core.caching import invalidate
from demand import signals
from demand.models import (
    DEMAND_MODELS,
    TREND_MONTHS,
    DirtyRole,
    RoleDemand,
    RoleMonth,
    RoleSkillDemand,
    RoleSkillMonth,
    is_in_demand,
    share_of,
)
from postings.models import JobPosting
from roles.models import Role
from skills.models import Importance

BATCH = 2_000


def add_months(month, count):
    """The first day of the month `count` months after (or before) `month`."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def trend_window(today):
    """(first month, last month) of the trend: the month of `today` and the TREND_MONTHS - 1 before it."""
    last = today.replace(day=1)
    return add_months(last, -(TREND_MONTHS - 1)), last


def refresh_roles(role_ids, today=None):
    """Recount the given roles (ids); unknown ids are skipped. Returns how many roles were recounted."""
    return sum(refresh_role(role_id, today) for role_id in sorted(set(role_ids)))


def refresh_all(today=None):
    return refresh_roles(Role.objects.order_by().values_list("pk", flat=True), today)


def refresh_role(role_id, today=None):
    today = today or timezone.localdate()
    with transaction.atomic():
        # Two refreshes of one role (two curators' writes) take turns, and each counts only once it holds
        # the lock: the later one then sees both writes, and its rows are the ones left.
        if not Role.objects.select_for_update(no_key=True).filter(pk=role_id).exists():
            return False
        # Read before counting: a write committed after this read replaced the token, and keeps its mark.
        token = DirtyRole.objects.filter(role_id=role_id).values_list("token", flat=True).first()
        rows = count_role(role_id, today)
        for model in (RoleSkillMonth, RoleMonth, RoleSkillDemand, RoleDemand):
            model.objects.filter(role_id=role_id).delete()
        _pause_for_drills()
        RoleDemand.objects.create(**rows["summary"])
        for model in (RoleSkillDemand, RoleMonth, RoleSkillMonth):
            model.objects.bulk_create((model(**values) for values in rows[model]), batch_size=BATCH)
        if token is not None and DirtyRole.objects.filter(role_id=role_id, token=token).delete()[0]:
            # A write later in this same transaction must mark the role again.
            signals.forget_mark(role_id)
        invalidate(*DEMAND_MODELS)
    return True


def _pause_for_drills():
    """
    Hold a recount part-way through its transaction for DEMAND_RECOUNT_PAUSE seconds (unset: never), so
    that a real-process test can kill the worker in the middle of one (tests/demand/test_worker.py).
    """
    pause = float(os.environ.get("DEMAND_RECOUNT_PAUSE") or 0)
    if pause:
        time.sleep(pause)


def count_role(role_id, today):
    """The rows of one role, as field values: {"summary": {...}, RoleSkillDemand: [...], RoleMonth: [...], ...}."""
    first_month, last_month = trend_window(today)
    live = JobPosting.objects.live().filter(role_id=role_id).order_by()
    dated = (
        JobPosting.objects.published()
        .filter(role_id=role_id, posted_on__gte=first_month, posted_on__lt=add_months(last_month, 1))
        .order_by()
    )
    counted = live.aggregate(postings=Count("pk"), next_expiry=Min("valid_through"))
    live_postings = counted["postings"]

    # A posting lists a skill at most once (a unique constraint), so counting links counts postings.
    asked = defaultdict(lambda: {Importance.ESSENTIAL: 0, Importance.OPTIONAL: 0})
    for skill_id, importance, postings in (
        _with_links(live).values_list("posting_skills__skill", "posting_skills__importance").annotate(n=Count("pk"))
    ):
        asked[skill_id][importance] = postings
    skill_rows = []
    for skill_id, by_importance in asked.items():
        postings = sum(by_importance.values())
        skill_rows.append(
            {
                "role_id": role_id,
                "skill_id": skill_id,
                "essential": by_importance[Importance.ESSENTIAL],
                "optional": by_importance[Importance.OPTIONAL],
                "postings": postings,
                "share": share_of(postings, live_postings),
                "in_demand": is_in_demand(postings, live_postings),
            }
        )

    month_rows = [
        {"role_id": role_id, "month": month, "postings": postings}
        for month, postings in dated.annotate(m=TruncMonth("posted_on")).values_list("m").annotate(n=Count("pk"))
    ]
    skill_month_rows = [
        {"role_id": role_id, "skill_id": skill_id, "month": month, "postings": postings}
        for skill_id, month, postings in _with_links(dated)
        .annotate(m=TruncMonth("posted_on"))
        .values_list("posting_skills__skill", "m")
        .annotate(n=Count("pk"))
    ]
    summary = {
        "role_id": role_id,
        "live_postings": live_postings,
        "in_demand_skills": sum(row["in_demand"] for row in skill_rows),
        "dated_postings": sum(row["postings"] for row in month_rows),
        "first_month": first_month,
        "last_month": last_month,
        "next_expiry": counted["next_expiry"],
        "computed_at": timezone.now(),
    }
    return {"summary": summary, RoleSkillDemand: skill_rows, RoleMonth: month_rows, RoleSkillMonth: skill_month_rows}


def _with_links(postings):
    """
    These postings joined to their skill links, one row per link. Filtering on the link's skill (never
    NULL) makes the join an inner one, and lets PostgreSQL read the links from the (posting, skill)
    unique index alone: at a million postings, a role's 130,000 links without a table row read.
    """
    return postings.filter(posting_skills__skill__isnull=False)


def stale_role_ids(today=None):
    """
    Roles whose counts are out of date: marked dirty by a write no recount has caught up with (it failed,
    or its task was lost), never counted, counted in an earlier month (the trend's months have moved on),
    or a counted live posting has expired since.
    """
    today = today or timezone.localdate()
    _, this_month = trend_window(today)
    counted = RoleDemand.objects.filter(last_month=this_month).exclude(next_expiry__lt=today)
    stale = Role.objects.filter(~Q(pk__in=counted.values("role_id")) | Q(pk__in=DirtyRole.objects.values("role_id")))
    return list(stale.order_by("pk").values_list("pk", flat=True))
