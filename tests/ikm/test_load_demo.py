import shutil
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from PIL import Image

from financing.models import LenderStaff
from ikm.models import (
    BusinessGroup,
    Certification,
    Member,
    Membership,
    Product,
    StageProgress,
    Theme,
)
from ikm.validators import validate_nik
from kelurahan.models import Kecamatan, Kelurahan
from portal import roles
from tests.demo import load_demo
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = {
    "admin": roles.DINAS_ADMIN,
    "staf": roles.DINAS_STAFF,
    "mentor": roles.BANK_MENTOR,
    "mentor2": roles.BANK_MENTOR,
    "supervisor": roles.BANK_SUPERVISOR,
    "ketua": roles.GROUP_LEADER,
}


@pytest.fixture(autouse=True)
def demo_settings(settings):
    settings.DEBUG = True


def media_files(settings) -> dict[str, int]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


@pytest.mark.usefixtures("shared_demo")
class TestTheDemoCity:
    """Read-only checks of one demo city, built once for all of them (tests.demo)."""

    def test_load_demo_builds_palu_as_the_news_describes_it(self):

        assert Kecamatan.objects.filter(regency_id="72.71").count() == 8
        assert Kelurahan.objects.in_area("72.71").count() == 46
        assert Theme.objects.count() == 11
        assert not Theme.objects.filter(kbli=None).exists()
        groups = BusinessGroup.objects.all()
        assert groups.count() == 22
        assert groups.values("kelurahan").distinct().count() == 19
        assert set(groups.values_list("kelurahan__kecamatan__regency", flat=True)) == {"72.71"}
        assert {group.founded_on.year for group in groups} == {2017}
        # Inactive or unlisted groups exist, so the public directory shows fewer than 22.
        assert 0 < groups.published().count() < 22
        products_per_group = Counter(Product.objects.values_list("group_id", flat=True))
        assert set(products_per_group) == set(groups.values_list("pk", flat=True))
        assert all(1 <= count <= 4 for count in products_per_group.values())
        assert Certification.objects.expiring_within(60).exists()

    def test_members_have_valid_palu_niks_and_each_group_one_board(self):

        members = Member.objects.prefetch_related("groups__kelurahan")
        assert members.count() > 22 * 5
        for member in members:
            validate_nik(member.nik)
            assert member.nik.startswith("7271")
            kecamatan_codes = {
                g.kelurahan.kecamatan_id.replace(".", "") for g in member.groups.all()
            }
            assert member.nik[:6] in kecamatan_codes
            assert member.phone.startswith("+628")
        assert len({member.nik for member in members}) == members.count()

        for group in BusinessGroup.objects.prefetch_related("memberships"):
            board = Counter(m.role for m in group.memberships.all() if m.left_on is None)
            assert board[Membership.Role.LEADER] == 1, group
            assert board[Membership.Role.SECRETARY] == 1, group
            assert board[Membership.Role.TREASURER] == 1, group
            assert 5 <= sum(board.values()) <= 13, group

        in_two_groups = Member.objects.active_in_several_groups().get()
        assert all(m.several_groups_confirmed for m in in_two_groups.memberships.all())

    def test_demo_accounts_log_in_with_their_roles(self, shared_demo):

        for username, role in DEMO_ACCOUNTS.items():
            user = authenticate(
                RequestFactory().post("/masuk/"), username=username, password="demo-portal"
            )
            assert user is not None, username
            assert list(user.groups.values_list("name", flat=True)) == [role]
            assert user.is_staff == (role in roles.ADMIN_SITE_ROLES)
            assert not user.is_superuser
            assert user.first_name and user.last_name
            assert username in shared_demo
        assert "demo-portal" in shared_demo

        lender_of = dict(LenderStaff.objects.values_list("user__username", "lender__name"))
        assert lender_of["mentor"] != lender_of["mentor2"]
        assert lender_of["supervisor"] == lender_of["mentor"]
        leader = get_user_model().objects.get(username="ketua").member
        assert leader.memberships.active().filter(role=Membership.Role.LEADER).exists()


