"""Role, role-skill, relation and salary rules, enforced by validation and by the database itself."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from roles.models import Role, RoleRelation, SalaryFigure
from tests.factories import RoleFactory, RoleRelationFactory, RoleSkillFactory, SalaryFigureFactory

pytestmark = pytest.mark.django_db


def test_negative_salary_is_refused_with_a_clear_message():
    figure = SalaryFigureFactory.build(role=RoleFactory(), amount=Decimal("-5"), source=RoleFactory().source)
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "The amount must be greater than zero." in error.value.message_dict["amount"]


def test_database_refuses_a_zero_salary_even_outside_forms():
    figure = SalaryFigureFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SalaryFigure.objects.filter(pk=figure.pk).update(amount=0)


def test_unknown_currency_is_refused_by_validation_and_database():
    figure = SalaryFigureFactory()
    figure.currency = "ABC"
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "currency" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        SalaryFigure.objects.filter(pk=figure.pk).update(currency="ABC")


def test_iso_currency_other_than_dollars_is_accepted():
    figure = SalaryFigureFactory(currency="EUR")
    figure.full_clean()


def test_unknown_statistic_is_refused_by_the_database():
    figure = SalaryFigureFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SalaryFigure.objects.filter(pk=figure.pk).update(statistic="mode")


def test_salary_description_distinguishes_approximate_and_regionless_figures():
    exact = SalaryFigureFactory.build(amount=Decimal("138365"), region="United States")
    rounded = SalaryFigureFactory.build(amount=Decimal("110000"), region="", is_approximate=True)
    assert exact.describe() == "138,365 USD per year (average, United States)"
    assert rounded.describe() == "about 110,000 USD per year (average, region not stated)"


def test_duplicate_role_slug_is_refused():
    RoleFactory(slug="data-scientist")
    with pytest.raises(ValidationError) as error:
        RoleFactory.build(slug="data-scientist", source=RoleFactory().source).full_clean()
    assert "slug" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleFactory(slug="data-scientist")


def test_blank_slug_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleFactory(slug="")


def test_unknown_status_is_refused_by_the_database():
    role = RoleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.filter(pk=role.pk).update(status="archived")


def test_a_role_lists_a_skill_only_once():
    link = RoleSkillFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleSkillFactory(role=link.role, skill=link.skill)


def test_a_role_cannot_be_related_to_itself():
    role = RoleFactory()
    relation = RoleRelationFactory.build(from_role=role, to_role=role, source=role.source)
    with pytest.raises(ValidationError) as error:
        relation.full_clean()
    assert "A role cannot be related to itself." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleRelation.objects.create(
            from_role=role, to_role=role, kind="transition", source=role.source, source_passage="x"
        )


def test_new_roles_start_as_drafts_and_are_hidden_from_published():
    draft = Role.objects.create(
        name="Draft", slug="draft", summary="s", source=RoleFactory().source, source_passage="p"
    )
    assert draft.status == "draft"
    assert draft not in Role.objects.published()


def test_saving_a_record_moves_its_updated_at_forward():
    role = RoleFactory()
    before = role.updated_at
    role.summary = "Changed."
    role.save(update_fields=["summary"])
    role.refresh_from_db()
    assert role.updated_at > before
