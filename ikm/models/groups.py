"""Business groups (kelompok IKM/UMKM/KUBE), their members, products and certificates.

A Member is a person, identified by NIK; a Membership ties a person to a group for a period
with a role. A person may belong to two groups only when staff confirm it: such cases are the
ones where aid goes twice to the same hands, so they are never silent.
"""

from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import connections, models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ikm.fields import DigitsField, PhoneNumberField
from ikm.validators import validate_nib, validate_nik, word_key
from kelurahan.models import Kecamatan, Kelurahan
from portal.locking import VersionedModel
from portal.uploads import PhotoField


class Kbli(models.Model):
    """A five-digit subclass of KBLI 2020, the official business classification."""

    code = models.CharField(_("kode"), max_length=5, primary_key=True)
    title = models.CharField(_("judul"), max_length=255)

    history = HistoricalRecords(verbose_name=_("riwayat KBLI"))

    class Meta:
        verbose_name = _("KBLI")
        verbose_name_plural = pgettext_lazy("jamak", "KBLI 2020")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"


class Theme(models.Model):
    """A tematik industri: the kind of home industry a group runs (coffee, batik, feed…)."""

    name = models.CharField(_("nama"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("deskripsi"), blank=True)
    kbli = models.ManyToManyField(Kbli, blank=True, related_name="themes", verbose_name=_("KBLI"))

    history = HistoricalRecords(verbose_name=_("riwayat tema"), m2m_fields=[kbli])

    class Meta:
        verbose_name = _("tema industri")
        verbose_name_plural = pgettext_lazy("jamak", "tema industri")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BusinessGroupQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for group in objs:
            group.name_key = word_key(group.name)
            group.date_listing_consent()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if "name" in fields:
            objs = list(objs)
            for group in objs:
                group.name_key = word_key(group.name)
            fields = [*fields, "name_key"]
        if "listed_publicly" in fields:
            objs = list(objs)
            for group in objs:
                group.date_listing_consent()
            fields = [*fields, "listed_publicly_since"]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        """Keeps name_key and the consent date right when given plain values; an expression
        for either cannot be followed here, so it is refused."""
        if "name" in kwargs and "name_key" not in kwargs:
            if not isinstance(kwargs["name"], str):
                raise TypeError("Give update() a plain name, or name_key with it.")
            kwargs["name_key"] = word_key(kwargs["name"])
        if "listed_publicly" in kwargs and "listed_publicly_since" not in kwargs:
            listed = kwargs["listed_publicly"]
            if not isinstance(listed, bool):
                raise TypeError("Give update() a plain listed_publicly, or its date with it.")
            kwargs["listed_publicly_since"] = (
                Coalesce(F("listed_publicly_since"), Value(timezone.localdate()))
                if listed
                else None
            )
        return super().update(**kwargs)

    def named(self, keys):
        """Groups whose name, as the importer compares it, is one of `keys`."""
        return self.filter(name_key__in=keys)

    def active(self):
        return self.filter(status=BusinessGroup.Status.ACTIVE)

    def published(self):
        """Groups a resident may see: active and agreed to be listed."""
        return self.active().filter(listed_publicly=True)

    def in_kecamatan(self, code: str):
        return self.filter(kelurahan__kecamatan_id=code)

    # The areas holding these groups, as EXISTS probes: one index probe per area, where a
    # join with DISTINCT read every group of a province.
    def kecamatan_holding(self):
        return Kecamatan.objects.filter(Exists(self.filter(kelurahan__kecamatan=OuterRef("pk"))))

    def kelurahan_holding(self, *, kecamatan_code: str | None = None):
        """One kecamatan's, for a list to choose from (a province has thousands of
        kelurahan, too many to list), or all of them for the sitemap."""
        kelurahan = Kelurahan.objects.filter(Exists(self.filter(kelurahan=OuterRef("pk"))))
        return kelurahan.filter(kecamatan_id=kecamatan_code) if kecamatan_code else kelurahan

    def in_area(self, code: str):
        """Groups under a province, regency or kecamatan code (a kelurahan code begins with
        those of its areas), without joining the area tables."""
        return self.filter(kelurahan__code__startswith=f"{code}.")

    def led_by(self, user):
        """The groups whose active ketua is the person of this user account."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            memberships__member__user=user,
            memberships__role=Membership.Role.LEADER,
            memberships__left_on__isnull=True,
        )

    def for_listing(self):
        """What a list of groups shows (theme, place, certificate badges) in fixed queries.

        The prefetches order by their own columns only: the models' default orderings
        (by group name, by product) joined two more tables into each."""
        certifications = Certification.objects.only("id", "product_id", "kind", "expires_on")
        products = (
            Product.objects.only("id", "group_id", "name")
            .order_by("name", "pk")
            .prefetch_related(Prefetch("certifications", queryset=certifications.order_by()))
        )
        return self.select_related("theme", "kelurahan__kecamatan").prefetch_related(
            Prefetch("products", queryset=products)
        )

    def search(self, text: str):
        """Groups matching the words, best first (as `rank`).

        PostgreSQL: full-text search in the `indonesian` configuration over name, theme,
        products and descriptions; only when the words find nothing, trigram similarity, so
        that a typo still finds ("keripik pisamg"). Trigrams of a short common word match a
        large part of a province, so they are not asked when the words themselves match.
        SQLite: every word must appear in one of those fields.
        """
        text = " ".join(text.split())[:200]
        if not text:
            return self
        if connections[self.db].vendor == "postgresql":
            query = SearchQuery(text, config="indonesian", search_type="websearch")
            by_words = self.filter(search_document=query)
            if by_words.exists():
                return by_words.annotate(rank=SearchRank(F("search_document"), query))
            return self.filter(search_text__trigram_word_similar=text).annotate(
                rank=TrigramWordSimilarity(text, "search_text")
            )
        matches = Q()
        for word in text.split():
            matches &= (
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(theme__name__icontains=word)
                | Q(products__name__icontains=word)
                | Q(products__description__icontains=word)
            )
        found = BusinessGroup.objects.filter(matches).values("pk")
        return self.filter(pk__in=found).annotate(rank=Value(0.0))


class BusinessGroup(VersionedModel, models.Model):
    class Kind(models.TextChoices):
        IKM = "ikm", _("IKM")
        UMKM = "umkm", _("UMKM")
        KUBE = "kube", _("KUBE")
        KOPERASI = "koperasi", _("Koperasi")

    class Status(models.TextChoices):
        ACTIVE = "aktif", _("Aktif")
        INACTIVE = "tidak_aktif", _("Tidak aktif")
        DISSOLVED = "bubar", _("Bubar")

    name = models.CharField(_("nama kelompok"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=160,
        unique=True,
        error_messages={"unique": _("Slug ini sudah dipakai kelompok lain.")},
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.IKM)
    kelurahan = models.ForeignKey(
        Kelurahan, on_delete=models.PROTECT, related_name="groups", verbose_name=_("kelurahan")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="groups", verbose_name=_("tema industri")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    founded_on = models.DateField(_("tanggal berdiri"), null=True, blank=True)
    address = models.CharField(_("alamat usaha"), max_length=255, blank=True)
    phone = PhoneNumberField(_("telepon"), blank=True)
    whatsapp = PhoneNumberField(_("WhatsApp"), blank=True)
    nib = DigitsField(
        _("NIB"),
        max_length=13,
        blank=True,
        validators=[validate_nib],
        help_text=_("Nomor Induk Berusaha dari OSS, 13 angka."),
    )
    description = models.TextField(_("deskripsi"), blank=True)
    photo = PhotoField(_("foto"), upload_to="kelompok/", blank=True)
    workforce = models.PositiveIntegerField(
        _("jumlah tenaga kerja"), default=0, validators=[MinValueValidator(0)]
    )
    listed_publicly = models.BooleanField(
        _("setuju tampil di direktori publik"),
        default=False,
        help_text=_("Hanya kelompok yang setuju dan aktif yang tampil di direktori UMKM."),
    )
    show_leader_name = models.BooleanField(
        _("tampilkan nama ketua di profil publik"), default=False
    )
    listed_publicly_since = models.DateField(
        _("setuju tampil publik sejak"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Tanggal persetujuan tampil di direktori publik; kosong bila belum setuju."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    # Kept by PostgreSQL triggers (migration 0003) from the group's name, description, theme
    # and products; unused on SQLite, where search falls back to plain matching.
    search_document = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(default="", editable=False)
    # The name as the importer compares it (ikm.validators.word_key), so that a file's rows
    # find their groups by index instead of reading every group of a province.
    name_key = models.CharField(max_length=150, default="", editable=False, db_index=True)
    # Optimistic locking: a form carries the version it was opened at; a save from an
    # older version is refused instead of overwriting someone else's change.
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = BusinessGroupQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("riwayat kelompok"),
        excluded_fields=["search_document", "search_text", "name_key", "version"],
    )

    class Meta:
        verbose_name = _("kelompok usaha")
        verbose_name_plural = pgettext_lazy("jamak", "kelompok usaha")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "listed_publicly"]),
            # Lists are in name order: the first page of a province without sorting it all.
            models.Index(fields=["name"]),
            # A profile's "more of this theme": the first names of one theme, not a walk
            # through every name of the province until four of the theme turn up.
            models.Index(fields=["theme", "name"]),
            # Which areas hold a published group (the directory's choices, the home page):
            # one probe per area that never reads the group's row.
            models.Index(
                fields=["kelurahan"],
                condition=Q(status="aktif", listed_publicly=True),
                name="ikm_group_published_kelurahan",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["nib"], condition=~Q(nib=""), name="unique_group_nib")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = word_key(self.name)
        self.date_listing_consent()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            update_fields = kwargs["update_fields"] = {*update_fields, "name_key"}
        if update_fields is not None and "listed_publicly" in update_fields:
            kwargs["update_fields"] = {*update_fields, "listed_publicly_since"}
        super().save(*args, **kwargs)

    def date_listing_consent(self) -> None:
        """Date the consent to public listing (UU PDP): the city's day it is given, kept
        while it stands, forgotten when it is withdrawn. Every write of `listed_publicly`
        passes here: save() and the queryset's bulk_create/bulk_update."""
        if not self.listed_publicly:
            self.listed_publicly_since = None
        elif self.listed_publicly_since is None:
            self.listed_publicly_since = timezone.localdate()

    def certification_kinds(self, *, today=None) -> list[str]:
        """The kinds of valid certificates among the group's products (uses prefetches)."""
        today = today or timezone.localdate()
        kinds = {
            certificate.kind
            for product in self.products.all()
            for certificate in product.certifications.all()
            if certificate.expires_on is None or certificate.expires_on >= today
        }
        return [kind for kind in Certification.Kind.values if kind in kinds]

    def whatsapp_url(self) -> str:
        """A wa.me link that opens a chat with a polite first message."""
        if not self.whatsapp:
            return ""
        message = gettext("Halo %(name)s, saya melihat profil Anda di Portal UMKM.") % {
            "name": self.name
        }
        return f"https://wa.me/{self.whatsapp.lstrip('+')}?text={quote(message)}"

    @property
    def leader(self):
        membership = (
            self.memberships.active().filter(role=Membership.Role.LEADER).select_related("member")
        ).first()
        return membership.member if membership else None


class MarketplaceLink(models.Model):
    """Where the public can buy a group's products online."""

    class Platform(models.TextChoices):
        TOKOPEDIA = "tokopedia", "Tokopedia"
        SHOPEE = "shopee", "Shopee"
        TIKTOK = "tiktok", "TikTok Shop"
        BUKALAPAK = "bukalapak", "Bukalapak"
        LAZADA = "lazada", "Lazada"
        INSTAGRAM = "instagram", "Instagram"
        FACEBOOK = "facebook", "Facebook"
        WEBSITE = "website", _("Situs web")

    group = models.ForeignKey(
        BusinessGroup,
        on_delete=models.CASCADE,
        related_name="marketplace_links",
        verbose_name=_("kelompok"),
    )
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    url = models.URLField(_("alamat tautan"), max_length=300)

    history = HistoricalRecords(verbose_name=_("riwayat toko daring"))

    class Meta:
        verbose_name = _("toko daring")
        verbose_name_plural = pgettext_lazy("jamak", "toko daring")
        ordering = ["group", "platform"]
        constraints = [
            models.UniqueConstraint(fields=["group", "url"], name="unique_marketplace_link")
        ]

    def __str__(self):
        return f"{self.get_platform_display()}: {self.url}"


class MemberQuerySet(models.QuerySet):
    def active_in_several_groups(self):
        return self.annotate(
            active_groups=Count("memberships", filter=Q(memberships__left_on__isnull=True))
        ).filter(active_groups__gt=1)


class Member(VersionedModel, models.Model):
    """A person who belongs to one or more groups. Personal data: never shown publicly."""

    class Gender(models.TextChoices):
        MALE = "L", _("Laki-laki")
        FEMALE = "P", _("Perempuan")

    nik = DigitsField(
        _("NIK"),
        max_length=16,
        unique=True,
        validators=[validate_nik],
        error_messages={"unique": _("NIK ini sudah terdaftar untuk anggota lain.")},
    )
    name = models.CharField(_("nama"), max_length=150)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    phone = PhoneNumberField(_("telepon"), blank=True)
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
        verbose_name=_("akun pengguna"),
        help_text=_("Akun masuk portal, untuk ketua kelompok yang mengelola profilnya sendiri."),
    )
    groups = models.ManyToManyField(
        BusinessGroup, through="Membership", related_name="members", verbose_name=_("kelompok")
    )
    # UU PDP: the day the person's data was replaced at their request; figures keep them.
    anonymised_on = models.DateField(_("dianonimkan pada"), null=True, blank=True, editable=False)
    # Optimistic locking: a form carries the version it was opened at; a save from an
    # older version is refused instead of overwriting someone else's change.
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("riwayat anggota"), excluded_fields=["version"])

    class Meta:
        verbose_name = _("anggota")
        verbose_name_plural = pgettext_lazy("jamak", "anggota")
        ordering = ["name"]
        permissions = [
            ("view_member_nik", _("Dapat melihat NIK anggota")),
            ("view_member_contact", _("Dapat melihat telepon dan alamat anggota")),
        ]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(left_on__isnull=True)

    def board_first(self):
        """Current members before former ones; ketua, sekretaris, bendahara, then members."""
        rank = models.Case(
            *(models.When(role=role, then=n) for n, role in enumerate(Membership.Role.values)),
            output_field=models.IntegerField(),
        )
        return self.order_by(F("left_on").desc(nulls_first=True), rank, "joined_on")


