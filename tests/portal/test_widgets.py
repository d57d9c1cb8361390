"""QuickSelect writes the same <select> as Django's Select, without a template per option;
KeptChoices are shared, not copied, by the fields of every form built."""

import copy

import pytest
from django import forms
from django.test import SimpleTestCase
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from portal.widgets import KeptChoices, QuickSelect
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


def test_kept_choices_are_shared_by_copies_of_a_field_and_still_checked():
    class AreaForm(forms.Form):
        kecamatan = forms.ChoiceField(choices=KeptChoices(CHOICES[1:]), widget=QuickSelect)

    class DjangosForm(forms.Form):
        kecamatan = forms.ChoiceField(choices=CHOICES[1:])

    first, second = AreaForm({"kecamatan": "33.74.02"}), AreaForm({"kecamatan": "33.99.99"})
    assert first.fields["kecamatan"].choices is second.fields["kecamatan"].choices
    assert copy.deepcopy(first.fields["kecamatan"]).choices is first.fields["kecamatan"].choices
    assert first.is_valid()
    assert not second.is_valid()
    assert list(first.fields["kecamatan"].choices) == CHOICES[1:]
    html_equal(str(first["kecamatan"]), str(DjangosForm({"kecamatan": "33.74.02"})["kecamatan"]))


def test_lazy_and_safe_labels_are_written_as_django_would():
    choices = [("", gettext_lazy("Semua kecamatan")), ("a", mark_safe("<b>Banyumanik</b>"))]
    html_equal(
        QuickSelect(choices=choices).render("k", "a"),
        forms.Select(choices=choices).render("k", "a"),
    )
