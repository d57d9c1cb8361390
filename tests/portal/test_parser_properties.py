"""Property-based checks of the parsers that read what people type: whatever the text, the
answer is a value or a ValidationError with a message, never another exception."""

import string
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ikm.imports.columns import ANGGOTA, KELOMPOK, PRODUK, SHEETS
from ikm.validators import clean_digits, normalize_phone, validate_nib, validate_nik
from portal.formatting import rupiah
from portal.parsing import MAX_RUPIAH, parse_date_id, parse_rupiah

# Text as it arrives from forms and spreadsheets: any Unicode, plus the characters that
# amounts, phones and numbers are made of, so that near-valid input is tried often.
typed_text = st.one_of(
    st.text(),
    st.text(alphabet=string.digits + " .,+-Rrpjutaib/()", max_size=30),
)


def _refused_politely(error: ValidationError) -> bool:
    return all(message.strip() for message in error.messages)


@given(typed_text)
@example("1.500.000,")
@example("Rp")
@example("9" * 400)
@example("١٢٣")  # Arabic-Indic digits: str.isdigit() says yes, int() would accept them
def test_rupiah_parser_answers_an_amount_or_a_message(text):
    try:
        amount = parse_rupiah(text)
    except ValidationError as error:
        assert _refused_politely(error)
    else:
        assert isinstance(amount, int)
        assert 0 <= amount <= MAX_RUPIAH


@given(st.integers(min_value=0, max_value=MAX_RUPIAH))
def test_rupiah_shown_by_the_portal_reads_back_the_same(amount):
    assert parse_rupiah(rupiah(amount)) == amount
    assert parse_rupiah(str(amount)) == amount
    assert parse_rupiah(f"{amount:,}".replace(",", ".")) == amount


@given(typed_text)
@example("+62")
@example("0812-3456-7890-1234-5678")
def test_phone_parser_answers_a_number_or_a_message(text):
    try:
        phone = normalize_phone(text)
    except ValidationError as error:
        assert _refused_politely(error)
    else:
        assert phone == "" or (phone.startswith("+62") and phone[1:].isdigit())
        assert normalize_phone(phone) == phone


@given(st.from_regex(r"8[1-9]\d{7,9}", fullmatch=True), st.sampled_from(["0", "62", "+62 "]))
@example(subscriber="810000000", prefix="62")  # once read as area code 62: +6262810000000
def test_a_mobile_number_reads_the_same_however_it_is_prefixed(subscriber, prefix):
    try:
        expected = normalize_phone("0" + subscriber)
    except ValidationError:
        return  # not an allocated Indonesian range: refusing it is right
    spaced = " ".join([subscriber[:3], subscriber[3:7], subscriber[7:]])
    assert normalize_phone(prefix + spaced) == expected
    assert normalize_phone(prefix + spaced.replace(" ", "-")) == expected


@pytest.mark.parametrize("validate", [validate_nik, validate_nib])
@given(text=typed_text)
@example(text="7271014101800001")
@example(text="7271 0141 0180 0001")
def test_identity_numbers_are_accepted_or_refused_with_a_message(validate, text):
    try:
        validate(text)
    except ValidationError as error:
        assert _refused_politely(error)
    else:
        assert clean_digits(text).isdigit()


@given(st.one_of(typed_text, st.text(alphabet=string.digits + "/-. ", max_size=12)))
@example("31/02/2018")
@example("0/0/0")
@example("3 Agt 99999")
def test_date_parser_answers_a_date_or_a_message(text):
    try:
        parsed = parse_date_id(text)
    except ValidationError as error:
        assert _refused_politely(error)
    else:
        assert isinstance(parsed, date)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_written_the_indonesian_ways_read_back_the_same(day):
    from django.utils import translation
    from django.utils.dateformat import format as date_format

    assert parse_date_id(f"{day:%d/%m/%Y}") == day
    assert parse_date_id(f"{day.day}-{day.month}-{day.year}") == day
    assert parse_date_id(day.isoformat()) == day
    with translation.override("id"):
        assert parse_date_id(date_format(day, "j F Y")) == day
        assert parse_date_id(date_format(day, "l, j F Y")) == day


csv_like = st.lists(
    st.lists(st.text(alphabet=string.printable + "éÀ€", max_size=12), max_size=6), max_size=8
).map(lambda rows: "\n".join(";".join(cells) for cells in rows))


@given(
    name=st.sampled_from(["data.csv", "data.xlsx", "data.txt", "data.xls"]),
    data=st.one_of(
        st.binary(max_size=300),
        csv_like.map(lambda text: text.encode("utf-8")),
        csv_like.map(
            lambda text: ("Nama Kelompok;Kelurahan;Tema\n" + text).encode("cp1252", "replace")
        ),
    ),
)
@example(name="data.xlsx", data=b"PK\x03\x04 not really a workbook")
def test_the_import_reader_reads_or_says_why_not(name, data):
    from ikm.imports.reader import FileUnreadable, read_file

    try:
        contents = read_file(name=name, data=data)
    except FileUnreadable as error:
        assert str(error).strip()
    else:
        assert contents is not None


# What a spreadsheet cell can hold once openpyxl has read it: text, whole and decimal
# numbers (a phone or NIK typed as a number), dates and times, booleans, nothing.
spreadsheet_cell = st.one_of(
    st.none(),
    typed_text.map(lambda text: "".join(ch for ch in text if ch.isprintable())),
    st.integers(min_value=-(10**17), max_value=10**17),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e17, max_value=1e17),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.booleans(),
)


def _sheet_rows(sheet):
    width = len(sheet.columns)
    return st.lists(st.lists(spreadsheet_cell, min_size=width, max_size=width), max_size=4)


def _group_row(**cells) -> list:
    keys = [column.key for column in SHEETS[KELOMPOK].columns]
    return [cells.get(key) for key in keys]


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    groups=_sheet_rows(SHEETS[KELOMPOK]),
    members=_sheet_rows(SHEETS[ANGGOTA]),
    products=_sheet_rows(SHEETS[PRODUK]),
)
# Found by Hypothesis: "¹" is a digit to str.isdigit, and int() refused it mid-check.
@example(groups=[_group_row(workforce="¹")], members=[], products=[])
def test_every_cell_of_a_workbook_is_read_or_reported(staff_user, groups, members, products):
    """A real workbook with every column and any cell: the check ends with problems by
    row and column, or ready to import; it never fails on a cell."""
    from ikm.models import ImportJob
    from ikm.services.imports import import_job_start, import_job_validate_all
    from tests.ikm.test_import_files import xlsx_file

    sheets = {
        sheet.title: [[column.header for column in sheet.columns], *rows]
        for sheet, rows in (
            (SHEETS[KELOMPOK], groups),
            (SHEETS[ANGGOTA], members),
            (SHEETS[PRODUK], products),
        )
    }
    job = import_job_start(user=staff_user, uploaded_file=xlsx_file(sheets))
    job = import_job_validate_all(job=job)

    assert job.status in {ImportJob.Status.READY, ImportJob.Status.HAS_ERRORS}
    for problem in job.problems:
        assert str(problem["message"]).strip()
    if job.status == ImportJob.Status.HAS_ERRORS:
        assert job.problems
