"""Multi-year programs and their road-map stages, and each group's progress through them.

A program's stages carry a planned year; a group's StageProgress records when it really
started and completed each stage, so plan and reality can be set side by side (Palu's 2018
machine purchase slipped, and 2018 stayed on training).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ikm.models.groups import BusinessGroup

YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


class Program(models.Model):
    name = models.CharField(_("nama program"), max_length=200, unique=True)
    start_year = models.PositiveSmallIntegerField(_("tahun mulai"), validators=YEAR)
    end_year = models.PositiveSmallIntegerField(_("tahun selesai"), validators=YEAR)
    description = models.TextField(_("deskripsi"), blank=True)
    dinas = models.CharField(_("Dinas pelaksana"), max_length=200)

    history = HistoricalRecords(verbose_name=_("riwayat program"))

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = pgettext_lazy("jamak", "program")
        ordering = ["-start_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="program_ends_after_start",
                violation_error_message=_("Tahun selesai tidak boleh sebelum tahun mulai."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.start_year}–{self.end_year})"


class Stage(models.Model):
    """One step of a program's road map, e.g. 2018: buying production machines."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="stages", verbose_name=_("program")
    )
    order = models.PositiveSmallIntegerField(_("urutan"))
    year = models.PositiveSmallIntegerField(_("tahun rencana"), validators=YEAR)
    focus = models.CharField(_("fokus"), max_length=200)
    goals = models.TextField(_("sasaran"), blank=True)

    history = HistoricalRecords(verbose_name=_("riwayat tahap"))

    class Meta:
        verbose_name = _("tahap peta jalan")
        verbose_name_plural = pgettext_lazy("jamak", "tahap peta jalan")
        ordering = ["program", "order"]
        constraints = [
            models.UniqueConstraint(fields=["program", "order"], name="unique_stage_order")
        ]

    def __str__(self):
        return f"{self.year}: {self.focus}"


class StageCriterion(models.Model):
    """Something a group must have done to complete a stage."""

    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("tahap")
    )
    text = models.CharField(_("kriteria"), max_length=300)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords(verbose_name=_("riwayat kriteria tahap"))

    class Meta:
        verbose_name = _("kriteria tahap")
        verbose_name_plural = pgettext_lazy("jamak", "kriteria tahap")
        ordering = ["stage", "order", "id"]

    def __str__(self):
        return self.text


class Enrolment(models.Model):
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("program")
    )
    group = models.ForeignKey(
        BusinessGroup,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("kelompok"),
    )
    enrolled_on = models.DateField(_("tanggal ikut"), default=timezone.localdate)

    history = HistoricalRecords(verbose_name=_("riwayat kepesertaan program"))

    class Meta:
        verbose_name = _("kepesertaan program")
        verbose_name_plural = pgettext_lazy("jamak", "kepesertaan program")
        ordering = ["program", "group__name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "group"], name="unique_enrolment")
        ]

    def __str__(self):
        return f"{self.group} – {self.program.name}"


class StageProgress(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "belum", _("Belum")
        IN_PROGRESS = "berjalan", _("Berjalan")
        DONE = "selesai", _("Selesai")
        POSTPONED = "tertunda", _("Tertunda")

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="progress", verbose_name=_("peserta")
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="progress", verbose_name=_("tahap")
    )
    planned_year = models.PositiveSmallIntegerField(_("tahun rencana"), validators=YEAR)
    started_on = models.DateField(_("mulai"), null=True, blank=True)
    completed_on = models.DateField(_("selesai"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NOT_STARTED
    )
    evidence = models.TextField(_("catatan bukti"), blank=True)
    criteria_met = models.ManyToManyField(
        StageCriterion, blank=True, related_name="met_by", verbose_name=_("kriteria terpenuhi")
    )

    history = HistoricalRecords(verbose_name=_("riwayat kemajuan tahap"), m2m_fields=[criteria_met])

    class Meta:
        verbose_name = _("kemajuan tahap")
        verbose_name_plural = pgettext_lazy("jamak", "kemajuan tahap")
        ordering = ["enrolment", "stage__order"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "stage"], name="unique_stage_progress"),
            models.CheckConstraint(
                condition=Q(status="selesai", completed_on__isnull=False)
                | (~Q(status="selesai") & Q(completed_on__isnull=True)),
                name="progress_done_has_completion_date",
                violation_error_message=_(
                    "Tahap selesai perlu tanggal selesai, dan hanya tahap selesai yang punya."
                ),
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(completed_on__gte=F("started_on")),
                name="progress_completed_after_start",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self):
        return f"{self.enrolment.group} – {self.stage}"
