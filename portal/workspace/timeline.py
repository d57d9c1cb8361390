"""A group's whole story in one list: founding, members, road map, aid, trainings,
mentoring, certificates and credit, newest first.

Each kind of record is read in one query, so the page costs the same number of queries for
a group founded last month as for one with ten years of visits.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from financing.models import BookkeepingVisit, CreditApplication, MentorAssignment
from ikm.models import (
    AID_NOT_IN_USE,
    Aid,
    AidCheck,
    BusinessGroup,
    Certification,
    Enrolment,
    Membership,
    StageProgress,
    TrainingRegistration,
)
from portal.formatting import rupiah

CERTIFICATE_WARNING_DAYS = 60

FOUNDED = "berdiri"
MEMBER_JOINED = "anggota_masuk"
MEMBER_LEFT = "anggota_keluar"
ENROLLED = "program"
STAGE_STARTED = "tahap_mulai"
STAGE_DONE = "tahap_selesai"
AID = "bantuan"
AID_CHECK = "pemeriksaan_bantuan"
TRAINING = "pelatihan"
MENTOR_STARTED = "mentor_mulai"
MENTOR_ENDED = "mentor_selesai"
VISIT = "kunjungan"
CERTIFICATE = "sertifikat"
CERTIFICATE_EXPIRY = "sertifikat_berakhir"
CREDIT_SUBMITTED = "kredit_diajukan"
CREDIT_DECIDED = "kredit_diputuskan"
CREDIT_DISBURSED = "kredit_dicairkan"

# Flags: how an event is marked on the page.
EXPIRED = "kedaluwarsa"
EXPIRING = "segera-berakhir"
WARNING = "peringatan"


@dataclass
class TimelineEvent:
    date: date
    kind: str
    title: str
    detail: str = ""
    url: str = ""
    flag: str = ""
    flag_label: str = ""


@dataclass
class TimelineYear:
    year: int
    events: list[TimelineEvent]


def _day(value: date) -> str:
    return formats.date_format(value, "j F Y")


def _admin_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _founding(group: BusinessGroup) -> list[TimelineEvent]:
    if not group.founded_on:
        return []
    return [
        TimelineEvent(
            group.founded_on,
            FOUNDED,
            _("Kelompok berdiri"),
            _("%(kind)s di Kelurahan %(kelurahan)s")
            % {
                "kind": group.get_kind_display(),
                "kelurahan": group.kelurahan.name,
            },
            url=_admin_url(group),
        )
    ]


def _memberships(group: BusinessGroup) -> list[TimelineEvent]:
    events = []
    for membership in Membership.objects.filter(group=group).select_related("member"):
        role = membership.get_role_display()
        url = _admin_url(membership)
        events.append(
            TimelineEvent(
                membership.joined_on,
                MEMBER_JOINED,
                _("%(name)s bergabung") % {"name": membership.member.name},
                _("Peran: %(role)s") % {"role": role},
                url=url,
            )
        )
        if membership.left_on:
            events.append(
                TimelineEvent(
                    membership.left_on,
                    MEMBER_LEFT,
                    _("%(name)s keluar") % {"name": membership.member.name},
                    _("Peran terakhir: %(role)s") % {"role": role},
                    url=url,
                )
            )
    return events


def _enrolments(group: BusinessGroup) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            enrolment.enrolled_on,
            ENROLLED,
            _("Ikut program %(program)s") % {"program": enrolment.program.name},
            enrolment.program.dinas,
            url=reverse("ikm:program", args=[enrolment.program_id]),
        )
        for enrolment in Enrolment.objects.filter(group=group).select_related("program")
    ]


def _stage_plan(progress: StageProgress, done_year: int | None) -> str:
    """The planned year, and how far the stage slipped from it."""
    plan = _("Rencana %(year)d") % {"year": progress.planned_year}
    if done_year and done_year > progress.planned_year:
        plan += " · " + _("terlambat %(years)d tahun") % {
            "years": done_year - progress.planned_year
        }
    return plan


def _stages(group: BusinessGroup) -> list[TimelineEvent]:
    events = []
    progress_rows = StageProgress.objects.filter(enrolment__group=group).select_related(
        "stage", "enrolment__program"
    )
    for progress in progress_rows:
        stage = progress.stage
        program = progress.enrolment.program
        url = reverse("ikm:program", args=[program.pk])
        name = _("Tahap %(order)d (%(program)s): %(focus)s") % {
            "order": stage.order,
            "program": program.name,
            "focus": stage.focus,
        }
        if progress.started_on:
            events.append(
                TimelineEvent(
                    progress.started_on,
                    STAGE_STARTED,
                    _("Mulai %(stage)s") % {"stage": name},
                    _stage_plan(progress, progress.started_on.year),
                    url=url,
                )
            )
        if progress.completed_on:
            events.append(
                TimelineEvent(
                    progress.completed_on,
                    STAGE_DONE,
                    _("Selesai %(stage)s") % {"stage": name},
                    _stage_plan(progress, progress.completed_on.year),
                    url=url,
                )
            )
    return events


def _aid(group: BusinessGroup) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            aid.handed_over_on,
            AID,
            _("Bantuan diterima: %(items)s") % {"items": aid.items},
            _("%(kind)s · %(quantity)d · %(value)s · %(funder)s")
            % {
                "kind": aid.get_kind_display(),
                "quantity": aid.quantity,
                "value": rupiah(aid.value),
                "funder": aid.funder,
            },
            url=_admin_url(aid),
        )
        for aid in Aid.objects.filter(group=group)
    ]


def _aid_checks(group: BusinessGroup) -> list[TimelineEvent]:
    events = []
    for check in AidCheck.objects.filter(aid__group=group).select_related("aid"):
        not_in_use = check.status in AID_NOT_IN_USE
        events.append(
            TimelineEvent(
                check.checked_on,
                AID_CHECK,
                _("Pemeriksaan bantuan: %(items)s") % {"items": check.aid.items},
                " · ".join(filter(None, [check.get_status_display(), check.note])),
                url=_admin_url(check.aid),
                flag=WARNING if not_in_use else "",
                flag_label=check.get_status_display() if not_in_use else "",
            )
        )
    return events


def _trainings(group: BusinessGroup) -> list[TimelineEvent]:
    """One event per training the group's members registered for, on its first day."""
    registrations = (
        TrainingRegistration.objects.filter(group=group)
        .select_related("training", "member")
        .annotate(
            days_attended=Count("attendances", distinct=True),
            training_days=Count("training__days", distinct=True),
            starts_on=Min("training__days__date"),
        )
        .order_by("training_id", "member__name")
    )
    events = []
    for _training_id, rows in groupby(registrations, key=lambda r: r.training_id):
        rows = list(rows)
        training = rows[0].training
        day = rows[0].starts_on or timezone.localtime(rows[0].registered_at).date()
        attended = [r for r in rows if r.days_attended]
        names = ", ".join(
            _("%(name)s (%(days)d/%(total)d hari)")
            % {"name": r.member.name, "days": r.days_attended, "total": r.training_days}
            for r in attended
        )
        detail = _("%(attended)d dari %(registered)d peserta terdaftar hadir") % {
            "attended": len(attended),
            "registered": len(rows),
        }
        events.append(
            TimelineEvent(
                day,
                TRAINING,
                _("Pelatihan: %(title)s") % {"title": training.title},
                f"{detail}: {names}" if names else detail,
                url=reverse("ikm:training", args=[training.pk]),
            )
        )
    return events


