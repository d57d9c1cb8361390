import pytest
from django.core.exceptions import ValidationError

from kelurahan.services import KelurahanIndex, kelurahan_find
from tests.factories import KecamatanFactory, KelurahanFactory, RegencyFactory


@pytest.fixture
def places(db):
    timur = KecamatanFactory(code="72.71.01", name="Palu Timur")
    barat = KecamatanFactory(code="72.71.02", name="Palu Barat")
    KelurahanFactory(code="72.71.01.1004", name="Besusu Barat", kecamatan=timur)
    KelurahanFactory(code="72.71.01.1001", name="Tondo", kecamatan=timur)
    KelurahanFactory(code="72.71.02.1001", name="Kembar", kecamatan=barat)
    KelurahanFactory(code="72.71.01.1009", name="Kembar", kecamatan=timur)
    other_city = RegencyFactory(code="72.72", name="Kabupaten Lain")
    KelurahanFactory(
        code="72.72.01.1001",
        name="Luar Kota",
        kecamatan=KecamatanFactory(code="72.72.01", regency=other_city),
    )


@pytest.mark.parametrize(
    "text", ["Besusu Barat", "BESUSU  barat ", "Kel. Besusu Barat", "72.71.01.1004", "7271011004"]
)
def test_found_by_name_or_code(places, text):
    assert kelurahan_find(text=text).code == "72.71.01.1004"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Besusu Brt",
            "Kelurahan 'Besusu Brt' tidak ditemukan. Mungkin maksud Anda: Besusu Barat?",
        ),
        ("Tondoo", "Kelurahan 'Tondoo' tidak ditemukan. Mungkin maksud Anda: Tondo?"),
        ("Luar Kota", "Kelurahan 'Luar Kota' tidak ditemukan di Kota Palu."),
        ("72.72.01.1001", "Kode kelurahan '72.72.01.1001' tidak ada di Kota Palu."),
    ],
)
def test_near_misses_and_other_cities_are_not_guessed(places, text, message):
    with pytest.raises(ValidationError) as error:
        KelurahanIndex().find(text)
    assert error.value.messages == [message]


def test_a_name_in_two_kecamatan_asks_for_the_code(places):
    with pytest.raises(ValidationError) as error:
        kelurahan_find(text="kembar")
    assert "72.71.01.1009" in error.value.messages[0] and "72.71.02.1001" in error.value.messages[0]


def test_the_index_is_built_once_until_an_area_changes(places, django_assert_num_queries):
    from kelurahan.services import kelurahan_index

    first = kelurahan_index()
    with django_assert_num_queries(1):  # the data version only
        assert kelurahan_index() is first
    KelurahanFactory(code="72.71.01.1010", name="Talise", kecamatan=first.find("Tondo").kecamatan)
    assert kelurahan_index() is not first
    assert kelurahan_find(text="Talise").code == "72.71.01.1010"
