"""Pages that bring their own scripts and styles still work under the Content-Security-Policy.

Any violation fails the test through the console_errors fixture (tests/e2e/conftest.py).
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_the_api_under_the_policy(page, site, console_errors):
    response = page.goto(site + "/api/docs/")
    assert "'nonce-" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", name=re.compile("careerguide API"))).to_be_visible()
    expect(page.get_by_text("/api/v1/roles/", exact=True).first).to_be_visible()


def test_the_browsable_api_renders_under_the_policy(page, site, console_errors):
    page.goto(site + "/api/v1/postings/")
    expect(page.get_by_role("heading", name="Job Posting List")).to_be_visible()
    expect(page.get_by_text('"results"')).to_be_visible()
