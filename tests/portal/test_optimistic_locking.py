"""Two people editing the same record: the second save is refused with their input kept, and
nothing is overwritten (portal.locking) – groups, members, aid and bookkeeping visits."""

import pytest
from django.test import Client
from django.urls import reverse

from ikm.forms import GroupPublicProfileForm
from ikm.models import Aid, BusinessGroup, Member, Membership
from portal import locking, roles
from portal.locking import StaleVersion
from tests.factories import (
    AidFactory,
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    MemberFactory,
    MembershipFactory,
    UserFactory,
)
from tests.portal.test_two_processes import form_with

pytestmark = pytest.mark.django_db

REFUSAL = "Data ini sudah diubah oleh orang lain sejak Anda membukanya."


def _browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_dinas_admins(admin_user_dinas):
    other = UserFactory(username="admin-uji-2", role=roles.DINAS_ADMIN)
    return _browser(admin_user_dinas), _browser(other)


def _open(client, url) -> dict[str, str]:
    """The edit form on the page at `url`, as the browser would send it back unchanged (the
    version it was opened at is in the page)."""
    response = client.get(url)
    assert response.status_code == 200
    return form_with(response.content.decode(), "expected_version")


# (factory, admin URL name, a text field both people change)
ADMIN_PAGES = [
    pytest.param(BusinessGroupFactory, "admin:ikm_businessgroup_change", "description", id="group"),
    pytest.param(MemberFactory, "admin:ikm_member_change", "name", id="member"),
    pytest.param(AidFactory, "admin:ikm_aid_change", "items", id="aid"),
    pytest.param(
        BookkeepingVisitFactory, "admin:financing_bookkeepingvisit_change", "notes", id="visit"
    ),
]


@pytest.mark.parametrize(("factory", "url_name", "field"), ADMIN_PAGES)
def test_the_second_admin_save_is_refused_with_the_input_kept(
    two_dinas_admins, factory, url_name, field
):
    record = factory()
    url = reverse(url_name, args=[record.pk])
    first, second = two_dinas_admins
    first_form, second_form = _open(first, url), _open(second, url)

    saved = first.post(url, first_form | {field: "Diisi oleh orang pertama"})
    refused = second.post(url, second_form | {field: "Diketik oleh orang kedua"})

    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert refused.status_code == 200
    page = refused.content.decode()
    assert REFUSAL in page
    assert "Diketik oleh orang kedua" in page
    record.refresh_from_db()
    assert getattr(record, field) == "Diisi oleh orang pertama"
    assert record.version == 1
    assert record.history.count() == 2  # made, then the first person's change only


def test_a_refused_group_save_keeps_its_inlines_unsaved(two_dinas_admins):
    group = BusinessGroupFactory(description="Semula")
    url = reverse("admin:ikm_businessgroup_change", args=[group.pk])
    first, second = two_dinas_admins
    first_form, second_form = _open(first, url), _open(second, url)
    first.post(url, first_form | {"description": "Diisi oleh orang pertama"})

    refused = second.post(
        url,
        second_form
        | {
            "description": "Diketik oleh orang kedua",
            "products-TOTAL_FORMS": 1,
            "products-0-name": "Kopi bubuk 250 g",
            "products-0-price": 35000,
            "products-0-unit": "bungkus",
        },
    )

    assert REFUSAL in refused.content.decode()
    assert not group.products.exists()


def _first_check_sees_version_0(monkeypatch) -> None:
    """The form's first look at the database finds the version before another save landed,
    as if that save came between the form's check and its write."""
    real_version_in_database = locking.version_in_database
    checks = []

    def version_before_the_other_save(instance):
        checks.append(instance)
        return 0 if len(checks) == 1 else real_version_in_database(instance)

    monkeypatch.setattr(locking, "version_in_database", version_before_the_other_save)


def test_a_save_landing_between_the_check_and_the_write_is_refused_too(
    two_dinas_admins, monkeypatch
):
    """The form's check only shows the refusal; the conditional write is what guarantees it."""
    group = BusinessGroupFactory(description="Semula")
    url = reverse("admin:ikm_businessgroup_change", args=[group.pk])
    first, second = two_dinas_admins
    first_form, second_form = _open(first, url), _open(second, url)
    first.post(url, first_form | {"description": "Diisi oleh orang pertama"})
    # The second person's check runs before the first save lands (it sees their version).
    _first_check_sees_version_0(monkeypatch)

    refused = second.post(
        url,
        second_form
        | {
            "description": "Diketik oleh orang kedua",
            "products-TOTAL_FORMS": 1,
            "products-0-name": "Kopi bubuk 250 g",
            "products-0-unit": "bungkus",
        },
    )

    assert refused.status_code == 200
    assert REFUSAL in refused.content.decode()
    assert "Diketik oleh orang kedua" in refused.content.decode()
    group.refresh_from_db()
    assert group.description == "Diisi oleh orang pertama"
    assert not group.products.exists()


# The group's ketua, on their own page


@pytest.fixture
def group():
    return BusinessGroupFactory(description="Semula")


