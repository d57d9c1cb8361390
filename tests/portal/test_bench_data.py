"""The benchmark province, made small: same code path as the 100,000-group run."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Count

from financing.models import BookkeepingVisit, CreditApplication, LenderStaff, MentorAssignment
from ikm.models import Aid, BusinessGroup, Member, Membership, Product
from kelurahan.models import Kelurahan
from portal import roles
from portal.bench.data import (
    BenchSize,
    NotABenchDatabase,
    bench_database_claim,
    is_bench_database,
    make_bench_data,
)
from tests.demo import rolled_back_afterwards
from tests.factories import BusinessGroupFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

SIZE = BenchSize.for_groups(120)
SEMARANG = "33.74"


@pytest.fixture(scope="class")
def province(django_db_setup, django_db_blocker):
    """Built once for the class, in Kota Semarang only (the province's 8,500 areas take
    seconds to load)."""
    with rolled_back_afterwards(django_db_blocker):
        with django_db_blocker.unblock():
            counts = make_bench_data(
                SIZE, area_code=SEMARANG, today=date(2026, 11, 23), log=lambda line: None
            )
        yield counts


class TestProvince:
    def test_the_province_has_the_asked_numbers_of_records(self, province):
        assert is_bench_database()
        assert Kelurahan.objects.in_area(SEMARANG).count() == 177
        assert not Kelurahan.objects.exclude(code__startswith=SEMARANG).filter(groups__isnull=False)
        assert BusinessGroup.objects.count() == SIZE.groups
        assert Member.objects.count() == SIZE.members == Membership.objects.count()
        assert Product.objects.count() == SIZE.products
        assert BookkeepingVisit.objects.count() == SIZE.visits
        assert Aid.objects.count() == SIZE.aid
        assert CreditApplication.objects.count() == SIZE.credit_applications
        assert province["kelompok"] == SIZE.groups

    def test_records_keep_the_portal_rules(self, province):
        # One active ketua per group, mentors with at most 40 groups, valid-looking NIKs.
        leaders = Membership.objects.filter(role="ketua", left_on__isnull=True)
        assert leaders.values("group").distinct().count() == SIZE.groups == leaders.count()
        loads = MentorAssignment.objects.active().values("mentor").annotate(n=Count("id"))
        assert max(row["n"] for row in loads) == SIZE.groups_per_mentor
        assert LenderStaff.objects.filter(user__groups__name="Mentor bank").exists()
        assert all(
            len(nik) == 16 and nik.isdigit() for nik in Member.objects.values_list("nik", flat=True)
        )
        assert not BusinessGroup.objects.filter(listed_publicly=True).exclude(status="aktif")
        # Consent is dated (UU PDP), and every record starts at version 0 (optimistic locking).
        listed = BusinessGroup.objects.filter(listed_publicly=True)
        assert listed.exists() and not listed.filter(listed_publicly_since__isnull=True)
        assert not BusinessGroup.objects.filter(
            listed_publicly=False, listed_publicly_since__isnull=False
        )
        for model in (BusinessGroup, Member, Aid, BookkeepingVisit):
            assert set(model.objects.values_list("version", flat=True)) == {0}, model

    def test_search_documents_are_filled_once_the_load_is_done(self, province):
        assert not BusinessGroup.objects.filter(search_document__isnull=True).exists()
        found = set(BusinessGroup.objects.search("kopi"))
        with_kopi = set(BusinessGroup.objects.filter(search_text__contains="kopi"))
        assert with_kopi and with_kopi <= found

    def test_new_records_get_fresh_ids_after_the_load(self, province):
        group = BusinessGroupFactory()
        assert group.pk > SIZE.groups
        # Many-to-many adds ignore conflicts: a stale id sequence would lose them silently.
        user = UserFactory()
        user.groups.add(Group.objects.get(name=roles.DINAS_ADMIN))
        assert user.groups.filter(name=roles.DINAS_ADMIN).exists()


def test_a_database_with_other_records_is_refused():
    BusinessGroupFactory()
    assert not is_bench_database()
    with pytest.raises(NotABenchDatabase, match="did not make"):
        make_bench_data(SIZE, log=lambda line: None)
    assert BusinessGroup.objects.count() == 1


def test_an_empty_database_is_claimed():
    bench_database_claim()
    assert is_bench_database(connection)
