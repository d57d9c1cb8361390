import csv
import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ikm.models import Aid, AidCheck, Kbli
from ikm.services.aid import aid_check_record, aid_duplicate_warnings, aid_hand_over
from portal import roles
from portal.models import StaffDistrict
from tests.factories import (
    AidCheckFactory,
    AidFactory,
    BusinessGroupFactory,
    KecamatanFactory,
    LenderStaffFactory,
    MemberFactory,
    MembershipFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 30)


@pytest.fixture
def coffee_group():
    return BusinessGroupFactory(name="Kopi Tondo", theme=ThemeFactory(name="Kopi"))


@pytest.fixture
def food_theme():
    return ThemeFactory(name="Pangan olahan")


def _aid_data(group, **changes) -> dict:
    return {
        "group": group,
        "kind": Aid.Kind.EQUIPMENT,
        "items": "Mesin sangrai kopi 5 kg",
        "quantity": 1,
        "value": 35_000_000,
        "source": Aid.Source.APBD,
        "funder": "APBD Dinas Koperasi dan UMKM Kota Palu",
        "handed_over_on": datetime.date(2025, 3, 12),
        "intended_theme": group.theme,
    } | changes


# The fit check, through the service


def test_aid_for_the_groups_theme_is_saved_with_who_recorded_it(coffee_group, staff_user):
    aid = aid_hand_over(data=_aid_data(coffee_group), by=staff_user, justification_confirmed=False)

    assert aid.pk is not None
    assert aid.recorded_by == staff_user
    assert aid.history.latest().history_user == staff_user
    assert aid.history.latest().history_change_reason is None


def test_aid_for_one_of_the_themes_kbli_codes_fits(coffee_group, staff_user):
    kbli = Kbli.objects.get(code="10761")
    coffee_group.theme.kbli.add(kbli)

    aid = aid_hand_over(
        data=_aid_data(coffee_group, intended_theme=None, intended_kbli=kbli),
        by=staff_user,
        justification_confirmed=False,
    )

    assert aid.fits_group()


def test_aid_outside_the_theme_without_justification_is_refused(
    coffee_group, food_theme, staff_user
):
    with pytest.raises(ValidationError) as refused:
        aid_hand_over(
            data=_aid_data(coffee_group, intended_theme=food_theme, fit_justification="  "),
            by=staff_user,
            justification_confirmed=True,
        )

    message = refused.value.message_dict["fit_justification"][0]
    assert "Bantuan untuk usaha Pangan olahan diberikan kepada kelompok Kopi" in message
    assert "tulis alasannya" in message
    assert not Aid.objects.exists()


def test_aid_outside_the_theme_needs_the_justification_confirmed(
    coffee_group, food_theme, staff_user
):
    data = _aid_data(coffee_group, intended_theme=food_theme, fit_justification="Usaha baru")

    with pytest.raises(ValidationError) as refused:
        aid_hand_over(data=data, by=staff_user, justification_confirmed=False)

    assert "fit_justification" in refused.value.message_dict
    assert not Aid.objects.exists()


def test_aid_outside_the_theme_with_justification_keeps_it_in_the_history(
    coffee_group, food_theme, staff_user
):
    data = _aid_data(
        coffee_group,
        intended_theme=food_theme,
        fit_justification="Kelompok membuka usaha kue untuk pasar malam",
    )

    aid = aid_hand_over(data=data, by=staff_user, justification_confirmed=True)

    entry = aid.history.latest()
    assert entry.history_type == "+"
    assert entry.fit_justification == "Kelompok membuka usaha kue untuk pasar malam"
    assert entry.history_change_reason == (
        "Peruntukan tidak sesuai tema kelompok; alasan: "
        "Kelompok membuka usaha kue untuk pasar malam"
    )
    assert entry.history_user == staff_user


def test_aid_without_any_intended_use_is_refused(coffee_group, staff_user):
    with pytest.raises(ValidationError):
        aid_hand_over(
            data=_aid_data(coffee_group, intended_theme=None),
            by=staff_user,
            justification_confirmed=True,
        )
    assert not Aid.objects.exists()


# The fit check, through the admin's add form


