"""Failed admin logins: locked out per username *and* address, for a cool-off that ends, with a way to unlock."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.db.models import F

pytestmark = pytest.mark.django_db

RIGHT = "a-long-test-password"  # tests.factories.UserFactory's
LOGIN = "/admin/login/?next=/admin/"
ATTACKER, CURATOR_DESK = "10.0.0.66", "10.0.0.7"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Every sign-in here checks a password: the production hasher is slow on purpose, which only costs time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(client, user, password, address=ATTACKER, **headers):
    return client.post(LOGIN, {"username": user.username, "password": password}, REMOTE_ADDR=address, **headers)


def fail_until_locked(client, user, address=ATTACKER):
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        response = sign_in(client, user, f"wrong-{attempt}", address)
    return response


def is_signed_in(client):
    return "_auth_user_id" in client.session


def test_the_limit_is_five_failures_and_the_cool_off_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_failures_below_the_limit_only_show_the_form_again(client, curator):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, curator, f"wrong-{attempt}")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()


def test_the_fifth_failure_locks_that_username_at_that_address(client, curator):
    assert fail_until_locked(client, curator).status_code == 429
    response = sign_in(client, curator, RIGHT)  # even the right password, from the same address
    assert response.status_code == 429
    assert not is_signed_in(client)


def test_an_attacker_cannot_lock_the_curator_out_of_their_own_address(client, curator):
    fail_until_locked(client, curator, ATTACKER)
    response = sign_in(client, curator, RIGHT, CURATOR_DESK)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert is_signed_in(client)


def test_other_usernames_from_the_locked_address_can_still_sign_in(client, curator, plain_user):
    plain_user.is_staff = True
    plain_user.save()
    fail_until_locked(client, curator, ATTACKER)
    assert sign_in(client, plain_user, RIGHT, ATTACKER).status_code == 302


def test_a_forged_x_forwarded_for_does_not_give_a_fresh_address(client, curator):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, curator, "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")
    assert response.status_code == 429


def test_behind_a_proxy_the_address_comes_from_the_header_it_sets(client, curator, settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_REAL_IP", "REMOTE_ADDR"]  # CLIENT_IP_HEADER=HTTP_X_REAL_IP
    proxy = "10.0.0.2"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, curator, "wrong", proxy, HTTP_X_REAL_IP="198.51.100.66")
    assert sign_in(client, curator, RIGHT, proxy, HTTP_X_REAL_IP="198.51.100.66").status_code == 429
    assert sign_in(client, curator, RIGHT, proxy, HTTP_X_REAL_IP="198.51.100.7").status_code == 302


def test_the_lockout_ends_when_the_cool_off_has_passed(client, curator):
    fail_until_locked(client, curator)
    # As if the cool-off had passed since the last failure: axes compares attempt times with now - cool-off.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert sign_in(client, curator, RIGHT).status_code == 302
    assert is_signed_in(client)


def test_the_lockout_does_not_end_before_the_cool_off(client, curator):
    fail_until_locked(client, curator)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME + timedelta(minutes=1))
    assert sign_in(client, curator, RIGHT).status_code == 429


def test_the_lockout_page_says_what_happened_and_when_to_try_again(client, curator):
    response = fail_until_locked(client, curator)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many failed sign-ins" in html
    assert f"as “{curator.username}” from your address is paused" in html
    assert "Try again in <strong>15 minutes</strong>" in html
    assert 'class="site-header"' in html  # the site's own page, from base.html


def test_the_lockout_page_follows_the_configured_cool_off(client, curator, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=45)
    assert "Try again in <strong>45 minutes</strong>" in fail_until_locked(client, curator).content.decode()


def test_axes_reset_username_unlocks_at_once(client, curator):
    fail_until_locked(client, curator)
    call_command("axes_reset_username", curator.username, verbosity=0)
    assert sign_in(client, curator, RIGHT).status_code == 302


def test_an_admin_unlocks_by_deleting_the_access_attempt(client, admin_client, curator):
    fail_until_locked(client, curator)
    attempt = AccessAttempt.objects.get(username=curator.username)
    assert admin_client.get("/admin/axes/accessattempt/").status_code == 200
    response = admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert sign_in(client, curator, RIGHT).status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client, curator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, curator, "wrong")
    assert sign_in(client, curator, RIGHT).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, curator, "wrong")
    assert sign_in(client, curator, RIGHT).status_code == 302
