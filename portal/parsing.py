"""Parsers for what people type: amounts of Rupiah the many ways Indonesians write them."""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_MULTIPLIERS = {"rb": 1_000, "ribu": 1_000, "jt": 1_000_000, "juta": 1_000_000, "m": 10**9,
                "miliar": 10**9, "milyar": 10**9}  # fmt: skip
_AMOUNT = re.compile(r"^(?P<number>\d[\d.,]*)\s*(?P<unit>[a-z]+)?$")
MAX_RUPIAH = 10**15


def parse_rupiah(text) -> int:
    """Whole Rupiah from "1.500.000", "1500000", "Rp 1.500.000,00", "1,5 juta", "250rb".

    A dot groups thousands (Indonesian usage); a comma is the decimal mark. Raises
    ValidationError with a message in Indonesian for anything else.
    """
    if isinstance(text, int):
        value = text
    else:
        raw = str(text or "").strip()
        cleaned = re.sub(r"^rp\.?\s*", "", raw.lower()).replace(" ", "")
        cleaned = re.sub(r"(\d)([a-z])", r"\1 \2", cleaned)
        match = _AMOUNT.match(cleaned)
        unit = match and match["unit"]
        if not match or (unit and unit not in _MULTIPLIERS):
            raise ValidationError(
                _("'%(value)s' bukan jumlah Rupiah. Tulis mis. 1.500.000 atau 1500000."),
                params={"value": raw},
                code="rupiah",
            )
        number = match["number"]
        if unit and re.fullmatch(r"\d+\.\d{1,2}", number):
            number = number.replace(".", ",")  # "1.5 juta": with a unit the dot is a decimal
        if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+(,\d+)?", number) is None:
            raise ValidationError(
                _("'%(value)s' tidak terbaca: titik memisahkan ribuan, koma untuk desimal."),
                params={"value": raw},
                code="rupiah",
            )
        try:
            amount = Decimal(number.replace(".", "").replace(",", ".")) * _MULTIPLIERS.get(unit, 1)
        except InvalidOperation as error:  # pragma: no cover - the pattern above prevents it
            raise ValidationError(_("Jumlah Rupiah tidak terbaca."), code="rupiah") from error
        if amount != amount.to_integral_value():
            raise ValidationError(
                _("Jumlah Rupiah tidak memakai sen: %(value)s."),
                params={"value": raw},
                code="rupiah",
            )
        value = int(amount)
    if value < 0 or value > MAX_RUPIAH:
        raise ValidationError(_("Jumlah Rupiah di luar batas yang wajar."), code="rupiah")
    return value
