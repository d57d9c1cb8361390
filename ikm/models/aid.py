"""Aid (bantuan) handed to groups, and the checks that follow what became of it.

Palu's lesson: equipment for a food business went to a group doing something else and was
sold on. So every aid record says what business use it is meant for, a mismatch with the
group's theme needs a written justification, and later checks record whether it is used.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ikm.models.groups import BusinessGroup, Kbli, Theme
from portal.locking import VersionedModel

UNCHECKED_AFTER_DAYS = 183  # about six months


class AidQuerySet(models.QuerySet):
    def last_check_refresh(self) -> int:
        """Copy each aid's latest check (day and status) onto it, in one UPDATE.

        Done after every change of a check (ikm.signals) and of the aid itself: lists and
        figures of a province's tens of thousands of aid records filter and count by it.
        """
        latest = AidCheck.objects.filter(aid=OuterRef("pk")).order_by("-checked_on", "-id")
        return self.update(
            last_checked_on=Subquery(latest.values("checked_on")[:1]),
            last_status=Subquery(latest.values("status")[:1]),
        )

    def at_risk(self, *, today=None):
        """Aid not checked for six months (or never, once six months old), or not in use."""
        since = (today or timezone.localdate()) - timedelta(days=UNCHECKED_AFTER_DAYS)
        return self.filter(
            Q(last_checked_on__lt=since)
            | Q(last_checked_on__isnull=True, handed_over_on__lt=since)
            | Q(last_status__in=AID_NOT_IN_USE)
        )


class Aid(VersionedModel, models.Model):
    class Kind(models.TextChoices):
        EQUIPMENT = "mesin", _("Mesin/peralatan")
        RAW_MATERIALS = "bahan_baku", _("Bahan baku")
        CAPITAL = "modal", _("Modal")
        TRAINING_PACKAGE = "pelatihan", _("Paket pelatihan")
        OTHER = "lainnya", _("Lainnya")

    class Source(models.TextChoices):
        APBD = "apbd", _("APBD")
        CSR = "csr", _("CSR")
        BUMN = "bumn", _("BUMN")
        PARTNER = "mitra", _("Perusahaan mitra")

    group = models.ForeignKey(
        BusinessGroup, on_delete=models.PROTECT, related_name="aid", verbose_name=_("kelompok")
    )
    kind = models.CharField(_("jenis bantuan"), max_length=10, choices=Kind.choices)
    items = models.CharField(_("barang"), max_length=300)
    quantity = models.PositiveIntegerField(_("jumlah"), default=1)
    value = models.PositiveBigIntegerField(_("nilai (Rp)"))
    source = models.CharField(_("sumber dana"), max_length=6, choices=Source.choices)
    funder = models.CharField(
        _("pemberi"),
        max_length=200,
        help_text=_("mis. APBD Dinas Koperasi dan UMKM Kota Palu, CSR Bank Sulteng"),
    )
    handed_over_on = models.DateField(_("tanggal serah terima"))
    intended_theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("untuk usaha (tema)"),
    )
    intended_kbli = models.ForeignKey(
        Kbli,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("untuk usaha (KBLI)"),
    )
    fit_justification = models.TextField(
        _("alasan bila tidak sesuai usaha kelompok"),
        blank=True,
        help_text=_("Wajib bila peruntukan bantuan berbeda dari tema usaha kelompok."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )

    # Optimistic locking: a form carries the version it was opened at; a save from an
    # older version is refused instead of overwriting someone else's change.
    version = models.PositiveIntegerField(default=0, editable=False)
    # The latest check, copied from AidCheck (AidQuerySet.last_check_refresh); empty when the
    # aid was never checked.
    last_checked_on = models.DateField(
        _("terakhir diperiksa"), null=True, blank=True, editable=False
    )
    last_status = models.CharField(
        _("keadaan terakhir"), max_length=10, null=True, blank=True, editable=False
    )

    objects = AidQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("riwayat bantuan"),
        excluded_fields=["version", "last_checked_on", "last_status"],
    )

    class Meta:
        verbose_name = _("bantuan")
        verbose_name_plural = pgettext_lazy("jamak", "bantuan")
        ordering = ["-handed_over_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(intended_theme__isnull=False) | Q(intended_kbli__isnull=False),
                name="aid_names_its_intended_use",
                violation_error_message=_("Isi peruntukan bantuan: tema atau KBLI."),
            )
        ]

    def __str__(self):
        return f"{self.items} → {self.group}"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            # The copy of the latest check this instance was loaded with may be older than a
            # check saved since: the saved row takes the latest again.
            Aid.objects.filter(pk=self.pk).last_check_refresh()

    def fits_group(self) -> bool:
        """Whether the intended use matches the group's theme (or one of its KBLI codes)."""
        if self.intended_theme_id:
            return self.intended_theme_id == self.group.theme_id
        return self.group.theme.kbli.filter(pk=self.intended_kbli_id).exists()


class AidCheck(models.Model):
    class Status(models.TextChoices):
        IN_USE = "dipakai", _("Dipakai")
        IDLE = "menganggur", _("Menganggur")
        BROKEN = "rusak", _("Rusak")
        SOLD = "dijual", _("Dijual/dipindahtangankan")

    aid = models.ForeignKey(
        Aid, on_delete=models.CASCADE, related_name="checks", verbose_name=_("bantuan")
    )
    checked_on = models.DateField(_("tanggal pemeriksaan"), default=timezone.localdate)
    status = models.CharField(_("keadaan"), max_length=10, choices=Status.choices)
    note = models.TextField(_("catatan"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diperiksa oleh"),
    )

    history = HistoricalRecords(verbose_name=_("riwayat pemeriksaan bantuan"))

    class Meta:
        verbose_name = _("pemeriksaan bantuan")
        verbose_name_plural = pgettext_lazy("jamak", "pemeriksaan bantuan")
        ordering = ["-checked_on", "-id"]

    def __str__(self):
        return f"{self.aid} – {self.get_status_display()} ({self.checked_on})"


AID_NOT_IN_USE = [AidCheck.Status.IDLE, AidCheck.Status.BROKEN, AidCheck.Status.SOLD]
