from django.db import migrations

from portal.roles import roles_sync


class Migration(migrations.Migration):
    """The roles again: Admin Dinas sets staff districts; the history of many-to-many
    choices has models of its own."""

    dependencies = [
        ("portal", "0009_staff_districts"),
        ("ikm", "0012_history_of_many_to_many_choices"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
