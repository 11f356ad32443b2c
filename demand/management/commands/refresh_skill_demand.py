"""Recount skill demand from the postings: every role, one role, or the roles whose counts are out of date."""

import time

from django.core.management.base import BaseCommand, CommandError

from demand import refresh
from roles.models import Role


class Command(BaseCommand):
    help = (
        "Recount which skills each role's live postings ask for, and the monthly trend, into the demand "
        "tables the role pages and the API read. Writes to postings mark their role dirty and recount it in "
        "the background; run this after loading postings in bulk. --stale is what the beat schedule runs "
        "every 5 minutes (demand.tasks.recount_stale): without `make beat`, run it from cron."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--role", metavar="SLUG", help="Only this role.")
        which.add_argument(
            "--stale",
            action="store_true",
            help=(
                "Only the roles still marked dirty (a recount failed or was lost), never counted, counted in "
                "an earlier month, or with a counted posting expired since."
            ),
        )

    def handle(self, role, stale, **options):
        started = time.monotonic()
        if role:
            role_ids = list(Role.objects.filter(slug=role).values_list("pk", flat=True))
            if not role_ids:
                raise CommandError(f"No role has the slug {role!r}.")
        elif stale:
            role_ids = refresh.stale_role_ids()
        else:
            role_ids = list(Role.objects.order_by("pk").values_list("pk", flat=True))
        count = refresh.refresh_roles(role_ids)
        self.stdout.write(
            self.style.SUCCESS(f"Recounted skill demand for {count} role{'s' if count != 1 else ''}")
            + f" in {time.monotonic() - started:.1f} s."
        )
