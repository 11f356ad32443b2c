"""
"Human-Centered Machine Learning Designers typically earn about $110,000 on average" names no period, but
the figure was seeded "per year". `load_guide` never overwrites a record, so databases seeded before the
fixture was corrected are corrected here — only where the figure is still as first seeded.
"""

from django.db import migrations


def period_not_stated(apps, schema_editor):
    SalaryFigure = apps.get_model("roles", "SalaryFigure")
    SalaryFigure.objects.filter(
        role__slug="human-centered-machine-learning-designer",
        amount=110000,
        period="year",
        source__slug="exponent-ml-engineer-guide",
    ).update(period="")


class Migration(migrations.Migration):
    dependencies = [("roles", "0003_salary_period_not_stated"), ("sources", "0001_initial")]

    operations = [migrations.RunPython(period_not_stated, migrations.RunPython.noop)]
