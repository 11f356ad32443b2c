"""
Generate synthetic roles, skills, companies and postings for benchmarks, shaped like a real job board.

Everything it writes is tied to one Source, "Synthetic benchmark data" (slug `bench-synthetic`), and
carries the `bench-` slug prefix, so it can never be mistaken for the guide's facts and `--clear`
removes exactly what it made. It is never written to fixtures/.

The shape is what makes benchmarks honest: long-tailed company and skill popularity (a few of each are
everywhere, most are rare), texts of real length with common words ("python": about half the postings)
and rare ones (RARE_WORDS: about 0.04% each), dates over two years, most of them expired by now, and
places, workplaces and pay ranges as postings/management/synthetic.py draws them.
On PostgreSQL the postings are streamed with COPY: a million take minutes and little memory.
"""

import bisect
import csv
import io
import itertools
import queue
import random
import threading
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from core.caching import invalidate
from core.publishing import PUBLISHED
from postings.management import synthetic
from postings.models import Company, Degree, JobPosting, PostingLocation, PostingSkill, Seniority
from roles.models import Compensation, Role, RoleSkill, SalaryFigure, Statistic
from skills.models import Importance, Skill, SkillCategory, SkillKind
from sources.models import Source

PREFIX = "bench-"
PASSAGE = "Synthetic record generated for benchmarking; not a fact."
SOURCE_SLUG = f"{PREFIX}synthetic"
SKILLS, ROLES, MAX_COMPANIES, DAYS = 300, 40, 5_000, 730
BATCH, PROGRESS_EVERY = 5_000, 100_000

# Ordered from common to rare: word k is drawn with weight 1 / (k + 2), as words are in real text.
VOCABULARY = """
and with the to of in for our you we data team experience work models learning machine build will on
as systems product skills production engineering years ability strong develop teams design knowledge
across working including research new using help deliver performance customers understanding role
deep solutions problems quality scale code platform pipelines analysis software training about support
python large clear improve deploy evaluation features infrastructure tools drive services learn
communication impact partner statistics cloud collaborate ownership best practices results
technical modern reliable fast metrics understand algorithms apply science scalable insights mission
opportunity environment stakeholders own projects business decisions sql experiments testing
inference serving latency monitoring datasets labeling annotation recommendation ranking search
retrieval language vision speech generative transformers embeddings pytorch tensorflow spark kubernetes
docker aws gcp azure linux distributed architecture api apis backend frontend microservices streaming
batch warehouse lakehouse airflow dbt kafka optimization regression classification clustering
forecasting causal bayesian probability linear algebra calculus convex neural networks gradient
boosting trees feature store versioning reproducible notebooks jupyter pandas numpy scipy
visualization dashboards tableau reporting mentoring leadership roadmap strategy prioritize ambiguity
curiosity empathy writing documentation review reviews prototypes publish papers conferences
benchmarks fairness privacy safety security compliance healthcare finance retail advertising robotics
autonomous devices edge mobile hardware accelerators gpu gpus tpu compilers quantization distillation
pruning finetuning pretraining alignment reinforcement agents multimodal tokenization summarization
translation detection segmentation tracking anomaly fraud churn pricing supply logistics marketplace
personalization experimentation uplift attribution sampling bias variance calibration uncertainty
simulation rust scala java golang typescript javascript graphql postgresql mongodb redis elasticsearch
snowflake bigquery databricks terraform ansible observability prometheus grafana ci cd git agile scrum
""".split()
TOPICS = VOCABULARY[60:]  # The technical words: skill and company names.
RARE_WORDS = """
fortran haskell erlang cobol julia ocaml prolog lisp verilog vhdl fpga cuda triton onnx tensorrt xgboost
lightgbm catboost jax flax mlflow kubeflow ray dask polars duckdb clickhouse cassandra neo4j flink beam
pulsar nats zig elixir clojure kotlin swift webassembly bioinformatics genomics proteomics chemoinformatics
seismology astronomy meteorology actuarial econometrics cryptography homomorphic zkp lidar photogrammetry
""".split()
ROLE_TITLES = """Machine Learning Engineer|Data Scientist|Research Scientist|Applied Scientist|Data Engineer|
MLOps Engineer|Data Analyst|NLP Engineer|Computer Vision Engineer|Analytics Engineer|Research Engineer|
AI Engineer|Speech Scientist|Decision Scientist|ML Platform Engineer|Quantitative Researcher|
Recommendation Systems Engineer|Deep Learning Engineer|Statistician|ML Infrastructure Engineer""".replace(
    "\n", ""
).split("|")
COMPANY_SUFFIXES = "Labs AI Analytics Systems Technologies Health Robotics Data Capital Bio Cloud Works".split()
TITLE_PREFIXES = ["", "", "", "Senior ", "Staff ", "Junior ", "Lead ", "Principal "]
TEAMS = ["", "", "Search", "Ads", "Ranking", "Growth", "Payments", "Risk", "Platform", "Vision", "Language", "Health"]
YEARS = [None, 0, 1, 2, 2, 3, 3, 4, 5, 5, 7, 10]
POSTING_COLUMNS = """id status created_at updated_at source_passage title slug seniority summary responsibilities
requirements min_degree accepts_equivalent_experience min_years_experience min_years_leadership
min_years_management company_id role_id source_id match_anchor_id posted_on valid_through workplace employment_type
pay_min pay_max pay_currency pay_period apply_url apply_email""".split()
POSTING_SKILL_COLUMNS = ["posting_id", "skill_id", "importance", "source_id", "source_passage"]
POSTING_LOCATION_COLUMNS = ["posting_id", "kind", "city", "region", "country"]
# Text columns that may be blank: COPY must read their empty fields as '', not NULL.
BLANK_POSTING_COLUMNS = ["workplace", "employment_type", "pay_currency", "pay_period", "apply_url", "apply_email"]