class Membership(models.Model):
    class Role(models.TextChoices):
        LEADER = "ketua", _("Ketua")
        SECRETARY = "sekretaris", _("Sekretaris")
        TREASURER = "bendahara", _("Bendahara")
        MEMBER = "anggota", _("Anggota")

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("anggota")
    )
    group = models.ForeignKey(
        BusinessGroup,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("kelompok"),
    )
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("tanggal bergabung"), default=timezone.localdate)
    left_on = models.DateField(_("tanggal keluar"), null=True, blank=True)
    several_groups_confirmed = models.BooleanField(
        _("keanggotaan ganda disetujui"),
        default=False,
        help_text=_("Centang bila orang ini memang aktif di lebih dari satu kelompok."),
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("riwayat keanggotaan"))

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = pgettext_lazy("jamak", "keanggotaan")
        ordering = ["group", "role", "joined_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(role="ketua", left_on__isnull=True),
                name="one_active_leader_per_group",
                violation_error_message=_("Kelompok ini sudah punya ketua yang aktif."),
            ),
            models.UniqueConstraint(
                fields=["member", "group"],
                condition=Q(left_on__isnull=True),
                name="one_active_membership_per_member_and_group",
                violation_error_message=_("Orang ini sudah menjadi anggota aktif kelompok ini."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="membership_left_after_joined",
                violation_error_message=_("Tanggal keluar tidak boleh sebelum tanggal bergabung."),
            ),
        ]

    def __str__(self):
        return f"{self.member} – {self.group} ({self.get_role_display()})"

    def other_active_groups(self):
        if not self.member_id or self.left_on:
            return BusinessGroup.objects.none()
        others = Membership.objects.active().filter(member_id=self.member_id)
        if self.group_id:
            others = others.exclude(group_id=self.group_id)
        return BusinessGroup.objects.filter(pk__in=others.values("group_id"))

    def clean(self):
        super().clean()
        other_groups = list(self.other_active_groups().values_list("name", flat=True))
        if other_groups and not self.several_groups_confirmed:
            raise ValidationError(
                {
                    "several_groups_confirmed": _(
                        "%(member)s masih aktif di kelompok %(groups)s. Centang "
                        "'keanggotaan ganda disetujui' bila itu memang benar."
                    )
                    % {"member": self.member, "groups": ", ".join(other_groups)}
                }
            )


