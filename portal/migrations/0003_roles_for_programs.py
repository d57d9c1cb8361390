from django.db import migrations

from portal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_roles_for_mentorship"),
        ("ikm", "0005_programs_aid_trainings_targets"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
