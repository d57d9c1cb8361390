"""Trainings and events: days, registrations, attendance per day."""

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ikm.models.groups import BusinessGroup, Member


class Training(models.Model):
    class Topic(models.TextChoices):
        BOOKKEEPING = "pembukuan", _("Pembukuan")
        PACKAGING = "kemasan", _("Kemasan")
        HALAL = "halal", _("Sertifikasi halal")
        DESIGN = "desain", _("Desain")
        DIGITAL_MARKETING = "pemasaran_digital", _("Pemasaran digital")
        PRODUCTION = "produksi", _("Produksi")
        FINANCE = "permodalan", _("Permodalan")

    title = models.CharField(_("judul"), max_length=200)
    topic = models.CharField(_("topik"), max_length=20, choices=Topic.choices)
    organiser = models.CharField(_("penyelenggara"), max_length=200)
    partners = models.CharField(
        _("mitra"), max_length=300, blank=True, help_text=_("mis. BRI, PNM, Pegadaian")
    )
    venue = models.CharField(_("tempat"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("kapasitas peserta"))
    description = models.TextField(_("deskripsi"), blank=True)

    history = HistoricalRecords(verbose_name=_("riwayat pelatihan"))

    class Meta:
        verbose_name = _("pelatihan")
        verbose_name_plural = pgettext_lazy("jamak", "pelatihan")
        ordering = ["-id"]

    def __str__(self):
        return self.title


class TrainingDay(models.Model):
    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="days", verbose_name=_("pelatihan")
    )
    date = models.DateField(_("tanggal"))

    history = HistoricalRecords(verbose_name=_("riwayat hari pelatihan"))

    class Meta:
        verbose_name = _("hari pelatihan")
        verbose_name_plural = pgettext_lazy("jamak", "hari pelatihan")
        ordering = ["training", "date"]
        constraints = [
            models.UniqueConstraint(fields=["training", "date"], name="unique_training_day")
        ]

    def __str__(self):
        return f"{self.training} – {self.date}"


class RegistrationQuerySet(models.QuerySet):
    def with_days_attended(self):
        return self.annotate(days_attended=Count("attendances", distinct=True))


class TrainingRegistration(models.Model):
    training = models.ForeignKey(
        Training,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("pelatihan"),
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="training_registrations",
        verbose_name=_("peserta"),
    )
    group = models.ForeignKey(
        BusinessGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_registrations",
        verbose_name=_("dari kelompok"),
    )
    registered_at = models.DateTimeField(_("mendaftar"), auto_now_add=True)

    objects = RegistrationQuerySet.as_manager()

    history = HistoricalRecords(verbose_name=_("riwayat pendaftaran pelatihan"))

    class Meta:
        verbose_name = _("pendaftaran pelatihan")
        verbose_name_plural = pgettext_lazy("jamak", "pendaftaran pelatihan")
        ordering = ["training", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "member"],
                name="unique_training_registration",
                violation_error_message=_("Orang ini sudah terdaftar di pelatihan ini."),
            )
        ]

    def __str__(self):
        return f"{self.member} – {self.training}"


class Attendance(models.Model):
    registration = models.ForeignKey(
        TrainingRegistration,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("pendaftaran"),
    )
    day = models.ForeignKey(
        TrainingDay, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("hari")
    )

    history = HistoricalRecords(verbose_name=_("riwayat kehadiran"))

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = pgettext_lazy("jamak", "kehadiran")
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="unique_attendance")
        ]

    def __str__(self):
        return f"{self.registration.member} – {self.day.date}"
