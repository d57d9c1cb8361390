from django.contrib import admin, messages
from django.db import connection, models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from ikm.filters import chosen_kecamatan_code
from ikm.forms import AidForm
from ikm.models import (
    Aid,
    AidCheck,
    Attendance,
    BusinessGroup,
    Certification,
    Enrolment,
    ImportJob,
    Kbli,
    MarketplaceLink,
    Member,
    Membership,
    Product,
    Program,
    Stage,
    StageCriterion,
    StageProgress,
    Target,
    Theme,
    Training,
    TrainingDay,
    TrainingRegistration,
)
from ikm.resources import BusinessGroupResource, MemberResource, ProductResource
from ikm.services.aid import aid_change_reason, aid_duplicate_warnings
from ikm.services.personal_data import may_anonymise, may_export_personal_data
from kelurahan.models import Kelurahan
from portal.caching import cached_page_for_user
from portal.districts import DistrictScopedAdmin
from portal.formatting import rupiah
from portal.locking import VersionedAdminMixin


class HistoryImportExportAdmin(ImportExportMixin, SimpleHistoryAdmin):
    """Admin with spreadsheet import/export and the who-changed-what history page."""


@admin.register(Kbli)
class KbliAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title"]
    search_fields = ["code", "title"]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kbli_codes", "group_count"]
    search_fields = ["name", "slug", "kbli__code", "kbli__title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["kbli"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(group_count=Count("groups", distinct=True))
            .prefetch_related("kbli")
        )

    @admin.display(description=_("KBLI"))
    def kbli_codes(self, theme):
        return ", ".join(kbli.code for kbli in theme.kbli.all())

    @admin.display(description=_("jumlah kelompok"), ordering="group_count")
    def group_count(self, theme):
        return theme.group_count


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["member", "group"]
    fields = ["member", "group", "role", "joined_on", "left_on", "several_groups_confirmed"]

    def get_queryset(self, request):
        return super().get_queryset(request).board_first().select_related("member", "group")


class ProductInline(admin.TabularInline):
    model = Product
    extra = 0
    fields = ["name", "price", "unit", "photo"]
    show_change_link = True


# Shop links typed without a scheme ("shopee.co.id/toko") are https.
ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class MarketplaceLinkInline(admin.TabularInline):
    model = MarketplaceLink
    extra = 0
    formfield_overrides = ASSUME_HTTPS
    show_change_link = True  # its own page has its history


@admin.register(MarketplaceLink)
class MarketplaceLinkAdmin(DistrictScopedAdmin, SimpleHistoryAdmin):
    """Kept in the group's page; listed here too so that each link's history can be read."""

    kecamatan_path = "group__kelurahan__kecamatan"
    list_display = ["group", "platform", "url"]
    list_filter = ["platform"]
    list_select_related = ["group"]
    search_fields = ["group__name", "url"]
    autocomplete_fields = ["group"]
    formfield_overrides = ASSUME_HTTPS


