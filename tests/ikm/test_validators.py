import pytest
from django.core.exceptions import ValidationError

from ikm.validators import normalize_phone, validate_nib, validate_nik


@pytest.mark.parametrize(
    "nik",
    [
        "7271015708850001",  # Palu Timur, woman born 17 August 1985
        "7271011708850002",  # the same date for a man
        "7271 0157 0885 0003",  # typed with spaces
    ],
)
def test_valid_nik(nik):
    validate_nik(nik)


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("727101570885000", "16 angka"),  # 15 digits
        ("72710157088500011", "16 angka"),
        ("72710157088500AB", "16 angka"),
        ("727101570885000¹", "16 angka"),  # a digit to str.isdigit, not to int()
        ("9971015708850001", "tidak sah"),  # no such province
        ("7271013213850001", "tidak sah"),  # month 13
        ("7271017308850001", "tidak sah"),  # day 33: neither a man's nor a woman's date
    ],
)
def test_invalid_nik_is_refused_in_indonesian(nik, message):
    with pytest.raises(ValidationError, match=message):
        validate_nik(nik)


def test_nib_is_thirteen_digits():
    validate_nib("9120001234567")
    validate_nib("9120-0012-34567")
    for bad in ["912000123456", "91200012345678", "912000123456A"]:
        with pytest.raises(ValidationError, match="13 angka"):
            validate_nib(bad)


@pytest.mark.parametrize(
    "typed",
    ["081234567890", "0812-3456-7890", "0812 3456 7890", "+62 812 3456 7890", "6281234567890"],
)
def test_phone_is_normalised_to_plus_62(typed):
    assert normalize_phone(typed) == "+6281234567890"


def test_palu_landline_is_accepted():
    assert normalize_phone("(0451) 421234") == "+62451421234"


@pytest.mark.parametrize("typed", ["12345", "0812", "+1 202 555 0147", "nomor saya"])
def test_wrong_phone_is_refused(typed):
    with pytest.raises(ValidationError, match="Nomor telepon"):
        normalize_phone(typed)


def test_empty_phone_stays_empty():
    assert normalize_phone("") == ""
