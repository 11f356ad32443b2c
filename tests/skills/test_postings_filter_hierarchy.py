"""The postings filter reads the skill hierarchy downward (postings/filters.py, `skill`)."""

import pytest
from django.urls import reverse

from tests.factories import JobPostingFactory, PostingSkillFactory, SkillFactory

pytestmark = pytest.mark.django_db

PASSAGE = "Get to know frameworks like Scikit-learn, TensorFlow, and PyTorch."


@pytest.fixture
def skills():
    frameworks = SkillFactory(slug="ml-frameworks", name="Machine learning frameworks")
    return {
        "ml-frameworks": frameworks,
        "pytorch": SkillFactory(slug="pytorch", broader=frameworks, broader_passage=PASSAGE),
        "tensorflow": SkillFactory(slug="tensorflow", broader=frameworks, broader_passage=PASSAGE),
        "python": SkillFactory(slug="python"),
    }


def asking(skills, *slugs, **kwargs):
    posting = JobPostingFactory(**kwargs)
    for slug in slugs:
        PostingSkillFactory(posting=posting, skill=skills[slug])
    return posting


def found(api, *slugs):
    response = api.get(reverse("api:posting-list"), {"skill": list(slugs)})
    assert response.status_code == 200, response.content
    return sorted(p["slug"] for p in response.json()["results"])


def test_asking_for_a_broad_skill_finds_postings_asking_for_a_narrower_one_once(api, skills):
    broad = asking(skills, "ml-frameworks", slug="broad")
    torch = asking(skills, "pytorch", slug="torch")
    both = asking(skills, "pytorch", "tensorflow", slug="both")
    asking(skills, "python", slug="python-only")
    assert found(api, "ml-frameworks") == sorted([broad.slug, torch.slug, both.slug])  # each once


def test_a_narrow_skill_does_not_find_postings_asking_for_the_broad_one(api, skills):
    asking(skills, "ml-frameworks", slug="broad")
    torch = asking(skills, "pytorch", slug="torch")
    assert found(api, "pytorch") == [torch.slug]


def test_every_chosen_skill_is_still_required(api, skills):
    asking(skills, "pytorch", slug="torch")
    both = asking(skills, "pytorch", "python", slug="torch-and-python")
    assert found(api, "ml-frameworks", "python") == [both.slug]


def test_the_postings_page_filters_the_same_way_and_says_so(client, skills):
    asking(skills, "pytorch", title="Torch job", slug="torch")
    html = client.get("/postings/", {"skill": "ml-frameworks"}).content.decode()
    assert "Torch job" in html
    assert "machine-learning frameworks finds postings asking for PyTorch too" in html
