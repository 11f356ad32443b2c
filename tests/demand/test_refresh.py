"""Counting (demand/refresh.py): known counts on a small set of postings, the in-demand rule, the command."""

from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command

from demand.models import (
    IN_DEMAND_MIN_POSTINGS,
    IN_DEMAND_PERCENT,
    TREND_MONTHS,
    RoleDemand,
    RoleMonth,
    RoleSkillDemand,
    RoleSkillMonth,
    is_in_demand,
)
from demand.refresh import add_months, refresh_role, stale_role_ids, trend_window
from demand.reports import skill_demand_of
from tests.demand.conftest import TODAY, month, posting
from tests.factories import RoleFactory, SkillFactory

pytestmark = pytest.mark.django_db


def ranking(role):
    return [(r.skill.slug, r.essential, r.optional, r.postings, r.in_demand) for r in skill_demand_of(role).skills]


def test_only_live_postings_are_ranked_essential_and_optional_apart(world):
    # Live: p1, p2, p3, p4, p7. Not the expired one, not the draft, not the other role's.
    assert RoleDemand.objects.get(role=world["role"]).live_postings == 5
    assert ranking(world["role"]) == [
        ("a", 2, 1, 3, True),  # p1, p2 essential; p3 optional
        ("b", 1, 1, 2, False),  # p4 essential; p1 optional
        ("c", 1, 0, 1, False),  # p2 (the expired posting's does not count)
    ]
    a = RoleSkillDemand.objects.get(role=world["role"], skill=world["a"])
    assert (a.share, a.percent, a.essential_percent, a.optional_percent) == (0.6, "60%", "40%", "20%")


def test_a_draft_skill_counts_in_no_ranking_but_its_posting_is_live(world):
    assert RoleSkillDemand.objects.filter(skill=world["draft_skill"]).exists()
    assert "draft-skill" not in [row[0] for row in ranking(world["role"])]


def test_postings_are_counted_by_month_posted_expired_included_drafts_and_undated_not(world):
    role = world["role"]
    assert dict(RoleMonth.objects.filter(role=role).values_list("month", "postings")) == {
        month(0): 2,  # p1, p2 (not the draft)
        month(-1): 1,  # p3
        month(-2): 1,  # the expired posting: it was live then
    }
    by_skill = {
        (slug, m): n
        for slug, m, n in RoleSkillMonth.objects.filter(role=role).values_list("skill__slug", "month", "postings")
    }
    assert by_skill == {
        ("a", month(0)): 2,
        ("b", month(0)): 1,
        ("c", month(0)): 1,
        ("a", month(-1)): 1,
        ("a", month(-2)): 1,
        ("c", month(-2)): 1,
    }
    assert RoleDemand.objects.get(role=role).dated_postings == 4


def test_the_trend_gives_every_month_and_a_share_of_that_months_postings(world):
    report = skill_demand_of(world["role"])
    assert len(report.months) == TREND_MONTHS
    assert (report.months[0].month, report.months[-1].month) == trend_window(TODAY)
    assert [line.skill.slug for line in report.trend] == ["a", "c", "b"]  # most asked over the months first
    a = {point.month: point for point in report.trend[0].points}
    assert (a[month(0)].postings, a[month(0)].share) == (2, 1.0)
    assert a[month(-3)].share is None  # no posting that month: no share, not 0%
    c = {point.month: point.share for point in report.trend[1].points}
    assert (c[month(0)], c[month(-2)]) == (0.5, 1.0)


def test_a_role_without_dated_postings_has_an_empty_trend(db):
    role = RoleFactory()
    posting(role, [(SkillFactory(), "essential")])
    refresh_role(role.pk)
    report = skill_demand_of(role)
    assert report.live_postings == 1 and report.trend == [] and report.dated_postings == 0
    assert sum(m.postings for m in report.months) == 0


def test_the_other_role_is_counted_on_its_own(world):
    assert ranking(world["other"]) == [("a", 1, 0, 1, False)]


@pytest.mark.parametrize(
    "postings, live, expected",
    [
        (3, 12, True),  # exactly 25%, exactly the minimum
        (3, 13, False),  # 23%
        (2, 8, False),  # 25%, but two postings cannot make a flag
        (2, 2, False),  # 100% of two
        (3, 3, True),
        (0, 0, False),
    ],
)
def test_the_in_demand_rule_at_its_thresholds(postings, live, expected):
    assert (IN_DEMAND_PERCENT, IN_DEMAND_MIN_POSTINGS) == (25, 3)
    assert is_in_demand(postings, live) is expected


@pytest.mark.parametrize("live, flagged", [(12, True), (13, False)])
def test_the_flag_is_stored_by_the_rule(db, live, flagged):
    role, skill, filler = RoleFactory(), SkillFactory(), SkillFactory()
    for i in range(live):
        posting(role, [(skill if i < 3 else filler, "optional")])
    refresh_role(role.pk)
    assert RoleSkillDemand.objects.get(role=role, skill=skill).in_demand is flagged
    assert RoleDemand.objects.get(role=role).in_demand_skills == 1 + flagged  # the filler: 9 or 10 of them


def test_a_recount_replaces_the_rows(world):
    world["p4"].delete()
    refresh_role(world["role"].pk)
    assert RoleDemand.objects.get(role=world["role"]).live_postings == 4
    # b now ties with c on postings; c is asked for as essential, so it ranks first.
    assert ranking(world["role"])[1:] == [("c", 1, 0, 1, False), ("b", 0, 1, 1, False)]
    assert RoleSkillDemand.objects.filter(role=world["role"]).count() == 4  # a, b, c, the draft skill


def test_the_window_is_this_month_and_the_ones_before():
    assert trend_window(date(2026, 3, 17)) == (date(2024, 4, 1), date(2026, 3, 1))
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)


def test_stale_roles_are_the_uncounted_those_with_a_posting_expired_since_and_last_months(world):
    fresh = RoleFactory()
    refresh_role(fresh.pk)
    assert stale_role_ids() == []  # p3 ends today: still live, so its count still holds
    assert world["role"].pk in stale_role_ids(TODAY + timedelta(days=1))
    uncounted = RoleFactory()
    assert uncounted.pk in stale_role_ids()
    next_month = add_months(TODAY.replace(day=1), 1)
    assert set(stale_role_ids(next_month)) >= {fresh.pk, world["other"].pk}


def test_the_command_recounts_one_role_or_all(world, capsys):
    RoleDemand.objects.all().delete()
    call_command("refresh_skill_demand", "--role", "target")
    assert list(RoleDemand.objects.values_list("role__slug", flat=True)) == ["target"]
    call_command("refresh_skill_demand")
    assert RoleDemand.objects.count() == 2
    assert "Recounted skill demand for 2 roles" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No role has the slug"):
        call_command("refresh_skill_demand", "--role", "nope")
