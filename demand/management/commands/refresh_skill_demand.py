"""Recount skill demand from the postings: every role, one role, or the roles whose counts are out of date."""

from django.core.management.base import BaseCommand, CommandError

from demand import refresh, tasks
from jobs.progress import Progress
from roles.models import Role


class Command(BaseCommand):
    help = (
        "Recount which skills each role's live postings ask for, and the monthly trend, into the demand "
        "tables the role pages and the API read. Writes to postings mark their role dirty and recount it in "
        "the background; run this after loading postings in bulk. --stale is what the beat schedule runs "
        "every 5 minutes (demand.tasks.recount_stale): without `make beat`, run it from cron. Shows its "
        "progress (roles done of all, time left) about once a second."
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

    def handle(self, role, stale, verbosity, **options):
        if role:
            role_ids = list(Role.objects.filter(slug=role).values_list("pk", flat=True))
            if not role_ids:
                raise CommandError(f"No role has the slug {role!r}.")
        elif stale:
            role_ids = refresh.stale_role_ids()
        else:
            role_ids = list(Role.objects.order_by("pk").values_list("pk", flat=True))
        # A line about once a second while it counts (done/total, time left), then the summary; -v 0: none.
        progress = Progress(stream=self.stdout if verbosity >= 1 else None)
        _, failed = tasks.recount_reporting(role_ids, progress)
        if failed:
            raise CommandError(f"{len(failed)} of {len(role_ids)} roles could not be recounted (see the log): {failed}")
