"""
Every change to content records who, when and what (django-simple-history): changes made in the admin,
by a bulk action and through the API each leave a history row with their user, and the admin shows a
record's history and can revert a change.
"""

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import RoleFactory, SkillFactory

pytestmark = pytest.mark.django_db


def test_an_api_write_is_recorded_with_its_user(client, curator):
    skill = SkillFactory(name="Pythn")
    token = Token.objects.create(user=curator)
    response = client.patch(
        f"/api/v1/skills/{skill.slug}/",
        {"name": "Python"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 200, response.content
    latest = skill.history.first()
    assert (latest.name, latest.history_type, latest.history_user) == ("Python", "~", curator)


def test_an_admin_change_is_recorded_and_shown_in_its_history(client, curator):
    role = RoleFactory(name="Data Scienist")
    client.force_login(curator)
    change_url = f"/admin/roles/role/{role.pk}/change/"
    form = client.get(change_url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "postings"}
    data |= {"name": "Data Scientist", "source": role.source_id}
    for prefix in ("role_skills", "salary_figures", "relations_out"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    response = client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert role.history.first().history_user == curator

    history_page = client.get(f"/admin/roles/role/{role.pk}/history/")
    assert history_page.status_code == 200
    assert "Data Scientist" in history_page.content.decode()


def test_the_admin_reverts_a_change(client, curator):
    role = RoleFactory(name="Original name")
    role.name = "Vandalised"
    role.save()
    first = role.history.order_by("history_date").first()
    client.force_login(curator)
    revert_url = f"/admin/roles/role/{role.pk}/history/{first.history_id}/"
    page = client.get(revert_url)
    assert page.status_code == 200
    assert "Revert" in page.content.decode()
    data = {
        name: value
        for name, value in page.context["adminform"].form.initial.items()
        if value is not None and name != "postings"
    }
    for prefix in ("role_skills", "salary_figures", "relations_out"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    assert client.post(revert_url, data).status_code == 302
    role.refresh_from_db()
    assert role.name == "Original name"


def test_a_bulk_unpublish_records_a_row_per_record_with_the_curator(client, curator):
    roles = RoleFactory.create_batch(3, status="published")
    client.force_login(curator)
    response = client.post(
        "/admin/roles/role/",
        {"action": "unpublish", "_selected_action": [role.pk for role in roles]},
    )
    assert response.status_code == 302
    for role in roles:
        latest = role.history.first()
        assert (latest.status, latest.history_user) == ("draft", curator)
