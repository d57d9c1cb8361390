"""Write the checked rows of a confirmed import: groups, then members, then products.

Runs inside the caller's transaction (ikm/services/imports.py import_job_confirm), so a
failure anywhere saves nothing. Bulk writes keep 10,000 rows to a few seconds; simple_history's
bulk helpers still record each change with the importing user.
"""

from datetime import date

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ikm.imports.columns import ANGGOTA, KELOMPOK, PRODUK
from ikm.models import BusinessGroup, ImportRow, Member, Membership, Product

BATCH_SIZE = 500
GROUP_FIELDS = [
    "kind", "theme_id", "address", "phone", "whatsapp", "nib", "founded_on", "workforce",
    "description", "listed_publicly",
]  # fmt: skip


class ImportSaveError(Exception):
    """The data changed since the file was checked; the message is for staff."""


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _given(data: dict, field: str) -> bool:
    """A blank cell leaves what the portal has: only filled cells change a record."""
    return data.get(field) not in (None, "")


class _Slugs:
    def __init__(self):
        self.taken = set(BusinessGroup.objects.values_list("slug", flat=True))

    def new(self, name: str) -> str:
        base = slugify(name)[:150] or "kelompok"
        slug, n = base, 1
        while slug in self.taken:
            n += 1
            slug = f"{base}-{n}"
        self.taken.add(slug)
        return slug


def _rows(job, sheet: str):
    return (
        job.rows.filter(sheet=sheet)
        .exclude(action=ImportRow.Action.ERROR)
        .order_by("id")
        .values_list("data", flat=True)
        .iterator(chunk_size=2000)
    )


def _save_groups(job, user, counts: dict) -> dict[tuple[str, str], int]:
    """Create and update the groups; returns (name key, kelurahan code) -> group id."""
    from ikm.imports.cells import word_key

    created, updated = [], []
    wanted_updates = {}
    for data in _rows(job, KELOMPOK):
        if data["group_id"]:
            wanted_updates[data["group_id"]] = data
            continue
        created.append(
            BusinessGroup(
                name=data["name"],
                kind=data["kind"] or BusinessGroup.Kind.IKM,
                kelurahan_id=data["kelurahan"],
                theme_id=data["theme_id"],
                address=data["address"] or "",
                phone=data["phone"] or "",
                whatsapp=data["whatsapp"] or "",
                nib=data["nib"] or "",
                founded_on=_day(data["founded_on"]),
                workforce=data["workforce"] or 0,
                description=data["description"] or "",
                listed_publicly=bool(data["listed_publicly"]),
            )
        )
    if created:
        slugs = _Slugs()
        for group in created:
            group.slug = slugs.new(group.name)
    existing = BusinessGroup.objects.in_bulk(list(wanted_updates))
    if len(existing) != len(wanted_updates):
        raise ImportSaveError(_("Ada kelompok yang dihapus sejak berkas diperiksa."))
    for pk, data in wanted_updates.items():
        group = existing[pk]
        for field in GROUP_FIELDS:
            if _given(data, field):
                value = _day(data[field]) if field == "founded_on" else data[field]
                setattr(group, field, value)
        updated.append(group)
    bulk_create_with_history(created, BusinessGroup, batch_size=BATCH_SIZE, default_user=user)
    if updated:
        bulk_update_with_history(
            updated, BusinessGroup, GROUP_FIELDS, batch_size=BATCH_SIZE, default_user=user
        )
    counts[KELOMPOK] = {"create": len(created), "update": len(updated)}
    return {(word_key(g.name), g.kelurahan_id): g.pk for g in created + updated}


def _group_id(ref: dict, groups: dict) -> int:
    pk = ref["group_id"] or groups.get((ref["key"], ref["kelurahan"]))
    if pk is None:
        raise ImportSaveError(
            _("Kelompok '%(name)s' tidak ditemukan saat menyimpan.") % {"name": ref["name"]}
        )
    return pk


