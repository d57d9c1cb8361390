"""Handing over aid (bantuan), warning on aid that reaches the same person twice, and checks.

The rule from Palu: aid meant for another kind of business than the group's needs a written
justification, and that justification is kept in the aid's history.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ikm.models import Aid, AidCheck, Membership


def aid_fit_problem(aid: Aid) -> str:
    """What is wrong when the aid's intended use is not the group's theme ("" when it fits).

    Also "" when no use is named yet: the model's constraint asks for one.
    """
    if not (aid.intended_theme_id or aid.intended_kbli_id) or aid.fits_group():
        return ""
    use = aid.intended_theme or aid.intended_kbli
    return _(
        "Bantuan untuk usaha %(use)s diberikan kepada kelompok %(theme)s (%(group)s): tulis "
        "alasannya, atau perbaiki peruntukan bantuan."
    ) % {"use": use, "theme": aid.group.theme, "group": aid.group}


def aid_change_reason(aid: Aid) -> str:
    """The note kept in the history when aid goes outside the group's theme ("" otherwise)."""
    if not aid_fit_problem(aid):
        return ""
    return _("Peruntukan tidak sesuai tema kelompok; alasan: %(reason)s") % {
        "reason": aid.fit_justification.strip()
    }


def aid_hand_over(*, data: dict, by, justification_confirmed: bool) -> Aid:
    """Record aid handed over to a group.

    `data` holds the Aid's fields (group, kind, items, value, intended_theme…).
    `justification_confirmed`: the person has seen that the use does not fit the group and
    stands by the written justification; without it a mismatch is refused.
    """
    aid = Aid(**data)
    aid.recorded_by = by
    aid.full_clean()
    problem = aid_fit_problem(aid)
    if problem and not aid.fit_justification.strip():
        raise ValidationError({"fit_justification": problem})
    if problem and not justification_confirmed:
        raise ValidationError(
            {
                "fit_justification": _(
                    "Peruntukan bantuan tidak sesuai tema kelompok: konfirmasi alasannya dulu."
                )
            }
        )
    aid._change_reason = aid_change_reason(aid) or None
    aid._history_user = by
    with transaction.atomic():
        aid.save()
    return aid


def _active_on(day: date, prefix: str = "") -> Q:
    """Memberships active on `day` (a F() path works too): joined by then and not left."""
    return Q(**{f"{prefix}joined_on__lte": day}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": day})
    )


def aid_duplicate_warnings(aid_or_data: Aid | dict) -> list[str]:
    """Warnings for people of the receiving group who got the same kind of aid this year
    through another group they were active in at the time. Names only: for staff pages.
    """
    aid = aid_or_data if isinstance(aid_or_data, Aid) else Aid(**aid_or_data)
    if not (aid.group_id and aid.kind and aid.handed_over_on):
        return []
    day = aid.handed_over_on
    people_here = Membership.objects.filter(_active_on(day), group_id=aid.group_id).values(
        "member_id"
    )
    # One filter() call, so that the membership and the other group's aid are the same row.
    elsewhere = (
        Membership.objects.filter(
            _active_on(F("group__aid__handed_over_on")),
            member_id__in=people_here,
            group__aid__kind=aid.kind,
            group__aid__handed_over_on__year=day.year,
        )
        .exclude(group_id=aid.group_id)
        .values_list(
            "member__name", "group__name", "group__aid__items", "group__aid__handed_over_on"
        )
        .order_by("member__name", "group__aid__handed_over_on")
        .distinct()
    )
    return [
        _(
            "%(person)s sudah menerima %(kind)s tahun %(year)d lewat kelompok %(group)s "
            "(%(items)s, %(date)s)."
        )
        % {
            "person": person,
            "kind": aid.get_kind_display().lower(),
            "year": day.year,
            "group": group,
            "items": items,
            "date": date_format(handed_over_on, "j F Y"),
        }
        for person, group, items, handed_over_on in elsewhere
    ]


def aid_check_record(*, aid: Aid, status: str, checked_on: date, note: str = "", by) -> AidCheck:
    """Record what became of handed-over aid (in use, idle, broken, sold)."""
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": _("Tanggal pemeriksaan tidak boleh di masa depan.")})
    if checked_on < aid.handed_over_on:
        raise ValidationError({"checked_on": _("Tanggal pemeriksaan sebelum bantuan diserahkan.")})
    check = AidCheck(aid=aid, status=status, checked_on=checked_on, note=note, checked_by=by)
    check.full_clean()
    check._history_user = by
    with transaction.atomic():
        check.save()
    return check