def cumulative_zipf(n, offset):
    """Cumulative weights 1 / (k + offset): a long tail, the offset flattening the head."""
    return list(itertools.accumulate(1 / (k + offset) for k in range(n)))


def draw(rng, cum_weights):
    """One index drawn by cumulative weight (rng.choices without its per-call overhead)."""
    return bisect.bisect(cum_weights, rng.random() * cum_weights[-1])


WORD_WEIGHTS, SKILL_WEIGHTS = cumulative_zipf(len(VOCABULARY), 2), cumulative_zipf(SKILLS, 3)


def importance(essential):
    return Importance.ESSENTIAL if essential else Importance.OPTIONAL


class Command(BaseCommand):
    help = (
        "Create synthetic benchmark data shaped like a job board: N postings over 300 skills, 40 roles and up "
        f"to 5,000 companies, all tied to the '{SOURCE_SLUG}' source with '{PREFIX}' slugs. It replaces earlier "
        "synthetic data, never touches the guide's data and never writes to fixtures/. --clear only removes it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--postings", type=int, default=1_000_000, help="How many postings (default 1,000,000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed makes the same data.")
        parser.add_argument("--clear", action="store_true", help="Only delete previously generated data.")

    def handle(self, postings, seed, clear, **options):
        self.started = time.monotonic()
        with transaction.atomic():
            self.clear()
            if not clear:
                self.catalogue(random.Random(seed), postings)
                self.write_postings(postings, seed)
            # COPY and bulk writes send no signals: make the servers' cached pages of these tables unreachable
            # (core/caching.py; at commit, through the cache every process shares).
            invalidate(Source, Skill, Role, RoleSkill, SalaryFigure, Company, JobPosting, PostingSkill, PostingLocation)
        self.say("Committed.")
        if not clear:
            self.analyze()
        self.say(self.style.SUCCESS("Synthetic data removed." if clear else f"Generated {postings:,} postings."))

    def say(self, message):
        self.stdout.write(f"[{time.monotonic() - self.started:6.1f}s] {message}")

    def catalogue(self, rng, n):
        """Source, skills, roles (with skills and a salary), companies: a few thousand rows, via the ORM."""
        self.source = Source.objects.create(slug=SOURCE_SLUG, title="Synthetic benchmark data", publisher="careerguide")
        common = {"source": self.source, "source_passage": PASSAGE, "status": PUBLISHED}
        self.skill_words = [TOPICS[i % len(TOPICS)] for i in range(SKILLS)]  # Words the requirements mention.
        categories = [rng.choice(SkillCategory.values) for _ in range(SKILLS)]
        self.skill_ids = [
            skill.pk
            for skill in Skill.objects.bulk_create(
                Skill(
                    name=f"Bench {word.title()} {i}",
                    slug=f"{PREFIX}skill-{i}",
                    category=category,
                    kind=SkillKind.SOFT if category == SkillCategory.SOFT_SKILL else SkillKind.TECHNICAL,
                    **common,
                )
                for i, (word, category) in enumerate(zip(self.skill_words, categories, strict=True))
            )
        ]
        self.skill_by_rank = rng.sample(range(SKILLS), SKILLS)  # So that popularity does not follow the ids.
        self.role_titles = [ROLE_TITLES[i % len(ROLE_TITLES)] for i in range(ROLES)]
        self.role_ids = [
            role.pk
            for role in Role.objects.bulk_create(
                Role(name=f"Bench {title} {i}", slug=f"{PREFIX}role-{i}", summary="A synthetic role.", **common)
                for i, title in enumerate(self.role_titles)
            )
        ]
        self.role_skills = [self.popular_skills(rng, rng.randint(8, 15), 0.5) for _ in range(ROLES)]
        RoleSkill.objects.bulk_create(
            RoleSkill(
                role_id=self.role_ids[r],
                skill_id=self.skill_ids[s],
                importance=importance(essential),
                source=self.source,
                source_passage=PASSAGE,
            )
            for r, picks in enumerate(self.role_skills)
            for s, essential in picks
        )
        SalaryFigure.objects.bulk_create(
            SalaryFigure(
                role_id=role,
                amount=rng.randrange(60_000, 250_000, 1_000),
                statistic=rng.choice(Statistic.values),
                compensation=rng.choice(Compensation.values),
                region="United States",
                **common,
            )
            for role in self.role_ids
        )
        companies = Company.objects.bulk_create(
            Company(
                name=f"Bench {rng.choice(TOPICS).title()} {rng.choice(COMPANY_SUFFIXES)} {i}",
                slug=f"{PREFIX}company-{i}",
                description="A synthetic company.",
                **common,
            )
            for i in range(min(MAX_COMPANIES, max(50, n // 100)))
        )  # 50 for a small run, 5,000 from 500k.
        self.company_ids, self.company_names = [c.pk for c in companies], [c.name for c in companies]
        self.company_by_rank = rng.sample(range(len(companies)), len(companies))
        self.company_weights = cumulative_zipf(len(companies), 5)
        self.say(f"Catalogue: {SKILLS} skills, {ROLES} roles, {len(companies):,} companies.")

    def popular_skills(self, rng, count, essential_share, picks=None):
        """`count` distinct skills drawn by long-tailed popularity, as (index, essential), after `picks`."""
        picks = dict(picks or ())
        while len(picks) < count:
            picks.setdefault(self.skill_by_rank[draw(rng, SKILL_WEIGHTS)], rng.random() < essential_share)
        return list(picks.items())

    def skeletons(self, n, seed):
        """
        Yield (role, company, [(skill, essential), ...]) per posting. Replayable: the same seed gives the
        same sequence, so one pass counts skill frequencies (for the anchors) and later passes write the
        rows, without ever holding a million postings in memory.
        """
        rng = random.Random(f"{seed}:skeletons")
        for _ in range(n):
            role = rng.randrange(ROLES)
            own = self.role_skills[role]
            wanted = rng.randint(3, 8)
            picks = {}  # About 60% from the role's own skills, the rest from the whole long tail.
            for skill, essential in rng.sample(own, min(len(own), round(wanted * 0.6))):
                picks[skill] = rng.random() < (0.7 if essential else 0.2)
            picks = self.popular_skills(rng, wanted, 0.4, picks)
            if not any(essential for _, essential in picks):
                picks[0] = (picks[0][0], True)
            yield role, self.company_by_rank[draw(rng, self.company_weights)], picks

    def write_postings(self, n, seed):
        """
        Postings, then their skills. On PostgreSQL the search trigger stays on during the COPY: measured
        at a million postings, the COPY took 240-285 s with it, against 110 s without it plus 290 s for
        the one UPDATE that fills search_document afterwards (and leaves a million dead rows behind).
        """
        frequency = [0] * SKILLS
        for _, _, picks in self.skeletons(n, seed):
            for skill, _ in picks:
                frequency[skill] += 1
        # The anchor is the rarest essential skill: fewest posting links overall, ties by lowest id.
        self.rarity = [(frequency[s], self.skill_ids[s]) for s in range(SKILLS)]
        first_id = reserve_ids(JobPosting, n)
        self.say("Writing postings…")
        write_rows(JobPosting, POSTING_COLUMNS, self.posting_rows(n, seed, first_id), blank=BLANK_POSTING_COLUMNS)
        self.say(f"Wrote {n:,} postings; writing their locations…")
        write_rows(
            PostingLocation,
            POSTING_LOCATION_COLUMNS,
            (
                (first_id + i, *location)
                for i, (_, locations) in enumerate(synthetic.places(n, seed))
                for location in locations
            ),
            blank=["city", "region"],
        )
        self.say("Writing posting skills…")
        write_rows(
            PostingSkill,
            POSTING_SKILL_COLUMNS,
            (
                (first_id + i, self.skill_ids[s], importance(essential), self.source.pk, PASSAGE)
                for i, (_, _, picks) in enumerate(self.skeletons(n, seed))
                for s, essential in picks
            ),
        )
        self.say(f"Wrote {sum(frequency):,} posting skills.")

    def posting_rows(self, n, seed, first_id):
        """One tuple per posting, in POSTING_COLUMNS order: texts, requirements, dates, anchor, place and pay."""
        rng = random.Random(f"{seed}:postings")
        today = timezone.localdate()
        dates = {offset: (today + timedelta(days=offset)).isoformat() for offset in range(-DAYS, 91)}
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        rows = zip(self.skeletons(n, seed), synthetic.places(n, seed), strict=True)
        for i, ((role, company, picks), (workplace, locations)) in enumerate(rows):
            if i and i % PROGRESS_EVERY == 0:
                self.say(f"  {i:,} postings")
            title = rng.choice(TITLE_PREFIXES) + self.role_titles[role]
            years, management = rng.choice(YEARS), rng.choice([None, None, None, None, 1, 2, 3])
            posted = -rng.randrange(DAYS)  # Uniform over the last two years, today included.
            team = rng.choice(TEAMS)
            status = "draft" if rng.random() < 0.02 else PUBLISHED
            seniority, slug = rng.choice(Seniority.values), f"{PREFIX}posting-{i}"
            yield (
                first_id + i,
                status,
                now,
                now,
                PASSAGE,
                f"{title}, {team}" if team else title,
                slug,
                seniority,
                *self.texts(rng, title, self.company_names[company], picks),
                rng.choice(Degree.values),
                rng.random() < 0.3,
                years,
                rng.choice([None, None, None, 1, 2, 3]),
                management if management and management <= (years or 0) else None,
                self.company_ids[company],
                self.role_ids[role],
                self.source.pk,
                min(self.rarity[s] for s, essential in picks if essential)[1],
                dates[posted],
                None if rng.random() < 0.05 else dates[posted + rng.randint(30, 90)],
                workplace,
                *synthetic.terms(rng, slug, seniority, locations),
            )

    def texts(self, rng, title, company, picks):
        """Summary, responsibilities and requirements: 1-3 KB of Zipf-distributed words, in sentences."""
        words = rng.choices(VOCABULARY, cum_weights=WORD_WEIGHTS, k=rng.randint(140, 330))
        sentences, start = [], 0
        while start < len(words):
            end = start + rng.randint(6, 14)
            sentences.append(" ".join(words[start:end]).capitalize() + ".")
            start = end
        third = len(sentences) // 3
        summary = f"{company} is hiring: {title}. " + " ".join(sentences[:third])
        responsibilities = "\n".join(f"- {s}" for s in sentences[third : 2 * third])
        requirements = "\n".join(
            [
                f"- Experience with {', '.join(self.skill_words[s] for s, _ in picks)}.",
                *(f"- {s}" for s in sentences[2 * third :]),
            ]
        )
        if rng.random() < 0.02:
            requirements += f"\n- Nice to have: {rng.choice(RARE_WORDS)}."
        return summary, responsibilities, requirements

    def analyze(self):
        """Fresh statistics for the planner; outside a transaction also VACUUM, for index-only scans."""
        if connection.vendor != "postgresql":
            return
        models = (Skill, Role, RoleSkill, Company, JobPosting, PostingSkill, PostingLocation)
        tables = ", ".join(m._meta.db_table for m in models)
        with connection.cursor() as cursor:
            cursor.execute(f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM (ANALYZE)'} {tables}")
        self.say("Vacuumed and analyzed." if not connection.in_atomic_block else "Analyzed.")

    def clear(self):
        """
        Delete the synthetic data with raw SQL, children first. Never the ORM's .delete(): it would load
        every row to run PostingSkill's post_delete receiver, a million times over.
        """
        source = Source.objects.filter(slug=SOURCE_SLUG).first()
        if source is None:
            return
        postings = "posting_id IN (SELECT id FROM postings_jobposting WHERE source_id = %s)"
        roles = "IN (SELECT id FROM roles_role WHERE source_id = %s)"
        # One condition per statement: an OR next to IN (subquery) defeats the hash join and goes quadratic.
        statements = [
            f"DELETE FROM postings_postingskill WHERE {postings}",
            f"DELETE FROM postings_postinglocation WHERE {postings}",
            "DELETE FROM postings_postingskill WHERE source_id = %s",
            f"DELETE FROM postings_jobposting_fields_of_study WHERE job{postings}",
            "DELETE FROM postings_jobposting WHERE source_id = %s",
            *(
                f"DELETE FROM roles_{table} WHERE {column} {roles}"
                for table, column in [
                    ("salaryfigure", "role_id"),
                    ("roleskill", "role_id"),
                    ("rolerelation", "from_role_id"),
                    ("rolerelation", "to_role_id"),
                ]
            ),
            *(
                f"DELETE FROM {table} WHERE source_id = %s"
                for table in [
                    "roles_salaryfigure",
                    "roles_roleskill",
                    "roles_rolerelation",
                    "postings_company",
                    "roles_role",
                    "skills_skill",
                ]
            ),
            "DELETE FROM sources_source WHERE id = %s",
        ]
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql, [source.pk] * sql.count("%s"))
        self.say("Cleared earlier synthetic data.")


def reserve_ids(model, n):
    """The first of n consecutive ids, taken from the table's sequence so later inserts never collide."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT setval(%s, nextval(%s) + %s - 1)", [sequence, sequence, max(n, 1)])
            return cursor.fetchone()[0] - max(n, 1) + 1
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # SQLite's AUTOINCREMENT follows.
        return cursor.fetchone()[0]


class CsvStream:
    """
    A file-like object for COPY ... FROM STDIN: a thread renders the rows as CSV chunks while the main
    thread sends the previous one (psycopg2 lets go of the GIL while it sends), so Python generating rows
    and PostgreSQL ingesting them use both cores instead of taking turns.
    """

    def __init__(self, rows, chunk=2_000):
        self.chunks = queue.Queue(maxsize=4)
        threading.Thread(target=self.render, args=(iter(rows), chunk), daemon=True).start()

    def render(self, rows, chunk):
        try:
            while batch := list(itertools.islice(rows, chunk)):
                buffer = io.StringIO()
                # None becomes an unquoted empty field, which CSV COPY reads as NULL (no row has empty strings).
                csv.writer(buffer, lineterminator="\n").writerows(batch)
                self.chunks.put(buffer.getvalue())
            self.chunks.put("")
        except BaseException as error:  # Raised again in read(), on the thread that runs the COPY.
            self.chunks.put(error)

    def read(self, size=-1):
        chunk = self.chunks.get()
        if isinstance(chunk, BaseException):
            raise chunk
        return chunk


def write_rows(model, columns, rows, blank=()):
    """
    Stream rows into the model's table: COPY on PostgreSQL, executemany in batches elsewhere. `blank`
    names the columns whose empty values are '' rather than NULL (COPY's FORCE_NOT_NULL).
    """
    table, names = model._meta.db_table, ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            options = f", FORCE_NOT_NULL ({', '.join(blank)})" if blank else ""
            cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv{options})", CsvStream(rows))
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        while batch := list(itertools.islice(rows, BATCH)):
            cursor.executemany(sql, batch)
