from django.utils.text import slugify

from ikm.models import BusinessGroup


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
