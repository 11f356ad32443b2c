"""factory_boy factories: arbitrary, valid records for tests that are not about the guide's facts."""

from decimal import Decimal

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from core.content import content_app_labels
from core.publishing import PublicationStatus
from postings.models import Company, FieldOfStudy, JobPosting, PostingSkill
from roles.models import Role, RoleRelation, RoleSkill, SalaryFigure
from skills.models import Skill, SkillCategory
from sources.models import Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["slug"]

    title = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")
    publisher = "Test Press"


class SourcedFactory(factory.django.DjangoModelFactory):
    source = factory.SubFactory(SourceFactory, slug="test-source", title="Test source")
    source_passage = "A passage that says so."


class SkillFactory(SourcedFactory):
    class Meta:
        model = Skill

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.Sequence(lambda n: f"skill-{n}")
    category = SkillCategory.PROGRAMMING_LANGUAGE
    status = PublicationStatus.PUBLISHED


class RoleFactory(SourcedFactory):
    class Meta:
        model = Role

    name = factory.Sequence(lambda n: f"Role {n}")
    slug = factory.Sequence(lambda n: f"role-{n}")
    summary = "Does things with data."
    status = PublicationStatus.PUBLISHED


class RoleSkillFactory(SourcedFactory):
    class Meta:
        model = RoleSkill

    role = factory.SubFactory(RoleFactory)
    skill = factory.SubFactory(SkillFactory)


class RoleRelationFactory(SourcedFactory):
    class Meta:
        model = RoleRelation

    from_role = factory.SubFactory(RoleFactory)
    to_role = factory.SubFactory(RoleFactory)
    kind = "transition"


class SalaryFigureFactory(SourcedFactory):
    class Meta:
        model = SalaryFigure

    role = factory.SubFactory(RoleFactory)
    amount = Decimal("100000.00")
    period = "year"
    statistic = "average"
    region = factory.Sequence(lambda n: f"Region {n}")
    status = PublicationStatus.PUBLISHED


class CompanyFactory(SourcedFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    status = PublicationStatus.PUBLISHED


class FieldOfStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfStudy

    name = factory.Sequence(lambda n: f"Field {n}")
    slug = factory.Sequence(lambda n: f"field-{n}")


class JobPostingFactory(SourcedFactory):
    class Meta:
        model = JobPosting

    title = factory.Sequence(lambda n: f"Posting {n}")
    slug = factory.Sequence(lambda n: f"posting-{n}")
    company = factory.SubFactory(CompanyFactory)
    role = factory.SubFactory(RoleFactory)
    # A posting that asks for no degree; pass min_degree=None for one that does not say (never met by a degree).
    min_degree = 0
    status = PublicationStatus.PUBLISHED


class PostingSkillFactory(SourcedFactory):
    class Meta:
        model = PostingSkill

    posting = factory.SubFactory(JobPostingFactory)
    skill = factory.SubFactory(SkillFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("a-long-test-password")


def reviewers_group():
    """The Reviewers group, as migration postings 0006 makes it (made again when a flush emptied it)."""
    group = Group.objects.filter(name="Reviewers").first()
    if group is None:
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
        group = Group.objects.create(name="Reviewers")
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="postings", codename__in=REVIEWER_CODENAMES)
        )
    return group


REVIEWER_CODENAMES = [
    "publish_jobposting",
    "view_jobposting",
    "change_jobposting",
    "view_postingawaitingreview",
    "change_postingawaitingreview",
]


def curators_group():
    """
    The Curators group, as its data migration makes it. A test that commits (the browser suite) ends with
    a flush that empties it, and after a serialized-rollback test even the permissions are gone: made
    again here when missing, so a test never depends on which ran before it.
    """
    group = Group.objects.filter(name="Curators").first()
    if group is None:
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
        group = Group.objects.create(name="Curators")
        # As the migrations make it: every content permission except publishing postings (the Reviewers').
        group.permissions.set(
            Permission.objects.filter(content_type__app_label__in=content_app_labels()).exclude(
                codename="publish_jobposting"
            )
        )
    return group


class CuratorFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def curators_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(curators_group())


class ReviewerFactory(CuratorFactory):
    """A curator who also reviews: may publish and reject postings."""

    @factory.post_generation
    def reviewers_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(reviewers_group())


# --- paths (career paths, steps, step skills, resources) ---------------------------------------------
from paths.models import Path, PathStep, Resource, StepSkill  # noqa: E402  (appended section)


class PathFactory(SourcedFactory):
    class Meta:
        model = Path

    name = factory.Sequence(lambda n: f"Path {n}")
    slug = factory.Sequence(lambda n: f"path-{n}")
    target_role = factory.SubFactory(RoleFactory)
    summary = "The way in, step by step."
    status = PublicationStatus.PUBLISHED


class PathStepFactory(SourcedFactory):
    class Meta:
        model = PathStep

    path = factory.SubFactory(PathFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Step {n}")
    slug = factory.Sequence(lambda n: f"step-{n}")
    what_to_do = "Do the thing."
    status = PublicationStatus.PUBLISHED


class StepSkillFactory(SourcedFactory):
    class Meta:
        model = StepSkill

    step = factory.SubFactory(PathStepFactory)
    skill = factory.SubFactory(SkillFactory)


class ResourceFactory(SourcedFactory):
    class Meta:
        model = Resource

    name = factory.Sequence(lambda n: f"Resource {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    kind = "guide"


# Rows for query-count tests: a page must run the same queries whether these made 1 or 5 of each.
def posting_asking_for(role, *essential, optional=(), **fields):
    """A posting for `role` asking for these skills, essential (and `optional` ones as optional)."""
    posting = JobPostingFactory(role=role, **fields)
    for skill in essential:
        PostingSkillFactory(posting=posting, skill=skill)
    for skill in optional:
        PostingSkillFactory(posting=posting, skill=skill, importance="optional")
    return posting


def make_postings_with_links(n):
    """n postings, each with a skill link, its role with a skill and a salary figure, and a spare skill."""
    for _ in range(n):
        posting = JobPostingFactory()
        SkillFactory()
        PostingSkillFactory(posting=posting)
        RoleSkillFactory(role=posting.role)
        SalaryFigureFactory(role=posting.role)


def make_roles_with_everything(n):
    """n roles sharing three skills, each with a salary figure, a posting and a relation to another role."""
    skills = SkillFactory.create_batch(3)
    for _ in range(n):
        role = RoleFactory()
        for skill in skills:
            RoleSkillFactory(role=role, skill=skill)
        SalaryFigureFactory(role=role)
        posting = JobPostingFactory(role=role)
        PostingSkillFactory(posting=posting, skill=skills[0])
        RoleRelationFactory(from_role=role, to_role=RoleFactory())
