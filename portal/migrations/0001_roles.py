from django.db import migrations

from portal.roles import roles_sync


def remove_roles(apps, schema_editor):
    from portal.roles import ROLE_PERMISSIONS

    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("kelurahan", "0001_initial"),
        ("ikm", "0002_load_kbli_2020"),
        ("financing", "0001_initial"),
    ]

    operations = [migrations.RunPython(roles_sync, remove_roles)]
