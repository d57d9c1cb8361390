"""QuickSelect writes the same <select> as Django's Select, without a template per option."""

import pytest
from django import forms
from django.test import SimpleTestCase

from portal.widgets import QuickSelect
from tests.factories import KecamatanFactory

CHOICES = [("", "Semua kecamatan"), ("33.74.01", "Banyumanik"), ("33.74.02", "Gajahmungkur")]
GROUPED = [
    ("", "Semua"),
    ("Kota Semarang", [("33.74.01", "Banyumanik"), ("33.74.02", "Gajahmungkur")]),
    ("Kota Solo", [("33.72.01", "Laweyan")]),
    ("x", "Tanpa kota"),
]
# Django's html comparison, without a database.
html_equal = SimpleTestCase().assertHTMLEqual


@pytest.mark.parametrize(
    ("choices", "value", "attrs"),
    [
        (CHOICES, None, None),
        (CHOICES, "33.74.02", {"id": "id_kecamatan", "required": True}),
        (CHOICES, "tidak-ada", {"id": "id_kecamatan", "disabled": False}),
        (GROUPED, "33.72.01", {"aria-describedby": "id_kecamatan_hint"}),
        ([("<b>", 'Kali "Garang" <script>')], "<b>", None),
        ([("1", "Satu"), ("1", "Satu lagi")], "1", None),
    ],
)
def test_same_html_as_djangos_select(choices, value, attrs):
    expected = forms.Select(choices=choices).render("kecamatan", value, attrs)
    html_equal(QuickSelect(choices=choices).render("kecamatan", value, attrs), expected)


def test_several_selected_when_multiple():
    class QuickSelectMultiple(QuickSelect):
        allow_multiple_selected = True

    expected = forms.SelectMultiple(choices=CHOICES).render("k", ["33.74.01", "33.74.02"])
    html_equal(QuickSelectMultiple(choices=CHOICES).render("k", ["33.74.01", "33.74.02"]), expected)


def test_text_is_escaped():
    html = QuickSelect(choices=[('"><script>', "<script>alert(1)</script>")]).render("k", None)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_model_choices_in_a_form():
    chosen, other = KecamatanFactory(name="Tembalang"), KecamatanFactory(name="Candisari")

    class AreaForm(forms.Form):
        kecamatan = forms.ModelChoiceField(
            queryset=type(chosen).objects.order_by("name"),
            to_field_name="code",
            widget=QuickSelect,
            empty_label="Semua kecamatan",
        )

    form = AreaForm({"kecamatan": chosen.code})
    assert form.is_valid()
    expected = forms.Select(
        choices=[("", "Semua kecamatan"), (other.code, "Candisari"), (chosen.code, "Tembalang")]
    ).render("kecamatan", chosen.code, {"id": "id_kecamatan", "required": True})
    html_equal(str(form["kecamatan"]), expected)
