import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import CuratorFactory, ReviewerFactory, UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back test data sends no signal to invalidate it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def uncached(settings):
    """No response caching: for tests that count the database queries a request really makes."""
    settings.CACHE_SECONDS = 0


@pytest.fixture
def guide(db):
    """The guide's facts, loaded the way `make run` loads them. Only for tests about those facts."""
    call_command("load_guide", verbosity=0)


@pytest.fixture
def curator(db):
    """A staff member in the Curators group (created by the data migration)."""
    return CuratorFactory()


@pytest.fixture
def reviewer(db):
    """A curator in the Reviewers group too (created by migration postings 0006): may publish postings."""
    return ReviewerFactory()


@pytest.fixture
def plain_user(db):
    """Signed in, but outside the Curators group: may read, may not write."""
    return UserFactory()


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def as_curator(api, curator):
    """The API client, signed in as a curator."""
    api.force_authenticate(curator)
    return api


@pytest.fixture
def assert_queries_do_not_grow(django_assert_num_queries, uncached):
    """
    `check(fetch, grow)`: fetching (a 200) runs exactly as many queries after `grow()` adds rows as before.
    The first fetch only warms per-process caches (content types, sessions).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def check(fetch, grow):
        fetch()
        with CaptureQueriesContext(connection) as before:
            assert fetch().status_code == 200
        grow()
        with django_assert_num_queries(len(before)):
            assert fetch().status_code == 200

    return check


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """
    Tests that commit (transactional, live_server: the browser suite) run after those that roll back.
    pytest-django sorts them so, but pytest's grouping of tests by session-scoped parameters (the
    browser) can undo it; a committing test's flush empties what data migrations wrote (the Curators
    group), which the rolled-back tests rely on.
    """

    def commits(item):
        marker = item.get_closest_marker("django_db")
        transactional = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        return transactional or bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))

    items.sort(key=commits)
