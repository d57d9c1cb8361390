from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditEvent(models.Model):
    """Who did what that matters for trust: log-ins, exports of personal data, rights.

    Changes to records are kept by django-simple-history on each model; this table holds
    the events that are not a record's change.
    """

    class Action(models.TextChoices):
        LOGIN = "masuk", _("Masuk")
        LOGIN_FAILED = "gagal_masuk", _("Gagal masuk")
        LOGOUT = "keluar", _("Keluar")
        PERSONAL_DATA_EXPORT = "ekspor_data_pribadi", _("Ekspor data pribadi")
        PERSONAL_DATA_ANONYMISED = "anonimisasi_data_pribadi", _("Anonimisasi data pribadi")
        PERMISSION_CHANGE = "ubah_hak_akses", _("Perubahan hak akses")

    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pengguna"),
    )
    # Kept as text too: a failed log-in has no user, and a user may be deleted later.
    username = models.CharField(_("nama pengguna"), max_length=150, blank=True)
    action = models.CharField(_("kejadian"), max_length=24, choices=Action.choices)
    target = models.CharField(_("objek"), max_length=255, blank=True)
    detail = models.JSONField(_("rincian"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = pgettext_lazy("jamak", "catatan audit")
        ordering = ["-at"]
        indexes = [models.Index(fields=["action", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()}"


class StaffDistrict(models.Model):
    """A kecamatan a Dinas staff member works in. Staff with districts see and change only
    the groups of those kecamatan (and their records); without any, the whole city."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="districts",
        verbose_name=_("pengguna"),
    )
    kecamatan = models.ForeignKey(
        "kelurahan.Kecamatan",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("kecamatan"),
    )

    class Meta:
        verbose_name = _("wilayah kerja staf")
        verbose_name_plural = pgettext_lazy("jamak", "wilayah kerja staf")
        constraints = [
            models.UniqueConstraint(fields=["user", "kecamatan"], name="unique_staff_district")
        ]

    def __str__(self):
        return f"{self.user} – {self.kecamatan}"
