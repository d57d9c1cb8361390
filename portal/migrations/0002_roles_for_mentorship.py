from django.db import migrations

from portal.roles import roles_sync


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_roles"),
        ("financing", "0002_mentorship_and_credit"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
