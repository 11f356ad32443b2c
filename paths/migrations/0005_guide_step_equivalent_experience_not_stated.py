"""
The guide's "Get Educated" step was seeded as accepting equivalent practical experience, a line taken from
Google's posting, not from what the guide says of the step. `load_guide` never overwrites a record, so
databases seeded before the fixture was corrected are corrected here (not stated, NULL) — only where the
step is still as first seeded. Steps about no degree had the field False, which they never stated either.
"""

from django.db import migrations


def not_stated(apps, schema_editor):
    PathStep = apps.get_model("paths", "PathStep")
    guide_steps = PathStep.objects.filter(
        path__slug="becoming-a-machine-learning-engineer", source__slug="exponent-ml-engineer-guide"
    )
    guide_steps.filter(slug="get-educated", accepts_equivalent_experience=True).update(
        accepts_equivalent_experience=None
    )
    guide_steps.filter(min_degree__isnull=True, accepts_equivalent_experience=False).update(
        accepts_equivalent_experience=None
    )


class Migration(migrations.Migration):
    dependencies = [("paths", "0004_equivalent_experience_not_stated"), ("sources", "0001_initial")]

    operations = [migrations.RunPython(not_stated, migrations.RunPython.noop)]
