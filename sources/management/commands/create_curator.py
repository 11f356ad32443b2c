"""Create (or promote) a curator: a staff account in the Curators group, which can edit content only."""

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

    @transaction.atomic
    def handle(self, username, email, **options):
        try:
            group = Group.objects.get(name="Curators")
        except Group.DoesNotExist:
            raise CommandError("The Curators group is missing: run `manage.py migrate` first.") from None
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
        if created:
            user.set_unusable_password()
        user.is_staff = True
        user.save()
        user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} curator {username!r}."))
        if created:
            self.stdout.write(f"Set a password with: python manage.py changepassword {username}")
