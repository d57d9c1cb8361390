import io

import pytest
from django.core.management import CommandError, call_command

from kelurahan.models import Kecamatan, Kelurahan, Province, Regency
from kelurahan.services import wilayah_load

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "city", "kecamatan", "kelurahan"),
    [
        ("72.71", "Kota Palu", 8, 46),
        ("12.71", "Kota Medan", 21, 151),
        ("33.74", "Kota Semarang", 16, 177),
    ],
)
def test_loads_a_city_from_the_shipped_official_list(code, city, kecamatan, kelurahan):
    call_command("load_wilayah", code, stdout=io.StringIO())

    regency = Regency.objects.get(code=code)
    assert regency.name == city
    assert regency.kind == Regency.Kind.KOTA
    assert Kecamatan.objects.filter(regency=regency).count() == kecamatan
    assert Kelurahan.objects.in_area(code).count() == kelurahan


def test_loads_a_whole_province():
    result = wilayah_load(code="72")  # Sulawesi Tengah

    assert result.created == {
        "provinsi": 1,
        "kota/kabupaten": 13,
        "kecamatan": 177,
        "kelurahan/desa": 2017,
    }
    assert Kelurahan.objects.filter(kecamatan__regency__province_id="72").count() == 2017


def test_loading_a_city_after_its_province_adds_nothing():
    wilayah_load(code="72")
    assert not wilayah_load(code="72.71").changed


def test_palu_codes_and_names_are_official():
    wilayah_load(code="72.71")

    besusu_barat = Kelurahan.objects.get(code="72.71.01.1004")
    assert besusu_barat.name == "Besusu Barat"
    assert besusu_barat.kecamatan.name == "Palu Timur"
    assert besusu_barat.kind == Kelurahan.Kind.KELURAHAN
    assert besusu_barat.min_groups_target == 5
    assert Province.objects.get(code="72").name == "Sulawesi Tengah"


def test_desa_are_told_apart_from_kelurahan_by_their_code():
    wilayah_load(code="72.10.01")  # a kecamatan of Kabupaten Sigi: villages are desa

    assert Regency.objects.get(code="72.10").kind == Regency.Kind.KABUPATEN
    kinds = set(Kelurahan.objects.values_list("kind", flat=True))
    assert kinds == {Kelurahan.Kind.DESA}


def test_loading_twice_changes_nothing_and_keeps_targets():
    wilayah_load(code="72.71")
    Kelurahan.objects.filter(code="72.71.01.1004").update(min_groups_target=8)
    counts = [m.objects.count() for m in (Province, Regency, Kecamatan, Kelurahan)]

    result = wilayah_load(code="72.71")

    assert not result.changed
    assert [m.objects.count() for m in (Province, Regency, Kecamatan, Kelurahan)] == counts
    assert Kelurahan.objects.get(code="72.71.01.1004").min_groups_target == 8


def test_a_renamed_area_is_updated_on_reload():
    wilayah_load(code="72.71")
    Kelurahan.objects.filter(code="72.71.01.1004").update(name="Nama Lama")

    result = wilayah_load(code="72.71")

    assert result.updated["kelurahan/desa"] == 1
    assert Kelurahan.objects.get(code="72.71.01.1004").name == "Besusu Barat"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("99", "tidak ada dalam daftar resmi"),
        ("72.99", "tidak ada dalam daftar resmi"),
        ("72.7", "tidak sah"),
        ("palu", "tidak sah"),
        ("72.71.01.1004", "tidak sah"),
    ],
)
def test_unknown_or_malformed_code_is_a_clear_error(code, message):
    with pytest.raises(CommandError, match=message):
        call_command("load_wilayah", code)
    assert not Kelurahan.objects.exists()
