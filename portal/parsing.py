"""Parsers for what people type: Rupiah amounts and dates the many ways Indonesians write them."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_MULTIPLIERS = {"rb": 1_000, "ribu": 1_000, "jt": 1_000_000, "juta": 1_000_000, "m": 10**9,
                "miliar": 10**9, "milyar": 10**9}  # fmt: skip
_AMOUNT = re.compile(r"^(?P<number>\d[\d.,]*)\s*(?P<unit>[a-z]+)?$")
MAX_RUPIAH = 10**15


def only_digits(text: str) -> bool:
    """Whether `text` is one or more of 0-9: str.isdigit also takes "¹" and "²", which
    int() and the database then refuse."""
    return text.isascii() and text.isdigit()


def parse_rupiah(text) -> int:
    """Whole Rupiah from "1.500.000", "1500000", "Rp 1.500.000,00", "1,5 juta", "250rb".

    A dot groups thousands (Indonesian usage); a comma is the decimal mark. Raises
    ValidationError with a message in Indonesian for anything else. A number from a
    spreadsheet cell (1500000.0) is taken as it is, when it is whole.
    """
    if isinstance(text, float | Decimal) and not isinstance(text, bool):
        if text != int(text):
            raise ValidationError(
                _("Jumlah Rupiah tidak memakai sen: %(value)s."),
                params={"value": text},
                code="rupiah",
            )
        text = int(text)
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


_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "peb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nop": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAYS = r"(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
_NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,4})[/.\-](?P<b>\d{1,2})[/.\-](?P<c>\d{1,4})$")
_WORDED_DATE = re.compile(r"^(?P<day>\d{1,2})[\s\-]+(?P<month>[a-z]+)\.?[\s\-]+(?P<year>\d{2,4})$")


def _full_year(year: int) -> int:
    # Two-digit years in the Dinas files are this century's (groups and members since 2000).
    return 2000 + year if year < 100 else year


def parse_date_id(text) -> date:
    """A date written the Indonesian way, day first: "03/04/2018", "3-4-2018", "3 April 2018",
    "3 Agt 2018", "Selasa, 3 April 2018", "2018-04-03", or a date/datetime (an Excel date cell).

    Raises ValidationError with a message in Indonesian for anything else.
    """
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    raw = " ".join(str(text or "").split())
    cleaned = re.sub(rf"^{_WEEKDAYS},?\s*", "", raw.lower())
    day = month = year = None
    if match := _NUMERIC_DATE.match(cleaned):
        a, b, c = match["a"], match["b"], match["c"]
        if len(a) == 4:
            year, month, day = int(a), int(b), int(c)
        elif len(c) in (2, 4):
            day, month, year = int(a), int(b), _full_year(int(c))
    elif match := _WORDED_DATE.match(cleaned):
        month = _MONTHS.get(match["month"])
        day, year = int(match["day"]), _full_year(int(match["year"]))
    if day and month and year:
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise ValidationError(
        _("'%(value)s' bukan tanggal. Tulis mis. 03/04/2018 atau 3 April 2018."),
        params={"value": raw},
        code="date",
    )
