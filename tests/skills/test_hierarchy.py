"""The skill hierarchy (Skill.broader, skills/hierarchy.py): its rules, meets(), its pages and API fields."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from skills.hierarchy import meets, with_narrower, with_narrower_each
from skills.models import MAX_HIERARCHY_DEPTH, Skill
from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db

PASSAGE = "Get to know frameworks like Scikit-learn, TensorFlow, and PyTorch."


def under(broader, **kwargs):
    return SkillFactory(broader=broader, broader_passage=PASSAGE, **kwargs)


def chain(length):
    """A chain of `length` + 1 skills, each under the one before: [top, …, bottom]."""
    skills = [SkillFactory()]
    for _ in range(length):
        skills.append(under(skills[-1]))
    return skills


# meets(): the chosen skills and everything above them.


def test_a_narrower_skill_meets_every_broader_skill_above_it_in_one_query(django_assert_num_queries):
    frameworks = SkillFactory(slug="ml-frameworks")
    pytorch = under(frameworks, slug="pytorch")
    deep = under(pytorch, slug="pytorch-lightning")
    unrelated = SkillFactory()
    with django_assert_num_queries(1):
        met = meets([deep.pk, unrelated.pk])
    assert met == {deep.pk, pytorch.pk, frameworks.pk, unrelated.pk}
    assert meets([frameworks.pk]) == {frameworks.pk}  # knowing the broad skill is not knowing PyTorch


def test_draft_and_unknown_skills_meet_nothing():
    draft_top = SkillFactory(status="draft")
    published = under(draft_top)
    draft = under(SkillFactory(), status="draft")
    assert meets([published.pk, draft.pk, 987654]) == {published.pk}


def test_meets_walks_at_most_the_maximum_depth_even_over_a_longer_chain():
    skills = chain(MAX_HIERARCHY_DEPTH + 2)  # longer than clean() allows: written past validation
    met = meets([skills[-1].pk])
    assert met == {skill.pk for skill in skills[-(MAX_HIERARCHY_DEPTH + 1) :]}


def test_with_narrower_reads_the_tree_downward_skill_by_skill():
    frameworks = SkillFactory()
    pytorch, tensorflow = under(frameworks), under(frameworks)
    python = SkillFactory()
    assert with_narrower([frameworks.pk]) == {frameworks.pk, pytorch.pk, tensorflow.pk}
    assert with_narrower_each([frameworks.pk, python.pk]) == {
        frameworks.pk: {frameworks.pk, pytorch.pk, tensorflow.pk},
        python.pk: {python.pk},
    }


# The rules: in clean() and in the database.


def test_a_skill_cannot_be_its_own_broader_skill():
    skill = SkillFactory()
    skill.broader, skill.broader_passage = skill, PASSAGE
    with pytest.raises(ValidationError) as error:
        skill.full_clean()
    assert "broader" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Skill.objects.filter(pk=skill.pk).update(broader=skill, broader_passage=PASSAGE)


def test_a_cycle_is_refused_by_validation():
    top, middle, bottom = chain(2)
    top.broader, top.broader_passage = bottom, PASSAGE
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "cycle" in error.value.message_dict["broader"][0]
    middle.full_clean()  # the chain as it is stays valid


def test_a_chain_deeper_than_the_match_reads_is_refused():
    skills = chain(MAX_HIERARCHY_DEPTH)
    extra = SkillFactory()
    extra.broader, extra.broader_passage = skills[-1], PASSAGE
    with pytest.raises(ValidationError):
        extra.full_clean()
    # The same depth reached from above: a new top over the whole chain.
    new_top = SkillFactory()
    skills[0].broader, skills[0].broader_passage = new_top, PASSAGE
    with pytest.raises(ValidationError):
        skills[0].full_clean()


def test_a_link_needs_its_passage_in_validation_and_in_the_database():
    top = SkillFactory()
    skill = SkillFactory()
    skill.broader = top
    with pytest.raises(ValidationError) as error:
        skill.full_clean()
    assert "passage" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Skill.objects.filter(pk=skill.pk).update(broader=top, broader_passage="")


def test_a_broader_skill_with_narrower_skills_cannot_be_deleted():
    top = SkillFactory()
    under(top)
    with pytest.raises(ProtectedError):
        top.delete()


# The guide's links.


def test_the_guide_links_its_frameworks_to_machine_learning_frameworks(guide):
    frameworks = Skill.objects.get(slug="ml-frameworks")
    assert set(frameworks.narrower.values_list("slug", flat=True)) == {"scikit-learn", "tensorflow", "pytorch"}
    for skill in Skill.objects.exclude(broader=None):
        assert skill.broader_passage and skill.broader.name.split()[-1].lower() in skill.broader_passage.lower()
    assert meets([Skill.objects.get(slug="pytorch").pk]) == {Skill.objects.get(slug="pytorch").pk, frameworks.pk}


def test_programming_languages_have_no_invented_broader_skill(guide):
    # The guide names "Programming Languages" as a heading, but there is no such skill record to link to.
    assert not Skill.objects.filter(category="programming_language").exclude(broader=None).exists()


# Pages and API.


def test_the_skills_page_nests_narrower_skills_under_their_broader_one(client, guide):
    html = client.get("/skills/").content.decode()
    frameworks = html.index(">Machine learning frameworks</a>")
    nested = html.index('<ul class="skill-list skill-tree-narrower">', frameworks)
    assert nested < html.index(">PyTorch</a>") < html.index("</ul>", nested)
    assert html.count(">PyTorch</a>") == 1


def test_a_skill_page_links_its_broader_and_narrower_skills(client, guide):
    pytorch = client.get("/skills/pytorch/").content.decode()
    assert 'A kind of <a href="/skills/ml-frameworks/">Machine learning frameworks</a>' in pytorch
    assert PASSAGE in pytorch
    frameworks = client.get("/skills/ml-frameworks/").content.decode()
    assert (
        "Kinds of Machine learning frameworks" in frameworks and '<a href="/skills/pytorch/">PyTorch</a>' in frameworks
    )


def test_the_api_reads_broader_and_narrower_slugs(api, guide):
    pytorch = api.get(reverse("api:skill-detail", args=["pytorch"])).json()
    assert (pytorch["broader"], pytorch["narrower"], pytorch["broader_passage"]) == ("ml-frameworks", [], PASSAGE)
    frameworks = api.get(reverse("api:skill-detail", args=["ml-frameworks"])).json()
    assert (frameworks["broader"], frameworks["narrower"]) == (None, ["pytorch", "scikit-learn", "tensorflow"])


def test_a_curator_writes_broader_by_slug_and_a_cycle_is_a_400(api, curator):
    top, child = SkillFactory(slug="top"), SkillFactory(slug="child")
    api.force_login(curator)
    url = reverse("api:skill-detail", args=["child"])
    response = api.patch(url, {"broader": "top", "broader_passage": PASSAGE}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["broader"] == "top"
    child.refresh_from_db()
    assert child.broader == top
    cycle = api.patch(
        reverse("api:skill-detail", args=["top"]), {"broader": "child", "broader_passage": PASSAGE}, format="json"
    )
    assert cycle.status_code == 400 and "broader" in cycle.json()["errors"]
    no_passage = api.patch(reverse("api:skill-detail", args=["top"]), {"broader": "child"}, format="json")
    assert no_passage.status_code == 400


def test_a_draft_broader_skill_is_not_shown_to_the_public(api):
    secret = SkillFactory(status="draft", slug="secret")
    under(secret, slug="visible")
    assert api.get(reverse("api:skill-detail", args=["visible"])).json()["broader"] is None
    assert api.get(reverse("api:skill-detail", args=["secret"])).status_code == 404


def test_the_schema_declares_the_hierarchy_fields(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    skill = schema["components"]["schemas"]["Skill"]["properties"]
    assert skill["broader"]["nullable"] is True and skill["broader"]["type"] == "string"
    assert skill["narrower"]["readOnly"] is True and skill["narrower"]["items"]["type"] == "string"
    assert "broader_passage" in skill
