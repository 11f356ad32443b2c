"""
Bulk downloads: every published role, skill, live posting, salary figure and path step, as CSV or JSON Lines.

Files are streamed in constant memory, whatever the number of rows: rows are read in batches of BATCH by
ascending id (`WHERE id > last ORDER BY id LIMIT BATCH`, a range scan of the primary key), as plain
values, never model instances, and each batch's lists (skills, locations, fields of study) come from one
query per batch. Batches rather than one server-side cursor: on PostgreSQL, Django declares that cursor
WITH HOLD outside a transaction, which makes the server compute the whole result before the first row,
and a transaction held open for a long download would hold back vacuum. The price: a download is not one
snapshot; a row changed while it streams may appear as it was or as it is.
"""

import csv
import io
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from core.publishing import PUBLISHED
from paths.models import PathStep, StepSkill
from postings.columns import POSTING_COLUMNS, SKILL_LIST_COLUMNS, SOURCE_COLUMNS, Column
from postings.models import DEGREE_BY_NAME, JobPosting, LocationKind, PostingLocation, PostingSkill
from roles.models import Role, RoleSkill, SalaryFigure
from skills.models import Importance, Skill

BATCH = 2_000  # rows read per query
CHUNK = 500  # rows written per piece of the response: a quarter of a batch, so the text never outweighs the rows
DEGREE_NAME = {degree.value: name for name, degree in DEGREE_BY_NAME.items()}
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8"}


@dataclass
class Dataset:
    name: str
    title: str
    about: str
    columns: list
    url_name: str | None = None  # the record's page, from its slug

    def queryset(self):
        raise NotImplementedError

    def extras(self, ids):
        """The computed columns of a batch, {id: {column: value}}: a few queries per batch, not per row."""
        return {}

    def records(self):
        """Every row, as {column: value} in column order, read in batches by id."""
        paths = {column.name: column.path for column in self.columns if column.path}
        rows = self.queryset().values("pk", *paths.values()).order_by("pk")
        url = reverse(self.url_name, kwargs={"slug": "SLUG"}).replace("SLUG", "{}") if self.url_name else None
        last = None
        while batch := list((rows if last is None else rows.filter(pk__gt=last))[:BATCH]):
            extras = self.extras([row["pk"] for row in batch])
            for row in batch:
                values = {name: row[path] for name, path in paths.items()} | extras.get(row["pk"], {})
                if url:
                    values["url"] = url.format(row["slug"])
                yield {column.name: self.finish(column.name, values.get(column.name)) for column in self.columns}
            last = batch[-1]["pk"]

    def finish(self, name, value):
        """A stored value as the file writes it: a degree by its name (postings and path steps), else as stored."""
        return DEGREE_NAME[value] if name == "min_degree" and value is not None else value


class RoleDataset(Dataset):
    def queryset(self):
        return Role.objects.published()

    def extras(self, ids):
        return skill_lists(RoleSkill.objects.filter(role_id__in=ids), "role_id", ids)


class SkillDataset(Dataset):
    def queryset(self):
        return Skill.objects.published()


class PostingDataset(Dataset):
    def queryset(self):
        return JobPosting.objects.live()

    def extras(self, ids):
        extras = skill_lists(PostingSkill.objects.filter(posting_id__in=ids), "posting_id", ids)
        for pk in ids:
            extras[pk] |= {"locations": [], "remote_countries": [], "fields_of_study": []}
        for posting, kind, city, region, country in (
            PostingLocation.objects.filter(posting_id__in=ids)
            .order_by("posting_id", "kind", "pk")
            .values_list("posting_id", "kind", "city", "region", "country")
        ):
            if kind == LocationKind.REMOTE:
                extras[posting]["remote_countries"].append(country)
            else:
                extras[posting]["locations"].append({"city": city, "region": region, "country": country})
        for posting, field_slug in (
            JobPosting.fields_of_study.through.objects.filter(jobposting_id__in=ids)
            .order_by("jobposting_id", "fieldofstudy__slug")
            .values_list("jobposting_id", "fieldofstudy__slug")
        ):
            extras[posting]["fields_of_study"].append(field_slug)
        return extras


class SalaryDataset(Dataset):
    def queryset(self):
        return SalaryFigure.objects.published().filter(role__status=PUBLISHED)


class PathStepDataset(Dataset):
    def queryset(self):
        # A published step of a published path into a published role: what the path's page shows the public.
        return PathStep.objects.published().filter(path__status=PUBLISHED, path__target_role__status=PUBLISHED)

    def extras(self, ids):
        extras = {pk: {"skills": [], "fields_of_study": []} for pk in ids}
        for pk, slug in (
            StepSkill.objects.filter(step_id__in=ids, skill__status=PUBLISHED)
            .order_by("step_id", "skill__slug")
            .values_list("step_id", "skill__slug")
        ):
            extras[pk]["skills"].append(slug)
        for pk, slug in (
            PathStep.fields_of_study.through.objects.filter(pathstep_id__in=ids)
            .order_by("pathstep_id", "fieldofstudy__slug")
            .values_list("pathstep_id", "fieldofstudy__slug")
        ):
            extras[pk]["fields_of_study"].append(slug)
        return extras


