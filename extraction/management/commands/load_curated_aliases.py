"""Load the curated default aliases (fixtures/curated/skill_aliases.json): not guide facts, see docs/extraction.md."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from skills.models import Skill, SkillAlias

DEFAULT_FILE = Path(settings.BASE_DIR) / "fixtures" / "curated" / "skill_aliases.json"


def load_aliases(path=DEFAULT_FILE):
    """Add the file's aliases that are missing (a curator's edits are kept). Returns (created, skipped)."""
    data = json.loads(Path(path).read_text())
    skills = dict(Skill.objects.values_list("slug", "pk"))
    created = skipped = 0
    with transaction.atomic():
        for row in data["aliases"]:
            if row["skill"] not in skills:
                skipped += 1
                continue
            _, made = SkillAlias.objects.get_or_create(
                skill_id=skills[row["skill"]], text=row["text"], defaults={"case_sensitive": row["case_sensitive"]}
            )
            created += made
    return created, skipped


class Command(BaseCommand):
    help = (
        "Add the curated default skill aliases (fixtures/curated/skill_aliases.json) to the skills that exist. "
        "They are careerguide's own, not facts from the guide; aliases already there are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(DEFAULT_FILE), help="A file of the same shape (default: %(default)s)."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any alias exists (what `make run` uses: an alias a curator deleted stays deleted).",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and SkillAlias.objects.exists():
            self.stdout.write("Aliases exist already: nothing loaded (--if-empty).")
            return
        try:
            created, skipped = load_aliases(options["file"])
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        self.stdout.write(f"{created} aliases added; {skipped} skipped (their skill does not exist).")