class KecamatanFilter(admin.SimpleListFilter):
    title = _("kecamatan")
    parameter_name = "kecamatan"

    def lookups(self, request, model_admin):
        return [(k.code, k.name) for k in BusinessGroup.objects.kecamatan_holding()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(kelurahan__kecamatan_id=self.value())
        return queryset


class KelurahanFilter(admin.SimpleListFilter):
    """The kelurahan of the chosen kecamatan: a province has thousands, too many to list."""

    title = _("kelurahan")
    parameter_name = "kelurahan"

    def lookups(self, request, model_admin):
        kecamatan = chosen_kecamatan_code(request.GET)
        if not kecamatan:
            return []
        kelurahan = BusinessGroup.objects.kelurahan_holding(kecamatan_code=kecamatan)
        return [(k.code, k.name) for k in kelurahan]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(kelurahan_id=self.value())
        return queryset


@admin.register(BusinessGroup)
class BusinessGroupAdmin(VersionedAdminMixin, DistrictScopedAdmin, HistoryImportExportAdmin):
    kecamatan_path = "kelurahan__kecamatan"
    resource_classes = [BusinessGroupResource]
    list_display = [
        "name",
        "kind",
        "theme",
        "kelurahan",
        "kecamatan",
        "status",
        "listed_publicly",
        "listed_publicly_since",
        "member_count",
        "timeline_link",
    ]
    list_filter = [
        KecamatanFilter,
        KelurahanFilter,
        "theme",
        "status",
        "kind",
        "listed_publicly",
    ]
    list_select_related = ["theme", "kelurahan__kecamatan"]
    search_fields = ["name", "slug", "nib", "kelurahan__name", "theme__name"]
    search_help_text = _("Nama kelompok, produk, tema, kelurahan, slug atau NIB.")
    autocomplete_fields = ["kelurahan", "theme"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, ProductInline, MarketplaceLinkInline]
    # A second count of the whole table on every page of a province's list says little.
    show_full_result_count = False
    readonly_fields = ["listed_publicly_since"]  # dated by the model (date_listing_consent)
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "theme", "founded_on"]}),
        (_("Lokasi dan kontak"), {"fields": ["kelurahan", "address", "phone", "whatsapp"]}),
        (_("Usaha"), {"fields": ["nib", "workforce", "description", "photo"]}),
        (
            _("Direktori publik"),
            {"fields": ["listed_publicly", "listed_publicly_since", "show_leader_name"]},
        ),
        # The version the page was opened at (portal.locking).
        (None, {"fields": ["expected_version"], "classes": ["hidden"]}),
    ]

    def get_queryset(self, request):
        # A subquery, which PostgreSQL works out for the rows of the page only; a join with
        # GROUP BY counted the memberships of every group before the page was cut.
        active_members = (
            Membership.objects.active()
            .filter(group=OuterRef("pk"))
            .values("group")
            .annotate(n=Count("member", distinct=True))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(member_count=Coalesce(Subquery(active_members), 0))
        )

    def changelist_view(self, request, extra_context=None):
        # A province's list costs far more to draw than to fetch again from the cache while
        # nothing changed.
        return cached_page_for_user(
            request,
            lambda: super(BusinessGroupAdmin, self).changelist_view(request, extra_context),
            allowed=lambda: self.has_view_or_change_permission(request),
        )

    def get_search_results(self, request, queryset, search_term):
        """On PostgreSQL, the words in the trigram-indexed search text (name, theme and
        products) or an exact slug, NIB or kelurahan name; elsewhere Django's own search."""
        if connection.vendor != "postgresql" or not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        for word in search_term.lower().split()[:10]:
            places = Kelurahan.objects.filter(name__icontains=word).values("code")
            queryset = queryset.filter(
                Q(search_text__contains=word) | Q(slug=word) | Q(nib=word) | Q(kelurahan__in=places)
            )
        return queryset, False

    @admin.display(description=_("kecamatan"), ordering="kelurahan__kecamatan__name")
    def kecamatan(self, group):
        return group.kelurahan.kecamatan

    @admin.display(description=_("anggota aktif"), ordering="member_count")
    def member_count(self, group):
        return group.member_count

    @admin.display(description=_("riwayat lengkap"))
    def timeline_link(self, group):
        url = reverse("workspace:group_timeline", args=[group.pk])
        return format_html('<a href="{}">{}</a>', url, _("Lihat riwayat"))