def _admin_post(client, group, **changes):
    data = {
        "group": group.pk,
        "kind": Aid.Kind.EQUIPMENT,
        "items": "Mesin sangrai kopi 5 kg",
        "quantity": 1,
        "value": 35_000_000,
        "source": Aid.Source.APBD,
        "funder": "APBD Dinas Koperasi dan UMKM Kota Palu",
        "handed_over_on": "2025-03-12",
        "intended_theme": group.theme_id,
        "intended_kbli": "",
        "fit_justification": "",
        "checks-TOTAL_FORMS": 0,
        "checks-INITIAL_FORMS": 0,
    } | changes
    return client.post(reverse("admin:ikm_aid_add"), data)


def test_admin_saves_aid_for_the_groups_theme(staff_client, staff_user, coffee_group):
    response = _admin_post(staff_client, coffee_group)

    assert response.status_code == 302, response.context["adminform"].form.errors
    aid = Aid.objects.get()
    assert aid.recorded_by == staff_user
    assert aid.history.latest().history_user == staff_user


def test_admin_refuses_aid_outside_the_theme_without_justification(
    staff_client, coffee_group, food_theme
):
    response = _admin_post(staff_client, coffee_group, intended_theme=food_theme.pk)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["fit_justification"]
    assert errors[0].startswith("Bantuan untuk usaha Pangan olahan diberikan kepada kelompok Kopi")
    assert "tulis alasannya" in response.content.decode()
    assert not Aid.objects.exists()


def test_admin_saves_aid_outside_the_theme_with_justification_in_history(
    staff_client, staff_user, coffee_group, food_theme
):
    response = _admin_post(
        staff_client,
        coffee_group,
        intended_theme=food_theme.pk,
        fit_justification="Anggota mulai usaha kue kering",
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = Aid.objects.get().history.latest()
    assert entry.history_change_reason == (
        "Peruntukan tidak sesuai tema kelompok; alasan: Anggota mulai usaha kue kering"
    )
    assert entry.history_user == staff_user
    history_page = staff_client.get(reverse("admin:ikm_aid_history", args=[entry.id]))
    assert "Anggota mulai usaha kue kering" in history_page.content.decode()


def test_admin_warns_after_saving_aid_that_reaches_a_person_twice(staff_client, coffee_group):
    person = MemberFactory(name="Siti Rahma")
    other = MembershipFactory(member=person, several_groups_confirmed=True).group
    MembershipFactory(member=person, group=coffee_group, several_groups_confirmed=True)
    AidFactory(group=other, handed_over_on=datetime.date(2025, 1, 20))

    response = _admin_post(staff_client, coffee_group)

    assert response.status_code == 302
    warnings = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "Siti Rahma" in warnings[0]
    assert other.name in warnings[0]
    assert Aid.objects.filter(group=coffee_group).exists()  # a warning, not a refusal


def test_admin_records_who_made_a_new_check(staff_client, staff_user):
    aid = AidFactory()
    earlier = AidCheckFactory(aid=aid, checked_by=None)
    url = reverse("admin:ikm_aid_change", args=[aid.pk])
    data = {
        name: value
        for name, value in staff_client.get(url).context["adminform"].form.initial.items()
        if value is not None
    }
    data |= {
        "handed_over_on": aid.handed_over_on.isoformat(),
        "checks-TOTAL_FORMS": 2,
        "checks-INITIAL_FORMS": 1,
        "checks-0-id": earlier.pk,
        "checks-0-aid": aid.pk,
        "checks-0-checked_on": earlier.checked_on.isoformat(),
        "checks-0-status": earlier.status,
        "checks-0-note": "",
        "checks-1-aid": aid.pk,
        "checks-1-checked_on": "2020-02-01",
        "checks-1-status": AidCheck.Status.IDLE,
        "checks-1-note": "Mesin disimpan di gudang",
    }

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["inline_admin_formsets"]
    new = aid.checks.get(note="Mesin disimpan di gudang")
    assert new.checked_by == staff_user
    earlier.refresh_from_db()
    assert earlier.checked_by is None  # an existing check keeps who made it


# Aid reaching the same person twice


@pytest.fixture
def two_groups_one_person(coffee_group):
    """Siti is active in Kopi Tondo and in Kue Lestari, which got a machine in January."""
    person = MemberFactory(name="Siti Rahma")
    MembershipFactory(member=person, group=coffee_group, several_groups_confirmed=True)
    other = BusinessGroupFactory(name="Kue Lestari")
    MembershipFactory(member=person, group=other, several_groups_confirmed=True)
    MembershipFactory(group=coffee_group)  # someone else, in one group only
    AidFactory(group=other, kind=Aid.Kind.EQUIPMENT, handed_over_on=datetime.date(2025, 1, 20))
    return person, other


def test_same_kind_of_aid_in_the_same_year_through_two_groups_is_warned(
    coffee_group, two_groups_one_person
):
    aid = AidFactory(group=coffee_group, handed_over_on=datetime.date(2025, 8, 1))

    warnings = aid_duplicate_warnings(aid)

    assert len(warnings) == 1
    assert "Siti Rahma" in warnings[0]
    assert "Kue Lestari" in warnings[0]
    assert "2025" in warnings[0]


def test_duplicate_warning_works_on_data_not_yet_saved(coffee_group, two_groups_one_person):
    warnings = aid_duplicate_warnings(_aid_data(coffee_group))

    assert len(warnings) == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"handed_over_on": datetime.date(2024, 12, 31)},
        {"kind": Aid.Kind.CAPITAL},
    ],
    ids=["another year", "another kind"],
)
def test_no_warning_for_another_year_or_kind(coffee_group, two_groups_one_person, changes):
    aid = AidFactory(group=coffee_group, **changes)

    assert aid_duplicate_warnings(aid) == []


