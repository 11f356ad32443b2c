"""The paste-your-CV page: POST only, skills highlighted and pre-ticked for the match, the text kept nowhere."""

import logging

import pytest
from django.core.cache import cache

from tests.factories import RoleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.extraction.urls")]
URL = "/extract/read/"


def test_the_skills_read_are_highlighted_and_pre_ticked(client, skills):
    response = client.post(URL, {"text": "Six years of Python & sklearn <b>."})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<mark title="Python">Python</mark> &amp; <mark title="Scikit-learn">sklearn</mark> &lt;b&gt;.' in page
    assert '<input type="checkbox" name="skill" value="python" checked>' in page
    assert '<input type="checkbox" name="skill" value="scikit-learn" checked>' in page
    assert 'action="/match/from-text/"' in page and "not stored, logged or cached" in page


def test_the_degree_read_is_preselected_and_the_plans_role_carried(client, skills):
    RoleFactory(slug="machine-learning-engineer", name="Machine Learning Engineer")
    page = client.post(URL, {"text": "MSc in Statistics. Python.", "to": "machine-learning-engineer"}).content.decode()
    assert '<option value="master" selected>' in page
    assert '<option value="machine-learning-engineer" selected>' in page
    assert 'name="next" value="plan"' in page and 'name="next" value="match"' in page


def test_a_role_that_is_no_slug_is_dropped_not_an_error(client, skills):
    response = client.post(URL, {"text": "Python", "to": "<script>"})
    assert response.status_code == 200 and "&lt;script&gt;" not in response.content.decode()


def test_get_is_refused(client):
    assert client.get(URL, {"text": "Python"}).status_code == 405


def test_a_text_over_the_limit_is_refused_naming_it(client, skills):
    response = client.post(URL, {"text": "a" * 20_001})
    assert response.status_code == 400 and "at most 20000 characters" in response.content.decode()


def test_the_text_is_not_cached_or_logged(client, skills, caplog):
    cache.clear()
    with caplog.at_level(logging.DEBUG):
        response = client.post(URL, {"text": "Jane Doe, 12 Secret Street, Python"})
    assert "no-store" in response["Cache-Control"]
    assert "Secret Street" not in caplog.text
    assert not any("Secret Street" in str(value) for value in cache._cache.values())
