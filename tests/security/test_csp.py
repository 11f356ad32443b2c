"""The Content-Security-Policy: on every page, strict, and no page needs more than it allows."""

import re
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # Swagger UI's icons
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

SITE_PAGES = [
    "/",
    "/roles/",
    "/roles/data-scientist/",
    "/skills/",
    "/skills/speech-recognition/",
    "/postings/",
    "/postings/?role=data-scientist&skill=python",
    "/postings/google-ml-engineer/",
    "/companies/",
    "/companies/openai/",
    "/salaries/",
    "/sources/",
    "/search/?q=python",
    "/search/?q=zzzz",
    "/match/?skill=python&skill=sql",
    "/compare/?role=data-scientist&role=machine-learning-engineer",
    "/roles/no-such-role/",  # the 404 page
]
ADMIN_PAGES = [
    "/admin/",
    "/admin/roles/role/",
    "/admin/roles/role/add/",
    "/admin/postings/jobposting/",
    "/admin/postings/jobposting/add/",
    "/admin/axes/accessattempt/",
]
API_PAGES = ["/api/v1/", "/api/v1/postings/", "/api/v1/roles/data-scientist/"]
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def directives(response):
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


class InlineCode(HTMLParser):
    """Collects what a policy without 'unsafe-inline' would block: style attributes, <style>, inline
    scripts (script elements with no src and a JavaScript type; JSON data blocks do not run) and on* handlers."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.found.append(f'<{tag} style="{attrs["style"]}">')
        self.found += [f"<{tag} {name}=…>" for name in attrs if name.startswith("on")]
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and "src" not in attrs and (attrs.get("type") or "").lower() in JAVASCRIPT_TYPES:
            self.found.append("<script> without src")


def test_every_site_page_sends_the_strict_policy(client, guide):
    for url in SITE_PAGES:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert directives(response) == POLICY, url


@pytest.mark.parametrize("url", SITE_PAGES)
def test_site_pages_hold_no_inline_style_or_script(client, guide, url):
    assert InlineCode(client.get(url).content.decode()).found == []


def test_the_lockout_page_and_the_error_pages_hold_no_inline_style_or_script():
    context = {"failure_limit": 5, "username": "curie", "cooloff_timedelta": None}
    for template in ["lockout.html", "400.html", "404.html", "500.html"]:
        assert InlineCode(render_to_string(template, context)).found == [], template


def test_the_bad_request_page_sends_the_policy(client):
    response = client.get("/postings/?max_years=%00")
    assert response.status_code == 400
    assert directives(response) == POLICY


def test_the_admin_sends_the_policy_and_works_under_it(admin_client, guide):
    assert directives(admin_client.get("/admin/login/")) == POLICY
    for url in ADMIN_PAGES:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert directives(response) == POLICY, url
        assert InlineCode(response.content.decode()).found == [], url


def test_the_browsable_api_holds_no_inline_style_or_script(admin_client, guide):
    for url in API_PAGES:
        response = admin_client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, url
        assert directives(response) == POLICY, url
        assert InlineCode(response.content.decode()).found == [], url


def test_the_api_schema_sends_the_policy(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert directives(response) == POLICY


def test_the_api_docs_run_their_one_inline_script_by_nonce(client):
    response = client.get("/api/docs/")
    policy = directives(response)
    nonce = re.fullmatch(r"'self' 'nonce-([A-Za-z0-9+/=]+)'", policy.pop("script-src")).group(1)
    assert policy == {name: value for name, value in POLICY.items() if name != "script-src"}
    html = response.content.decode()
    assert InlineCode(html).found == ["<script> without src"]
    assert f'<script nonce="{nonce}">' in html
    assert "<style" not in html and "style=" not in html


def test_each_response_gets_its_own_nonce(client):
    first, second = (directives(client.get("/api/docs/"))["script-src"] for _ in range(2))
    assert first != second