def test_no_warning_when_the_person_was_not_in_the_other_group_at_its_handover(coffee_group):
    person = MemberFactory(name="Siti Rahma")
    MembershipFactory(member=person, group=coffee_group)
    other = BusinessGroupFactory(name="Kue Lestari")
    MembershipFactory(
        member=person,
        group=other,
        joined_on=datetime.date(2020, 1, 1),
        left_on=datetime.date(2024, 12, 1),
    )
    # She was there for the other group's 2024 aid, but had left by its 2025 aid.
    AidFactory(group=other, handed_over_on=datetime.date(2024, 6, 3))
    AidFactory(group=other, handed_over_on=datetime.date(2025, 1, 20))
    aid = AidFactory(group=coffee_group, handed_over_on=datetime.date(2025, 8, 1))

    assert aid_duplicate_warnings(aid) == []


def test_no_warning_for_a_second_aid_to_the_same_group(coffee_group):
    MembershipFactory(group=coffee_group)
    AidFactory(group=coffee_group, handed_over_on=datetime.date(2025, 1, 20))
    aid = AidFactory(group=coffee_group, handed_over_on=datetime.date(2025, 8, 1))

    assert aid_duplicate_warnings(aid) == []


# Checks


def test_a_check_is_recorded_with_who_made_it(staff_user):
    aid = AidFactory()

    check = aid_check_record(
        aid=aid,
        status=AidCheck.Status.SOLD,
        checked_on=datetime.date(2020, 5, 4),
        note="Dijual ke pedagang di Pasar Inpres",
        by=staff_user,
    )

    assert check.checked_by == staff_user
    assert check.history.latest().history_user == staff_user


@pytest.mark.parametrize(
    "checked_on", [datetime.date(2019, 3, 1), datetime.date(2999, 1, 1)], ids=["before", "future"]
)
def test_a_check_outside_the_aids_life_is_refused(staff_user, checked_on):
    aid = AidFactory(handed_over_on=datetime.date(2019, 3, 12))

    with pytest.raises(ValidationError) as refused:
        aid_check_record(
            aid=aid, status=AidCheck.Status.IN_USE, checked_on=checked_on, note="", by=staff_user
        )

    assert "checked_on" in refused.value.message_dict
    assert not AidCheck.objects.exists()


# Aid at risk


