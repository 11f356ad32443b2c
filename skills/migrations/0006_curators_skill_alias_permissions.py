"""
The Curators group (sources/migrations/0002_curators_group.py) may add, change, delete and view skill
aliases, as it may every other content model: they are edited with the skill, in its admin page.
"""

from django.db import migrations

GROUP_NAME = "Curators"
MODELS = ["skillalias", "historicalskillalias"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations (post_migrate); make sure ours exist now.
    app_config = apps.get_app_config("skills")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="skills", content_type__model__in=MODELS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="skills", content_type__model__in=MODELS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("skills", "0005_skill_alias"),
        ("sources", "0002_curators_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
