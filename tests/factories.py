"""factory_boy factories: arbitrary, valid records for tests that are not about the guide's facts."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from careerguide.publishing import PublicationStatus
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


class CuratorFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def curators_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="Curators"))
