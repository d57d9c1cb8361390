"""Yearly targets of the city and of each kelurahan, to set against what the records show."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ikm.models.programs import YEAR
from kelurahan.models import Kelurahan


class Target(models.Model):
    class Measure(models.TextChoices):
        GROUPS_FORMED = "kelompok", _("Kelompok terbentuk")
        MEMBERS = "anggota", _("Anggota")
        PARTICIPANTS_TRAINED = "peserta_pelatihan", _("Peserta pelatihan")
        AID_VALUE = "nilai_bantuan", _("Nilai bantuan (Rp)")

    year = models.PositiveSmallIntegerField(_("tahun"), validators=YEAR)
    kelurahan = models.ForeignKey(
        Kelurahan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("kelurahan"),
        help_text=_("Kosongkan untuk target tingkat kota."),
    )
    measure = models.CharField(_("ukuran"), max_length=20, choices=Measure.choices)
    value = models.PositiveBigIntegerField(_("target"))

    history = HistoricalRecords(verbose_name=_("riwayat target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = pgettext_lazy("jamak", "target")
        ordering = ["-year", "kelurahan", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "measure"],
                condition=Q(kelurahan__isnull=True),
                name="unique_city_target",
                violation_error_message=_("Target kota untuk tahun dan ukuran ini sudah ada."),
            ),
            models.UniqueConstraint(
                fields=["year", "kelurahan", "measure"],
                condition=Q(kelurahan__isnull=False),
                name="unique_kelurahan_target",
                violation_error_message=_("Target kelurahan untuk tahun dan ukuran ini sudah ada."),
            ),
        ]

    def __str__(self):
        where = self.kelurahan or _("kota")
        return f"{self.year} {where}: {self.get_measure_display()} {self.value}"
