"""
The guide's postings that never stated a minimum degree were seeded with one: OpenAI's (no requirements
quoted at all, recorded as "No degree required"), Zoom's ("currently pursuing or holding a Master's or PhD",
recorded as Master's required) and Toyota's internship ("a background in a PhD program", recorded as PhD
required). `load_guide` never overwrites a record, so databases seeded before the fixtures were corrected
are corrected here — only where the value is still the one first seeded, so a curator's choice stands.
"""

from django.db import migrations

SEEDED_AS = {
    "openai-ml-engineer-moderation": 0,
    "zoom-ml-researcher-new-graduate": 2,
    "toyota-human-centered-ai-ml-internship": 3,
}


def degree_not_stated(apps, schema_editor):
    JobPosting = apps.get_model("postings", "JobPosting")
    for slug, seeded in SEEDED_AS.items():
        JobPosting.objects.filter(slug=slug, min_degree=seeded, source__slug="exponent-ml-engineer-guide").update(
            min_degree=None
        )


class Migration(migrations.Migration):
    dependencies = [("postings", "0009_min_degree_not_stated"), ("sources", "0001_initial")]

    operations = [migrations.RunPython(degree_not_stated, migrations.RunPython.noop)]