def _save_members(job, user, groups: dict, counts: dict) -> None:
    rows = list(_rows(job, ANGGOTA))
    existing = Member.objects.in_bulk(
        [d["member_id"] for d in rows if d["member_id"]], field_name="pk"
    )
    new_members: dict[str, Member] = {}
    changed_members: dict[int, Member] = {}
    for data in rows:
        if data["member_id"]:
            member = existing.get(data["member_id"])
            if member is None:
                raise ImportSaveError(
                    _("Anggota dengan NIK %(nik)s dihapus sejak berkas diperiksa.")
                    % {"nik": data["nik"]}
                )
            if member.anonymised_on:
                # The row would write the person's data back into the anonymised record.
                raise ImportSaveError(
                    _("Ada anggota yang dianonimkan sejak berkas diperiksa. Periksa berkas lagi.")
                )
            for field in ("gender", "phone", "address"):
                if _given(data, field) and getattr(member, field) != data[field]:
                    setattr(member, field, data[field])
                    changed_members[member.pk] = member
        elif data["nik"] not in new_members:
            new_members[data["nik"]] = Member(
                nik=data["nik"],
                name=data["name"],
                gender=data["gender"],
                phone=data["phone"] or "",
                address=data["address"] or "",
            )
    bulk_create_with_history(
        list(new_members.values()), Member, batch_size=BATCH_SIZE, default_user=user
    )
    if changed_members:
        bulk_update_with_history(
            list(changed_members.values()),
            Member,
            ["gender", "phone", "address"],
            batch_size=BATCH_SIZE,
            default_user=user,
        )

    memberships = Membership.objects.in_bulk(
        [d["membership_id"] for d in rows if d["membership_id"]]
    )
    created, updated = [], []
    today = timezone.localdate()
    for data in rows:
        if data["membership_id"]:
            membership = memberships.get(data["membership_id"])
            if membership is None or membership.left_on is not None:
                raise ImportSaveError(
                    _("Keanggotaan NIK %(nik)s berubah sejak berkas diperiksa.")
                    % {"nik": data["nik"]}
                )
            if data["role_given"]:
                membership.role = data["role"]
            if data["joined_on"]:
                membership.joined_on = _day(data["joined_on"])
            if data["several_groups_confirmed"] is not None:
                membership.several_groups_confirmed = data["several_groups_confirmed"]
            updated.append(membership)
            continue
        member_id = data["member_id"] or new_members[data["nik"]].pk
        created.append(
            Membership(
                member_id=member_id,
                group_id=_group_id(data["group"], groups),
                role=data["role"],
                joined_on=_day(data["joined_on"]) or today,
                several_groups_confirmed=bool(data["several_groups_confirmed"]),
            )
        )
    bulk_create_with_history(created, Membership, batch_size=BATCH_SIZE, default_user=user)
    if updated:
        bulk_update_with_history(
            updated,
            Membership,
            ["role", "joined_on", "several_groups_confirmed"],
            batch_size=BATCH_SIZE,
            default_user=user,
        )
    counts[ANGGOTA] = {"create": len(created), "update": len(updated)}


def _save_products(job, user, groups: dict, counts: dict) -> None:
    rows = list(_rows(job, PRODUK))
    existing = Product.objects.in_bulk([d["product_id"] for d in rows if d["product_id"]])
    created, updated = [], []
    for data in rows:
        if data["product_id"]:
            product = existing.get(data["product_id"])
            if product is None:
                raise ImportSaveError(
                    _("Produk '%(name)s' dihapus sejak berkas diperiksa.") % {"name": data["name"]}
                )
            product.name = data["name"]
            for field in ("price", "unit", "description"):
                if _given(data, field):
                    setattr(product, field, data[field])
            updated.append(product)
            continue
        created.append(
            Product(
                group_id=_group_id(data["group"], groups),
                name=data["name"],
                price=data["price"],
                unit=data["unit"] or "",
                description=data["description"] or "",
            )
        )
    bulk_create_with_history(created, Product, batch_size=BATCH_SIZE, default_user=user)
    if updated:
        bulk_update_with_history(
            updated,
            Product,
            ["name", "price", "unit", "description"],
            batch_size=BATCH_SIZE,
            default_user=user,
        )
    counts[PRODUK] = {"create": len(created), "update": len(updated)}


def job_rows_save(*, job, user) -> dict:
    """Save every checked row of `job`; the caller holds the transaction. Returns counts."""
    counts: dict = {}
    groups = _save_groups(job, user, counts)
    _save_members(job, user, groups, counts)
    _save_products(job, user, groups, counts)
    return counts
