from django.db import migrations


def load_kbli(apps, schema_editor):
    from ikm.services import kbli_load

    kbli_load(model=apps.get_model("ikm", "Kbli"))


def unload_kbli(apps, schema_editor):
    apps.get_model("ikm", "Kbli").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("ikm", "0001_initial")]

    operations = [migrations.RunPython(load_kbli, unload_kbli)]