def test_at_risk_on_crafted_data():
    never_checked_old = AidFactory(handed_over_on=TODAY - datetime.timedelta(days=200))
    never_checked_new = AidFactory(handed_over_on=TODAY - datetime.timedelta(days=30))
    checked_long_ago = AidFactory(handed_over_on=datetime.date(2023, 1, 5))
    AidCheckFactory(aid=checked_long_ago, checked_on=datetime.date(2024, 6, 1))
    sold = AidFactory(handed_over_on=datetime.date(2024, 1, 5))
    AidCheckFactory(aid=sold, checked_on=datetime.date(2025, 1, 10))
    AidCheckFactory(aid=sold, checked_on=TODAY, status=AidCheck.Status.SOLD)
    in_use = AidFactory(handed_over_on=datetime.date(2023, 1, 5))
    AidCheckFactory(aid=in_use, checked_on=datetime.date(2024, 1, 10), status=AidCheck.Status.SOLD)
    AidCheckFactory(aid=in_use, checked_on=TODAY - datetime.timedelta(days=20))

    at_risk = set(Aid.objects.at_risk(today=TODAY))

    assert at_risk == {never_checked_old, checked_long_ago, sold}
    assert never_checked_new not in at_risk
    assert in_use not in at_risk


def _last_check(aid):
    return Aid.objects.filter(pk=aid.pk).values_list("last_checked_on", "last_status").get()


def test_the_latest_check_is_kept_on_the_aid_through_every_change():
    d = datetime.date
    aid, other = AidFactory(), AidFactory()
    assert _last_check(aid) == (None, None)

    first = AidCheckFactory(aid=aid, checked_on=d(2025, 1, 10), status=AidCheck.Status.IN_USE)
    assert _last_check(aid) == (d(2025, 1, 10), "dipakai")
    AidCheckFactory(aid=aid, checked_on=d(2024, 12, 1), status=AidCheck.Status.SOLD)  # older
    assert _last_check(aid) == (d(2025, 1, 10), "dipakai")
    # Checked twice on one day: the one recorded last counts.
    same_day = AidCheckFactory(aid=aid, checked_on=d(2025, 1, 10), status=AidCheck.Status.IDLE)
    assert _last_check(aid) == (d(2025, 1, 10), "menganggur")

    same_day.status = AidCheck.Status.BROKEN
    same_day.save()
    assert _last_check(aid) == (d(2025, 1, 10), "rusak")
    same_day.aid = other  # recorded against the wrong aid, moved
    same_day.save()
    assert _last_check(aid) == (d(2025, 1, 10), "dipakai")
    assert _last_check(other) == (d(2025, 1, 10), "rusak")
    first.delete()
    assert _last_check(aid) == (d(2024, 12, 1), "dijual")
    AidCheck.objects.filter(aid=aid).delete()
    assert _last_check(aid) == (None, None)


def test_an_aid_saved_from_an_older_copy_keeps_the_latest_check():
    aid = AidFactory()
    opened = Aid.objects.get(pk=aid.pk)  # an edit begins
    AidCheckFactory(aid=aid, checked_on=TODAY, status=AidCheck.Status.SOLD)  # meanwhile
    opened.items = "Mesin sangrai kopi 5 kg"
    opened.save()
    assert _last_check(aid) == (TODAY, "dijual")


# The report page


@pytest.fixture
def report_data():
    """Three aid records at risk in two kecamatan, and one in use."""
    today = timezone.localdate()
    palu_barat, tatanga = KecamatanFactory(name="Palu Barat"), KecamatanFactory(name="Tatanga")
    sold = AidFactory(
        group__name="Kopi Tondo",
        group__kelurahan__kecamatan=palu_barat,
        items="Mesin sangrai kopi 5 kg",
        value=35_000_000,
        handed_over_on=today - datetime.timedelta(days=400),
    )
    AidCheckFactory(aid=sold, checked_on=today - datetime.timedelta(days=10), status="dijual")
    unchecked = AidFactory(
        group__name="Kue Lestari",
        group__kelurahan__kecamatan=tatanga,
        kind=Aid.Kind.RAW_MATERIALS,
        items="Tepung terigu 200 kg",
        value=4_500_000,
        handed_over_on=today - datetime.timedelta(days=300),
    )
    stale = AidFactory(
        group__name="Bawang Goreng Sejahtera",
        group__kelurahan__kecamatan=tatanga,
        items="Spinner peniris minyak",
        value=12_000_000,
        handed_over_on=today - datetime.timedelta(days=800),
    )
    AidCheckFactory(aid=stale, checked_on=today - datetime.timedelta(days=300))
    in_use = AidFactory(group__name="Tenun Donggala", items="Alat tenun bukan mesin")
    AidCheckFactory(aid=in_use, checked_on=today - datetime.timedelta(days=5))
    return {"palu_barat": palu_barat, "tatanga": tatanga, "sold": sold, "unchecked": unchecked}


