from django.core.management.base import BaseCommand

from sitewide import prebuilt


class Command(BaseCommand):
    help = (
        "Build the download files (every dataset, CSV and JSON Lines) into DOWNLOADS_DIR, so downloads are served "
        "as files while they are current. The beat schedule runs this hourly for the files out of date."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out-of-date", action="store_true", help="Only the files that are not current.")

    def handle(self, *args, **options):
        built = prebuilt.build_all(only_out_of_date=options["out_of_date"])
        for name, seconds in built.items():
            self.stdout.write(f"{name}: built in {seconds} s")
        if not built:
            self.stdout.write("Every download file is current.")