class Product(models.Model):
    group = models.ForeignKey(
        BusinessGroup, on_delete=models.CASCADE, related_name="products", verbose_name=_("kelompok")
    )
    name = models.CharField(_("nama produk"), max_length=150)
    description = models.TextField(_("deskripsi"), blank=True)
    price = models.PositiveBigIntegerField(
        _("harga (Rp)"), null=True, blank=True, help_text=_("Harga dalam Rupiah, tanpa desimal.")
    )
    unit = models.CharField(
        _("satuan"), max_length=50, blank=True, help_text=_("mis. bungkus 250 g")
    )
    photo = PhotoField(_("foto"), upload_to="produk/", blank=True)

    history = HistoricalRecords(verbose_name=_("riwayat produk"))

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = pgettext_lazy("jamak", "produk")
        ordering = ["group", "name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "name"], name="unique_product_name_per_group")
        ]

    def __str__(self):
        return self.name


class CertificationQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))

    def expiring_within(self, days: int, *, today=None):
        today = today or timezone.localdate()
        return self.filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=days))


class Certification(models.Model):
    class Kind(models.TextChoices):
        HALAL = "halal", _("Halal")
        PIRT = "pirt", _("PIRT")
        BPOM = "bpom", _("BPOM")
        SNI = "sni", _("SNI")
        HKI = "hki", _("HKI/Merek")

    product = models.ForeignKey(
        Product,
        on_delete=models.CASCADE,
        related_name="certifications",
        verbose_name=_("produk"),
    )
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices)
    number = models.CharField(_("nomor"), max_length=100)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True)

    objects = CertificationQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("riwayat sertifikat"))

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = pgettext_lazy("jamak", "sertifikat")
        ordering = ["product", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "kind"], name="one_certificate_of_a_kind_per_product"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gte=F("issued_on")),
                name="certificate_expires_after_issue",
                violation_error_message=_("Tanggal berlaku harus sesudah tanggal terbit."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"
