"""
Load the career guide's facts (fixtures/guide/*.json) into the database.

Every record is matched on its natural key (a slug, or the slugs it links), so running this twice
duplicates nothing and never collides with records curators created. Records that came from the guide
are brought back to the guide's wording; records curators added are left alone.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

GUIDE_FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "guide"


class Command(BaseCommand):
    help = "Load (or refresh) the guide's roles, skills, postings, companies and salary figures. Idempotent."

    def handle(self, *args, **options):
        fixtures = sorted(GUIDE_FIXTURES.glob("*.json"))
        if not fixtures:
            raise CommandError(f"No guide fixtures found in {GUIDE_FIXTURES}.")
        # One loaddata call loads every file in a single transaction: all or nothing.
        call_command("loaddata", *map(str, fixtures), verbosity=options["verbosity"])
