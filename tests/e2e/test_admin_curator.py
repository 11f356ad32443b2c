"""A curator unpublishes a role in the admin: the public page goes away; the curator still previews it as a draft."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import curators_group

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_curator_unpublishes_role(page, browser, site, console_errors):
    user = get_user_model().objects.create_user("curie", password="a-long-test-passphrase", is_staff=True)
    user.groups.add(curators_group())  # made again if an earlier committing test's flush emptied it
    assert page.goto(site + "/roles/software-engineer/").status == 200

    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("curie")
    page.get_by_label("Password").fill("a-long-test-passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("link", name=re.compile(r"log out", re.I))
        .or_(page.get_by_role("button", name=re.compile(r"log out", re.I)))
        .first
    ).to_be_visible()
    page.goto(site + "/admin/roles/role/")
    expect(page.get_by_role("heading", name=re.compile(r"Select role to change"))).to_be_visible()
    page.get_by_role("link", name="Software Engineer", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Change role"))).to_be_visible()
    page.go_back()

    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Software Engineer", exact=True))
    row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Unpublish selected records (back to draft)")
    page.get_by_role("button", name="Go", exact=True).click()  # Django titles it "Run the selected action"
    expect(page.get_by_text("1 record marked draft.")).to_be_visible()

    # The curator, still signed in, previews the draft with a banner saying so.
    assert page.goto(site + "/roles/software-engineer/").status == 200
    expect(page.get_by_role("status").filter(has_text="Only curators see this page")).to_be_visible()

    # A visitor (a browser context of their own, no session) no longer finds it.
    visitor = browser.new_context()
    try:
        public = visitor.new_page()
        assert public.goto(site + "/roles/software-engineer/").status == 404
        public.goto(site + "/")
        expect(public.get_by_role("link", name="Software Engineer", exact=True)).to_have_count(0)
    finally:
        visitor.close()
