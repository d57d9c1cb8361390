"""A member's personal data under UU PDP (Undang-Undang Pelindungan Data Pribadi): all the
portal holds about the person, for them, and the anonymisation that replaces it on request.

An anonymised member stays in the portal with their gender, memberships (groups, roles,
dates) and trainings, so that every figure (members, women and men, participants) stays as
it was; what identifies the person is replaced, in the record and in everything that kept
a copy of it: the record's history and the admin's log.
"""

import json
from datetime import date

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ikm.models import BusinessGroup, Member, Membership, TrainingRegistration
from ikm.services.imports import import_files_forget
from portal.audit import audit_record
from portal.models import AuditEvent
from portal.roles import is_dinas, is_dinas_admin

PERSONAL_DATA_PERMISSIONS = ("ikm.view_member", "ikm.view_member_nik", "ikm.view_member_contact")
# No province has the code 00 (nor anyone the birth day 00): validate_nik refuses such a
# number, so it is never a real person's NIK and no import can match it. The member's id
# after it keeps it unique.
ANONYMISED_NIK_PREFIX = "00"
# Stored data, not interface text: the same whatever language the Admin Dinas reads in.
ANONYMISED_NAME = "Anggota dianonimkan #{pk}"
PERSONAL_FIELDS = ("nik", "name", "phone", "address")
# How str(Membership) and str(TrainingRegistration) join the person's name to the rest.
NAME_SEPARATOR = " – "


def may_export_personal_data(user) -> bool:
    """Dinas staff or admin who may read members' NIK and contact details."""
    return is_dinas(user) and user.has_perms(PERSONAL_DATA_PERMISSIONS)


def may_anonymise(user) -> bool:
    """Admin Dinas only: an anonymisation cannot be undone."""
    return is_dinas_admin(user) and user.has_perm("ikm.change_member")


def anonymised_nik(member_pk: int) -> str:
    return f"{ANONYMISED_NIK_PREFIX}{member_pk:014d}"


# Reading: what the portal holds about one person


def _yes_no(value: bool) -> str:
    return _("Ya") if value else _("Tidak")