class SeveralGroupsFilter(admin.SimpleListFilter):
    title = _("keanggotaan")
    parameter_name = "ganda"

    def lookups(self, request, model_admin):
        return [("ya", _("Aktif di lebih dari satu kelompok"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(pk__in=Member.objects.active_in_several_groups().values("pk"))
        return queryset


@admin.register(Member)
class MemberAdmin(VersionedAdminMixin, DistrictScopedAdmin, HistoryImportExportAdmin):
    kecamatan_path = "memberships__group__kelurahan__kecamatan"
    resource_classes = [MemberResource]
    list_display = ["name", "nik", "gender", "phone", "active_groups"]
    list_filter = [SeveralGroupsFilter, "gender", "memberships__role"]
    search_fields = ["name", "nik", "phone", "memberships__group__name"]
    autocomplete_fields = ["user"]
    inlines = [MembershipInline]
    # With links to the member's personal data (PDF, JSON) and to anonymising them.
    change_form_template = "admin/ikm/member/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships__group")

    @admin.display(description=_("kelompok aktif"))
    def active_groups(self, member):
        return ", ".join(m.group.name for m in member.memberships.all() if m.left_on is None)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and obj.anonymised_on:
            # Typing the person's data back would undo the anonymisation, and the NIK
            # placeholder is deliberately not a valid NIK.
            return [*readonly, "nik", "name", "phone", "address", "user", "anonymised_on"]
        return readonly

    def render_change_form(self, request, context, *args, **kwargs):
        context["may_export_personal_data"] = may_export_personal_data(request.user)
        context["may_anonymise"] = may_anonymise(request.user)
        return super().render_change_form(request, context, *args, **kwargs)


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


@admin.register(Product)
class ProductAdmin(DistrictScopedAdmin, HistoryImportExportAdmin):
    kecamatan_path = "group__kelurahan__kecamatan"
    resource_classes = [ProductResource]
    list_display = ["name", "group", "price_rupiah", "unit"]
    list_filter = ["certifications__kind", "group__theme"]
    list_select_related = ["group"]
    search_fields = ["name", "description", "group__name"]
    autocomplete_fields = ["group"]
    inlines = [CertificationInline]

    @admin.display(description=_("harga"), ordering="price")
    def price_rupiah(self, product):
        return rupiah(product.price)


@admin.register(Certification)
class CertificationAdmin(DistrictScopedAdmin, SimpleHistoryAdmin):
    kecamatan_path = "product__group__kelurahan__kecamatan"
    list_display = ["product", "kind", "number", "issued_on", "expires_on"]
    list_filter = ["kind", "expires_on"]
    list_select_related = ["product__group"]
    search_fields = ["number", "product__name", "product__group__name"]
    autocomplete_fields = ["product"]


@admin.register(Membership)
class MembershipAdmin(DistrictScopedAdmin, SimpleHistoryAdmin):
    kecamatan_path = "group__kelurahan__kecamatan"
    list_display = ["member", "group", "role", "joined_on", "left_on"]
    list_filter = ["role"]
    list_select_related = ["member", "group"]
    search_fields = ["member__name", "member__nik", "group__name"]
    autocomplete_fields = ["member", "group"]


class StageCriterionInline(admin.TabularInline):
    model = StageCriterion
    extra = 0
    show_change_link = True  # its own page has its history


@admin.register(StageCriterion)
class StageCriterionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "stage", "order"]
    list_filter = ["stage__program"]
    list_select_related = ["stage__program"]
    search_fields = ["text"]


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    show_change_link = True


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ["name", "start_year", "end_year", "dinas"]
    search_fields = ["name", "dinas"]
    inlines = [StageInline]


@admin.register(Stage)
class StageAdmin(SimpleHistoryAdmin):
    list_display = ["program", "order", "year", "focus"]
    list_filter = ["program"]
    list_select_related = ["program"]
    search_fields = ["focus", "goals"]
    inlines = [StageCriterionInline]


class StageProgressInline(admin.TabularInline):
    model = StageProgress
    extra = 0
    fields = ["stage", "planned_year", "status", "started_on", "completed_on", "evidence"]


@admin.register(Enrolment)
class EnrolmentAdmin(DistrictScopedAdmin, SimpleHistoryAdmin):
    kecamatan_path = "group__kelurahan__kecamatan"
    list_display = ["group", "program", "enrolled_on"]
    list_filter = ["program"]
    list_select_related = ["group", "program"]
    search_fields = ["group__name"]
    autocomplete_fields = ["group"]
    inlines = [StageProgressInline]


@admin.register(StageProgress)
class StageProgressAdmin(DistrictScopedAdmin, SimpleHistoryAdmin):
    kecamatan_path = "enrolment__group__kelurahan__kecamatan"
    list_display = ["enrolment", "stage", "planned_year", "status", "started_on", "completed_on"]
    list_filter = ["status", "stage__program", "planned_year"]
    list_select_related = ["enrolment__group", "enrolment__program", "stage"]
    search_fields = ["enrolment__group__name", "evidence"]
    filter_horizontal = ["criteria_met"]


class AidCheckInline(admin.TabularInline):
    model = AidCheck
    extra = 0
    fields = ["checked_on", "status", "note", "checked_by"]
    readonly_fields = ["checked_by"]  # set to the person saving, in AidAdmin.save_formset


@admin.register(Aid)
class AidAdmin(VersionedAdminMixin, DistrictScopedAdmin, SimpleHistoryAdmin):
    kecamatan_path = "group__kelurahan__kecamatan"
    form = AidForm
    list_display = ["items", "group", "kind", "value_rupiah", "source", "handed_over_on"]
    list_filter = ["kind", "source", "handed_over_on"]
    list_select_related = ["group"]
    search_fields = ["items", "group__name", "funder"]
    autocomplete_fields = ["group", "intended_theme", "intended_kbli"]
    readonly_fields = ["recorded_by"]
    date_hierarchy = "handed_over_on"
    inlines = [AidCheckInline]

    def save_model(self, request, obj, form, change):
        # AidForm has already refused a mismatch without a justification; this keeps the
        # same history note as aid_hand_over.
        if not change:
            obj.recorded_by = request.user
        obj._change_reason = aid_change_reason(obj) or None
        super().save_model(request, obj, form, change)
        for warning in aid_duplicate_warnings(obj):
            self.message_user(request, warning, messages.WARNING)

    def save_formset(self, request, form, formset, change):
        if formset.model is not AidCheck:
            return super().save_formset(request, form, formset, change)
        checks = formset.save(commit=False)
        for check in formset.deleted_objects:
            check.delete()
        for check in checks:
            if check.pk is None:
                check.checked_by = request.user
            check.save()
        formset.save_m2m()

    @admin.display(description=_("nilai"), ordering="value")
    def value_rupiah(self, aid):
        return rupiah(aid.value)


@admin.register(AidCheck)
class AidCheckAdmin(DistrictScopedAdmin, SimpleHistoryAdmin):
    kecamatan_path = "aid__group__kelurahan__kecamatan"
    list_display = ["aid", "checked_on", "status"]
    list_filter = ["status"]
    list_select_related = ["aid__group"]
    search_fields = ["aid__items", "aid__group__name", "note"]
    autocomplete_fields = ["aid"]


class TrainingDayInline(admin.TabularInline):
    model = TrainingDay
    extra = 0
    show_change_link = True  # its own page has its history


@admin.register(TrainingDay)
class TrainingDayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "training"]
    list_filter = ["training"]
    list_select_related = ["training"]
    date_hierarchy = "date"


