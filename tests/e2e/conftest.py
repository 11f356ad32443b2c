"""Browser tests: a real Chromium (Debian's package) driven by Playwright against pytest-django's live_server.

Skipped as a whole, with a reason, on a machine without /usr/bin/chromium (`make test` on a fresh checkout).
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
HAVE_CHROMIUM = os.path.exists(CHROMIUM)
E2E_DIR = Path(__file__).parent

# live_server runs the app in a thread while Playwright's sync API runs an event loop in this one;
# Django would otherwise refuse ORM calls made from the test with SynchronousOnlyOperation.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def pytest_collection_modifyitems(config, items):
    if HAVE_CHROMIUM:
        return
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install -y chromium)")
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp stays False: the pages must work under their real Content-Security-Policy.
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "bypass_csp": False}


# Runs in every page before its own scripts (Playwright injects it past the page's policy): any
# Content-Security-Policy violation, including ones the browser would not print, becomes a console error.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ` +
                `${event.blockedURI || "inline code"} in ${event.sourceFile || document.URL}:${event.lineNumber}`);
});
"""


class ConsoleErrors:
    """Console errors and uncaught page errors seen while a test ran.

    A test that deliberately opens a missing page calls expect_404(path): the browser then logs
    "Failed to load resource: ... status of 404" for that document, which is the point of the test,
    so that one message (for that URL only) is not counted. Nothing else is ignored, and a Content Security
    Policy violation fails the test whatever the type of the message that reports it.
    """

    def __init__(self, page):
        self.page = page
        self.errors = []
        self.expected_404_paths = set()
        self.expected_statuses = set()

    def expect_404(self, path):
        self.expected_404_paths.add(path)

    def expect_status(self, path_start, status):
        """The document at a path starting with `path_start` is answered `status` on purpose (e.g. a 400)."""
        self.expected_statuses.add((path_start, status))

    def on_console(self, msg):
        if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text:
            self.errors.append(f"console.{msg.type} at {self.page.url}: {msg.text}")
            return
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url", "")
        if "404" in msg.text and any(url.endswith(path) for path in self.expected_404_paths):
            return
        if any(
            f"status of {status}" in msg.text and urlsplit(url).path.startswith(path_start)
            for path_start, status in self.expected_statuses
        ):
            return
        # Django's own admin templates declare no icon, so Chromium fetches /favicon.ico and logs its 404.
        # Harmless, and only ignored on /admin/ pages: the public base template declares an icon, so a
        # favicon 404 on a public page would still fail the test.
        if url.endswith("/favicon.ico") and "404" in msg.text and "/admin/" in self.page.url:
            return
        self.errors.append(f"console.error at {url}: {msg.text}")

    def on_pageerror(self, exc):
        self.errors.append(f"pageerror: {exc}")


@pytest.fixture
def console_errors(page):
    collector = ConsoleErrors(page)
    page.add_init_script(REPORT_CSP_VIOLATIONS)
    page.on("console", collector.on_console)
    page.on("pageerror", collector.on_pageerror)
    yield collector
    if collector.errors:
        pytest.fail("The browser logged errors:\n" + "\n".join(collector.errors), pytrace=False)


@pytest.fixture
def site(page, live_server, transactional_db, console_errors):
    """The live server's base URL, with the guide's data loaded. Every test goes through this."""
    call_command("load_guide", verbosity=0)
    page.set_default_timeout(8000)  # a missing element fails in seconds, not Playwright's default 30
    return live_server.url


def number_pattern(digits):
    """138365 -> a regex matching 138,365 / 138 365 / 138365 (thin or no-break spaces too)."""
    s = str(digits)
    groups = []
    while s:
        groups.insert(0, s[-3:])
        s = s[:-3]
    return re.compile(r"[,\u00a0\u202f\u2009 ]?".join(groups))
