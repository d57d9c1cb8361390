import csv
from pathlib import Path

from django.db import migrations

KBLI_FILE = Path(__file__).resolve().parent.parent / "data" / "kbli_2020.csv"


def load_kbli(apps, schema_editor):
    Kbli = apps.get_model("ikm", "Kbli")
    with KBLI_FILE.open(encoding="utf-8", newline="") as f:
        rows = [Kbli(code=row["kode"], title=row["judul"]) for row in csv.DictReader(f)]
    Kbli.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


def unload_kbli(apps, schema_editor):
    apps.get_model("ikm", "Kbli").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("ikm", "0001_initial")]

    operations = [migrations.RunPython(load_kbli, unload_kbli)]