def _shown(field, value, names: dict):
    """A field's value as staff read it: the label of a choice, the name of a related row."""
    if value is None:
        return None
    if field.is_relation:
        return names.get((field.related_model, value), value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _yes_no(value)
    return value


def _history_entries(records, *, describe, names: dict, skip: set[str]) -> list[dict]:
    """Each historical record as who did what when; a record's changes are the fields that
    differ from the previous record of the same row (all filled fields for the first)."""
    entries, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        changes = []
        for field in record.tracked_fields:
            if field.primary_key or field.name in skip:
                continue
            new = getattr(record, field.attname)
            old = getattr(before, field.attname) if before else None
            if old == new or (before is None and new == ""):
                continue
            changes.append(
                {
                    "kolom": str(field.verbose_name),
                    "sebelum": _shown(field, old, names),
                    "sesudah": _shown(field, new, names),
                }
            )
        entries.append(
            {
                "waktu": record.history_date,
                "data": describe(record),
                "jenis": record.get_history_type_display(),
                "oleh": record.history_user.get_username() if record.history_user else "",
                "alasan": record.history_change_reason or "",
                "perubahan": changes,
            }
        )
    return entries


def _member_history(member: Member) -> list[dict]:
    member_records = list(
        Member.history.filter(id=member.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    membership_records = list(
        Membership.history.filter(member_id=member.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    User = get_user_model()
    user_ids = {r.user_id for r in member_records} - {None}
    group_ids = {r.group_id for r in membership_records}
    names = {
        (User, pk): username
        for pk, username in User.objects.filter(pk__in=user_ids).values_list(
            "pk", User.USERNAME_FIELD
        )
    } | {
        (BusinessGroup, pk): name
        for pk, name in BusinessGroup.objects.filter(pk__in=group_ids).values_list("pk", "name")
    }
    entries = _history_entries(
        member_records, describe=lambda r: _("Data anggota"), names=names, skip=set()
    ) + _history_entries(
        membership_records,
        describe=lambda r: (
            _("Keanggotaan di %(group)s")
            % {"group": names.get((BusinessGroup, r.group_id), r.group_id)}
        ),
        names=names,
        skip={"member"},
    )
    return sorted(entries, key=lambda entry: entry["waktu"])


def member_personal_data(*, member: Member) -> dict:
    """Everything the portal holds about `member` (their right of access under UU PDP):
    identity and contact, user account, memberships, trainings, and the history of their
    records, who changed what and when. An anonymised member's data is the anonymised one.

    Plain values (text, numbers, dates): JSON through DjangoJSONEncoder, or a template.
    """
    user = member.user
    memberships = member.memberships.select_related("group__kelurahan").order_by("joined_on", "pk")
    registrations = (
        member.training_registrations.select_related("training", "group")
        .prefetch_related("training__days", "attendances__day")
        .order_by("registered_at", "pk")
    )
    return {
        "diekspor_pada": timezone.localtime(),
        "anggota": {
            "id": member.pk,
            "nik": member.nik,
            "nama": member.name,
            "jenis_kelamin": member.get_gender_display(),
            "telepon": member.phone,
            "alamat": member.address,
            "dianonimkan_pada": member.anonymised_on,
        },
        "akun_pengguna": None
        if user is None
        else {
            "nama_pengguna": user.get_username(),
            "nama": user.get_full_name(),
            "email": user.email,
            "aktif": _yes_no(user.is_active),
            "terdaftar_pada": user.date_joined,
            "terakhir_masuk": user.last_login,
        },
        "keanggotaan": [
            {
                "kelompok": membership.group.name,
                "kelurahan": membership.group.kelurahan.name,
                "peran": membership.get_role_display(),
                "tanggal_bergabung": membership.joined_on,
                "tanggal_keluar": membership.left_on,
                "keanggotaan_ganda_disetujui": _yes_no(membership.several_groups_confirmed),
            }
            for membership in memberships
        ],
        "pelatihan": [
            {
                "judul": registration.training.title,
                "topik": registration.training.get_topic_display(),
                "penyelenggara": registration.training.organiser,
                "tempat": registration.training.venue,
                "dari_kelompok": registration.group.name if registration.group else None,
                "mendaftar_pada": registration.registered_at,
                "hari_pelatihan": sorted(day.date for day in registration.training.days.all()),
                "hari_hadir": sorted(a.day.date for a in registration.attendances.all()),
            }
            for registration in registrations
        ],
        "riwayat": _member_history(member),
    }


# Anonymising


def _past_values(member: Member) -> dict[str, list[str]]:
    """Every value the person's NIK, name, phone and address have had, longest first: the
    record's history holds them all, and an earlier name is as personal as the last."""
    past = {field: {getattr(member, field)} for field in PERSONAL_FIELDS}
    for row in Member.history.filter(id=member.pk).values(*PERSONAL_FIELDS):
        for field, value in row.items():
            past[field].add(value)
    return {
        field: sorted((value for value in values if value), key=len, reverse=True)
        for field, values in past.items()
    }


def _renamed(text: str, old_names: list[str], new_name: str) -> str:
    """`text` naming the person or one of their records ("Ani – Kopi Tondo (Ketua)") with
    the new name; anything else as it was (a longer name that merely contains it too)."""
    for old_name in old_names:
        if text == old_name:
            return new_name
        if text.startswith(old_name + NAME_SEPARATOR):
            return new_name + text[len(old_name) :]
    return text


def _renamed_change_message(message: str, old_names: list[str], new_name: str) -> str:
    # The admin keeps the names of inline rows it added or changed ("object") in a JSON list.
    if not message.startswith("["):
        return message
    parts = json.loads(message)
    for part in parts:
        for detail in part.values():
            if isinstance(detail, dict) and "object" in detail:
                detail["object"] = _renamed(detail["object"], old_names, new_name)
    return json.dumps(parts)


def _admin_log_scrub(member: Member, *, old_names: list[str], new_name: str) -> None:
    """The admin's log keeps the names of the rows it changed, and shows them under "recent
    actions": the member's, their memberships' and registrations', inline in their groups'."""
    memberships = Membership.history.filter(member_id=member.pk)
    registrations = TrainingRegistration.history.filter(member_id=member.pk)
    types = ContentType.objects.get_for_models(
        Member, Membership, TrainingRegistration, BusinessGroup
    )
    rows = Q()
    for model, ids in (
        (Member, {member.pk}),
        (Membership, set(memberships.values_list("id", flat=True))),
        (TrainingRegistration, set(registrations.values_list("id", flat=True))),
        (BusinessGroup, set(memberships.values_list("group_id", flat=True))),
    ):
        rows |= Q(content_type=types[model], object_id__in=[str(pk) for pk in ids])
    for entry in LogEntry.objects.filter(rows):
        object_repr = _renamed(entry.object_repr, old_names, new_name)
        change_message = _renamed_change_message(entry.change_message, old_names, new_name)
        if (object_repr, change_message) != (entry.object_repr, entry.change_message):
            LogEntry.objects.filter(pk=entry.pk).update(
                object_repr=object_repr, change_message=change_message
            )


def _change_reasons_scrub(history, past: dict[str, list[str]], new: dict[str, str]) -> None:
    """Notes kept with history entries are free text: the past values in them are replaced."""
    for history_id, reason in history.exclude(history_change_reason=None).values_list(
        "history_id", "history_change_reason"
    ):
        scrubbed = reason
        for field, values in past.items():
            for value in values:
                scrubbed = scrubbed.replace(value, new[field])
        if scrubbed != reason:
            history.filter(history_id=history_id).update(history_change_reason=scrubbed)


def _user_account_close(user) -> None:
    user.is_active = False
    user.first_name = user.last_name = user.email = ""
    user.set_unusable_password()
    user.save()


def member_anonymise(*, member: Member, by, requested_on: date, note: str = "") -> bool:
    """Replace what identifies `member`, at their request (UU PDP): NIK, name, phone and
    address, in the record and in all its history; their user account is closed and
    unlinked, and old import uploads that may hold them are deleted. Gender, memberships
    and trainings stay, so every figure stays the same.

    Returns False, changing nothing, when the member was anonymised already. `note` (e.g.
    the number of the request letter) goes to the audit trail, with the request's date.
    """
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        if member.anonymised_on:
            return False
        user = member.user
        if user is not None and (user.is_staff or user.is_superuser):
            raise ValidationError(
                _("Akun pengguna anggota ini adalah akun staf. Cabut dulu hak stafnya di admin.")
            )
        past = _past_values(member)
        member.nik = anonymised_nik(member.pk)
        member.name = ANONYMISED_NAME.format(pk=member.pk)
        member.phone = member.address = ""
        member.user = None
        member.anonymised_on = timezone.localdate()
        member._history_user = by
        member._change_reason = _("Dianonimkan atas permintaan (UU PDP)")
        member.save()
        new = {field: getattr(member, field) for field in PERSONAL_FIELDS}

        # The save above added the anonymised state to the history; the entries before it
        # still hold the old values.
        Member.history.filter(id=member.pk).update(**new, user=None)
        for history in (
            Member.history.filter(id=member.pk),
            Membership.history.filter(member_id=member.pk),
            TrainingRegistration.history.filter(member_id=member.pk),
        ):
            _change_reasons_scrub(history, past, new)
        _admin_log_scrub(member, old_names=past["name"], new_name=new["name"])
        if user is not None:
            _user_account_close(user)
        # An old upload may still hold them; files are not part of the transaction.
        transaction.on_commit(import_files_forget)
        audit_record(
            action=AuditEvent.Action.PERSONAL_DATA_ANONYMISED,
            user=by,
            target=f"ikm.Member {member.pk}",
            detail={
                "requested_on": requested_on.isoformat(),
                "note": note,
                "user_account_closed": user is not None,
            },
        )
    return True
