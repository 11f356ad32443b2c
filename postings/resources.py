"""
The bulk import of job postings (django-import-export): the admin's Import and `manage.py import_postings`.

One row per posting, identified by its `slug`, in the columns the postings download writes
(postings/columns.py), so a download can be imported again; docs/postings.md, "Importing postings",
describes each. Related records are named by slug and must exist: the import never creates a company,
role, skill, field of study or source (a new company is a row error on `company`).

Every row is checked as the admin checks a posting: its values, then the model's full_clean (its clean()
and every constraint); lists are checked item by item. An error names its row and column. A row equal
to the stored posting (its lists included) is skipped: nothing is saved, so no history row is written.
Nothing at all is written for a file with an error: callers import with `use_transactions` and
`rollback_on_validation_errors`.

Two paths, one set of rules. The fast one (the default, inside a transaction): each row is checked in
Python, without a query of its own (its values, clean(), and the records it names, looked up once per
import); new postings are then written a dataset at a time (postings/bulk_import.py), and the database
enforces the model's constraints on that write. Should it refuse (a posting that expires before it is
posted: no clean() says so), the dataset is imported again row by row, each row checked by full_clean()
with every constraint (a query each), so that the error names its row and column, as it always did.
"""

import copy
import functools
from datetime import datetime
from decimal import InvalidOperation

from diff_match_patch import diff_match_patch
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.utils.encoding import force_str
from django.utils.html import format_html_join
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader
from simple_history.utils import bulk_create_with_history

from core.caching import invalidate
from core.publishing import PublicationStatus
from postings import review
from postings.bulk_import import create_postings
from postings.columns import POSTING_COLUMNS
from postings.models import (
    DEGREE_BY_NAME,
    Company,
    FieldOfStudy,
    JobPosting,
    LocationKind,
    PostingLocation,
    PostingSkill,
)
from roles.models import Role
from skills.models import Importance, Skill
from sources.models import Source

# A posting's references: checked by the import's lookups (by slug, or the importing user), not again by
# full_clean's query per reference on the fast path.
REFERENCES = [field for field in JobPosting._meta.concrete_fields if field.is_relation]

# Columns of the postings download that describe a posting rather than state it: accepted and ignored.
IGNORED_COLUMNS = {"url", "company_name", "updated_at"}


def import_columns():
    """The download's own columns (so a download imports again), less the ignored ones, plus `status`."""
    names = [column.name for column in POSTING_COLUMNS if column.name not in IGNORED_COLUMNS]
    after = names.index("seniority") + 1
    return (*names[:after], "status", *names[after:])


# The columns, in the order the preview shows them.
COLUMNS = import_columns()
LIST_SEPARATOR = ";"


def text(value):
    return "" if value is None else force_str(value).strip()


class TextWidget(widgets.CharWidget):
    """Text, trimmed as the admin's forms trim it; an empty cell is blank."""

    def clean(self, value, row=None, **kwargs):
        return text(value)


class SlugWidget(widgets.Widget):
    """A record named by its slug, which must exist. Each slug is looked up once per import."""

    def __init__(self, model, advice=""):
        super().__init__()
        self.model, self.advice, self.found = model, advice, {}

    def clean(self, value, row=None, **kwargs):
        slug = text(value)
        if not slug:
            return None
        if slug not in self.found:
            self.found[slug] = self.model._default_manager.filter(slug=slug).first()
        if self.found[slug] is None:
            raise ValueError(f"No {self.model._meta.verbose_name} has the slug “{slug}”.{self.advice}")
        return self.found[slug]

    def render(self, value, obj=None, **kwargs):
        return value.slug if value else ""


class DecimalWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(text(value))
        except InvalidOperation:
            raise ValueError(f"“{value}” is not a number (write 120000 or 52.50).") from None


class IntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        number = DecimalWidget().clean(value)
        if number is not None and number != number.to_integral_value():
            raise ValueError(f"“{value}” is not a whole number.")
        return None if number is None else int(number)


