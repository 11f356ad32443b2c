"""
The Curators group: what an editor of careerguide's content needs, and nothing more.

Curators may add, change, delete and view every content model (and so publish and unpublish,
which is a change). They get no permission on users, groups, permissions, sessions or tokens.
"""

from django.db import migrations

CONTENT_APPS = ["sources", "skills", "roles", "postings"]
GROUP_NAME = "Curators"


def create_curators_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations (post_migrate); make sure ours exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=CONTENT_APPS))


def delete_curators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0001_initial"),
        ("skills", "0001_initial"),
        ("roles", "0001_initial"),
        ("postings", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_curators_group, delete_curators_group)]
