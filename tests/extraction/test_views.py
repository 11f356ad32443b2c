"""The paste-your-CV page: POST only, skills highlighted and pre-ticked for the match, the text kept nowhere."""

import logging

import pytest
from django.core.cache import cache

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.extraction.urls")]
URL = "/extract/read/"


def test_the_skills_read_are_highlighted_and_pre_ticked(client, skills):
    response = client.post(URL, {"text": "Six years of Python & sklearn <b>."})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<mark title="Python">Python</mark> &amp; <mark title="Scikit-learn">sklearn</mark> &lt;b&gt;.' in page
    assert '<input type="checkbox" name="skill" value="python" checked>' in page
    assert '<input type="checkbox" name="skill" value="scikit-learn" checked>' in page
    assert 'action="/match/#results"' in page and "not stored, logged or cached" in page


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
