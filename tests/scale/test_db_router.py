"""The primary/replica router and its middleware, in-process: no replica needed, only aliases."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import RequestFactory, override_settings
from django.utils.functional import SimpleLazyObject

from core.db_router import PrimaryForWritersMiddleware, PrimaryReplicaRouter, use_primary
from roles.models import Role

REPLICAS = ["replica_0", "replica_1"]
router = PrimaryReplicaRouter()
replicas = override_settings(DATABASE_REPLICAS=REPLICAS)
SIGNED_IN = SimpleNamespace(is_authenticated=True)


@replicas
def test_reads_spread_over_the_replicas_and_writes_go_to_the_primary():
    assert {router.db_for_read(Role) for _ in range(200)} == set(REPLICAS)
    assert router.db_for_write(Role) == "default"


@override_settings(DATABASE_REPLICAS=[])
def test_without_replicas_everything_reads_the_primary():
    assert router.db_for_read(Role) == "default"


@replicas
def test_use_primary_sends_reads_to_the_primary_until_it_ends():
    with use_primary():
        assert router.db_for_read(Role) == "default"
    assert router.db_for_read(Role) in REPLICAS


@replicas
@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_on_the_primary_stay_there():
    with transaction.atomic():
        assert router.db_for_read(Role) == "default"
    assert router.db_for_read(Role) in REPLICAS


@replicas
def test_relations_between_our_databases_are_allowed_and_migrations_run_only_on_the_primary():
    on = lambda alias: SimpleNamespace(_state=SimpleNamespace(db=alias))  # noqa: E731
    assert router.allow_relation(on("default"), on("replica_1")) is True
    assert router.allow_relation(on("replica_0"), on("elsewhere")) is None
    assert router.allow_migrate("default", "roles") is True
    assert router.allow_migrate("replica_0", "roles") is False


def served_from(request):
    """Where a read inside the view would go, and whether the choice is undone after the response."""
    seen = []
    response = PrimaryForWritersMiddleware(lambda r: seen.append(router.db_for_read(Role)) or "response")(request)
    assert response == "response"
    assert router.db_for_read(Role) in REPLICAS, "the choice outlived the request"
    return "primary" if seen == ["default"] else "replica"


def make(method="get", path="/roles/", user=None, session_cookie=False, **headers):
    request = getattr(RequestFactory(), method)(path, **headers)
    if session_cookie:
        request.COOKIES[settings.SESSION_COOKIE_NAME] = "some-session"
    request.user = AnonymousUser() if user is None else user  # not `or`: that would evaluate a lazy user
    return request


@replicas
@pytest.mark.parametrize(
    "request_kwargs, expected",
    [
        ({}, "replica"),
        ({"method": "head"}, "replica"),
        ({"method": "options", "path": "/api/v1/roles/"}, "replica"),
        ({"method": "post", "path": "/api/v1/roles/"}, "primary"),
        ({"method": "put", "path": "/api/v1/roles/x/"}, "primary"),
        ({"method": "patch", "path": "/api/v1/roles/x/"}, "primary"),
        ({"method": "delete", "path": "/api/v1/roles/x/"}, "primary"),
        ({"path": "/admin/"}, "primary"),
        ({"path": "/admin/roles/role/"}, "primary"),
        ({"path": "/api/v1/roles/", "HTTP_AUTHORIZATION": "Token abc"}, "primary"),
        ({"session_cookie": True, "user": SIGNED_IN}, "primary"),
        ({"session_cookie": True}, "replica"),  # a cookie, but nobody signed in
    ],
    ids=lambda value: repr(value) if isinstance(value, dict) else value,
)
def test_the_middleware_sends_writers_curators_and_the_admin_to_the_primary(request_kwargs, expected):
    assert served_from(make(**request_kwargs)) == expected


@replicas
def test_the_middleware_looks_up_the_signed_in_user_on_the_primary():
    """A login just written to the primary may not have reached the replica yet."""
    looked_up_on = []
    user = SimpleLazyObject(lambda: looked_up_on.append(router.db_for_read(Role)) or SIGNED_IN)
    assert served_from(make(user=user, session_cookie=True)) == "primary"
    assert looked_up_on == ["default"]


@replicas
def test_anonymous_visitors_without_a_session_do_not_touch_the_session():
    """Reading request.user marks the session accessed, which adds `Vary: Cookie` and splits the page cache."""
    user = SimpleLazyObject(lambda: pytest.fail("request.user was evaluated"))
    assert served_from(make(user=user)) == "replica"


@replicas
def test_the_choice_is_undone_when_the_view_raises():
    def view(request):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        PrimaryForWritersMiddleware(view)(make(method="post"))
    assert router.db_for_read(Role) in REPLICAS