def skill_lists(links, owner, ids):
    """{id: {"essential_skills": [...], "optional_skills": [...]}} for a batch, published skills only."""
    extras = {pk: {"essential_skills": [], "optional_skills": []} for pk in ids}
    for pk, slug, importance in (
        links.filter(skill__status=PUBLISHED)
        .order_by(owner, "skill__slug")
        .values_list(owner, "skill__slug", "importance")
    ):
        extras[pk]["essential_skills" if importance == Importance.ESSENTIAL else "optional_skills"].append(slug)
    return extras


DATASETS = {
    dataset.name: dataset
    for dataset in [
        RoleDataset(
            "roles",
            "Roles",
            "Every published role, with the skills it needs.",
            [
                Column("slug", "text", "The role's identifier, as in its page's address.", "slug"),
                Column("url", "text", "The role's page (a path on this site)."),
                Column("name", "text", "The role's name.", "name"),
                Column("summary", "text", "What the role is, in a sentence or two.", "summary"),
                Column("responsibilities", "text", "What the role does (may be empty).", "responsibilities"),
                Column("education", "text", "The education the source says it asks for.", "education"),
                Column("experience", "text", "The experience the source says it asks for.", "experience"),
                *SKILL_LIST_COLUMNS,
                *SOURCE_COLUMNS,
            ],
            url_name="roles:detail",
        ),
        SkillDataset(
            "skills",
            "Skills",
            "Every published skill.",
            [
                Column("slug", "text", "The skill's identifier, as in its page's address.", "slug"),
                Column("url", "text", "The skill's page (a path on this site)."),
                Column("name", "text", "The skill's name.", "name"),
                Column("kind", "text", "technical or soft.", "kind"),
                Column("category", "text", "e.g. programming_language, mlops, soft_skill.", "category"),
                Column("description", "text", "What the skill is (may be empty).", "description"),
                *SOURCE_COLUMNS,
            ],
            url_name="skills:detail",
        ),
        PostingDataset(
            "postings",
            "Job postings",
            "Every live posting: published and not past its valid_through date.",
            POSTING_COLUMNS,
            url_name="postings:detail",
        ),
        SalaryDataset(
            "salaries",
            "Salary figures",
            "Every published salary figure of a published role, as its source states it.",
            [
                Column("id", "integer", "The figure's identifier.", "id"),
                Column("role", "text", "The slug of the role it is about.", "role__slug"),
                Column("role_name", "text", "The role's name.", "role__name"),
                Column("amount", "decimal", "The figure.", "amount"),
                Column("currency", "text", "ISO 4217 code.", "currency"),
                Column("period", "text", "year, month or hour.", "period"),
                Column("statistic", "text", "average or median.", "statistic"),
                Column(
                    "compensation",
                    "text",
                    "base_salary, total_compensation or unspecified: what the figure measures.",
                    "compensation",
                ),
                Column("region", "text", "Where the figure holds; empty when the source names no region.", "region"),
                Column(
                    "is_approximate", "boolean", "The source rounds the figure ('about $110,000').", "is_approximate"
                ),
                Column("as_of", "date", "When the figure was true, if the source says.", "as_of"),
                *SOURCE_COLUMNS,
            ],
        ),
        PathStepDataset(
            "steps",
            "Path steps",
            "Every published step of a published path into a published role; its order places it in its path.",
            [
                Column("path", "text", "The slug of the path the step belongs to (see /paths/).", "path__slug"),
                Column("path_name", "text", "The path's name.", "path__name"),
                Column("target_role", "text", "The slug of the role the path leads into.", "path__target_role__slug"),
                Column("order", "integer", "The step's place in its path: 1, 2, 3…", "order"),
                Column("slug", "text", "The step's identifier within its path.", "slug"),
                Column("name", "text", "The step's name.", "name"),
                Column("what_to_do", "text", "What to do in this step.", "what_to_do"),
                Column("skills", "list of text", "Slugs of the skills the step builds (published skills only)."),
                Column(
                    "min_degree",
                    "text",
                    "The degree the step is about: none, bachelor, master or phd; empty when it is not about a degree.",
                    "min_degree",
                ),
                Column("fields_of_study", "list of text", "Slugs of the fields of study the step names."),
                Column(
                    "accepts_equivalent_experience",
                    "boolean",
                    "Equivalent practical experience may stand in for the degree; empty if not stated.",
                    "accepts_equivalent_experience",
                ),
                Column(
                    "accepts_courses_or_certification",
                    "boolean",
                    "Without a degree, online courses or a certification are a way in.",
                    "accepts_courses_or_certification",
                ),
                *SOURCE_COLUMNS,
            ],
        ),
    ]
}


def csv_cell(value):
    """A value as CSV text: lists joined by '; ', places as 'city, region, country', booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return ", ".join(str(part) for part in value.values() if part)
    if isinstance(value, list):
        return "; ".join(csv_cell(item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def as_csv(dataset):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.name for column in dataset.columns])
    for count, record in enumerate(dataset.records(), 1):
        writer.writerow([csv_cell(value) for value in record.values()])
        if count % CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def as_jsonl(dataset):
    """One JSON object per line; decimals as strings ("120000.00"), as in the API, so none is rounded."""
    lines = []
    for record in dataset.records():
        lines.append(json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False))
        if len(lines) == CHUNK:
            yield "\n".join(lines) + "\n"
            lines = []
    if lines:
        yield "\n".join(lines) + "\n"
