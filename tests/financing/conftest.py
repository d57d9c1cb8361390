from datetime import date

import pytest

from financing.models import CreditScheme
from financing.services import mentor_assign
from portal import roles
from tests.factories import (
    BusinessGroupFactory,
    LenderFactory,
    LenderStaffFactory,
    UserFactory,
)


@pytest.fixture
def bri():
    return LenderFactory(name="Bank Rakyat Indonesia", branch="Cabang Palu")


@pytest.fixture
def sulteng():
    return LenderFactory(name="Bank Sulteng", branch="Kantor Pusat Palu")


@pytest.fixture
def mentor(bri):
    return LenderStaffFactory(user__username="mentor-bri", lender=bri)


@pytest.fixture
def other_mentor(sulteng):
    return LenderStaffFactory(user__username="mentor-sulteng", lender=sulteng)


@pytest.fixture
def supervisor(bri):
    return LenderStaffFactory(
        user=UserFactory(username="supervisor-bri", role=roles.BANK_SUPERVISOR), lender=bri
    )


@pytest.fixture
def group(mentor):
    group = BusinessGroupFactory(name="IKM Kopi Besusu", slug="kopi-besusu")
    mentor_assign(group=group, mentor=mentor, by=None, started_on=date(2026, 1, 5))
    return group


@pytest.fixture
def other_group(other_mentor):
    group = BusinessGroupFactory(name="IKM Abon Lere", slug="abon-lere")
    mentor_assign(group=group, mentor=other_mentor, by=None, started_on=date(2026, 1, 5))
    return group


@pytest.fixture
def kur():
    return CreditScheme.objects.create(
        name="KUR Mikro", kind=CreditScheme.Kind.KUR_MIKRO, interest_rate=6, ceiling=100_000_000
    )
