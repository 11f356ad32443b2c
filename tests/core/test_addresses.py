"""Addresses built from a reversed pattern are what reverse() gives, whatever the script prefix."""

import pytest
from django.urls import reverse, set_script_prefix

from core.addresses import slug_url


@pytest.mark.parametrize("viewname", ["roles:detail", "skills:detail", "postings:detail", "paths:detail"])
@pytest.mark.parametrize("slug", ["python", "machine-learning-engineer", "a_b-9"])
def test_slug_url_is_reverse(viewname, slug):
    assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_a_different_script_prefix_gets_its_own_pattern():
    try:
        set_script_prefix("/careers/")
        assert slug_url("skills:detail", "python") == reverse("skills:detail", kwargs={"slug": "python"})
        assert slug_url("skills:detail", "python").startswith("/careers/")
    finally:
        set_script_prefix("/")
    assert not slug_url("skills:detail", "python").startswith("/careers/")
