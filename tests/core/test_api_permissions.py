"""The API's permission answers reads without building the view's queryset, and still guards writes."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from core.api.permissions import ModelPermissionsOrAnonReadOnly
from roles.models import Role

pytestmark = pytest.mark.django_db


class ViewWithoutAQueryset:
    def get_queryset(self):
        raise AssertionError("a read must not build the queryset")


class RoleView:
    def get_queryset(self):
        return Role.objects.all()


def request(method, user):
    return SimpleNamespace(method=method, user=user)


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_a_read_is_allowed_without_building_the_queryset(method):
    assert ModelPermissionsOrAnonReadOnly().has_permission(request(method, AnonymousUser()), ViewWithoutAQueryset())


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_write_needs_the_models_permission(method, curator, plain_user):
    permission = ModelPermissionsOrAnonReadOnly()
    assert not permission.has_permission(request(method, AnonymousUser()), RoleView())
    assert not permission.has_permission(request(method, plain_user), RoleView())
    assert permission.has_permission(request(method, curator), RoleView())


def test_the_api_uses_it(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] == [
        "core.api.permissions.ModelPermissionsOrAnonReadOnly"
    ]
