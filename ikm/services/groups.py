import csv
from pathlib import Path

from django.utils.text import slugify

from ikm.models import BusinessGroup, Kbli

KBLI_FILE = Path(__file__).resolve().parent.parent / "data" / "kbli_2020.csv"


def kbli_load(*, model=Kbli) -> None:
    """Load the KBLI 2020 subclasses that ship with the portal; existing codes are kept.

    `model` lets the data migration pass its historical model.
    """
    with KBLI_FILE.open(encoding="utf-8", newline="") as f:
        rows = [model(code=row["kode"], title=row["judul"]) for row in csv.DictReader(f)]
    model.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


def group_slug_for(name: str, *, exclude_pk: int | None = None) -> str:
    """A URL slug for a group's name, with -2, -3… added when the name is taken."""
    base = slugify(name)[:150] or "kelompok"
    taken = BusinessGroup.objects.filter(slug__startswith=base)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    taken_slugs = set(taken.values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken_slugs:
        n += 1
        slug = f"{base}-{n}"
    return slug