def test_report_lists_aid_at_risk_by_value_with_the_reason(staff_client, report_data):
    response = staff_client.get(reverse("ikm:aid_at_risk"))

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.items for row in rows] == [
        "Mesin sangrai kopi 5 kg",
        "Spinner peniris minyak",
        "Tepung terigu 200 kg",
    ]
    content = response.content.decode()
    assert "Rp 51.500.000" in content  # 35 + 12 + 4,5 juta
    assert "Rp 35.000.000" in content
    assert "Terakhir: dijual" in content
    assert "Belum diperiksa sejak" in content
    assert "Belum pernah diperiksa sejak serah terima" in content
    assert "Kopi Tondo" in content
    assert "Palu Barat" in content
    assert "Alat tenun bukan mesin" not in content


def test_report_filters_by_kecamatan_and_kind(staff_client, report_data):
    url = reverse("ikm:aid_at_risk")

    response = staff_client.get(url, {"kecamatan": report_data["tatanga"].pk})
    assert [row.group.name for row in response.context["rows"]] == [
        "Bawang Goreng Sejahtera",
        "Kue Lestari",
    ]
    assert response.context["total_value"] == 16_500_000

    response = staff_client.get(
        url, {"kecamatan": report_data["tatanga"].pk, "kind": Aid.Kind.RAW_MATERIALS}
    )
    assert response.context["rows"] == [report_data["unchecked"]]

    response = staff_client.get(url, {"kind": "bukan-jenis"})
    assert response.context["rows"] == []


def test_report_as_csv(staff_client, report_data):
    response = staff_client.get(
        reverse("ikm:aid_at_risk_csv"), {"kecamatan": report_data["palu_barat"].pk}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv_rows(response)
    assert len(rows) == 1
    assert rows[0]["kelompok"] == "Kopi Tondo"
    assert rows[0]["kecamatan"] == "Palu Barat"
    assert rows[0]["nilai_rp"] == "35000000"
    assert rows[0]["keadaan_terakhir"] == "Dijual/dipindahtangankan"
    assert rows[0]["alasan"].startswith("Terakhir: dijual")


@pytest.mark.parametrize("url_name", ["ikm:aid_at_risk", "ikm:aid_at_risk_csv"])
def test_report_is_for_dinas_only(client, url_name):
    url = reverse(url_name)

    response = client.get(url)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]

    client.force_login(LenderStaffFactory().user)
    assert client.get(url).status_code == 403


def _csv_rows(response) -> list[dict]:
    assert response.streaming  # written as the rows arrive, not built whole in memory
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _aid_at_risk(count: int, **fields) -> list[Aid]:
    """`count` aid records never checked since their hand-over 400 days ago, of one group,
    worth 1, 2, … million Rupiah: the report lists the most valuable first."""
    group = fields.pop("group", None) or BusinessGroupFactory()
    old = timezone.localdate() - datetime.timedelta(days=400)
    return [
        AidFactory(group=group, value=number * 1_000_000, handed_over_on=old, **fields)
        for number in range(1, count + 1)
    ]


def test_report_shows_fifty_rows_a_page_with_figures_over_all_of_them(staff_client):
    _aid_at_risk(51, items="Etalase kue")
    smallest = Aid.objects.get(value=1_000_000)
    smallest.items = "Timbangan digital"
    smallest.save()
    url = reverse("ikm:aid_at_risk")

    first = staff_client.get(url)
    rows = first.context["rows"]
    assert len(rows) == 50
    assert rows[0].value == 51_000_000
    assert rows[-1].value == 2_000_000
    content = first.content.decode()
    assert "Halaman 1 dari 2" in content
    assert "<dd>51</dd>" in content
    assert "Rp 1.326.000.000" in content  # 1 + 2 + … + 51 juta, not the 50 on the page
    assert "Timbangan digital" not in content

    second = staff_client.get(url, {"page": 2})
    assert [row.value for row in second.context["rows"]] == [1_000_000]
    content = second.content.decode()
    assert "Timbangan digital" in content
    assert "Halaman 2 dari 2" in content
    assert "<dd>51</dd>" in content
    assert "Rp 1.326.000.000" in content

    # A page past the end or not a number shows the last or the first page.
    assert staff_client.get(url, {"page": 9}).context["page_obj"].number == 2
    assert staff_client.get(url, {"page": "x"}).context["page_obj"].number == 1


