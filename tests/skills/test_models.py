import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from skills.models import Skill, SkillCategory
from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def test_unknown_category_is_refused_by_validation_and_database():
    skill = SkillFactory()
    skill.category = "astrology"
    with pytest.raises(ValidationError) as error:
        skill.full_clean()
    assert "category" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Skill.objects.filter(pk=skill.pk).update(category="astrology")


def test_unknown_kind_is_refused_by_the_database():
    skill = SkillFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Skill.objects.filter(pk=skill.pk).update(kind="magic")


def test_skill_names_are_unique():
    SkillFactory(name="Python")
    with pytest.raises(IntegrityError), transaction.atomic():
        SkillFactory(name="Python")


def test_category_order_follows_the_guide_not_the_alphabet():
    soft = SkillFactory(category=SkillCategory.SOFT_SKILL, name="A soft skill")
    language = SkillFactory(category=SkillCategory.PROGRAMMING_LANGUAGE, name="Z language")
    assert list(Skill.objects.in_category_order()) == [language, soft]