@admin.register(Training)
class TrainingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "topic", "organiser", "venue", "capacity"]
    list_filter = ["topic"]
    search_fields = ["title", "organiser", "partners", "venue"]
    inlines = [TrainingDayInline]


@admin.register(TrainingRegistration)
class TrainingRegistrationAdmin(DistrictScopedAdmin, SimpleHistoryAdmin):
    kecamatan_path = "group__kelurahan__kecamatan"
    list_display = ["member", "training", "group", "registered_at"]
    list_filter = ["training"]
    list_select_related = ["member", "training", "group"]
    search_fields = ["member__name", "member__nik", "training__title"]
    autocomplete_fields = ["member", "group", "training"]


@admin.register(Attendance)
class AttendanceAdmin(DistrictScopedAdmin, SimpleHistoryAdmin):
    """Marks are made on the training's page (ikm:training); here each has its history."""

    kecamatan_path = "registration__group__kelurahan__kecamatan"
    list_display = ["registration", "day"]
    list_filter = ["day__training"]
    list_select_related = ["registration__member", "registration__training", "day"]
    search_fields = ["registration__member__name", "registration__training__title"]
    autocomplete_fields = ["registration"]


@admin.register(Target)
class TargetAdmin(DistrictScopedAdmin, SimpleHistoryAdmin):
    kecamatan_path = "kelurahan__kecamatan"
    list_display = ["year", "kelurahan", "measure", "value"]
    list_filter = ["year", "measure"]
    list_select_related = ["kelurahan"]
    autocomplete_fields = ["kelurahan"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are made and moved on by the import pages (ikm:import_start)."""

    list_display = ["original_name", "kind", "status", "total_rows", "problem_count", "user",
                    "created_at"]  # fmt: skip
    list_filter = ["status", "kind"]
    list_select_related = ["user"]
    readonly_fields = [field.name for field in ImportJob._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
