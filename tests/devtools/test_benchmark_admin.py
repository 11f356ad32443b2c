"""
The benchmark's admin URLs: built from the bench data, and served to the bench curator's session.

`benchmark_probe` itself refuses anything but PostgreSQL, so its pieces are exercised one by one here:
build_urls/build_admin_urls, curator_client and session_cookie, probe(), and the parent's fetch().
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client

from devtools.management.commands.benchmark import fetch
from devtools.management.commands.benchmark_probe import CURATOR_USERNAME, Command, session_cookie
from postings.models import JobPosting
from tests.factories import CompanyFactory, JobPostingFactory, RoleFactory, curators_group

pytestmark = [pytest.mark.urls("devtools.urls"), pytest.mark.django_db]


@pytest.fixture
def bench(db):
    """Bench-prefixed postings: a company and a role with three, another company with one."""
    busy_company = CompanyFactory(name="Bench Busy 1", slug="bench-busy-1")
    quiet_company = CompanyFactory(name="Bench Quiet 2", slug="bench-quiet-2")
    role = RoleFactory(name="Bench Engineer 1", slug="bench-role-1")
    for i in range(3):
        JobPostingFactory(title=f"Python engineer {i}", slug=f"bench-posting-{i}", company=busy_company, role=role)
    JobPostingFactory(title="Analyst", slug="bench-posting-9", company=quiet_company)
    return {"company": busy_company, "role": role}


def admin_urls_and_notes():
    probe = Command()
    urls, notes = probe.build_urls()
    return probe.build_admin_urls(notes), notes


def test_admin_urls_are_picked_from_the_bench_data(bench):
    urls, notes = admin_urls_and_notes()
    company, role = bench["company"].pk, bench["role"].pk
    changelist = "/admin/postings/jobposting/"
    assert urls == [
        changelist,
        f"{changelist}?p=1",
        f"{changelist}?q=python",
        f"{changelist}?company__id__exact={company}",
        f"/admin/roles/role/{role}/change/",
        f"/admin/postings/company/{company}/change/",
        "/admin/autocomplete/?app_label=postings&model_name=jobposting&field_name=company&term=bench",
    ]
    assert notes["company"]["n"] == 3 and notes["role"]["n"] == 3


def test_the_deep_changelist_page_is_the_deepest_the_capped_paginator_offers(bench, monkeypatch):
    # A page past the paginator's last answers a 302 to `?e=1`: the probe takes the last one instead.
    monkeypatch.setattr(admin.site.get_model_admin(JobPosting), "list_per_page", 1)
    urls, notes = admin_urls_and_notes()
    assert "/admin/postings/jobposting/?p=4" in urls
    assert notes["admin_page"] == {"asked": 40, "taken": 4, "pages": 4}


def test_the_bench_curator_is_a_passwordless_member_of_the_curators_group(db):
    Command().curator_client()
    Command().curator_client()  # a second run reuses it

    curator = get_user_model().objects.get(username=CURATOR_USERNAME)
    assert curator.is_staff and not curator.is_superuser
    assert not curator.has_usable_password()
    assert list(curator.groups.values_list("name", flat=True)) == ["Curators"]


def test_the_curator_client_is_served_every_admin_url(bench):
    urls, _ = admin_urls_and_notes()
    probe = Command()
    client = probe.curator_client()
    for url in urls:
        result = probe.probe(client, url)
        assert result["status"] == 200, url
        assert result["queries"] > 0


def test_the_session_cookie_signs_in_another_client_and_only_it(bench):
    cookie = session_cookie(Command().curator_client())
    assert cookie.startswith("sessionid=")
    url = "/admin/postings/jobposting/?q=python"

    assert Client().get(url, HTTP_COOKIE=cookie).status_code == 200
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")


@pytest.mark.urls("careerguide.urls")  # what live_server serves
@pytest.mark.django_db(transaction=True)
def test_fetch_reports_the_login_redirect_instead_of_following_it(live_server):
    curators_group()  # committing tests before this one may have flushed it
    cookie = session_cookie(Command().curator_client())
    url = live_server.url + "/admin/postings/jobposting/"

    assert fetch(url)[0] == 302
    status, size = fetch(url, {"Cookie": cookie})
    assert status == 200 and size > 0


def test_url_classes_spread_over_the_data_and_every_path_answers(bench, client):
    from devtools.management.commands.benchmark_probe import pairs, spread

    assert spread(range(10), 3) == [0, 3, 6] and spread([1, 2], 5) == [1, 2]
    assert pairs("abc") == [("a", "b"), ("a", "c"), ("b", "c")] and len(pairs("abc", ordered=True)) == 6
    rotations = Command().build_rotations()
    assert {"/postings/<slug>/", "/roles/<slug>/", "/companies/<slug>/", "/plan/?from=a&to=b"} <= set(rotations)
    postings = rotations["/postings/<slug>/"]
    assert len(postings) == len(set(postings)) == JobPosting.objects.published().count()
    for label in ("/postings/<slug>/", "/roles/<slug>/", "/companies/<slug>/", "/postings/?page=k"):
        assert client.get(rotations[label][0]).status_code == 200, label