class BooleanWidget(widgets.BooleanWidget):
    """true or false (also 1/0, yes/no); an empty cell is false, the model's default."""

    WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False, "": False}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        word = text(value).lower()
        if word not in self.WORDS:
            raise ValueError(f"“{value}” is not true or false.")
        return self.WORDS[word]

    def render(self, value, obj=None, **kwargs):
        return "true" if value else "false"


class DateWidget(widgets.DateWidget):
    def clean(self, value, row=None, **kwargs):
        day = text(value)
        if not day:
            return None
        try:
            return datetime.strptime(day, "%Y-%m-%d").date()
        except ValueError:
            raise ValueError(f"“{value}” is not a date written YYYY-MM-DD.") from None

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class DegreeWidget(widgets.Widget):
    """The ordered Degree by name, as download and API write it: none, bachelor, master or phd; blank: unstated."""

    def clean(self, value, row=None, **kwargs):
        name = text(value).lower()
        if not name:
            return None  # the posting does not say: not stated, never "none"
        if name not in DEGREE_BY_NAME:
            raise ValueError(f"“{value}” is not a degree: write one of {', '.join(DEGREE_BY_NAME)}.")
        return DEGREE_BY_NAME[name]

    def render(self, value, obj=None, **kwargs):
        return {degree.value: name for name, degree in DEGREE_BY_NAME.items()}.get(value, "")


class StatusWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        status = text(value).lower()
        if status not in PublicationStatus.values:
            raise ValueError(f"“{value}” is not a status: write draft or published.")
        return status


class ListWidget(widgets.Widget):
    """A JSON array, or in CSV text items separated by ';' (as the download writes lists)."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return []
        if isinstance(value, list):
            return value
        return [item.strip() for item in text(value).split(LIST_SEPARATOR) if item.strip()]

    def render(self, value, obj=None, **kwargs):
        return "; ".join(
            ", ".join(part for part in item if part) if isinstance(item, tuple) else item for item in value
        )


def place_key(place):
    """A place of work, as the CSV download writes it ('city, region, country') or as the JSON one does."""
    if isinstance(place, dict):
        parts = [text(place.get(key)) for key in ("city", "region", "country")]
    elif isinstance(place, str):
        parts = [part.strip() for part in place.split(",")]
        # 'Berlin, DE' is a city and its country; 'DE' a country alone.
        parts = {1: ["", "", *parts], 2: [parts[0], "", parts[1]], 3: parts}.get(len(parts))
        if parts is None:
            raise ValueError(f"“{place}”: write a place as 'city, region, country' (a city alone: 'city, country').")
    else:
        raise ValueError(f"“{place}” is not a place.")
    city, region, country = parts
    return city, region, country.upper()


class ListField(fields.Field):
    """
    A list kept in other tables (skills, fields of study, locations). The resource parses a row's list
    into a canonical tuple, kept on the instance until the posting is saved (then written); `read` gives
    the stored one, from the instance's prefetched relations, to compare with.
    """

    def __init__(self, name, read):
        super().__init__(attribute=name, column_name=name, widget=ListWidget())
        self.read = read

    def get_value(self, instance):
        imported = instance.__dict__.get("_imported", {})
        if self.column_name in imported:
            return imported[self.column_name]
        return self.read(instance) if instance.pk else ()


def read_fields_of_study(posting):
    return tuple(sorted(field.slug for field in posting.fields_of_study.all()))


def read_skills(importance):
    def read(posting):
        return tuple(sorted(link.skill.slug for link in posting.posting_skills.all() if link.importance == importance))

    return read


def read_places(posting):
    return tuple(
        sorted(
            (place.city, place.region, place.country)
            for place in posting.locations.all()
            if place.kind == LocationKind.OFFICE
        )
    )


def read_remote_countries(posting):
    return tuple(sorted(place.country for place in posting.locations.all() if place.kind == LocationKind.REMOTE))


class PlainDiff(resources.Diff):
    """The preview's changes as <ins> and <del>, without the inline styles the Content-Security-Policy refuses."""

    TAGS = {
        diff_match_patch.DIFF_INSERT: "ins",
        diff_match_patch.DIFF_DELETE: "del",
        diff_match_patch.DIFF_EQUAL: "span",
    }

    def as_html(self):
        matcher, cells = diff_match_patch(), []
        for before, after in zip(self.left, self.right, strict=True):
            changes = matcher.diff_main("" if self.new else force_str(before), force_str(after))
            matcher.diff_cleanupSemantic(changes)
            cells.append(format_html_join("", "<{0}>{1}</{0}>", ((self.TAGS[op], part) for op, part in changes)))
        return cells


