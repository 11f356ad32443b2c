"""
Generate synthetic roles, skills, companies and postings for benchmarks.

Everything it writes is tied to one Source, "Synthetic benchmark data", and carries the `bench-` slug
prefix, so it can never be mistaken for the guide's facts and `--clear` removes exactly what it made.
It is never written to fixtures/.
"""

import random

from django.core.management.base import BaseCommand
from django.db import transaction

from postings.models import Company, Degree, JobPosting, PostingSkill, Seniority
from roles.models import Importance, Role, RoleSkill, SalaryFigure
from skills.models import Skill, SkillCategory
from sources.models import Source

PREFIX = "bench-"
PASSAGE = "Synthetic record generated for benchmarking; not a fact."


class Command(BaseCommand):
    help = "Create (or --clear) synthetic benchmark data: N postings over a few dozen roles, skills and companies."

    def add_arguments(self, parser):
        parser.add_argument("--postings", type=int, default=2000, help="How many postings (default 2000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for repeatable data.")
        parser.add_argument("--clear", action="store_true", help="Only delete previously generated data.")

    @transaction.atomic
    def handle(self, postings, seed, clear, **options):
        self.clear()
        if clear:
            self.stdout.write("Synthetic benchmark data removed.")
            return
        rng = random.Random(seed)
        source, _ = Source.objects.get_or_create(
            slug=f"{PREFIX}synthetic", defaults={"title": "Synthetic benchmark data", "publisher": "careerguide"}
        )
        common = {"source": source, "source_passage": PASSAGE, "status": "published"}
        skills = Skill.objects.bulk_create(
            Skill(name=f"Bench skill {i}", slug=f"{PREFIX}skill-{i}", category=rng.choice(SkillCategory.values), **common)
            for i in range(60)
        )
        roles = Role.objects.bulk_create(
            Role(name=f"Bench role {i}", slug=f"{PREFIX}role-{i}", summary="A synthetic role.", **common)
            for i in range(30)
        )
        companies = Company.objects.bulk_create(
            Company(name=f"Bench company {i}", slug=f"{PREFIX}company-{i}", **common) for i in range(50)
        )
        RoleSkill.objects.bulk_create(
            RoleSkill(role=role, skill=skill, importance=rng.choice(Importance.values), source=source, source_passage=PASSAGE)
            for role in roles
            for skill in rng.sample(skills, 8)
        )
        SalaryFigure.objects.bulk_create(
            SalaryFigure(role=role, amount=rng.randrange(60_000, 250_000), statistic="average", region=f"Region {i}", **common)
            for i, role in enumerate(roles)
        )
        created = JobPosting.objects.bulk_create(
            JobPosting(
                title=f"Bench posting {i}",
                slug=f"{PREFIX}posting-{i}",
                company=rng.choice(companies),
                role=rng.choice(roles),
                seniority=rng.choice(Seniority.values),
                min_degree=rng.choice(Degree.values),
                min_years_experience=rng.choice([None, 0, 1, 2, 3, 5, 8, 10]),
                **common,
            )
            for i in range(postings)
        )
        PostingSkill.objects.bulk_create(
            PostingSkill(posting=posting, skill=skill, importance=rng.choice(Importance.values), source=source, source_passage=PASSAGE)
            for posting in created
            for skill in rng.sample(skills, 4)
        )
        self.stdout.write(self.style.SUCCESS(f"Generated {len(created)} synthetic postings (slug prefix {PREFIX!r})."))

    def clear(self):
        JobPosting.objects.filter(slug__startswith=PREFIX).delete()
        Company.objects.filter(slug__startswith=PREFIX).delete()
        Role.objects.filter(slug__startswith=PREFIX).delete()
        Skill.objects.filter(slug__startswith=PREFIX).delete()
        Source.objects.filter(slug__startswith=PREFIX).delete()