@pytest.fixture
def leader(group) -> Client:
    user = UserFactory(username="ketua-uji", role=roles.GROUP_LEADER)
    MembershipFactory(group=group, role=Membership.Role.LEADER, member__user=user)
    return _browser(user)


@pytest.fixture
def leader_url(group):
    return reverse("ikm:leader_group", args=[group.slug])


def test_a_ketua_and_dinas_staff_editing_the_profile_at_once(
    staff_client, group, leader, leader_url
):
    leader_form = _open(leader, leader_url)
    admin_url = reverse("admin:ikm_businessgroup_change", args=[group.pk])

    staff_client.post(
        admin_url, _open(staff_client, admin_url) | {"description": "Diisi oleh Dinas"}
    )
    refused = leader.post(leader_url, leader_form | {"description": "Diketik oleh ketua"})

    assert refused.status_code == 200
    page = refused.content.decode()
    assert REFUSAL in page
    assert "Diketik oleh ketua" in page
    group.refresh_from_db()
    assert group.description == "Diisi oleh Dinas"


def test_after_the_refusal_saving_again_is_a_deliberate_choice(group, leader, leader_url):
    in_one_tab, in_another_tab = _open(leader, leader_url), _open(leader, leader_url)
    leader.post(leader_url, in_one_tab | {"description": "Versi pertama"})

    refused = leader.post(leader_url, in_another_tab | {"description": "Versi kedua"})
    shown_again = form_with(refused.content.decode(), "expected_version")
    saved = leader.post(leader_url, shown_again)

    assert REFUSAL in refused.content.decode()
    # The form shown again has what was typed and the version now saved.
    assert (shown_again["description"], shown_again["expected_version"]) == ("Versi kedua", "1")
    assert saved.status_code == 302
    group.refresh_from_db()
    assert (group.description, group.version) == ("Versi kedua", 2)


def test_a_programmatic_save_after_the_page_was_opened_refuses_it(group, leader, leader_url):
    leader_form = _open(leader, leader_url)
    imported = BusinessGroup.objects.get(pk=group.pk)
    imported.description = "Dari berkas impor"
    imported.save()

    refused = leader.post(leader_url, leader_form | {"description": "Diketik oleh ketua"})

    assert REFUSAL in refused.content.decode()
    group.refresh_from_db()
    assert group.description == "Dari berkas impor"


def test_the_leader_page_refuses_a_save_landing_after_its_check(
    group, leader, leader_url, monkeypatch
):
    leader_form = _open(leader, leader_url)
    BusinessGroup.objects.get(pk=group.pk).save()
    _first_check_sees_version_0(monkeypatch)

    refused = leader.post(leader_url, leader_form | {"description": "Diketik oleh ketua"})

    assert refused.status_code == 200
    assert REFUSAL in refused.content.decode()
    assert "Diketik oleh ketua" in refused.content.decode()
    group.refresh_from_db()
    assert group.description == "Semula"


# The model and the form, without a page


@pytest.mark.parametrize("factory", [BusinessGroupFactory, MemberFactory, AidFactory,
                                     BookkeepingVisitFactory])  # fmt: skip
def test_every_save_moves_the_version_on_and_programmatic_saves_check_nothing(factory):
    record = factory()
    assert record.version == 0
    loaded_earlier = type(record).objects.get(pk=record.pk)

    record.save()
    loaded_earlier.save()  # an import or a service holding an older copy: not refused
    record.save()

    assert loaded_earlier.version == 2
    assert type(record).objects.get(pk=record.pk).version == record.version == 3


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (BusinessGroupFactory, "description"),
        (MemberFactory, "name"),
        (AidFactory, "items"),
        (BookkeepingVisitFactory, "notes"),
    ],
)
def test_a_save_expecting_an_older_version_writes_nothing(factory, field):
    record = factory()
    type(record).objects.get(pk=record.pk).save()
    history_before = record.history.count()

    setattr(record, field, "Ditimpa")
    record.expected_version = 0
    with pytest.raises(StaleVersion):
        record.save()

    stored = type(record).objects.get(pk=record.pk)
    assert getattr(stored, field) != "Ditimpa"
    assert stored.version == 1
    assert record.history.count() == history_before


def test_a_save_expecting_the_current_version_goes_through():
    member = MemberFactory()
    member.name = "Siti Rahma"
    member.expected_version = 0

    member.save()

    assert Member.objects.get(pk=member.pk).name == "Siti Rahma"
    assert member.version == 1
    assert member.expected_version is None  # checked by that save only


def test_an_update_of_chosen_fields_moves_the_version_on():
    aid = AidFactory()

    aid.items = "Mesin giling kopi"
    aid.save(update_fields=["items"])

    assert Aid.objects.values_list("items", "version").get(pk=aid.pk) == ("Mesin giling kopi", 1)


def test_the_form_refuses_without_the_version_it_was_opened_at():
    group = BusinessGroupFactory()

    form = GroupPublicProfileForm({"description": "Tanpa versi"}, instance=group)

    assert not form.is_valid()
    assert "expected_version" in form.errors


def test_a_new_record_needs_no_version():
    form = GroupPublicProfileForm({"description": "Baru"}, instance=BusinessGroup())

    form.is_valid()

    assert "expected_version" not in form.errors
