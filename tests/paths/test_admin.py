"""Curating paths in the admin: steps reordered inline, and the Curators group's permissions."""

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.forms import inlineformset_factory

from paths.admin import STEP_FIELDS, PathStepForm, PathStepInlineFormSet
from paths.models import Path, PathStep
from tests.factories import PathFactory, PathStepFactory

pytestmark = pytest.mark.django_db

StepFormSet = inlineformset_factory(
    Path, PathStep, form=PathStepForm, formset=PathStepInlineFormSet, fields=STEP_FIELDS, extra=0
)


def formset_data(path, orders):
    """The inline's POST data for the path's steps (in their current order), with new `orders`."""
    steps = list(path.steps.order_by("order"))
    data = {
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": str(len(steps)),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    for index, (step, order) in enumerate(zip(steps, orders, strict=True)):
        prefix = f"steps-{index}-"
        data |= {
            prefix + "id": str(step.pk),
            prefix + "path": str(path.pk),
            prefix + "order": str(order),
            prefix + "name": step.name,
            prefix + "slug": step.slug,
            prefix + "what_to_do": step.what_to_do,
            prefix + "min_degree": "",
            prefix + "status": step.status,
            prefix + "source": str(step.source_id),
            prefix + "source_passage": step.source_passage,
        }
    return data


def test_steps_can_be_swapped_inline_in_one_save():
    path = PathFactory()
    first, second, third = (PathStepFactory(path=path, order=n, slug=f"s{n}") for n in (1, 2, 3))
    formset = StepFormSet(formset_data(path, [2, 1, 3]), instance=path, prefix="steps")
    assert formset.is_valid(), formset.errors
    formset.save()
    assert list(path.steps.order_by("order").values_list("slug", flat=True)) == ["s2", "s1", "s3"]


def test_two_steps_may_not_share_an_order():
    path = PathFactory()
    for n in (1, 2):
        PathStepFactory(path=path, order=n)
    formset = StepFormSet(formset_data(path, [1, 1]), instance=path, prefix="steps")
    assert not formset.is_valid()
    assert "Another step of this path has this order." in str(formset.errors)


def test_the_database_refuses_a_duplicate_order_or_a_blank_name():
    step = PathStepFactory(order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PathStepFactory(path=step.path, order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PathStepFactory(name="")


def test_curators_may_edit_every_paths_model():
    granted = set(Group.objects.get(name="Curators").permissions.values_list("codename", flat=True))
    for model in ("path", "pathstep", "stepskill", "resource"):
        assert {f"{action}_{model}" for action in ("add", "change", "delete", "view")} <= granted


def test_the_path_change_page_lists_its_steps_inline(client, curator):
    path = PathFactory()
    PathStepFactory(path=path, name="Inline step")
    client.force_login(curator)
    response = client.get(f"/admin/paths/path/{path.pk}/change/")
    assert response.status_code == 200 and "Inline step" in response.content.decode()
