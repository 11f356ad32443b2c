"""
Create (or promote) a curator: a staff account in the Curators group, which can edit content only; with
--reviewer, also in the Reviewers group, which publishes or rejects the postings curators submit.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Create a curator account (staff, in the Curators group) or add an existing user to it. "
        "Set the password afterwards with `manage.py changepassword USERNAME`; none is ever set here."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--reviewer", action="store_true", help="Also a reviewer: may publish or reject submitted postings."
        )

    @transaction.atomic
    def handle(self, username, email, reviewer, **options):
        names = ["Curators", "Reviewers"] if reviewer else ["Curators"]
        groups = list(Group.objects.filter(name__in=names))
        if len(groups) != len(names):
            missing = sorted(set(names) - {group.name for group in groups})
            raise CommandError(f"The {' and '.join(missing)} group is missing: run `manage.py migrate` first.")
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
        if created:
            user.set_unusable_password()
        user.is_staff = True
        user.save()
        user.groups.add(*groups)
        verb = "Created" if created else "Updated"
        kind = "curator and reviewer" if reviewer else "curator"
        self.stdout.write(self.style.SUCCESS(f"{verb} {kind} {username!r}."))
        if created:
            self.stdout.write(f"Set a password with: python manage.py changepassword {username}")
