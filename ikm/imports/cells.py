"""Single cell values of an import, read the ways Dinas spreadsheets hold them.

Each reader returns the value to save or raises ValidationError with a message in Indonesian.
Excel keeps numbers as floats: a phone number loses its leading 0 (812345678.0) and a NIK
beyond 15 significant digits loses its last digits, which no reader can bring back.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ikm.models import BusinessGroup, Member, Membership
from ikm.validators import (
    clean_digits,
    normalize_phone,
    validate_nib,
    validate_nik,
    word_key,
)
from portal.parsing import only_digits, parse_date_id, parse_rupiah

_YES = {"ya", "y", "iya", "yes", "true", "1", "x", "v", "setuju", "benar"}
_NO = {"tidak", "t", "tdk", "no", "n", "false", "0", "-", "tidak setuju", "bukan"}
_GENDERS = {
    "l": Member.Gender.MALE, "lk": Member.Gender.MALE, "laki laki": Member.Gender.MALE,
    "laki": Member.Gender.MALE, "pria": Member.Gender.MALE, "male": Member.Gender.MALE,
    "p": Member.Gender.FEMALE, "pr": Member.Gender.FEMALE, "perempuan": Member.Gender.FEMALE,
    "wanita": Member.Gender.FEMALE, "female": Member.Gender.FEMALE,
}  # fmt: skip
_ROLES = {
    "ketua": Membership.Role.LEADER, "ketua kelompok": Membership.Role.LEADER,
    "sekretaris": Membership.Role.SECRETARY, "sekertaris": Membership.Role.SECRETARY,
    "bendahara": Membership.Role.TREASURER, "anggota": Membership.Role.MEMBER,
}  # fmt: skip
_KINDS = {"ikm": "ikm", "umkm": "umkm", "kube": "kube", "koperasi": "koperasi", "kop": "koperasi"}
_SCIENTIFIC = re.compile(r"^\d(?:[.,](\d+))?e\+?(\d+)$", re.IGNORECASE)
EXCEL_DIGITS = 15


def text(value, *, max_length: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = " ".join(str(value).split()) if max_length else str(value).strip()
    if max_length and len(result) > max_length:
        raise ValidationError(
            _("Terlalu panjang: paling banyak %(n)s huruf.") % {"n": max_length}, code="length"
        )
    return result


def _lost_digits() -> ValidationError:
    return ValidationError(
        _("NIK tersimpan sebagai angka di Excel dan kehilangan digit; format kolom sebagai Teks."),
        code="nik_number",
    )


def nik(value) -> str:
    """A NIK typed as text, or kept by Excel as a number when that number is still exact."""
    if isinstance(value, bool):
        raise ValidationError(_("NIK harus terdiri dari 16 angka."), code="nik_length")
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            raise _lost_digits()
        digits = str(int(value))
        # Excel writes at most 15 significant digits: a 16-digit NIK saved as a number ends
        # in 0 whatever its last digit was, so such a number cannot be trusted.
        if len(digits) > EXCEL_DIGITS and digits.endswith("0"):
            raise _lost_digits()
    else:
        raw = "".join(str(value or "").split())
        if match := _SCIENTIFIC.match(raw):
            # 7.27101410180000E+15 keeps 15 of the 16 digits a NIK needs.
            if 1 + len(match[1] or "") <= int(match[2]):
                raise _lost_digits()
            try:
                raw = str(int(Decimal(raw.replace(",", "."))))
            except InvalidOperation as error:  # pragma: no cover - the pattern prevents it
                raise _lost_digits() from error
        raw = re.sub(r"\.0+$", "", raw.lstrip("'"))
        digits = clean_digits(raw)
    validate_nik(digits)
    return digits


def phone(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
        # The leading 0 of 0812… is gone when Excel took the number as a number.
        value = digits if digits.startswith("62") else "0" + digits
    value = str(value).strip()
    if re.match(r"^62[\s\-]?8", value):
        value = "+" + value  # 62812…: the country code written without its plus
    return normalize_phone(value)


def nib(value) -> str:
    if value is None or value == "":
        return ""
    digits = str(int(value)) if isinstance(value, int | float) else clean_digits(str(value))
    validate_nib(digits)
    return digits


def day(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValidationError(
            _("'%(value)s' bukan tanggal. Tulis mis. 03/04/2018 atau 3 April 2018.")
            % {"value": text(value)},
            code="date",
        )
    return parse_date_id(value)


def rupiah(value) -> int | None:
    if value is None or value == "":
        return None
    return parse_rupiah(value)


def whole_number(value) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raw = re.sub(r"\s*(orang|org)$", "", str(value).strip().lower())
    if only_digits(raw):
        return int(raw)
    raise ValidationError(
        _("'%(value)s' bukan bilangan bulat.") % {"value": text(value)}, code="number"
    )


def yes_no(value) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    key = word_key(value) if str(value).strip() != "-" else "-"
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValidationError(_("Isi Ya atau Tidak, bukan '%(value)s'.") % {"value": text(value)})


def gender(value) -> str:
    key = word_key(value)
    if key in _GENDERS:
        return _GENDERS[key]
    raise ValidationError(
        _("Jenis kelamin '%(value)s' tidak dikenal: isi L atau P.") % {"value": text(value)}
    )


def role(value) -> str:
    if value is None or value == "":
        return Membership.Role.MEMBER
    key = word_key(value)
    if key in _ROLES:
        return _ROLES[key]
    raise ValidationError(
        _("Peran '%(value)s' tidak dikenal: isi Ketua, Sekretaris, Bendahara atau Anggota.")
        % {"value": text(value)}
    )


def group_kind(value) -> str:
    if value is None or value == "":
        return BusinessGroup.Kind.IKM
    key = word_key(value)
    if key in _KINDS:
        return _KINDS[key]
    raise ValidationError(
        _("Jenis '%(value)s' tidak dikenal: isi IKM, UMKM, KUBE atau Koperasi.")
        % {"value": text(value)}
    )