def _mentoring(group: BusinessGroup) -> list[TimelineEvent]:
    events = []
    assignments = MentorAssignment.objects.filter(group=group).select_related(
        "mentor__user", "mentor__lender"
    )
    for assignment in assignments:
        who = {"mentor": assignment.mentor.name, "lender": assignment.mentor.lender}
        events.append(
            TimelineEvent(
                assignment.started_on,
                MENTOR_STARTED,
                _("Mentor %(mentor)s mulai mendampingi") % who,
                str(assignment.mentor.lender),
                url=reverse("financing:group", args=[group.slug]),
            )
        )
        if assignment.ended_on:
            events.append(
                TimelineEvent(
                    assignment.ended_on,
                    MENTOR_ENDED,
                    _("Pendampingan oleh %(mentor)s berakhir") % who,
                    str(assignment.mentor.lender),
                    url=reverse("financing:group", args=[group.slug]),
                )
            )
    return events


def _visits(group: BusinessGroup) -> list[TimelineEvent]:
    visits = BookkeepingVisit.objects.of_group(group).select_related("assignment__mentor__user")
    return [
        TimelineEvent(
            visit.visited_on,
            VISIT,
            _("Kunjungan pembukuan oleh %(mentor)s") % {"mentor": visit.assignment.mentor.name},
            _(
                "Omzet %(revenue)s · pengeluaran %(expenses)s · kas %(cash)s · "
                "tabungan %(savings)s · daftar periksa %(done)d/%(items)d · "
                "kesungguhan %(seriousness)d/5"
            )
            % {
                "revenue": rupiah(visit.revenue),
                "expenses": rupiah(visit.expenses),
                "cash": rupiah(visit.cash_on_hand),
                "savings": rupiah(visit.savings_balance),
                "done": visit.checklist_done,
                "items": len(BookkeepingVisit.CHECKLIST),
                "seriousness": visit.seriousness,
            },
            url=reverse("financing:group", args=[group.slug]),
        )
        for visit in visits
    ]


def certificate_flag(certificate: Certification, *, today: date) -> tuple[str, str]:
    """(flag, label) for a certificate that has expired or expires within 60 days."""
    if certificate.expires_on is None:
        return "", ""
    if certificate.expires_on < today:
        return EXPIRED, _("Kedaluwarsa sejak %(date)s") % {"date": _day(certificate.expires_on)}
    if certificate.expires_on <= today + timedelta(days=CERTIFICATE_WARNING_DAYS):
        return EXPIRING, _("Berakhir %(date)s, dalam %(days)d hari") % {
            "date": _day(certificate.expires_on),
            "days": (certificate.expires_on - today).days,
        }
    return "", ""


