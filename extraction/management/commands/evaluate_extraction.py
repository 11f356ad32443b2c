"""Print how well the extractor reads the labelled sets (extraction/evaluation/), and how fast."""

from django.core.management.base import BaseCommand, CommandError

from extraction.evaluation.measure import evaluate, guide_set, synthetic_set, three_kb_posting, timings_ms
from skills.models import Skill


class Command(BaseCommand):
    help = (
        "Precision, recall and F1 for skills and importance, exact-match rates for degree and years, on the "
        "guide's 7 postings and the synthetic set; then the median time to read a 3 KB posting. Reads the "
        "taxonomy in the database: run load_guide and load_curated_aliases first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--details", action="store_true", help="List each text the extractor reads wrongly.")
        parser.add_argument("--runs", type=int, default=50, help="Timed runs for the speed figure (default 50).")

    def handle(self, *args, **options):
        if not Skill.objects.published().exists():
            raise CommandError("No published skills: run `manage.py load_guide` (and load_curated_aliases) first.")
        synthetic = synthetic_set()
        for name, labelled in [("guide postings", guide_set()), ("synthetic", synthetic)]:
            figures = evaluate(labelled)
            self.stdout.write(f"{name} ({figures['texts']} texts)")
            for measure in ("skills", "importance"):
                precision, recall, f1 = figures[measure]
                self.stdout.write(f"  {measure:<11} precision {precision:.2f}  recall {recall:.2f}  F1 {f1:.2f}")
            fields = figures["fields_exact"]
            self.stdout.write(
                f"  degree exact {figures['degree_exact']:.2f}  years exact {figures['years_exact']:.2f}  "
                + (f"fields of study exact {fields:.2f}  " if fields is not None else "")
                + f"ML skills read in non-ML texts: {', '.join(figures['ml_leaks']) or 'none'}"
            )
            if options["details"]:
                for line in figures["differences"]:
                    self.stdout.write(f"    {line}")
        text = three_kb_posting(synthetic)
        median, fastest = timings_ms(text, options["runs"])
        self.stdout.write(
            f"speed: median {median:.1f} ms (fastest {fastest:.1f} ms) for a {len(text):,}-character posting, "
            f"{options['runs']} runs"
        )
