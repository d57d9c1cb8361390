from django.db import migrations

from portal.roles import roles_sync


class Migration(migrations.Migration):
    """Admin Dinas reads the audit trail and the log-in records, and may lift a lock-out."""

    dependencies = [
        ("portal", "0005_audit_events"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