def _certificates(group: BusinessGroup, today: date) -> list[TimelineEvent]:
    events = []
    for certificate in Certification.objects.filter(product__group=group).select_related("product"):
        name = _("%(kind)s untuk %(product)s") % {
            "kind": certificate.get_kind_display(),
            "product": certificate.product.name,
        }
        flag, label = certificate_flag(certificate, today=today)
        url = _admin_url(certificate)
        if certificate.issued_on:
            validity = (
                _("No. %(number)s · berlaku sampai %(date)s")
                % {"number": certificate.number, "date": _day(certificate.expires_on)}
                if certificate.expires_on
                else _("No. %(number)s · berlaku tanpa batas") % {"number": certificate.number}
            )
            events.append(
                TimelineEvent(
                    certificate.issued_on,
                    CERTIFICATE,
                    _("Sertifikat terbit: %(name)s") % {"name": name},
                    validity,
                    url=url,
                    flag=flag,
                    flag_label=label,
                )
            )
        if flag:
            # The end of validity is part of the story only when it needs attention.
            events.append(
                TimelineEvent(
                    certificate.expires_on,
                    CERTIFICATE_EXPIRY,
                    _("Sertifikat berakhir: %(name)s") % {"name": name},
                    _("No. %(number)s") % {"number": certificate.number},
                    url=url,
                    flag=flag,
                    flag_label=label,
                )
            )
    return events


def _credit(group: BusinessGroup) -> list[TimelineEvent]:
    events = []
    applications = CreditApplication.objects.filter(group=group).select_related("scheme", "lender")
    for application in applications:
        url = reverse("financing:application", args=[application.pk])
        where = {"scheme": application.scheme.name, "lender": application.lender}
        status = application.get_status_display()
        events.append(
            TimelineEvent(
                application.submitted_on,
                CREDIT_SUBMITTED,
                _("Pengajuan kredit %(scheme)s ke %(lender)s") % where,
                _("Diajukan %(amount)s, tenor %(months)d bulan · status sekarang: %(status)s")
                % {
                    "amount": rupiah(application.amount_requested),
                    "months": application.tenor_months,
                    "status": status,
                },
                url=url,
            )
        )
        if application.decided_on:
            rejected = application.status == CreditApplication.Status.REJECTED
            decision = _("ditolak") if rejected else _("disetujui")
            detail = (
                ""
                if rejected or application.amount_approved is None
                else _("Disetujui %(amount)s") % {"amount": rupiah(application.amount_approved)}
            )
            events.append(
                TimelineEvent(
                    application.decided_on,
                    CREDIT_DECIDED,
                    _("Kredit %(scheme)s %(decision)s") % {**where, "decision": decision},
                    detail,
                    url=url,
                    flag=WARNING if rejected else "",
                )
            )
        if application.disbursed_on:
            amount = application.amount_approved or application.amount_requested
            events.append(
                TimelineEvent(
                    application.disbursed_on,
                    CREDIT_DISBURSED,
                    _("Kredit %(scheme)s dicairkan") % where,
                    _("%(amount)s oleh %(lender)s") % {"amount": rupiah(amount), **where},
                    url=url,
                )
            )
    return events


# Same-day events read in the order things happen: a group is founded before members join.
KIND_ORDER = [
    FOUNDED,
    MEMBER_JOINED,
    ENROLLED,
    STAGE_STARTED,
    MENTOR_STARTED,
    TRAINING,
    AID,
    AID_CHECK,
    VISIT,
    CERTIFICATE,
    CREDIT_SUBMITTED,
    CREDIT_DECIDED,
    CREDIT_DISBURSED,
    STAGE_DONE,
    CERTIFICATE_EXPIRY,
    MENTOR_ENDED,
    MEMBER_LEFT,
]


def group_timeline(*, group: BusinessGroup, today: date | None = None) -> list[TimelineEvent]:
    """Everything that happened to the group, newest first.

    `group` should come with its kelurahan selected. One query per kind of record.
    """
    today = today or timezone.localdate()
    events = [
        *_founding(group),
        *_memberships(group),
        *_enrolments(group),
        *_stages(group),
        *_aid(group),
        *_aid_checks(group),
        *_trainings(group),
        *_mentoring(group),
        *_visits(group),
        *_certificates(group, today),
        *_credit(group),
    ]
    rank = {kind: n for n, kind in enumerate(KIND_ORDER)}
    # Newest first; within a day, the later step of the story first too.
    events.sort(key=lambda e: (e.date, rank[e.kind]), reverse=True)
    return events


def timeline_by_year(events: list[TimelineEvent]) -> list[TimelineYear]:
    """The events (already in order) under one heading per year."""
    return [
        TimelineYear(year, list(year_events))
        for year, year_events in groupby(events, key=lambda e: e.date.year)
    ]
