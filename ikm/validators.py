"""Checks for the identity numbers and phone numbers that staff type or import."""

import re
from functools import lru_cache

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.id import nik as stdnum_nik

from portal.parsing import only_digits

NIB_PATTERN = re.compile(r"^\d{13}$")


def clean_digits(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


def validate_nik(value: str) -> None:
    """A NIK is 16 digits: region (6), birth date (6, day + 40 for women), serial (4)."""
    digits = clean_digits(value)
    if not only_digits(digits) or len(digits) != 16:
        raise ValidationError(_("NIK harus terdiri dari 16 angka."), code="nik_length")
    try:
        stdnum_nik.validate(digits)
    except StdnumError as error:
        raise ValidationError(
            _("NIK %(nik)s tidak sah: kode wilayah atau tanggal lahir di dalamnya keliru."),
            params={"nik": digits},
            code="nik_invalid",
        ) from error


def validate_nib(value: str) -> None:
    """NIB (Nomor Induk Berusaha) from OSS is 13 digits."""
    if not NIB_PATTERN.match(clean_digits(value)):
        raise ValidationError(_("NIB harus terdiri dari 13 angka."), code="nib_invalid")


def word_key(value) -> str:
    """A name as compared, ignoring case, punctuation and spacing ("UD. Kopi" -> "ud kopi")."""
    return " ".join(re.sub(r"[\W_]+", " ", str(value or "")).casefold().split())


def normalize_phone(value: str) -> str:
    """Return an Indonesian phone number as +62…, from 0812…, 62812…, +62 812-… and the like.

    Raises ValidationError for anything that is not a valid Indonesian number.
    """
    raw = (value or "").strip()
    if not raw:
        return ""
    return _normalize_phone(raw)


# Parsing with phonenumbers costs about a third of a millisecond, and every saved number is
# parsed again by PhoneNumberField (once for the record, once for its history copy): an
# import of 10,000 groups read its numbers 60,000 times. The answer depends on the text
# alone; errors are not cached, so their message is translated for each caller.
@lru_cache(maxsize=50_000)
def _normalize_phone(raw: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("62") and digits.isdigit():
        # "62812…" is the international form without its "+" (as WhatsApp exports write
        # it); read nationally, phonenumbers would take the 62 for an area code.
        raw = "+" + digits
    try:
        number = phonenumbers.parse(raw, "ID")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("Nomor telepon '%(phone)s' tidak dapat dibaca."), params={"phone": raw}, code="phone"
        ) from error
    if number.country_code != 62 or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Nomor telepon '%(phone)s' bukan nomor Indonesia yang sah (mis. 0812 3456 7890)."),
            params={"phone": raw},
            code="phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
