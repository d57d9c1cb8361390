import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Upper

from ikm.models import BusinessGroup, Member, Membership
from tests.factories import (
    BusinessGroupFactory,
    CertificationFactory,
    MemberFactory,
    MembershipFactory,
    ProductFactory,
    valid_nik,
)

pytestmark = pytest.mark.django_db


def test_member_phone_and_nik_are_normalised_by_full_clean():
    member = Member(nik="7271 0157 0885 0001", name="Siti", gender="P", phone="0812-3456-7890")
    member.full_clean()
    assert member.nik == "7271015708850001"
    assert member.phone == "+6281234567890"


def test_member_with_bad_nik_gets_indonesian_message():
    member = Member(nik="1234", name="Siti", gender="P")
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert error.value.message_dict["nik"] == ["NIK harus terdiri dari 16 angka."]


def test_nik_is_unique_in_the_database():
    MemberFactory(nik=valid_nik(7))
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(nik=valid_nik(7))


def test_nik_uniqueness_has_an_indonesian_form_message():
    MemberFactory(nik=valid_nik(8))
    with pytest.raises(ValidationError) as error:
        Member(nik=valid_nik(8), name="Dua", gender="L").full_clean()
    assert error.value.message_dict["nik"] == ["NIK ini sudah terdaftar untuk anggota lain."]


def test_group_slug_is_unique():
    BusinessGroupFactory(slug="kopi-tondo")
    with pytest.raises(IntegrityError), transaction.atomic():
        BusinessGroupFactory(slug="kopi-tondo")


def test_group_nib_and_phone_are_validated():
    group = BusinessGroupFactory.build(
        kelurahan=BusinessGroupFactory().kelurahan, nib="123", whatsapp="0812 9999 0000"
    )
    group.theme.save()
    group.theme_id = group.theme.pk
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert "nib" in error.value.message_dict
    assert group.whatsapp == "+6281299990000"


def test_one_active_ketua_per_group():
    group = BusinessGroupFactory()
    MembershipFactory(group=group, role=Membership.Role.LEADER)
    second = MembershipFactory.build(group=group, role=Membership.Role.LEADER)
    second.member.save()
    second.member_id = second.member.pk

    with pytest.raises(ValidationError, match="sudah punya ketua"):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_a_former_ketua_does_not_block_a_new_one():
    group = BusinessGroupFactory()
    MembershipFactory(group=group, role=Membership.Role.LEADER, left_on=datetime.date(2019, 1, 1))
    MembershipFactory(group=group, role=Membership.Role.LEADER)
    assert group.leader is not None


def test_left_before_joined_is_refused():
    membership = MembershipFactory.build(
        group=BusinessGroupFactory(),
        member=MemberFactory(),
        joined_on=datetime.date(2018, 5, 1),
        left_on=datetime.date(2018, 1, 1),
    )
    with pytest.raises(ValidationError, match="sebelum tanggal bergabung"):
        membership.full_clean()


def test_a_person_active_in_two_groups_is_flagged_not_silently_allowed():
    person = MemberFactory()
    first = MembershipFactory(member=person)
    second_group = BusinessGroupFactory()
    second = Membership(member=person, group=second_group, role=Membership.Role.MEMBER)

    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert first.group.name in error.value.message_dict["several_groups_confirmed"][0]

    second.several_groups_confirmed = True
    second.full_clean()
    second.save()
    assert list(Member.objects.active_in_several_groups()) == [person]


def test_leaving_a_group_clears_the_flag():
    person = MemberFactory()
    MembershipFactory(member=person, left_on=datetime.date(2018, 12, 31))
    Membership(member=person, group=BusinessGroupFactory()).full_clean()
    assert not Member.objects.active_in_several_groups().exists()


def test_certificate_cannot_expire_before_it_is_issued():
    certificate = CertificationFactory.build(
        product=ProductFactory(),
        issued_on=datetime.date(2020, 1, 1),
        expires_on=datetime.date(2019, 1, 1),
    )
    with pytest.raises(ValidationError, match="sesudah tanggal terbit"):
        certificate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        certificate.save()


def test_published_groups_are_active_and_listed():
    shown = BusinessGroupFactory(listed_publicly=True)
    BusinessGroupFactory(listed_publicly=False)
    BusinessGroupFactory(listed_publicly=True, status=BusinessGroup.Status.DISSOLVED)
    assert list(BusinessGroup.objects.published()) == [shown]


def test_certificates_expiring_within_sixty_days():
    today = datetime.date(2026, 11, 23)
    soon = CertificationFactory(expires_on=today + datetime.timedelta(days=30))
    CertificationFactory(expires_on=today + datetime.timedelta(days=90))
    CertificationFactory(expires_on=today - datetime.timedelta(days=1))
    assert list(type(soon).objects.expiring_within(60, today=today)) == [soon]


def test_board_comes_first_and_former_members_last():
    group = BusinessGroupFactory()
    member = MembershipFactory(group=group, role=Membership.Role.MEMBER)
    former = MembershipFactory(
        group=group, role=Membership.Role.LEADER, left_on=datetime.date(2019, 1, 1)
    )
    treasurer = MembershipFactory(group=group, role=Membership.Role.TREASURER)
    leader = MembershipFactory(group=group, role=Membership.Role.LEADER)
    assert list(group.memberships.board_first()) == [leader, treasurer, member, former]


def test_group_name_key_is_kept_on_every_write_path():
    group = BusinessGroupFactory(name="UD.  Kopi_Jaya")
    assert group.name_key == "ud kopi jaya"
    group.name = "Kopi Jaya, Tbk"
    group.save(update_fields=["name"])
    group.refresh_from_db()
    assert group.name_key == "kopi jaya tbk"

    template = BusinessGroupFactory.build(kelurahan=group.kelurahan, theme=group.theme)
    (created,) = BusinessGroup.objects.bulk_create(
        [BusinessGroup(**{**_copy_fields(template), "name": "Tahu SUMEDANG!", "slug": "tahu"})]
    )
    assert BusinessGroup.objects.get(pk=created.pk).name_key == "tahu sumedang"

    created.name = "Tahu Bulat"
    BusinessGroup.objects.bulk_update([created], ["name"])
    assert BusinessGroup.objects.named({"tahu bulat"}).get().pk == created.pk

    BusinessGroup.objects.filter(pk=created.pk).update(name="Tahu  Lain")
    assert BusinessGroup.objects.named({"tahu lain"}).get().pk == created.pk
    with pytest.raises(TypeError):
        BusinessGroup.objects.filter(pk=created.pk).update(name=Upper("name"))


def _copy_fields(group: BusinessGroup) -> dict:
    return {
        field.attname: getattr(group, field.attname)
        for field in BusinessGroup._meta.concrete_fields
        if not field.primary_key
    }
