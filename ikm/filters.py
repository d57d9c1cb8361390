import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikm.models import BusinessGroup, Certification, Theme
from kelurahan.models import names_told_apart
from portal.caching import PUBLIC, cached_figures
from portal.widgets import KeptChoices, QuickSelect

DIRECTORY_CERTIFICATES = [
    (Certification.Kind.HALAL, _("Halal")),
    (Certification.Kind.PIRT, _("PIRT")),
    (Certification.Kind.BPOM, _("BPOM")),
    (Certification.Kind.SNI, _("SNI")),
]


def chosen_kecamatan_code(params) -> str:
    """The kecamatan asked for, or the one of the kelurahan asked for (its code's start)."""
    return params.get("kecamatan") or params.get("kelurahan", "")[: len("72.71.01")]


def kecamatan_with_groups() -> list[tuple[str, str]]:
    """(code, name) of the kecamatan holding published groups, by name, kept until a public
    change: a province has hundreds, and asking which hold a group took milliseconds on
    every search. A name that two regencies share is followed by its regency's."""
    return cached_figures("kecamatan-with-groups", (), _kecamatan_with_groups, scope=PUBLIC)


def _kecamatan_with_groups() -> list[tuple[str, str]]:
    areas = (
        BusinessGroup.objects.published()
        .kecamatan_holding()
        .order_by("name", "code")
        .values_list("code", "name", "regency__name")
    )
    return list(names_told_apart(areas).items())


def kelurahan_with_groups(kecamatan_code: str) -> list[tuple[str, str]]:
    """(code, name) of one kecamatan's kelurahan holding published groups, by name: a
    province has thousands of kelurahan, too many to list at once."""
    if not kecamatan_code:
        return []

    def compute():
        kelurahan = BusinessGroup.objects.published().kelurahan_holding(
            kecamatan_code=kecamatan_code
        )
        return list(kelurahan.order_by("name", "code").values_list("code", "name"))

    return cached_figures("kelurahan-with-groups", (kecamatan_code,), compute, scope=PUBLIC)


# "Has a published group" as EXISTS: one index probe per theme.
def themes_with_groups():
    published = BusinessGroup.objects.published().filter(theme=OuterRef("pk"))
    return Theme.objects.filter(Exists(published))


def theme_choices() -> list[tuple[str, str]]:
    """(slug, name) of the themes holding published groups, by name."""
    return cached_figures(
        "themes-with-groups",
        (),
        lambda: list(themes_with_groups().order_by("name").values_list("slug", "name")),
        scope=PUBLIC,
    )


class DirectoryFilter(django_filters.FilterSet):
    """The public directory's search, filters and sort order, all in the query string."""

    SORT_CHOICES = [
        ("relevan", _("Paling sesuai")),
        ("nama", _("Nama A–Z")),
        ("terbaru", _("Terbaru")),
    ]

    q = django_filters.CharFilter(
        method="filter_search",
        label=_("Cari usaha atau produk"),
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("mis. kopi bubuk, keripik pisang, batik")}
        ),
    )
    # The choices of the three lists are set in __init__, once: kept lists, where querysets
    # were asked twice a request (to check the value, then to show the options).
    kecamatan = django_filters.ChoiceFilter(
        field_name="kelurahan__kecamatan",
        label=_("Kecamatan"),
        empty_label=_("Semua kecamatan"),
        widget=QuickSelect,
    )
    kelurahan = django_filters.ChoiceFilter(
        field_name="kelurahan",
        label=_("Kelurahan"),
        empty_label=_("Semua kelurahan"),
        widget=QuickSelect,
        help_text=_("Pilih kecamatan lalu Terapkan: kelurahannya muncul di sini."),
    )
    tema = django_filters.ChoiceFilter(
        field_name="theme__slug",
        label=_("Tema"),
        empty_label=_("Semua tema"),
        widget=QuickSelect,
    )
    sertifikasi = django_filters.MultipleChoiceFilter(
        method="filter_certificates",
        choices=DIRECTORY_CERTIFICATES,
        label=_("Sertifikat"),
        widget=forms.CheckboxSelectMultiple,
    )
    urut = django_filters.ChoiceFilter(
        method="sort",
        choices=SORT_CHOICES,
        label=_("Urutkan"),
        empty_label=None,
        widget=QuickSelect,
    )

    class Meta:
        model = BusinessGroup
        fields = ["q", "kecamatan", "kelurahan", "tema", "sertifikasi", "urut"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        kecamatan_code = chosen_kecamatan_code(data or {})
        for name, choices in (
            ("kecamatan", kecamatan_with_groups()),
            ("kelurahan", kelurahan_with_groups(kecamatan_code)),
            ("tema", theme_choices()),
        ):
            self.filters[name].extra["choices"] = KeptChoices(choices)

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_certificates(self, queryset, name, kinds):
        valid = Certification.objects.valid_on(timezone.localdate())
        for kind in kinds:
            queryset = queryset.filter(pk__in=valid.filter(kind=kind).values("product__group_id"))
        return queryset

    def sort(self, queryset, name, value):
        # Applied in filter_queryset, after the search has annotated its rank.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        searching = bool(self.form.cleaned_data.get("q"))
        order = self.form.cleaned_data.get("urut") or ("relevan" if searching else "nama")
        if order == "relevan" and searching:
            return queryset.order_by("-rank", "name")
        if order == "terbaru":
            return queryset.order_by("-created_at", "name")
        return queryset.order_by("name")
