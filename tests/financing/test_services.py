import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from financing.models import BookkeepingVisit, CreditApplication, CreditScheme, MentorAssignment
from financing.services import (
    MentorshipError,
    credit_application_decide,
    credit_application_propose,
    mentor_assign,
    mentor_assign_to_unmentored,
    visit_log,
)
from ikm.models import BusinessGroup
from tests.factories import BusinessGroupFactory, LenderFactory, LenderStaffFactory, UserFactory

pytestmark = pytest.mark.django_db

VISIT = {
    "visited_on": date(2026, 11, 2),
    "duration_minutes": 90,
    "attendees": "Ketua, bendahara, 3 anggota",
    "topics": "Buku kas harian",
    "cash_book_kept": True,
    "revenue": 12_500_000,
    "expenses": 8_000_000,
    "cash_on_hand": 1_500_000,
    "savings_balance": 3_000_000,
    "seriousness": 4,
}


@pytest.fixture
def assignment():
    return mentor_assign(
        group=BusinessGroupFactory(),
        mentor=LenderStaffFactory(),
        by=UserFactory(),
        started_on=date(2026, 1, 5),
    )


def test_one_active_mentor_per_group_is_enforced_by_the_database(assignment):
    other = LenderStaffFactory(lender=LenderFactory(name="Bank Sulteng", branch="Palu"))
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorAssignment.objects.create(group=assignment.group, mentor=other)


def test_assigning_a_new_mentor_ends_the_current_one(assignment):
    other = LenderStaffFactory(lender=LenderFactory(name="Bank Sulteng", branch="Palu"))
    new = mentor_assign(
        group=assignment.group, mentor=other, by=UserFactory(), started_on=date(2026, 6, 1)
    )
    assignment.refresh_from_db()
    assert assignment.ended_on == date(2026, 6, 1)
    assert list(MentorAssignment.objects.active().filter(group=assignment.group)) == [new]
    # Assigning the same mentor again changes nothing.
    assert mentor_assign(group=assignment.group, mentor=other, by=None) == new


def test_bulk_assignment_reaches_only_groups_without_a_mentor(assignment):
    free = [BusinessGroupFactory(), BusinessGroupFactory()]
    mentor = LenderStaffFactory()
    count = mentor_assign_to_unmentored(
        groups=BusinessGroup.objects.all(), mentor=mentor, by=UserFactory()
    )
    assert count == 2
    assert set(
        MentorAssignment.objects.active().filter(mentor=mentor).values_list("group_id", flat=True)
    ) == {group.pk for group in free}


def test_the_same_form_submitted_twice_saves_one_visit(assignment):
    key = uuid.uuid4()
    first, created = visit_log(
        assignment=assignment, data=VISIT, idempotency_key=key, by=assignment.mentor.user
    )
    again, created_again = visit_log(
        assignment=assignment, data=VISIT, idempotency_key=key, by=assignment.mentor.user
    )
    assert created and not created_again
    assert first.pk == again.pk
    assert BookkeepingVisit.objects.count() == 1


def test_a_visit_is_validated_with_indonesian_messages(assignment):
    with pytest.raises(ValidationError) as error:
        visit_log(
            assignment=assignment,
            data=VISIT | {"seriousness": 7, "visited_on": timezone.localdate() + timedelta(days=2)},
            idempotency_key=uuid.uuid4(),
            by=None,
        )
    assert "visited_on" in error.value.message_dict
    assert not BookkeepingVisit.objects.exists()


def test_no_visits_on_an_ended_assignment(assignment):
    assignment.ended_on = date(2026, 3, 1)
    assignment.save()
    with pytest.raises(MentorshipError, match="sudah berakhir"):
        visit_log(assignment=assignment, data=VISIT, idempotency_key=uuid.uuid4(), by=None)


@pytest.fixture
def kur():
    return CreditScheme.objects.create(
        name="KUR Mikro", kind=CreditScheme.Kind.KUR_MIKRO, interest_rate=6, ceiling=100_000_000
    )


def test_credit_moves_step_by_step(assignment, kur):
    application = credit_application_propose(
        group=assignment.group,
        lender=assignment.mentor.lender,
        scheme=kur,
        amount_requested=25_000_000,
        tenor_months=24,
        purpose="Mesin penggiling",
        by=assignment.mentor.user,
    )
    supervisor = UserFactory()
    with pytest.raises(MentorshipError, match="tidak dapat berubah"):
        credit_application_decide(application=application, status="dicairkan", by=supervisor)
    with pytest.raises(ValidationError):
        credit_application_decide(
            application=application, status="disetujui", amount_approved=30_000_000, by=supervisor
        )
    application.refresh_from_db()
    credit_application_decide(
        application=application, status="disetujui", amount_approved=20_000_000, by=supervisor
    )
    credit_application_decide(application=application, status="dicairkan", by=supervisor)
    credit_application_decide(
        application=application, status="menunggak", collectibility=3, by=supervisor
    )
    application.refresh_from_db()
    assert application.status == CreditApplication.Status.IN_ARREARS
    assert application.collectibility == 3
    assert application.decided_by == supervisor
    assert application.disbursed_on == timezone.localdate()


def test_a_request_above_the_scheme_ceiling_is_refused(assignment, kur):
    with pytest.raises(ValidationError, match="plafon"):
        credit_application_propose(
            group=assignment.group,
            lender=assignment.mentor.lender,
            scheme=kur,
            amount_requested=150_000_000,
            tenor_months=24,
            purpose="",
            by=None,
        )
