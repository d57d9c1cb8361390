"""Every view of the mentorship pages, requested by every role, answers as the table says.

200: allowed; 302: sent to log in; 403: in scope but without the right; 404: outside the
user's scope (its existence is not revealed); 405: wrong method.
"""

import pytest
from django.urls import reverse

from financing.models import CreditApplication
from ikm.models import Membership
from portal import roles
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonim", "admin", "staf", "mentor_lain", "mentor", "supervisor", "ketua"]

# url name -> expected status per role, in the order of ROLES
TABLE = {
    "financing:my_groups": [302, 403, 403, 200, 200, 403, 403],
    "financing:service_worker": [200, 200, 200, 200, 200, 200, 200],  # public, holds nothing
    "financing:group": [302, 200, 200, 404, 200, 200, 404],
    "financing:visit_create": [302, 403, 403, 404, 200, 403, 404],
    "financing:credit_propose": [302, 403, 403, 404, 200, 403, 404],
    "financing:lender": [302, 403, 403, 403, 403, 200, 403],
    # Dinas name the lender (?lender=); without one there is no report (see its own tests).
    "financing:lender_report": [302, 404, 404, 403, 403, 200, 403],
    "financing:application": [302, 200, 200, 404, 200, 200, 404],
    "financing:coverage": [302, 200, 200, 403, 403, 403, 403],
    "financing:assign": [302, 200, 200, 403, 403, 403, 403],
    "financing:assignment_end": [405, 405, 405, 405, 405, 405, 405],
}


@pytest.fixture
def world(mentor, other_mentor, supervisor, group, kur):
    application = CreditApplication.objects.create(
        group=group,
        lender=mentor.lender,
        scheme=kur,
        amount_requested=10_000_000,
        tenor_months=12,
        proposed_by=mentor.user,
    )
    leader = UserFactory(username="ketua-lain", role=roles.GROUP_LEADER)
    membership = MembershipFactory(role=Membership.Role.LEADER)
    membership.member.user = leader
    membership.member.save()
    users = {
        "anonim": None,
        "admin": UserFactory(username="admin-dinas", role=roles.DINAS_ADMIN),
        "staf": UserFactory(username="staf-dinas", role=roles.DINAS_STAFF),
        "mentor_lain": other_mentor.user,
        "mentor": mentor.user,
        "supervisor": supervisor.user,
        "ketua": leader,
    }
    assignment = group.mentor_assignments.get()
    args = {
        "financing:group": [group.slug],
        "financing:visit_create": [group.slug],
        "financing:credit_propose": [group.slug],
        "financing:application": [application.pk],
        "financing:assign": [group.slug],
        "financing:assignment_end": [assignment.pk],
    }
    return users, args


def test_the_table_covers_every_financing_url():
    from financing.urls import urlpatterns

    assert {f"financing:{p.name}" for p in urlpatterns} == set(TABLE)


@pytest.mark.parametrize("url_name", TABLE)
def test_every_role_gets_the_expected_answer(client, world, url_name):
    users, args = world
    url = reverse(url_name, args=args.get(url_name, []))
    answers = {}
    for role in ROLES:
        client.logout()
        if users[role]:
            client.force_login(users[role])
        answers[role] = client.get(url).status_code
    assert answers == dict(zip(ROLES, TABLE[url_name], strict=True))


def test_only_dinas_can_end_an_assignment(client, world):
    users, args = world
    url = reverse("financing:assignment_end", args=args["financing:assignment_end"])
    for role in ["mentor", "supervisor", "ketua"]:
        client.force_login(users[role])
        assert client.post(url).status_code == 403
    client.force_login(users["staf"])
    assert client.post(url).status_code == 302
    client.force_login(users["admin"])
    assert client.post(url).status_code == 404  # already ended


def test_a_supervisor_of_another_lender_sees_nothing_of_ours(client, world, sulteng, other_group):
    from tests.factories import LenderStaffFactory

    users, args = world
    other = LenderStaffFactory(
        user=UserFactory(username="supervisor-sulteng", role=roles.BANK_SUPERVISOR),
        lender=sulteng,
    )
    client.force_login(other.user)
    assert client.get(reverse("financing:group", args=args["financing:group"])).status_code == 404
    app_url = reverse("financing:application", args=args["financing:application"])
    assert client.get(app_url).status_code == 404
    assert client.get(reverse("financing:lender")).context["assignments"] != []
