"""Workflow steps of mentorship and credit: assign, log a visit, propose and decide credit."""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from financing.models import (
    BookkeepingVisit,
    CreditApplication,
    CreditScheme,
    Lender,
    LenderStaff,
    MentorAssignment,
)
from ikm.models import BusinessGroup


class MentorshipError(Exception):
    """A step that the rules do not allow; the message says why, in Indonesian."""


def mentor_assign(
    *, group: BusinessGroup, mentor: LenderStaff, by, started_on: date | None = None
) -> MentorAssignment:
    """Make `mentor` the group's mentor from `started_on`, ending the current assignment."""
    started_on = started_on or timezone.localdate()
    with transaction.atomic():
        current = MentorAssignment.objects.select_for_update().active().filter(group=group).first()
        if current and current.mentor_id == mentor.pk:
            return current
        if current:
            if started_on < current.started_on:
                raise MentorshipError(
                    _("Mentor baru tidak dapat mulai sebelum mentor lama (%(date)s).")
                    % {"date": current.started_on.isoformat()}
                )
            current.ended_on = started_on
            current.save(update_fields=["ended_on"])
        assignment = MentorAssignment(
            group=group, mentor=mentor, started_on=started_on, assigned_by=by
        )
        assignment.full_clean()
        assignment.save()
    return assignment


def mentor_assign_to_unmentored(*, groups, mentor: LenderStaff, by) -> int:
    """Give `mentor` every group in `groups` that has no active mentor; return how many."""
    assigned = 0
    with transaction.atomic():
        mentored = MentorAssignment.objects.active().values("group_id")
        for group in groups.exclude(pk__in=mentored):
            mentor_assign(group=group, mentor=mentor, by=by)
            assigned += 1
    return assigned


def mentor_assignment_end(*, assignment: MentorAssignment, ended_on: date | None = None) -> None:
    assignment.ended_on = ended_on or timezone.localdate()
    assignment.full_clean()
    assignment.save(update_fields=["ended_on"])


def visit_log(
    *, assignment: MentorAssignment, data: dict, idempotency_key: uuid.UUID, by
) -> tuple[BookkeepingVisit, bool]:
    """Save a visit once per idempotency key; return (visit, created).

    Submitting the same form again (a double tap, a retry from the phone's offline queue)
    returns the visit saved the first time instead of a second one.
    """
    existing = BookkeepingVisit.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.assignment_id != assignment.pk:
            raise MentorshipError(_("Kunjungan ini sudah tercatat untuk kelompok lain."))
        return existing, False
    if assignment.ended_on is not None:
        raise MentorshipError(_("Penugasan Anda untuk kelompok ini sudah berakhir."))
    if data.get("visited_on") and data["visited_on"] > timezone.localdate():
        raise ValidationError({"visited_on": _("Tanggal kunjungan tidak boleh di masa depan.")})
    if data.get("visited_on") and data["visited_on"] < assignment.started_on:
        raise ValidationError(
            {"visited_on": _("Tanggal kunjungan sebelum penugasan Anda dimulai.")}
        )
    visit = BookkeepingVisit(
        assignment=assignment, idempotency_key=idempotency_key, created_by=by, **data
    )
    visit.full_clean()
    try:
        with transaction.atomic():
            visit.save()
    except IntegrityError:
        # The same key arrived twice at once: the other request saved it first.
        return BookkeepingVisit.objects.get(idempotency_key=idempotency_key), False
    return visit, True


def credit_application_propose(
    *,
    group: BusinessGroup,
    lender: Lender,
    scheme: CreditScheme,
    amount_requested: int,
    tenor_months: int,
    purpose: str,
    by,
) -> CreditApplication:
    if not scheme.active:
        raise MentorshipError(_("Skema kredit ini sudah tidak berlaku."))
    if amount_requested > scheme.ceiling:
        raise ValidationError(
            {"amount_requested": _("Melebihi plafon skema %(scheme)s.") % {"scheme": scheme.name}}
        )
    application = CreditApplication(
        group=group,
        lender=lender,
        scheme=scheme,
        amount_requested=amount_requested,
        tenor_months=tenor_months,
        purpose=purpose,
        proposed_by=by,
    )
    application.full_clean()
    application.save()
    return application


# Which status may follow which: a decision, then disbursement, then repayment or arrears.
STATUS_STEPS = {
    CreditApplication.Status.SUBMITTED: {
        CreditApplication.Status.APPROVED,
        CreditApplication.Status.REJECTED,
    },
    CreditApplication.Status.APPROVED: {CreditApplication.Status.DISBURSED},
    CreditApplication.Status.DISBURSED: {
        CreditApplication.Status.REPAID,
        CreditApplication.Status.IN_ARREARS,
    },
    CreditApplication.Status.IN_ARREARS: {CreditApplication.Status.REPAID},
    CreditApplication.Status.REJECTED: set(),
    CreditApplication.Status.REPAID: set(),
}


def credit_application_decide(
    *,
    application: CreditApplication,
    status: str,
    by,
    amount_approved: int | None = None,
    collectibility: int | None = None,
    notes: str = "",
) -> CreditApplication:
    """Move an application one step (approve, reject, disburse, repaid, in arrears)."""
    if status not in STATUS_STEPS[application.status]:
        raise MentorshipError(
            _("Status tidak dapat berubah dari %(old)s menjadi %(new)s.")
            % {
                "old": application.get_status_display(),
                "new": CreditApplication.Status(status).label,
            }
        )
    today = timezone.localdate()
    application.status = status
    if status == CreditApplication.Status.APPROVED:
        if not amount_approved:
            raise ValidationError({"amount_approved": _("Isi jumlah yang disetujui.")})
        application.amount_approved = amount_approved
    if status in (CreditApplication.Status.APPROVED, CreditApplication.Status.REJECTED):
        application.decided_on = today
        application.decided_by = by
    if status == CreditApplication.Status.DISBURSED:
        application.disbursed_on = today
        application.collectibility = collectibility or CreditApplication.Collectibility.CURRENT
    if status == CreditApplication.Status.IN_ARREARS:
        if not collectibility or collectibility < 2:
            raise ValidationError(
                {"collectibility": _("Kredit menunggak berkolektibilitas 2 sampai 5.")}
            )
        application.collectibility = collectibility
    if notes:
        application.notes = "\n".join(filter(None, [application.notes, notes]))
    application.full_clean()
    application.save()
    return application
