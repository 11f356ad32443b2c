"""The skill pages: the list of skills and a skill's page."""

import pytest

from tests.factories import make_postings_with_links

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, facts",
    [
        ("/skills/", ["Programming language", "MLOps", "Soft skill", "Causal inference"]),
        ("/skills/speech-recognition/", ["Machine Learning Researcher", "ML Researcher (new graduate)"]),
    ],
)
def test_pages_show_the_guides_facts(client, guide, url, facts):
    response = client.get(url)
    assert response.status_code == 200
    for fact in facts:
        assert fact in response.content.decode(), f"{fact!r} missing from {url}"


# Query counts: the same with a few rows and with many.
@pytest.mark.parametrize(
    "url",
    [
        "/skills/",
    ],
)
def test_list_pages_run_the_same_queries_for_few_or_many_rows(client, url, assert_queries_do_not_grow):
    make_postings_with_links(2)
    assert_queries_do_not_grow(lambda: client.get(url), lambda: make_postings_with_links(18))


def make_catalogue(count):
    """`count` published skills, names and slugs a little longer than the guide's on average, across the categories,
    every tenth narrower than the one before it."""
    from skills.models import Skill, SkillCategory
    from tests.factories import SourceFactory

    source, categories = SourceFactory(), list(SkillCategory.values)
    skills = Skill.objects.bulk_create(
        Skill(
            name=f"Feature engineering {i}",
            slug=f"feature-engineering-{i}",
            category=categories[i % len(categories)],
            status="published",
            source=source,
            source_passage="A passage.",
        )
        for i in range(count)
    )
    for previous, skill in zip(skills, skills[1:], strict=False):
        if skills.index(skill) % 10 == 0:
            skill.broader, skill.broader_passage = previous, "A passage."
    Skill.objects.bulk_update(skills, ["broader", "broader_passage"])


def test_the_skills_page_groups_by_category_with_counts_and_stays_light_at_640_skills(client):
    make_catalogue(640)
    response = client.get("/skills/")
    html = response.content.decode()
    assert len(response.content) < 60_000, f"/skills/ is {len(response.content):,} bytes at 640 skills"
    assert html.count('<a href="feature-engineering-') == 640  # every skill, once, as a link (relative)
    assert html.count('class="skill-category"') == 10 and "64 skills" in html  # 640 over the 10 categories
    assert 'href="#category-1">Programming language' in html  # the jump list


def test_the_skills_page_leads_with_what_most_roles_ask_for(client, guide):
    html = client.get("/skills/").content.decode()
    most_asked = html[html.index('id="most-asked"') : html.index("</section>", html.index('id="most-asked"'))]
    assert "Python · 3 roles" in most_asked
    assert most_asked.index("Deep learning · 3 roles") < most_asked.index("Communication · 2 roles")
