"""Who sees which mentorship records.

Every financing view fetches through these scoped querysets: outside the user's scope the
answer is 404 (the record's existence is not revealed), inside it without the right 403.
- a mentor: the groups assigned to them now, and those groups' visits and applications;
- a lender's supervisor: every assignment, visit and application of their own lender;
- Dinas staff and admin: everything, or their kecamatan's (portal.districts).
"""

from django.db.models import Q

from financing.models import BookkeepingVisit, CreditApplication, LenderStaff, MentorAssignment
from ikm.models import BusinessGroup
from portal import roles
from portal.districts import in_districts
from portal.roles import is_dinas, user_roles


def is_supervisor(user) -> bool:
    return roles.BANK_SUPERVISOR in user_roles(user) and lender_staff_of(user) is not None


def is_mentor(user) -> bool:
    return roles.BANK_MENTOR in user_roles(user) and lender_staff_of(user) is not None


def lender_staff_of(user) -> LenderStaff | None:
    if not user.is_authenticated:
        return None
    try:
        return user.lender_staff
    except LenderStaff.DoesNotExist:
        return None


def assignments_for(user):
    if is_dinas(user):
        return in_districts(MentorAssignment.objects.all(), user, "group__kelurahan__kecamatan")
    if is_supervisor(user):
        return MentorAssignment.objects.of_lender(lender_staff_of(user).lender_id)
    if is_mentor(user):
        return MentorAssignment.objects.active().of_mentor(lender_staff_of(user))
    return MentorAssignment.objects.none()


def groups_for(user):
    if is_dinas(user):
        return in_districts(BusinessGroup.objects.all(), user, "kelurahan__kecamatan")
    return BusinessGroup.objects.filter(pk__in=assignments_for(user).values("group_id"))


def visits_for(user):
    if is_dinas(user):
        return in_districts(
            BookkeepingVisit.objects.all(), user, "assignment__group__kelurahan__kecamatan"
        )
    if is_supervisor(user):
        return BookkeepingVisit.objects.filter(
            assignment__mentor__lender_id=lender_staff_of(user).lender_id
        )
    return BookkeepingVisit.objects.filter(assignment__group__in=groups_for(user))


def applications_for(user):
    if is_dinas(user):
        return in_districts(CreditApplication.objects.all(), user, "group__kelurahan__kecamatan")
    if is_supervisor(user):
        lender_id = lender_staff_of(user).lender_id
        return CreditApplication.objects.filter(
            Q(lender_id=lender_id) | Q(group__in=groups_for(user))
        )
    return CreditApplication.objects.filter(group__in=groups_for(user))