def test_report_pages_keep_the_filter(staff_client):
    _aid_at_risk(51, kind=Aid.Kind.RAW_MATERIALS)
    _aid_at_risk(3, kind=Aid.Kind.EQUIPMENT)
    url = reverse("ikm:aid_at_risk")

    response = staff_client.get(url, {"kind": Aid.Kind.RAW_MATERIALS, "page": 2})

    assert response.context["total_count"] == 51
    assert len(response.context["rows"]) == 1
    content = response.content.decode()
    assert 'href="?kind=bahan_baku&amp;page=1"' in content
    # The CSV link carries the filter but not the page: the file has every row.
    csv_url = reverse("ikm:aid_at_risk_csv")
    assert f'href="{csv_url}?kind=bahan_baku"' in content


def test_report_as_csv_has_every_row_not_one_page(staff_client):
    _aid_at_risk(51)

    rows = _csv_rows(staff_client.get(reverse("ikm:aid_at_risk_csv")))

    assert len(rows) == 51
    assert [row["nilai_rp"] for row in rows[:2]] == ["51000000", "50000000"]
    assert rows[-1]["nilai_rp"] == "1000000"
    assert rows[-1]["jenis"] == "Mesin/peralatan"


def test_report_as_csv_is_written_in_the_users_language(staff_client, report_data):
    staff_client.cookies["django_language"] = "en"

    rows = _csv_rows(
        staff_client.get(
            reverse("ikm:aid_at_risk_csv"), {"kecamatan": report_data["palu_barat"].pk}
        )
    )

    assert rows[0]["keadaan_terakhir"] == "Sold/transferred"
    assert rows[0]["jenis"] == "Machines/equipment"
    assert rows[0]["alasan"].startswith("Last check: sold/transferred")


def test_staff_of_a_kecamatan_see_only_its_aid(client, report_data):
    officer = UserFactory(username="camat-tatanga", role=roles.DINAS_STAFF)
    StaffDistrict.objects.create(user=officer, kecamatan=report_data["tatanga"])
    client.force_login(officer)

    response = client.get(reverse("ikm:aid_at_risk"))
    assert [row.group.name for row in response.context["rows"]] == [
        "Bawang Goreng Sejahtera",
        "Kue Lestari",
    ]
    assert response.context["total_count"] == 2
    assert response.context["total_value"] == 16_500_000
    content = response.content.decode()
    assert "Kopi Tondo" not in content
    assert "Palu Barat" not in content  # not even as a choice of the filter

    response = client.get(reverse("ikm:aid_at_risk"), {"kecamatan": report_data["palu_barat"].pk})
    assert response.context["rows"] == []
    assert response.context["total_count"] == 0

    rows = _csv_rows(client.get(reverse("ikm:aid_at_risk_csv")))
    assert {row["kecamatan"] for row in rows} == {"Tatanga"}


def test_report_query_count_does_not_grow_with_rows(staff_client):
    url = reverse("ikm:aid_at_risk")
    _aid_at_risk(1)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    for aid in _aid_at_risk(120):
        AidCheckFactory(aid=aid, checked_on=aid.handed_over_on, status="rusak")
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(url)
    with CaptureQueriesContext(connection) as last_page:
        last = staff_client.get(url, {"page": 3})

    assert len(response.context["rows"]) == 50
    assert response.context["total_count"] == 121
    assert len(last.context["rows"]) == 21
    assert len(many) == len(few)
    assert len(last_page) == len(few)


def test_admin_index_links_the_report(staff_client):
    content = staff_client.get(reverse("admin:index")).content.decode()
    assert reverse("ikm:aid_at_risk") in content
