import pytest
from django.core.exceptions import ValidationError

from portal.forms import RupiahField
from portal.parsing import parse_rupiah


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.500.000", 1_500_000),
        ("1500000", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        ("Rp1.500.000,00", 1_500_000),
        ("rp. 25.000", 25_000),
        ("1,5 juta", 1_500_000),
        ("1.5 juta", 1_500_000),
        ("1,25 jt", 1_250_000),
        ("250rb", 250_000),
        ("250 ribu", 250_000),
        ("0", 0),
        (1500, 1500),
    ],
)
def test_rupiah_typed_the_indonesian_ways(typed, amount):
    assert parse_rupiah(typed) == amount


@pytest.mark.parametrize(
    "typed", ["abc", "1.50.000", "12.50", "-5", "1,5", "Rp", "1.500.000,50", "5 dolar", "9" * 20]
)
def test_rupiah_nonsense_gets_an_indonesian_message(typed):
    with pytest.raises(ValidationError) as error:
        parse_rupiah(typed)
    assert error.value.code == "rupiah"


def test_rupiah_field_shows_and_reads_the_same_format():
    field = RupiahField(required=False)
    assert field.clean("2.750.000") == 2_750_000
    assert field.clean("") is None
    assert 'value="2.750.000"' in field.widget.render("omzet", 2_750_000)
    assert 'inputmode="numeric"' in field.widget.render("omzet", None)
