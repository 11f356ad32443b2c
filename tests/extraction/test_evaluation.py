"""The labelled sets and evaluate_extraction: the figures docs/extraction.md records, kept from slipping."""

from io import StringIO

import pytest
from django.core.management import call_command

from extraction.evaluation.measure import ML_SKILLS, evaluate, guide_set, synthetic_set
from skills.models import Skill

pytestmark = pytest.mark.django_db


def test_the_sets_are_as_documented():
    synthetic = synthetic_set()
    assert len(guide_set()) == 7 and len(synthetic) >= 30
    non_ml_postings = [t for t in synthetic if t.kind == "posting" and not t.skills.keys() & ML_SKILLS]
    assert len(non_ml_postings) >= 5 and any(t.kind == "profile" for t in synthetic)


def test_every_label_names_a_guide_skill(guide):
    known = set(Skill.objects.values_list("slug", flat=True))
    labelled = {slug for text in guide_set() + synthetic_set() for slug in text.skills}
    assert labelled <= known, labelled - known


def test_the_extractor_meets_its_targets_on_both_sets(curated):
    for labelled in (guide_set(), synthetic_set()):
        figures = evaluate(labelled)
        precision, recall, _ = figures["skills"]
        assert precision >= 0.90 and recall >= 0.85, figures["differences"]
        assert figures["degree_exact"] >= 0.90 and figures["years_exact"] >= 0.90, figures["differences"]
        assert figures["ml_leaks"] == []  # a nurse, a barista, a React developer: no ML skills


def test_the_command_prints_figures_per_set_and_the_speed(curated):
    out = StringIO()
    call_command("evaluate_extraction", "--runs", "3", stdout=out)
    printed = out.getvalue()
    assert "guide postings (7 texts)" in printed and "synthetic (" in printed
    assert printed.count("precision") == 4 and "median" in printed
