"""
A curator imports postings in the admin, in Chromium under the real Content-Security-Policy: a file with a
refused row is shown row by row and cannot be confirmed; the corrected file is previewed, then imported.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from postings.models import JobPosting
from tests.factories import curators_group

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADER = "slug,title,company,role,essential_skills,optional_skills,locations,pay_min,pay_max,pay_currency,pay_period,"
HEADER += "source,source_passage\n"
ROW = '{slug},Applied Scientist,google,machine-learning-engineer,python,sql,"Zurich, ZH, CH",{low},150000,CHF,year,'
ROW += "exponent-ml-engineer-guide,We are hiring.\n"


def csv_file(*rows):
    return {"name": "postings.csv", "mimeType": "text/csv", "buffer": (HEADER + "".join(rows)).encode()}


def test_curator_previews_and_imports_a_file(page, site, console_errors):
    user = get_user_model().objects.create_user("curie", password="a-long-test-passphrase", is_staff=True)
    user.groups.add(curators_group())
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("curie")
    page.get_by_label("Password").fill("a-long-test-passphrase")
    page.get_by_role("button", name="Log in").click()

    page.goto(site + "/admin/postings/jobposting/")
    page.get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", name="Import")).to_be_visible()

    # A refused row: its row, column and message are shown, and nothing can be confirmed.
    page.get_by_label("File to import").set_input_files(
        csv_file(ROW.format(slug="zurich-one", low="120000"), ROW.format(slug="zurich-two", low="190000"))
    )
    expect(page.get_by_label("Format")).to_have_value("0")  # guessed from the extension by the library's script
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("status")).to_contain_text("Nothing will be imported. 1 new, 0 updated")
    refused = page.locator("table.import-errors").get_by_role("row").filter(has_text="pay_max")
    expect(refused).to_contain_text(re.compile(r"2\s*pay_max\s*The highest pay cannot be below the lowest."))
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)

    # The corrected file: previewed, then confirmed.
    page.get_by_label("File to import").set_input_files(
        csv_file(ROW.format(slug="zurich-one", low="120000"), ROW.format(slug="zurich-two", low="130000"))
    )
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("status")).to_contain_text("2 new, 0 updated, 0 unchanged (skipped), 0 refused.")
    expect(page.locator("table.import-preview tr.new")).to_have_count(2)
    page.get_by_role("button", name="Confirm import").click()
    expect(page.get_by_text("Import finished: 2 new, 0 updated, 0 deleted and 0 skipped job postings.")).to_be_visible()

    imported = JobPosting.objects.filter(slug__startswith="zurich-")
    assert imported.count() == 2 and {posting.status for posting in imported} == {"draft"}
    assert {posting.match_anchor.slug for posting in imported} == {"python"}
