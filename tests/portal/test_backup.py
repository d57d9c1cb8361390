"""make backup / make restore: a copy taken, data changed, the copy restored, all as before."""

import pytest
from django.core.management import CommandError, call_command

from financing.models import BookkeepingVisit
from ikm.models import BusinessGroup, Member, Membership, Product
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _snapshot():
    return {
        "counts": {
            model.__name__: model.objects.count()
            for model in (BusinessGroup, Member, Membership, Product, BookkeepingVisit)
        },
        "groups": list(
            BusinessGroup.objects.order_by("pk").values("pk", "name", "kelurahan_id", "phone")
        ),
        "members": list(Member.objects.order_by("pk").values("pk", "nik", "name", "phone")),
        "visits": list(
            BookkeepingVisit.objects.order_by("pk").values("pk", "visited_on", "revenue")
        ),
    }


def _city():
    for group in factories.BusinessGroupFactory.create_batch(3):
        factories.MembershipFactory.create_batch(2, group=group)
        factories.ProductFactory(group=group)
    factories.BookkeepingVisitFactory.create_batch(2)


def test_backup_then_restore_brings_back_every_record(tmp_path):
    _city()
    before = _snapshot()
    copy = tmp_path / "copy.backup"

    call_command("backup_db", output=copy)
    assert copy.stat().st_size > 0
    BusinessGroup.objects.filter(pk=before["groups"][0]["pk"]).delete()
    Member.objects.update(name="diubah")
    factories.BusinessGroupFactory(name="Dibuat sesudah salinan")
    assert _snapshot() != before

    call_command("restore_db", copy, yes=True)

    assert _snapshot() == before
    assert not BusinessGroup.objects.filter(name="Dibuat sesudah salinan").exists()


def test_restore_of_a_broken_file_changes_nothing(tmp_path):
    _city()
    before = _snapshot()
    broken = tmp_path / "broken.backup"
    broken.write_bytes(b"this is not a database copy")

    with pytest.raises(CommandError):
        call_command("restore_db", broken, yes=True)

    assert _snapshot() == before


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore_db", tmp_path / "missing.dump", yes=True)
