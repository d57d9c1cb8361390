"""What an export holds: the rows of groups, members or products under the import columns.

Members' NIK, phone and address are personal data: a column is left out (not blanked) for a
user without the Member permission `view_member_nik` or `view_member_contact`.
"""

from collections import Counter

from django.conf import settings
from django.utils.translation import gettext as _

from ikm.imports.columns import ANGGOTA, KELOMPOK, PRODUK, SHEETS, Column
from ikm.models import Membership, Product
from kelurahan.models import Kelurahan
from portal.formatting import phone_display

PERSONAL_PERMISSIONS = {"nik": "ikm.view_member_nik", "contact": "ikm.view_member_contact"}


def export_columns(kind: str, *, user) -> tuple[list[Column], bool]:
    """The columns `user` may export, and whether personal columns were left out."""
    columns = [
        column
        for column in SHEETS[kind].columns
        if not column.personal or user.has_perm(PERSONAL_PERMISSIONS[column.personal])
    ]
    return columns, len(columns) < len(SHEETS[kind].columns)


def _kelurahan_labels() -> dict[str, str]:
    """Kelurahan by name, or by code where two in the city share a name (so re-import works)."""
    places = list(Kelurahan.objects.in_area(settings.CITY_CODE).values_list("code", "name"))
    counts = Counter(name.casefold() for _code, name in places)
    return {code: name if counts[name.casefold()] == 1 else code for code, name in places}


def _yes_no(value: bool) -> str:
    return _("Ya") if value else _("Tidak")


def _group_values(group, places) -> dict:
    return {
        "group_name": group.name,
        "kind": group.get_kind_display(),
        "kelurahan": places.get(group.kelurahan_id, group.kelurahan_id),
        "theme": group.theme.name,
        "address": group.address,
        "phone": phone_display(group.phone),
        "whatsapp": phone_display(group.whatsapp),
        "nib": group.nib,
        "founded_on": group.founded_on,
        "workforce": group.workforce,
        "description": group.description,
        "listed_publicly": _yes_no(group.listed_publicly),
    }


def _member_values(membership, places) -> dict:
    member, group = membership.member, membership.group
    return {
        "group_name": group.name,
        "kelurahan": places.get(group.kelurahan_id, group.kelurahan_id),
        "nik": member.nik,
        "name": member.name,
        "gender": member.gender,
        "role": membership.get_role_display(),
        "phone": phone_display(member.phone),
        "address": member.address,
        "joined_on": membership.joined_on,
        "several_groups_confirmed": _yes_no(membership.several_groups_confirmed),
    }


def _product_values(product, places) -> dict:
    return {
        "group_name": product.group.name,
        "kelurahan": places.get(product.group.kelurahan_id, product.group.kelurahan_id),
        "name": product.name,
        "price": product.price,
        "unit": product.unit,
        "description": product.description,
    }


def export_rows(kind: str, *, groups, columns: list[Column]) -> list[list]:
    """The rows of `kind` for the groups in `groups` (a scoped queryset), in column order."""
    places = _kelurahan_labels()
    if kind == KELOMPOK:
        records = groups.select_related("theme").order_by("name", "pk")
        to_values = _group_values
    elif kind == ANGGOTA:
        records = (
            Membership.objects.active()
            .filter(group__in=groups)
            .select_related("member", "group")
            .order_by("group__name", "group_id", "member__name", "pk")
        )
        to_values = _member_values
    elif kind == PRODUK:
        records = (
            Product.objects.filter(group__in=groups)
            .select_related("group")
            .order_by("group__name", "group_id", "name")
        )
        to_values = _product_values
    else:  # pragma: no cover - the URL allows only the three kinds
        raise ValueError(kind)
    rows = []
    for record in records.iterator(chunk_size=2000):
        values = to_values(record, places)
        rows.append([values[column.key] for column in columns])
    return rows
