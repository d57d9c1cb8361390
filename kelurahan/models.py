"""Administrative areas keyed by their official Kepmendagri codes.

Province `72`, regency or city `72.71`, kecamatan `72.71.01`, kelurahan or desa `72.71.01.1004`.
The codes are the primary keys, so imports and reports can name an area by its code alone.
"""

from collections import Counter
from collections.abc import Iterable

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

PROVINCE_CODE = r"^\d{2}$"
REGENCY_CODE = r"^\d{2}\.\d{2}$"
KECAMATAN_CODE = r"^\d{2}\.\d{2}\.\d{2}$"
KELURAHAN_CODE = r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"

DEFAULT_MIN_GROUPS_PER_KELURAHAN = 5


def _code_validator(pattern: str, example: str) -> RegexValidator:
    return RegexValidator(
        pattern, format_lazy(_("Kode wilayah harus berbentuk {example}."), example=example)
    )


def _code_field(length: int, pattern: str, example: str) -> models.CharField:
    return models.CharField(
        _("kode"),
        max_length=length,
        primary_key=True,
        validators=[_code_validator(pattern, example)],
    )


def _code_under(parent_field: str, name: str) -> models.CheckConstraint:
    """An area's code starts with its parent's: 72.71.01 sits under 72.71."""
    return models.CheckConstraint(
        condition=Q(code__startswith=models.F(f"{parent_field}_id")), name=name
    )


class Area(models.Model):
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self):
        return self.name


class Province(Area):
    code = _code_field(2, PROVINCE_CODE, "72")

    history = HistoricalRecords(verbose_name=_("riwayat provinsi"))

    class Meta(Area.Meta):
        verbose_name = _("provinsi")
        verbose_name_plural = pgettext_lazy("jamak", "provinsi")


class Regency(Area):
    class Kind(models.TextChoices):
        KOTA = "kota", _("Kota")
        KABUPATEN = "kabupaten", _("Kabupaten")

    code = _code_field(5, REGENCY_CODE, "72.71")
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="regencies", verbose_name=_("provinsi")
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)

    history = HistoricalRecords(verbose_name=_("riwayat kabupaten/kota"))

    class Meta(Area.Meta):
        verbose_name = _("kota/kabupaten")
        verbose_name_plural = pgettext_lazy("jamak", "kota/kabupaten")
        constraints = [_code_under("province", "regency_code_under_province")]

    @staticmethod
    def kind_for_name(name: str) -> str:
        return Regency.Kind.KOTA if name.startswith("Kota ") else Regency.Kind.KABUPATEN


class AreaQuerySet(models.QuerySet):
    def in_area(self, code: str):
        """The areas under a province (33), regency (33.74) or kecamatan code: every code
        begins with its parents' codes, so one prefix test serves all three levels."""
        return self.filter(code__startswith=f"{code}.")


class Kecamatan(Area):
    code = _code_field(8, KECAMATAN_CODE, "72.71.01")
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="kecamatan_set",
        verbose_name=_("kota/kabupaten"),
    )

    objects = AreaQuerySet.as_manager()

    history = HistoricalRecords(verbose_name=_("riwayat kecamatan"))

    class Meta(Area.Meta):
        verbose_name = _("kecamatan")
        verbose_name_plural = pgettext_lazy("jamak", "kecamatan")
        constraints = [_code_under("regency", "kecamatan_code_under_regency")]


def names_told_apart(areas: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """{code: name} of (code, name, parent's name) rows, in their order; a name that several
    of them share is followed by its parent's: Jawa Tengah has three kecamatan called Bulu."""
    areas = list(areas)
    uses = Counter(name for _code, name, _parent in areas)
    return {code: f"{name} ({parent})" if uses[name] > 1 else name for code, name, parent in areas}


class KelurahanQuerySet(AreaQuerySet):
    pass


class Kelurahan(Area):
    class Kind(models.TextChoices):
        KELURAHAN = "kelurahan", _("Kelurahan")
        DESA = "desa", _("Desa")

    code = _code_field(13, KELURAHAN_CODE, "72.71.01.1004")
    kecamatan = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        related_name="kelurahan_set",
        verbose_name=_("kecamatan"),
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    min_groups_target = models.PositiveSmallIntegerField(
        _("target minimal kelompok"),
        default=DEFAULT_MIN_GROUPS_PER_KELURAHAN,
        validators=[MinValueValidator(0)],
        help_text=_("Jumlah kelompok usaha yang harus dibentuk di kelurahan ini."),
    )

    objects = KelurahanQuerySet.as_manager()

    history = HistoricalRecords(verbose_name=_("riwayat kelurahan"))

    class Meta(Area.Meta):
        verbose_name = _("kelurahan/desa")
        verbose_name_plural = pgettext_lazy("jamak", "kelurahan/desa")
        constraints = [_code_under("kecamatan", "kelurahan_code_under_kecamatan")]

    @staticmethod
    def kind_for_code(code: str) -> str:
        """Kelurahan codes have a 4-digit tail starting with 1, desa codes with 2."""
        return (
            Kelurahan.Kind.DESA
            if code.rsplit(".", 1)[-1].startswith("2")
            else Kelurahan.Kind.KELURAHAN
        )
