"""The postings filter form: grouped, labelled, described, with skills named in a text box and clean addresses."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client, guide):
    return client.get(reverse("postings:list")).content.decode()


def test_no_choice_reads_dashes_every_select_says_any(page):
    assert "---------" not in page
    for label in ["Any role", "Any workplace", "Any country", "Any type", "Any currency", "Any period", "Any degree"]:
        assert f'<option value="">{label}</option>' in page or f'<option value="" selected>{label}</option>' in page


def test_skills_are_a_text_box_in_a_fieldset_of_their_own_not_a_list(page):
    fieldset = re.search(r'<fieldset class="skill-picker"[^>]*>.*?</fieldset>', page, re.S).group(0)
    assert "<legend>Skills the job asks for</legend>" in fieldset
    assert 'name="skill_names"' in fieldset
    assert 'type="checkbox"' not in page  # hundreds of skills were most of the page
    assert 'name="skill"' not in page  # none chosen: not one skill is listed in the form


def test_every_help_text_describes_its_field(page):
    helps = re.findall(r'<p class="helptext" id="(id_\w+)_helptext">', page)
    assert {"id_company", "id_country", "id_pay_min_at_least", "id_posted_within", "id_skill_names"} <= set(helps)
    for field in helps:
        assert re.search(
            rf'id="{field}"[^>]*aria-describedby="{field}_helptext"|aria-describedby="{field}_helptext"[^>]*id="{field}"',
            page,
        ), field


def test_errors_are_described_too(client, guide):
    html = client.get(reverse("postings:list"), {"posted_within": "999"}).content.decode()
    assert re.search(r'aria-describedby="id_posted_within_helptext id_posted_within_error"', html)
    assert 'aria-invalid="true"' in html


def test_the_form_has_no_inline_script_or_style_and_its_script_is_a_static_file(page):
    assert re.findall(r"<script[^>]*>", page) == [
        '<script src="/static/js/typeahead.js" defer>',
        '<script src="/static/js/postings-filters.js" defer>',
    ]
    assert " style=" not in page and " onclick=" not in page


@pytest.mark.parametrize(
    "query, clean",
    [
        ("?role=&company=&country=DE&city=&order=newest", "/postings/?country=DE"),
        ("?role=&company=&skill=&order=newest&page=", "/postings/"),
        ("?city=+&workplace=remote&skill=python&skill=sql", "/postings/?workplace=remote&skill=python&skill=sql"),
    ],
)
def test_a_submitted_form_lands_on_an_address_without_empty_parameters(client, query, clean):
    response = client.get(reverse("postings:list") + query)
    assert response.status_code == 302 and response["Location"] == clean


def test_a_clean_address_is_served_as_it_is(client, guide):
    assert client.get(reverse("postings:list"), {"country": "DE", "order": "pay"}).status_code == 200


def test_the_page_links_its_atom_feed_with_the_same_filters(client, guide):
    html = client.get(reverse("postings:list"), {"workplace": "remote"}).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/postings/feed/?workplace=remote"' in html
