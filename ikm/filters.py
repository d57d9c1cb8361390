import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikm.models import BusinessGroup, Certification, Theme
from kelurahan.models import Kecamatan, Kelurahan

DIRECTORY_CERTIFICATES = [
    (Certification.Kind.HALAL, _("Halal")),
    (Certification.Kind.PIRT, _("PIRT")),
    (Certification.Kind.BPOM, _("BPOM")),
    (Certification.Kind.SNI, _("SNI")),
]


# "Has a published group" as EXISTS: one index probe per area or theme, where a join with
# DISTINCT read every published group of a province.
def kecamatan_with_groups(request=None):
    published = BusinessGroup.objects.published().filter(kelurahan__kecamatan=OuterRef("pk"))
    return Kecamatan.objects.filter(Exists(published))


def _kelurahan_with_groups(request):
    """Kelurahan of the chosen kecamatan (or of the chosen kelurahan's), not all of them:
    a province has thousands, too many for one list on a phone."""
    if request is None:
        return Kelurahan.objects.none()
    chosen = request.GET.get("kecamatan") or request.GET.get("kelurahan", "")[:8]
    published = BusinessGroup.objects.published().filter(kelurahan=OuterRef("pk"))
    return (
        Kelurahan.objects.filter(kecamatan_id=chosen)
        .filter(Exists(published))
        .select_related("kecamatan")
        .order_by("name")
    )


def themes_with_groups(request=None):
    published = BusinessGroup.objects.published().filter(theme=OuterRef("pk"))
    return Theme.objects.filter(Exists(published))


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
    kecamatan = django_filters.ModelChoiceFilter(
        field_name="kelurahan__kecamatan",
        queryset=kecamatan_with_groups,
        to_field_name="code",
        label=_("Kecamatan"),
        empty_label=_("Semua kecamatan"),
    )
    kelurahan = django_filters.ModelChoiceFilter(
        queryset=_kelurahan_with_groups,
        to_field_name="code",
        label=_("Kelurahan"),
        empty_label=_("Semua kelurahan"),
        help_text=_("Pilih kecamatan lalu Terapkan: kelurahannya muncul di sini."),
    )
    tema = django_filters.ModelChoiceFilter(
        field_name="theme",
        queryset=themes_with_groups,
        to_field_name="slug",
        label=_("Tema"),
        empty_label=_("Semua tema"),
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
    )

    class Meta:
        model = BusinessGroup
        fields = ["q", "kecamatan", "kelurahan", "tema", "sertifikasi", "urut"]

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
