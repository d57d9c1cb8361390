"""Lenders, their mentors, bookkeeping visits and credit.

In the city's road map every group is mentored in bookkeeping by a lender's employee, so
that the lender sees how serious the group is and can later lend to it without the city
standing behind it. A MentorAssignment ties one mentor to one group for a period; visits
hang on the assignment, so the record stays with the group when mentors change.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ikm.models import BusinessGroup
from portal.locking import VersionedModel
from portal.uploads import PhotoField

VISIT_OVERDUE_DAYS = 30


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

    history = HistoricalRecords(verbose_name=_("riwayat lembaga keuangan"))

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

    history = HistoricalRecords(verbose_name=_("riwayat staf lembaga keuangan"))

    class Meta:
        verbose_name = _("petugas lembaga keuangan")
        verbose_name_plural = pgettext_lazy("jamak", "petugas lembaga keuangan")
        ordering = ["lender", "user__username"]

    def __str__(self):
        return f"{self.name} ({self.lender})"

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.username


class MentorAssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_on__isnull=True)

    def of_mentor(self, staff: LenderStaff):
        return self.filter(mentor=staff)

    def of_lender(self, lender_id: int):
        return self.filter(mentor__lender_id=lender_id)


class MentorAssignment(models.Model):
    group = models.ForeignKey(
        BusinessGroup,
        on_delete=models.CASCADE,
        related_name="mentor_assignments",
        verbose_name=_("kelompok"),
    )
    mentor = models.ForeignKey(
        LenderStaff,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("mentor"),
    )
    started_on = models.DateField(_("mulai"), default=timezone.localdate)
    ended_on = models.DateField(_("selesai"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditugaskan oleh"),
    )

    objects = MentorAssignmentQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("riwayat penugasan"))

    class Meta:
        verbose_name = _("penugasan mentor")
        verbose_name_plural = pgettext_lazy("jamak", "penugasan mentor")
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(ended_on__isnull=True),
                name="one_active_mentor_per_group",
                violation_error_message=_("Kelompok ini sudah punya mentor yang aktif."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="assignment_ends_after_start",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self):
        return f"{self.mentor} – {self.group}"


class BookkeepingVisitQuerySet(models.QuerySet):
    def of_group(self, group):
        return self.filter(assignment__group=group)


class BookkeepingVisit(VersionedModel, models.Model):
    """One bookkeeping visit by a mentor, with the checklist and the month's figures."""

    CHECKLIST = [
        "cash_book_kept",
        "sales_purchase_recorded",
        "stock_recorded",
        "money_kept_apart",
        "receipts_kept",
    ]
    FIGURES = ["revenue", "expenses", "cash_on_hand", "savings_balance"]

    assignment = models.ForeignKey(
        MentorAssignment,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("penugasan"),
    )
    visited_on = models.DateField(_("tanggal kunjungan"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("lama (menit)"), validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    attendees = models.CharField(
        _("yang hadir"), max_length=300, help_text=_("Nama atau peran anggota yang hadir.")
    )
    topics = models.TextField(_("topik"), blank=True)
    cash_book_kept = models.BooleanField(_("buku kas diisi"), default=False)
    sales_purchase_recorded = models.BooleanField(
        _("penjualan dan pembelian dicatat"), default=False
    )
    stock_recorded = models.BooleanField(_("stok dicatat"), default=False)
    money_kept_apart = models.BooleanField(
        _("uang usaha terpisah dari uang rumah tangga"), default=False
    )
    receipts_kept = models.BooleanField(_("nota disimpan"), default=False)
    revenue = models.PositiveBigIntegerField(_("omzet bulan ini (Rp)"))
    expenses = models.PositiveBigIntegerField(_("pengeluaran bulan ini (Rp)"))
    cash_on_hand = models.PositiveBigIntegerField(_("kas di tangan (Rp)"))
    savings_balance = models.PositiveBigIntegerField(_("saldo tabungan (Rp)"))
    seriousness = models.PositiveSmallIntegerField(
        _("kesungguhan (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    notes = models.TextField(_("catatan"), blank=True)
    next_steps = models.TextField(_("langkah berikutnya yang disepakati"), blank=True)
    photo = PhotoField(_("foto"), upload_to="kunjungan/", blank=True)
    # The form carries a key made when it was opened; a double tap or a retry from the
    # offline queue sends the same key again and finds the visit already saved.
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    # Optimistic locking: a form carries the version it was opened at; a save from an
    # older version is refused instead of overwriting someone else's change.
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = BookkeepingVisitQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("riwayat kunjungan"), excluded_fields=["version"])

    class Meta:
        verbose_name = _("kunjungan pembukuan")
        verbose_name_plural = pgettext_lazy("jamak", "kunjungan pembukuan")
        ordering = ["-visited_on", "-created_at"]
        indexes = [
            models.Index(fields=["assignment", "-visited_on"]),
            # The admin's list, newest first: its first page without sorting a province's
            # million visits (0.9 s); also the date hierarchy's first and last day.
            models.Index(
                fields=["-visited_on", "-created_at", "-id"], name="financing_visit_newest"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(seriousness__gte=1, seriousness__lte=5),
                name="visit_seriousness_1_to_5",
            )
        ]

    def __str__(self):
        return f"{self.assignment.group} – {self.visited_on}"

    @property
    def checklist_done(self) -> int:
        return sum(getattr(self, item) for item in self.CHECKLIST)

    @property
    def profit(self) -> int:
        return self.revenue - self.expenses


def visit_overdue_since(today=None):
    """Visits before this day are too old: the group is overdue for a visit."""
    return (today or timezone.localdate()) - timedelta(days=VISIT_OVERDUE_DAYS)


class CreditScheme(models.Model):
    class Kind(models.TextChoices):
        KUR_MIKRO = "kur_mikro", _("KUR Mikro")
        KUR_KECIL = "kur_kecil", _("KUR Kecil")
        CITY = "kota", _("Kredit program pemerintah kota")
        PNM = "pnm", _("PNM (Mekaar/ULaMM)")
        PEGADAIAN = "pegadaian", _("Pegadaian")
        OTHER = "lainnya", _("Lainnya")

    name = models.CharField(_("nama"), max_length=150, unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    interest_rate = models.DecimalField(
        _("bunga per tahun (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    ceiling = models.PositiveBigIntegerField(_("plafon (Rp)"))
    description = models.TextField(_("keterangan"), blank=True)
    active = models.BooleanField(_("masih berlaku"), default=True)

    history = HistoricalRecords(verbose_name=_("riwayat skema kredit"))

    class Meta:
        verbose_name = _("skema kredit")
        verbose_name_plural = pgettext_lazy("jamak", "skema kredit")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CreditApplicationQuerySet(models.QuerySet):
    def of_lender(self, lender_id: int):
        return self.filter(lender_id=lender_id)


class CreditApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "diajukan", _("Diajukan")
        APPROVED = "disetujui", _("Disetujui")
        REJECTED = "ditolak", _("Ditolak")
        DISBURSED = "dicairkan", _("Dicairkan")
        REPAID = "lunas", _("Lunas")
        IN_ARREARS = "menunggak", _("Menunggak")

    class Collectibility(models.IntegerChoices):
        CURRENT = 1, _("1 – Lancar")
        SPECIAL_MENTION = 2, _("2 – Dalam perhatian khusus")
        SUBSTANDARD = 3, _("3 – Kurang lancar")
        DOUBTFUL = 4, _("4 – Diragukan")
        LOSS = 5, _("5 – Macet")

    group = models.ForeignKey(
        BusinessGroup,
        on_delete=models.PROTECT,
        related_name="credit_applications",
        verbose_name=_("kelompok"),
    )
    lender = models.ForeignKey(
        Lender,
        on_delete=models.PROTECT,
        related_name="credit_applications",
        verbose_name=_("lembaga keuangan"),
    )
    scheme = models.ForeignKey(
        CreditScheme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("skema")
    )
    amount_requested = models.PositiveBigIntegerField(_("jumlah diajukan (Rp)"))
    amount_approved = models.PositiveBigIntegerField(
        _("jumlah disetujui (Rp)"), null=True, blank=True
    )
    tenor_months = models.PositiveSmallIntegerField(
        _("tenor (bulan)"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    purpose = models.CharField(_("keperluan"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_on = models.DateField(_("tanggal diajukan"), default=timezone.localdate)
    decided_on = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    disbursed_on = models.DateField(_("tanggal pencairan"), null=True, blank=True)
    collectibility = models.PositiveSmallIntegerField(
        _("kolektibilitas"), choices=Collectibility.choices, null=True, blank=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("diusulkan oleh"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    notes = models.TextField(_("catatan"), blank=True)

    objects = CreditApplicationQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("riwayat pengajuan kredit"))

    class Meta:
        verbose_name = _("pengajuan kredit")
        verbose_name_plural = pgettext_lazy("jamak", "pengajuan kredit")
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_approved__isnull=True)
                | Q(amount_approved__lte=F("amount_requested")),
                name="credit_approved_at_most_requested",
                violation_error_message=_(
                    "Jumlah disetujui tidak boleh melebihi jumlah yang diajukan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(collectibility__isnull=True)
                | Q(collectibility__gte=1, collectibility__lte=5),
                name="credit_collectibility_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.group} – {self.scheme} ({self.get_status_display()})"


class GroupReadiness(models.Model):
    """A group's credit readiness as financing.readiness.assess() last found it, for lists
    that count or filter thousands of groups (the Dinas dashboard).

    Derived data, kept by financing.standing: recomputed after every change of a visit, an
    aid record, an aid check or a group, and by `manage.py readiness_refresh`. Nobody edits
    it, so it has no history and no permissions (no role can be given it by a "*" pattern).
    Only active groups have a row. The risk texts are stored in the default language.
    """

    class Level(models.TextChoices):
        # The same values as financing.readiness's levels, which cannot be imported here.
        READY = "siap", _("Siap diajukan kredit")
        NEARLY = "hampir", _("Hampir siap")
        NOT_YET = "belum", _("Belum siap")
        NO_VISITS = "tanpa_kunjungan", _("Belum ada kunjungan pembukuan")

    group = models.OneToOneField(
        BusinessGroup,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="credit_readiness",
        verbose_name=_("kelompok"),
    )
    level = models.CharField(_("kesiapan kredit"), max_length=16, choices=Level.choices)
    risks = models.JSONField(_("risiko"), default=list, blank=True)
    assessed_for = models.DateField(_("dinilai untuk tanggal"))
    # The last day the assessment holds if no record changes: the day before a visit dated
    # in the future, or the day before the "bookkeeping stopped" risk starts. Empty: it
    # holds until a record changes.
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    # The day of the latest visit by `assessed_for`: the dashboard counts overdue visits of a
    # province's groups from it instead of reading a million visits.
    last_visit_on = models.DateField(_("kunjungan terakhir"), null=True, blank=True)

    class Meta:
        verbose_name = _("kesiapan kredit kelompok")
        verbose_name_plural = pgettext_lazy("jamak", "kesiapan kredit kelompok")
        default_permissions = ()

    def __str__(self):
        return f"{self.group_id}: {self.level} ({self.assessed_for})"