def test_load_demo_twice_changes_nothing(settings):
    load_demo()
    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    niks = set(Member.objects.values_list("nik", flat=True))
    files = media_files(settings)
    criteria_met = StageProgress.criteria_met.through.objects.count()
    # The mentorship record and the road map, aid and trainings are there to be counted.
    for label in (
        "financing.LenderStaff",
        "financing.MentorAssignment",
        "financing.HistoricalMentorAssignment",
        "financing.BookkeepingVisit",
        "financing.HistoricalBookkeepingVisit",
        "financing.CreditScheme",
        "financing.CreditApplication",
        "financing.HistoricalCreditApplication",
        "ikm.Program",
        "ikm.Stage",
        "ikm.StageCriterion",
        "ikm.Enrolment",
        "ikm.StageProgress",
        "ikm.HistoricalStageProgress",
        "ikm.Aid",
        "ikm.HistoricalAid",
        "ikm.AidCheck",
        "ikm.HistoricalAidCheck",
        "ikm.Training",
        "ikm.TrainingDay",
        "ikm.TrainingRegistration",
        "ikm.Attendance",
        "ikm.Target",
    ):
        assert counts[label] > 0, label
    assert criteria_met > 0

    load_demo()

    # History models are counted too: a second run must not even re-save a row.
    assert {model._meta.label: model.objects.count() for model in apps.get_models()} == counts
    assert StageProgress.criteria_met.through.objects.count() == criteria_met
    assert set(Member.objects.values_list("nik", flat=True)) == niks
    assert media_files(settings) == files  # no photo drawn or written again


def test_most_demo_groups_and_many_products_get_a_photo_that_decodes(settings):
    load_demo()

    groups = BusinessGroup.objects.exclude(photo="")
    assert groups.count() >= 22 * 3 // 4
    assert BusinessGroup.objects.published().filter(photo="").exists()  # the placeholder shows
    products = Product.objects.exclude(photo="")
    assert products.count() >= Product.objects.count() // 2
    for row in [*groups, *products]:
        folder = "kelompok" if isinstance(row, BusinessGroup) else "produk"
        assert row.photo.name.startswith(f"{folder}/") and row.photo.name.endswith(".jpg")
        assert default_storage.exists(row.photo.name)
        assert row.photo.size < 60_000
        with Image.open(row.photo.path) as image:
            assert image.format == "JPEG"
            assert image.size == (800, 600)
            image.load()
    assert (
        BusinessGroup.objects.get(slug="ikm-garam-talise").photo == "kelompok/ikm-garam-talise.jpg"
    )
    assert set(media_files(settings)) == {row.photo.name for row in [*groups, *products]}


def test_load_demo_draws_missing_photos_again_under_the_same_names(settings):
    load_demo()
    files = media_files(settings)
    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    shutil.rmtree(settings.MEDIA_ROOT)

    load_demo()

    assert set(media_files(settings)) == set(files)
    assert {model._meta.label: model.objects.count() for model in apps.get_models()} == counts


def test_load_demo_puts_an_edited_demo_group_back():
    load_demo()
    group = BusinessGroup.objects.get(slug="ikm-bawang-goreng-sintuvu")
    leader = group.leader
    group.memberships.filter(member=leader).delete()
    newcomer = MembershipFactory(group=group, role=Membership.Role.LEADER).member
    BusinessGroup.objects.filter(pk=group.pk).update(name="Nama diubah", status="bubar")

    load_demo()

    group.refresh_from_db()
    assert group.name == "IKM Bawang Goreng Sintuvu"
    assert group.status == BusinessGroup.Status.ACTIVE
    assert group.leader == leader
    assert not group.memberships.filter(member=newcomer).exists()
    assert get_user_model().objects.get(username="ketua").member == leader


def test_load_demo_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())

    assert not BusinessGroup.objects.exists()
    assert not get_user_model().objects.exists()
