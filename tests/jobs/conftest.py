"""
Fixtures borrowed from other suites: skill demand's small world (the recount job) and the browser suite's
(importing it also sets DJANGO_ALLOW_ASYNC_UNSAFE, as the whole suite's run does: live_server beside Playwright).
"""

from tests.demand.conftest import nothing_pending, world  # noqa: F401
from tests.e2e.conftest import (  # noqa: F401  (Chromium under the real CSP, its console watched, the live site)
    browser_context_args,
    browser_type_launch_args,
    console_errors,
    site,
)
