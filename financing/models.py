"""Lenders and their people. Mentorship, visits and credit build on these (issue 4)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Lender(models.Model):
    """A bank or non-bank lender, one row per branch that works with the city."""

    class Kind(models.TextChoices):
        STATE_BANK = "bank_bumn", _("Bank BUMN")
        REGIONAL_BANK = "bpd", _("Bank Pembangunan Daerah")
        PRIVATE_BANK = "bank_swasta", _("Bank swasta")
        BPR = "bpr", _("BPR")
        NON_BANK = "non_bank", _("Lembaga keuangan bukan bank")

    name = models.CharField(_("nama"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    branch = models.CharField(_("cabang"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("lembaga keuangan")
        verbose_name_plural = pgettext_lazy("jamak", "lembaga keuangan")
        ordering = ["name", "branch"]
        constraints = [
            models.UniqueConstraint(fields=["name", "branch"], name="unique_lender_branch")
        ]

    def __str__(self):
        return f"{self.name} {self.branch}".strip()


class LenderStaff(models.Model):
    """A portal user who works for a lender: a mentor or a supervisor (by role)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lender_staff",
        verbose_name=_("akun pengguna"),
    )
    lender = models.ForeignKey(
        Lender, on_delete=models.PROTECT, related_name="staff", verbose_name=_("lembaga keuangan")
    )
    phone = models.CharField(_("telepon kantor"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("petugas lembaga keuangan")
        verbose_name_plural = pgettext_lazy("jamak", "petugas lembaga keuangan")
        ordering = ["lender", "user__username"]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.username} ({self.lender})"
