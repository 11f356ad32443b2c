"""The curators' admin: what the Curators group may and may not do."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from core.content import content_app_labels
from roles.models import Role
from skills.models import Skill
from tests.factories import RoleFactory, SkillFactory, UserFactory

pytestmark = pytest.mark.django_db

CONTENT_CHANGELISTS = [
    "sources_source",
    "skills_skill",
    "roles_role",
    "roles_roleskill",
    "roles_rolerelation",
    "roles_salaryfigure",
    "postings_company",
    "postings_fieldofstudy",
    "postings_jobposting",
    "paths_path",
    "paths_resource",
]


def test_curators_group_holds_only_content_permissions():
    group = Group.objects.get(name="Curators")
    apps = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert apps == set(content_app_labels())
    assert apps == {"sources", "skills", "roles", "postings", "paths"}
    assert not group.permissions.filter(content_type__app_label__in=["auth", "authtoken", "sessions"]).exists()


@pytest.mark.parametrize("changelist", CONTENT_CHANGELISTS)
def test_curator_can_open_every_content_changelist(client, curator, changelist):
    client.force_login(curator)
    assert client.get(reverse(f"admin:{changelist}_changelist")).status_code == 200


def test_curator_with_the_guide_loaded_can_open_role_and_posting_forms(client, curator, guide):
    client.force_login(curator)
    role = Role.objects.get(slug="machine-learning-engineer")
    response = client.get(reverse("admin:roles_role_change", args=[role.pk]))
    assert response.status_code == 200
    assert b"Python" in response.content  # the role-skill inline
    posting_url = reverse("admin:postings_jobposting_changelist") + "?q=google"
    assert b"ML Engineer" in client.get(posting_url).content


def test_curator_cannot_manage_users_or_groups(client, curator):
    client.force_login(curator)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_curator_edits_a_skill(client, curator):
    skill = SkillFactory(name="Pyhton", slug="python")
    client.force_login(curator)
    response = client.post(
        reverse("admin:skills_skill_change", args=[skill.pk]),
        {
            "name": "Python",
            "slug": "python",
            "kind": "technical",
            "category": "programming_language",
            "description": "",
            "status": "published",
            "source": skill.source.pk,
            "source_passage": "Python.",
            # The skill's aliases inline (skills/admin.py), none sent.
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    skill.refresh_from_db()
    assert skill.name == "Python"


def test_bad_admin_input_is_refused_with_a_field_message_and_changes_nothing(client, curator):
    skill = SkillFactory(name="Python", slug="python")
    client.force_login(curator)
    response = client.post(
        reverse("admin:skills_skill_change", args=[skill.pk]),
        {
            "name": "Python",
            "slug": "not a slug!",
            "kind": "technical",
            "category": "nonsense",
            "status": "published",
            "source": skill.source.pk,
            "source_passage": "x",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"slug", "category"}
    skill.refresh_from_db()
    assert skill.slug == "python"


def test_curator_unpublishes_and_publishes_with_the_list_actions(client, curator):
    roles = RoleFactory.create_batch(2)
    client.force_login(curator)
    url = reverse("admin:roles_role_changelist")
    client.post(url, {"action": "unpublish", "_selected_action": [r.pk for r in roles]})
    assert Role.objects.drafts().count() == 2
    client.post(url, {"action": "publish", "_selected_action": [roles[0].pk]})
    assert list(Role.objects.published()) == [roles[0]]


def test_staff_outside_the_curators_group_cannot_see_or_change_content(client):
    outsider = UserFactory(is_staff=True)
    role = RoleFactory()
    client.force_login(outsider)
    assert client.get(reverse("admin:roles_role_changelist")).status_code == 403
    response = client.post(
        reverse("admin:roles_role_changelist"), {"action": "unpublish", "_selected_action": [role.pk]}
    )
    assert response.status_code == 403
    role.refresh_from_db()
    assert role.status == "published"


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:roles_role_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_skill_autocomplete_serves_the_role_skill_inline(client, curator):
    SkillFactory(name="PyTorch", slug="pytorch")
    client.force_login(curator)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "roles", "model_name": "roleskill", "field_name": "skill", "term": "pyt"},
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["PyTorch"]


def test_create_curator_command_makes_a_staff_curator_without_a_usable_password():
    call_command("create_curator", "alice", email="alice@example.org", stdout=None)
    from django.contrib.auth import get_user_model

    alice = get_user_model().objects.get(username="alice")
    assert alice.is_staff and not alice.is_superuser
    assert alice.groups.filter(name="Curators").exists()
    assert not alice.has_usable_password()
    assert alice.has_perm("roles.change_role")
    assert not alice.has_perm("auth.add_user")
    assert Skill.objects.count() == 0  # creating an account seeds nothing
