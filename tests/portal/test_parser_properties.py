"""Property-based checks of the parsers that read what people type: whatever the text, the
answer is a value or a ValidationError with a message, never another exception."""

import string

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from ikm.validators import clean_digits, normalize_phone, validate_nib, validate_nik
from portal.formatting import rupiah
from portal.parsing import MAX_RUPIAH, parse_rupiah

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
