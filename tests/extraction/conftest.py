import pytest

from extraction import taxonomy
from extraction.management.commands.load_curated_aliases import load_aliases
from skills.models import SkillCategory, SkillKind
from tests.factories import SkillFactory

# A small taxonomy shaped like the guide's (same slugs and names), built with factories: fast.
SKILLS = [
    ("Python", "python", SkillCategory.PROGRAMMING_LANGUAGE),
    ("R", "r", SkillCategory.PROGRAMMING_LANGUAGE),
    ("C", "c", SkillCategory.PROGRAMMING_LANGUAGE),
    ("C++", "cpp", SkillCategory.PROGRAMMING_LANGUAGE),
    ("Java", "java", SkillCategory.PROGRAMMING_LANGUAGE),
    ("SQL", "sql", SkillCategory.PROGRAMMING_LANGUAGE),
    ("Mathematics", "mathematics", SkillCategory.MATHEMATICS_STATISTICS),
    ("Machine learning frameworks", "ml-frameworks", SkillCategory.ALGORITHMS_FRAMEWORKS),
    ("Data pipelines", "data-pipelines", SkillCategory.MLOPS),
    ("Communication", "communication", SkillCategory.SOFT_SKILL),
]
NARROWER = [("Scikit-learn", "scikit-learn"), ("TensorFlow", "tensorflow"), ("PyTorch", "pytorch")]


@pytest.fixture(autouse=True)
def fresh_matcher():
    """Each test builds the matcher from its own data: ids repeat across rolled-back tests."""
    taxonomy.forget()
    yield
    taxonomy.forget()


@pytest.fixture
def skills(db):
    """The small taxonomy above with the curated default aliases (fixtures/curated) of its skills."""
    made = {}
    for name, slug, category in SKILLS:
        kind = SkillKind.SOFT if category == SkillCategory.SOFT_SKILL else SkillKind.TECHNICAL
        made[slug] = SkillFactory(name=name, slug=slug, category=category, kind=kind)
    for name, slug in NARROWER:
        made[slug] = SkillFactory(
            name=name,
            slug=slug,
            category=SkillCategory.ALGORITHMS_FRAMEWORKS,
            broader=made["ml-frameworks"],
            broader_passage="A framework for machine learning.",
        )
    load_aliases()
    return made


@pytest.fixture
def curated(guide):
    """The guide's skills with the curated default aliases: for tests about the guide's postings."""
    load_aliases()
