"""Skill aliases: curated other names of a skill, one per skill and text, with their change history."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from skills.models import SkillAlias
from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def test_a_skill_cannot_have_the_same_alias_twice():
    skill = SkillFactory(name="Scikit-learn", slug="scikit-learn")
    SkillAlias.objects.create(skill=skill, text="sklearn")
    with pytest.raises(IntegrityError):
        SkillAlias.objects.create(skill=skill, text="sklearn")


def test_two_skills_may_share_an_alias_text():
    SkillAlias.objects.create(skill=SkillFactory(), text="ML")
    SkillAlias.objects.create(skill=SkillFactory(), text="ML")
    assert SkillAlias.objects.filter(text="ML").count() == 2


def test_a_blank_alias_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        SkillAlias.objects.create(skill=SkillFactory(), text="")


def test_an_alias_change_is_kept_in_its_history():
    alias = SkillAlias.objects.create(skill=SkillFactory(), text="k8s")
    alias.text = "K8s"
    alias.save()
    assert [row.text for row in alias.history.order_by("history_date")] == ["k8s", "K8s"]


def test_a_curator_edits_aliases_on_the_skill_admin_page(client, curator):
    skill = SkillFactory(name="Scikit-learn", slug="scikit-learn")
    client.force_login(curator)
    page = client.get(reverse("admin:skills_skill_change", args=[skill.pk]))
    assert page.status_code == 200
    assert "aliases-TOTAL_FORMS" in page.content.decode()
    assert curator.has_perm("skills.add_skillalias") and curator.has_perm("skills.change_skillalias")


def test_a_curator_adds_an_alias_with_the_skill(client, curator):
    skill = SkillFactory(name="Scikit-learn", slug="scikit-learn")
    client.force_login(curator)
    response = client.post(
        reverse("admin:skills_skill_change", args=[skill.pk]),
        {
            "name": skill.name,
            "slug": skill.slug,
            "kind": "technical",
            "category": "algorithms_frameworks",
            "description": "",
            "status": "published",
            "source": skill.source.pk,
            "source_passage": "Scikit-learn.",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-text": "  sklearn ",
            "aliases-0-case_sensitive": "",
        },
    )
    assert response.status_code == 302
    alias = skill.aliases.get()
    assert (alias.text, alias.case_sensitive) == ("sklearn", False)
    assert alias.history.get().history_user == curator
