"""Spreadsheet imports of groups, members and products, as jobs that staff follow and confirm.

An ImportJob keeps the uploaded file and where its processing stands; ImportRow is the
staging copy of one spreadsheet row: its raw cells, the values it will save and its problems.
Staging rows are not domain records: nothing in groups, members or products changes until the
job is confirmed (see ikm/services/imports.py).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# A job that has not moved for this long was left by a process that died (a restart, a
# timeout); its transaction rolled back, so the database is as before and it may run again.
STALE_AFTER = timedelta(minutes=15)


class ImportJobQuerySet(models.QuerySet):
    def for_user(self, user):
        """The jobs a user may open: their own; Admin Dinas and superusers see every job."""
        from portal.roles import is_dinas_admin

        if is_dinas_admin(user):
            return self
        return self.filter(user=user)


class ImportJob(models.Model):
    class Kind(models.TextChoices):
        KELOMPOK = "kelompok", _("Kelompok")
        ANGGOTA = "anggota", _("Anggota")
        PRODUK = "produk", _("Produk")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        VALIDATING = "validating", _("Sedang diperiksa")
        READY = "ready", _("Siap diimpor")
        HAS_ERRORS = "has_errors", _("Ada kesalahan")
        IMPORTING = "importing", _("Sedang diimpor")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_jobs",
        verbose_name=_("pengguna"),
    )
    file = models.FileField(_("berkas"), upload_to="impor/%Y/%m/")
    original_name = models.CharField(_("nama berkas"), max_length=255)
    kind = models.CharField(
        _("jenis data"),
        max_length=10,
        choices=Kind.choices,
        blank=True,
        help_text=_("Kosong: dikenali dari nama lembar dan judul kolom."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    processed_rows = models.PositiveIntegerField(_("baris diperiksa"), default=0)
    summary = models.JSONField(_("ringkasan"), default=dict, blank=True)
    problems = models.JSONField(_("masalah"), default=list, blank=True)
    problem_count = models.PositiveIntegerField(_("jumlah masalah"), default=0)
    error = models.TextField(_("kesalahan saat menyimpan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("terakhir bergerak"), auto_now=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("impor berkas")
        verbose_name_plural = pgettext_lazy("jamak", "impor berkas")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.original_name

    @property
    def in_progress(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.VALIDATING, self.Status.IMPORTING}

    @property
    def is_stale(self) -> bool:
        return self.in_progress and timezone.now() - self.updated_at > STALE_AFTER

    @property
    def percent(self) -> int:
        if self.status in {self.Status.READY, self.Status.HAS_ERRORS, self.Status.DONE}:
            return 100
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)

    @property
    def hidden_problem_count(self) -> int:
        return max(0, self.problem_count - len(self.problems))


class ImportRow(models.Model):
    """One row of the file in staging; `key`/`other_key` find duplicates within the file."""

    class Action(models.TextChoices):
        CREATE = "create", _("baru")
        UPDATE = "update", _("diperbarui")
        ERROR = "error", _("ada kesalahan")

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rows")
    sheet = models.CharField(max_length=10, choices=ImportJob.Kind.choices)
    row_number = models.PositiveIntegerField()
    raw = models.JSONField(default=dict)
    # Kelompok: name|kelurahan and NIB; anggota: NIK and "ketua"; produk: group|product.
    key = models.CharField(max_length=300, blank=True)
    other_key = models.CharField(max_length=300, blank=True)
    group_key = models.CharField(max_length=300, blank=True)
    validated = models.BooleanField(default=False)
    action = models.CharField(max_length=8, choices=Action.choices, blank=True)
    data = models.JSONField(default=dict)
    problems = models.JSONField(default=list)

    class Meta:
        verbose_name = _("baris impor")
        verbose_name_plural = pgettext_lazy("jamak", "baris impor")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["job", "validated", "id"]),
            models.Index(fields=["job", "sheet", "key"]),
            models.Index(fields=["job", "sheet", "group_key"]),
        ]

    def __str__(self):
        return f"{self.sheet} {self.row_number}"