def field(name, widget=None):
    return fields.Field(attribute=name, column_name=name, widget=widget or TextWidget())


class JobPostingResource(resources.ModelResource):
    """
    `user`: who imports (history rows and the review record name them); they may publish (import rows
    whose status is published) only with the `postings.publish_jobposting` permission, unless
    `may_publish` says otherwise (the management command runs with full rights). `max_rows` refuses a
    longer file as a whole.
    """

    slug = field("slug")
    title = field("title")
    company = field("company", SlugWidget(Company, " The import does not create companies: add it in the admin first."))
    role = field("role", SlugWidget(Role))
    seniority = field("seniority")
    status = field("status", StatusWidget())
    summary = field("summary")
    responsibilities = field("responsibilities")
    requirements = field("requirements")
    min_degree = field("min_degree", DegreeWidget())
    accepts_equivalent_experience = field("accepts_equivalent_experience", BooleanWidget())
    fields_of_study = ListField("fields_of_study", read_fields_of_study)
    min_years_experience = field("min_years_experience", IntegerWidget())
    min_years_leadership = field("min_years_leadership", IntegerWidget())
    min_years_management = field("min_years_management", IntegerWidget())
    essential_skills = ListField("essential_skills", read_skills(Importance.ESSENTIAL))
    optional_skills = ListField("optional_skills", read_skills(Importance.OPTIONAL))
    workplace = field("workplace")
    employment_type = field("employment_type")
    locations = ListField("locations", read_places)
    remote_countries = ListField("remote_countries", read_remote_countries)
    pay_min = field("pay_min", DecimalWidget())
    pay_max = field("pay_max", DecimalWidget())
    pay_currency = field("pay_currency")
    pay_period = field("pay_period")
    apply_url = field("apply_url")
    apply_email = field("apply_email")
    posted_on = field("posted_on", DateWidget())
    valid_through = field("valid_through", DateWidget())
    source = field("source", SlugWidget(Source))
    source_passage = field("source_passage")

    class Meta:
        model = JobPosting
        fields = import_order = COLUMNS
        import_id_fields = ["slug"]
        # Loads the postings a file (or a chunk of it) names in one query, with their lists.
        instance_loader_class = CachedInstanceLoader
        skip_unchanged = True
        clean_model_instances = True
        use_transactions = True
        # The fast path (see the module's docstring): rows run without a savepoint each, and new postings
        # are written by bulk_create() below once the dataset's rows are checked (batch_size None: not
        # every 1,000 rows). import_data() turns it off for the row-by-row path.
        use_bulk = True
        batch_size = None

    def __init__(self, user=None, may_publish=None, max_rows=None):
        super().__init__()
        self.user, self.max_rows = user, max_rows
        self.may_publish = review.may_publish(user) if may_publish is None else may_publish
        self.skills, self.fields_of_study, self.checked_places = {}, {}, {}
        self.first_row_of_slug = {}
        self.row_offset = 0  # rows imported before this dataset (the command imports a file in chunks)
        self.wrote_unsignalled = False
        # The options are the class's: this import switches between the fast and the row-by-row path.
        self._meta = copy.copy(self._meta)
        self.refused_by_database = self.constraints_per_row = False

    @classmethod
    def get_diff_class(cls):
        return PlainDiff

    def get_queryset(self):
        return (
            JobPosting.objects.order_by()
            .select_related("company", "role", "source")
            .prefetch_related(
                "fields_of_study",
                models.Prefetch("posting_skills", queryset=PostingSkill.objects.select_related("skill").order_by()),
                models.Prefetch("locations", queryset=PostingLocation.objects.order_by()),
            )
        )

    # --- The two paths -------------------------------------------------------------------------------

    @property
    def fast(self):
        return self._meta.use_bulk

    @functools.cached_property
    def import_fields(self):
        return super().get_import_fields()

    def get_import_fields(self):
        # Asked four times a row; the fields and their order are fixed for the resource's life.
        return self.import_fields

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # A new posting is never unchanged: no comparison, field by field, with a blank one.
        return instance.pk is not None and super().skip_row(instance, original, row, import_validation_errors)

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        arguments = {
            "dry_run": dry_run,
            "raise_errors": raise_errors,
            "use_transactions": use_transactions,
            "collect_failed_rows": collect_failed_rows,
            "rollback_on_validation_errors": rollback_on_validation_errors,
            **kwargs,
        }
        # Paths, as (bulk write, each row's constraints checked by a query): the fast path; when the
        # database refuses its write, the same rows with their constraints checked one by one (faster than
        # row by row, and it names the row and column of any constraint the model declares); should the
        # write still be refused (a slug taken meanwhile), row by row. The bulk paths need a transaction,
        # to roll back the write the database refused.
        paths = [(True, False), (True, True), (False, True)]
        if use_transactions is False and not dry_run:
            paths = paths[-1:]
        try:
            for self._meta.use_bulk, self.constraints_per_row in paths:
                try:
                    return super().import_data(dataset, **arguments)
                except RefusedByDatabase:
                    # Rolled back (import_data's transaction or savepoint): the same rows, on the next path.
                    self.create_instances.clear()
                    self.refused_by_database = False
                    self.first_row_of_slug = {
                        slug: number for slug, number in self.first_row_of_slug.items() if number <= self.row_offset
                    }
        finally:
            self._meta.use_bulk, self.constraints_per_row = True, False

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if not self.fast:
            return super().validate_instance(instance, import_validation_errors, validate_unique)
        errors = dict(import_validation_errors or {})
        # Not here, each a query: the constraints (unless the database refused this dataset's write
        # already: it enforces them on the write, see import_data), the slug's uniqueness (the instance
        # loader read every posting the dataset names, in one query: a slug it did not find is free, and
        # the file names each once) and the references the row names (found by the lookups; one left
        # empty is still refused here).
        found = {field.name for field in REFERENCES if getattr(instance, field.attname) is not None}
        try:
            instance.full_clean(
                exclude={*errors, *found}, validate_unique=False, validate_constraints=self.constraints_per_row
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        if not self.fast:
            return super().save_instance(instance, is_create, row, **kwargs)
        self.before_save_instance(instance, row, **kwargs)
        if is_create:
            self.create_instances.append(instance)  # written with the dataset's others: bulk_create()
        else:
            # An update is written at once, with its lists, in a savepoint of its own: a constraint it
            # breaks must not end the transaction before the other rows are checked.
            try:
                with transaction.atomic():
                    self.do_instance_save(instance, is_create)
                    self.write_lists(instance)
            except (IntegrityError, DataError):
                self.refused_by_database = True
                raise
        self.after_save_instance(instance, row, **kwargs)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """The fast path's write, once the dataset's rows are checked: its new postings, with their lists."""
        new, self.create_instances = self.create_instances, []
        if self.refused_by_database:
            raise RefusedByDatabase
        try:
            create_postings(new, user=self.user, skills=self.skills, fields_of_study=self.fields_of_study)
        except (IntegrityError, DataError) as error:
            raise RefusedByDatabase from error

    # --- The file as a whole ------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        headers = [text(header) for header in dataset.headers or []]
        problem = None
        unknown = [header for header in headers if header not in self.fields and header not in IGNORED_COLUMNS]
        if "slug" not in headers:
            problem = "The file has no slug column: each row names its posting by slug."
        elif unknown:
            problem = f"Unknown columns: {', '.join(unknown)}. The columns are: {', '.join(self.fields)}."
        elif self.max_rows is not None and len(dataset) > self.max_rows:
            problem = (
                f"The file has {len(dataset):,} rows; the admin imports at most {self.max_rows:,}. "
                "Split it, or use `manage.py import_postings` (docs/postings.md)."
            )
        if problem:
            # Raising alone would not stop the rows from being imported (django-import-export reports it
            # and carries on): there are none left to import.
            del dataset[0 : len(dataset)]
            raise ValueError(problem)
        dataset.headers = headers

    def after_import(self, dataset, result, **kwargs):
        # Not ModelResource's: it resets the id sequence, which an import by slug never needs to.
        if self.wrote_unsignalled:
            # Links written by bulk_create send no post_save: pages built from them are invalidated here.
            invalidate(PostingSkill, PostingLocation)
            self.wrote_unsignalled = False

    # --- Each row ------------------------------------------------------------------------------------

    def before_import_row(self, row, **kwargs):
        slug, number = text(row.get("slug")), self.row_offset + kwargs.get("row_number", 0)
        first = self.first_row_of_slug.setdefault(slug, number) if slug else number
        if first != number:
            raise ValidationError({"slug": f"Row {first} already imports this posting."})

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.column_name not in row:
            return  # a column the file does not have: that part of the posting stays as it is
        if isinstance(field, ListField):
            parse = getattr(self, f"parse_{field.column_name}")
            instance.__dict__.setdefault("_imported", {})[field.column_name] = parse(field.clean(row))
        elif field.column_name == "status" and not text(row["status"]):
            return  # a new posting starts as a draft; a stored one keeps its status
        else:
            super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        was_published = instance.pk is not None and instance.is_published
        stored = copy.copy(instance) if instance.pk is not None else None  # the stored values, to compare
        stored_end = instance.valid_through
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        essential, optional = (
            self.fields[name].get_value(instance) for name in ("essential_skills", "optional_skills")
        )
        both = sorted(set(essential) & set(optional))
        if both and "optional_skills" not in errors:
            errors["optional_skills"] = [f"Listed as essential too: {', '.join(both)}."]
        if review.publishes(instance.status, was_published):
            if not self.may_publish:
                errors.setdefault("status", []).append(review.ONLY_REVIEWERS_PUBLISH)
            elif not errors:
                review.approve(instance, self.user)  # as the admin's Publish does: an end, and who approved
        elif was_published and instance.valid_through is None:
            # A published posting keeps the end publishing gave it (or none, as the guide's postings state
            # none): a download, which lists live postings, imports again unchanged.
            instance.valid_through = stored_end
        if (
            not errors
            and stored is not None
            and not self.may_publish  # the command imports with full rights
            and review.needs_review_again(
                instance, self.user, was_live=was_published, changed=self.changes(instance, stored)
            )
        ):
            review.send_back_for_review(instance, self.user)
        if errors:
            raise ValidationError(errors)

    def changes(self, instance, stored):
        """What the row changes on a stored posting: its own fields, and its lists (skills, places…)."""
        imported = instance.__dict__.get("_imported", {})
        lists = [name for name, value in imported.items() if value != self.fields[name].read(instance)]
        return review.content_changes(instance, stored) + lists

    # --- Lists: parsed into the canonical tuples ListField.read gives ---------------------------------

    def parse_fields_of_study(self, items):
        return self.find(FieldOfStudy, self.fields_of_study, items, "field of study")

    def parse_essential_skills(self, items):
        return self.find(Skill, self.skills, items, "skill")

    def parse_optional_skills(self, items):
        return self.find(Skill, self.skills, items, "skill")

    def parse_locations(self, items):
        return self.places(LocationKind.OFFICE, [place_key(item) for item in items])

    def parse_remote_countries(self, items):
        return tuple(city_region_country[2] for city_region_country in self.places(LocationKind.REMOTE, items))

    def find(self, model, found, items, noun):
        """Slugs of records that exist, each once; `found` remembers them for the save."""
        slugs = [text(item) for item in items]
        missing = {slug for slug in slugs if slug not in found}
        if missing:
            found |= {record.slug: record for record in model.objects.filter(slug__in=missing)}
        if unknown := sorted(slug for slug in set(slugs) if slug not in found):
            raise ValueError(f"No {noun} has the slug {', '.join(f'“{slug}”' for slug in unknown)}.")
        once(slugs)
        return tuple(sorted(slugs))

    def places(self, kind, items):
        keys = [
            item if isinstance(item, tuple) else ("", "", text(item).upper())  # a remote country
            for item in items
        ]
        for key in keys:
            # The model's own checks (a query per constraint), once per distinct place: they repeat.
            if (kind, key) not in self.checked_places:
                city, region, country = key
                try:
                    PostingLocation(kind=kind, city=city, region=region, country=country).full_clean(
                        exclude=["posting"]
                    )
                    self.checked_places[kind, key] = None
                except ValidationError as error:
                    place = ", ".join(part for part in key if part) or "(empty)"
                    self.checked_places[kind, key] = f"{place}: {' '.join(error.messages)}"
            if self.checked_places[kind, key]:
                raise ValueError(self.checked_places[kind, key])
        once([", ".join(part for part in key if part) for key in keys])
        return tuple(sorted(keys))

    # --- Saving ---------------------------------------------------------------------------------------

    def save_m2m(self, instance, row, **kwargs):
        if not self.fast:  # the fast path writes them with the posting (save_instance, bulk_create)
            self.write_lists(instance)

    def write_lists(self, instance):
        """Once the posting is saved: its lists, as the row gives them."""
        imported = instance.__dict__.get("_imported", {})
        if "fields_of_study" in imported:
            instance.fields_of_study.set([self.fields_of_study[slug] for slug in imported["fields_of_study"]])
        if {"essential_skills", "optional_skills"} & imported.keys():
            self.write_skills(instance)
        if {"locations", "remote_countries"} & imported.keys():
            self.write_places(instance)

    def write_skills(self, posting):
        wanted = {
            slug: importance
            for name, importance in (
                ("essential_skills", Importance.ESSENTIAL),
                ("optional_skills", Importance.OPTIONAL),
            )
            for slug in self.fields[name].get_value(posting)
        }
        stored = {link.skill.slug: link for link in posting.posting_skills.all()}
        for slug, link in stored.items():
            if slug in wanted and link.importance != wanted[slug]:
                link.importance = wanted[slug]
                link.save(update_fields=["importance"])
        gone = [link.pk for slug, link in stored.items() if slug not in wanted]
        if gone:
            PostingSkill.objects.filter(pk__in=gone).delete()
        new = [
            PostingSkill(
                posting=posting,
                skill=self.skills[slug],
                importance=importance,
                # As the API writes links: they rest on the posting's own source and passage.
                source=posting.source,
                source_passage=posting.source_passage,
            )
            for slug, importance in wanted.items()
            if slug not in stored
        ]
        if new:
            bulk_create_with_history(new, PostingSkill, default_user=self.user)
            self.wrote_unsignalled = True
        # bulk_create sends no signal: the anchor the signal would have refreshed (postings/signals.py).
        posting.refresh_match_anchors()

    def write_places(self, posting):
        wanted = {(LocationKind.OFFICE, *key) for key in self.fields["locations"].get_value(posting)} | {
            (LocationKind.REMOTE, "", "", country) for country in self.fields["remote_countries"].get_value(posting)
        }
        stored = {(place.kind, place.city, place.region, place.country): place for place in posting.locations.all()}
        gone = [place.pk for key, place in stored.items() if key not in wanted]
        if gone:
            PostingLocation.objects.filter(pk__in=gone).delete()
        new = [
            PostingLocation(posting=posting, kind=kind, city=city, region=region, country=country)
            for kind, city, region, country in sorted(wanted - stored.keys())
        ]
        if new:
            bulk_create_with_history(new, PostingLocation, default_user=self.user)
            self.wrote_unsignalled = True


class RefusedByDatabase(Exception):
    """The fast path's write broke a constraint: the dataset is imported again row by row, to say where."""


def once(items):
    if repeated := sorted({item for item in items if items.count(item) > 1}):
        raise ValueError(f"Listed more than once: {'; '.join(repeated)}.")
