import datetime

import pytest
from django.core.exceptions import ValidationError

from portal.parsing import parse_date_id, parse_rupiah

APRIL_3 = datetime.date(2018, 4, 3)


@pytest.mark.parametrize(
    "written",
    [
        "03/04/2018", "3/4/2018", "3-4-2018", "03.04.2018", "3 April 2018", "3 april 2018",
        "3 Apr 2018", "03-Apr-2018", "Selasa, 3 April 2018", "2018-04-03", "03/04/18",
        datetime.datetime(2018, 4, 3, 0, 0), APRIL_3,
    ],
)  # fmt: skip
def test_dates_day_first_the_indonesian_ways(written):
    assert parse_date_id(written) == APRIL_3


@pytest.mark.parametrize(
    ("written", "expected"),
    [("17 Agustus 1945", (1945, 8, 17)), ("1 Agt 2019", (2019, 8, 1)),
     ("25 Des 2020", (2020, 12, 25)), ("5 Mei 2021", (2021, 5, 5)), ("9 Okt 2018", (2018, 10, 9))],
)  # fmt: skip
def test_indonesian_month_names_and_abbreviations(written, expected):
    assert parse_date_id(written) == datetime.date(*expected)


@pytest.mark.parametrize("written", ["", "besok", "31/02/2018", "13/13/2018", "3 Foo 2018", "2018"])
def test_nonsense_dates_get_an_indonesian_message(written):
    with pytest.raises(ValidationError) as error:
        parse_date_id(written)
    assert error.value.code == "date"
    assert "bukan tanggal" in error.value.messages[0]


def test_rupiah_from_excel_number_cells():
    assert parse_rupiah(1500000.0) == 1_500_000
    with pytest.raises(ValidationError):
        parse_rupiah(1500.5)
