"""
The postings page's skill box without JavaScript: names and aliases typed as text become skill=<slug>
in the address, unknown names are named back, chosen skills are chips that remove, and the page never
lists every skill. Also the small JSON endpoint the script asks for suggestions.
"""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from skills.models import SkillAlias
from tests.factories import JobPostingFactory, PostingSkillFactory, SkillFactory

pytestmark = pytest.mark.django_db
LIST = reverse("postings:list")


@pytest.fixture
def skills():
    python = SkillFactory(name="Python", slug="python")
    sklearn = SkillFactory(name="scikit-learn", slug="scikit-learn")
    SkillAlias.objects.create(skill=sklearn, text="sklearn")
    r = SkillFactory(name="R", slug="r")
    SkillAlias.objects.create(skill=r, text="R", case_sensitive=True)
    SkillFactory(name="Secret draft skill", slug="secret-draft-skill", status="draft")
    both = JobPostingFactory(title="Both skills posting")
    PostingSkillFactory(posting=both, skill=python)
    PostingSkillFactory(posting=both, skill=sklearn)
    PostingSkillFactory(posting=JobPostingFactory(title="Python only posting"), skill=python)
    return {"python": python, "sklearn": sklearn}


def location_query(response):
    assert response.status_code == 302
    return parse_qsl(urlsplit(response["Location"]).query)


def test_names_and_aliases_in_any_case_become_skill_slugs_in_the_address(client, skills):
    response = client.get(LIST, {"skill_names": " PYTHON ,  sklearn,", "workplace": ""})
    assert location_query(response) == [("skill", "python"), ("skill", "scikit-learn")]
    html = client.get(response["Location"]).content.decode()
    assert "Both skills posting" in html and "Python only posting" not in html


def test_names_keep_the_order_typed(client, skills):
    response = client.get(LIST, {"skill_names": "sklearn, Python"})
    assert location_query(response) == [("skill", "scikit-learn"), ("skill", "python")]
    html = client.get(response["Location"]).content.decode()
    assert re.findall(r'data-slug="([^"]+)"', html) == ["scikit-learn", "python"]


def test_names_add_to_the_skills_already_chosen_once_each(client, skills):
    response = client.get(LIST, {"skill": "python", "skill_names": "python, scikit-learn"})
    assert location_query(response) == [("skill", "python"), ("skill", "scikit-learn")]


def test_unknown_names_are_named_back_and_the_known_ones_still_filter(client, skills):
    response = client.get(LIST, {"skill_names": "Python, Haskel, Secret draft skill"})
    assert sorted(location_query(response)) == [("skill", "python"), ("skill_names", "Haskel, Secret draft skill")]
    # The address it lands on is stable (no redirect loop), and names the words that matched nothing.
    landed = client.get(response["Location"])
    assert landed.status_code == 200
    html = landed.content.decode()
    assert "No skill is called “Haskel” or “Secret draft skill”" in html
    assert 'value="Haskel, Secret draft skill"' in html
    assert "Python only posting" in html


def test_a_case_sensitive_alias_still_finds_its_skill_by_name(client, skills):
    assert location_query(client.get(LIST, {"skill_names": "r"})) == [("skill", "r")]


def test_too_many_names_is_a_form_error_not_a_500(client, skills):
    response = client.get(LIST, {"skill_names": ", ".join(f"word{i}" for i in range(30))})
    assert response.status_code == 200
    assert "Name at most 20 skills at a time." in response.content.decode()


def test_a_very_long_text_is_a_form_error_not_a_500(client, skills):
    response = client.get(LIST, {"skill_names": "x" * 5000})
    assert response.status_code == 200
    assert "at most 500 characters" in response.content.decode()


def test_chosen_skills_are_chips_that_remove_and_hidden_inputs_that_keep_them(client, skills):
    html = client.get(LIST, {"workplace": "remote", "skill": ["python", "scikit-learn"]}).content.decode()
    picker = re.search(r'<fieldset class="skill-picker".*?</fieldset>', html, re.S).group(0)
    assert re.findall(r'<input type="hidden" name="skill" value="([^"]+)">', picker) == ["python", "scikit-learn"]
    removes = dict(re.findall(r'<a class="chip" href="([^"]+)" data-slug="([^"]+)"', picker))
    assert {slug: href for href, slug in removes.items()} == {
        "python": "/postings/?workplace=remote&amp;skill=scikit-learn",
        "scikit-learn": "/postings/?workplace=remote&amp;skill=python",
    }


def test_skill_slug_links_keep_working(client, skills):
    html = client.get(LIST, {"skill": "scikit-learn"}).content.decode()
    assert "Both skills posting" in html and "Python only posting" not in html
    assert "Skill: scikit-learn" in html


def test_the_box_is_labelled_and_described(client, skills):
    html = client.get(LIST).content.decode()
    assert '<label for="id_skill_names">Skill names</label>' in html
    assert re.search(r'<input type="text" name="skill_names"[^>]*aria-describedby="id_skill_names_helptext"', html)


def test_the_page_does_not_grow_with_the_number_of_skills(client, skills):
    before = len(client.get(LIST).content)
    for n in range(300):
        SkillFactory(name=f"Filler skill number {n}", slug=f"filler-skill-{n}")
    html = client.get(LIST).content.decode()
    assert "Filler skill number" not in html
    assert len(html.encode()) - before < 200  # the same page, whatever the number of skills


def test_suggestions_by_name_and_alias_published_only(client, skills):
    def names(q):
        return [s["name"] for s in client.get(reverse("skills:suggest"), {"q": q}).json()["results"]]

    assert names("PYT") == ["Python"]
    assert names("sklea") == ["scikit-learn"]  # through its alias
    assert names("secret") == []
    assert names("") == []
    assert names("  ") == []


def test_suggestions_start_with_the_words_first_and_are_few(client, skills):
    for n in range(12):
        SkillFactory(name=f"Deep python {n}", slug=f"deep-python-{n}")
    results = client.get(reverse("skills:suggest"), {"q": "python"}).json()["results"]
    assert len(results) == 8
    assert results[0] == {"slug": "python", "name": "Python"}
