from django.db import migrations

from portal.roles import roles_sync


class Migration(migrations.Migration):
    """The roles again, now that more records keep a history (their historical models)."""

    dependencies = [
        ("portal", "0006_roles_for_audit"),
        ("ikm", "0008_history_for_staff_records"),
        ("kelurahan", "0002_history_for_staff_records"),
        ("financing", "0004_history_for_staff_records"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
