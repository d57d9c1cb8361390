from django.db import migrations

from portal.roles import roles_sync


class Migration(migrations.Migration):
    """Give the Dinas roles the new Member permissions (view NIK, view contact) and ImportJob."""

    dependencies = [
        ("portal", "0003_roles_for_programs"),
        ("ikm", "0006_import_jobs_member_permissions"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
