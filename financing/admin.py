from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from financing.models import (
    BookkeepingVisit,
    CreditApplication,
    CreditScheme,
    Lender,
    LenderStaff,
    MentorAssignment,
)
from portal.districts import DistrictScopedAdmin
from portal.formatting import rupiah
from portal.locking import VersionedAdminMixin


class LenderStaffInline(admin.TabularInline):
    model = LenderStaff
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Lender)
class LenderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "branch", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "branch"]
    inlines = [LenderStaffInline]


@admin.register(LenderStaff)
class LenderStaffAdmin(SimpleHistoryAdmin):
    list_display = ["user", "lender", "phone"]
    list_filter = ["lender"]
    list_select_related = ["user", "lender"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "lender__name"]
    autocomplete_fields = ["user", "lender"]


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(DistrictScopedAdmin, SimpleHistoryAdmin):
    kecamatan_path = "group__kelurahan__kecamatan"
    list_display = ["group", "mentor", "started_on", "ended_on"]
    list_filter = ["mentor__lender", ("ended_on", admin.EmptyFieldListFilter)]
    list_select_related = ["group", "mentor__user", "mentor__lender"]
    search_fields = ["group__name", "mentor__user__first_name", "mentor__user__last_name"]
    autocomplete_fields = ["group", "mentor"]
    readonly_fields = ["assigned_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assigned_by = request.user
        super().save_model(request, obj, form, change)


class SeriousnessFilter(admin.SimpleListFilter):
    """The five marks, without asking a million visits which marks they hold."""

    title = _("kesungguhan (1–5)")
    parameter_name = "seriousness"

    def lookups(self, request, model_admin):
        return [(str(mark), str(mark)) for mark in range(1, 6)]

    def queryset(self, request, queryset):
        if self.value() in {str(mark) for mark in range(1, 6)}:
            return queryset.filter(seriousness=int(self.value()))
        return queryset


@admin.register(BookkeepingVisit)
class BookkeepingVisitAdmin(VersionedAdminMixin, DistrictScopedAdmin, SimpleHistoryAdmin):
    kecamatan_path = "assignment__group__kelurahan__kecamatan"
    list_display = ["assignment", "visited_on", "revenue_rupiah", "checklist_done", "seriousness"]
    list_filter = ["assignment__mentor__lender", SeriousnessFilter, "cash_book_kept"]
    # A filtered list says "n of N"; counting every visit again for N took 50 ms.
    show_full_result_count = False
    list_select_related = ["assignment__group", "assignment__mentor__user"]
    search_fields = ["assignment__group__name", "notes", "topics"]
    autocomplete_fields = ["assignment"]
    date_hierarchy = "visited_on"
    readonly_fields = ["idempotency_key", "created_by", "created_at"]

    @admin.display(description=_("omzet"), ordering="revenue")
    def revenue_rupiah(self, visit):
        return rupiah(visit.revenue)

    @admin.display(description=_("daftar periksa"))
    def checklist_done(self, visit):
        return f"{visit.checklist_done}/5"


@admin.register(CreditScheme)
class CreditSchemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "interest_rate", "ceiling_rupiah", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]

    @admin.display(description=_("plafon"), ordering="ceiling")
    def ceiling_rupiah(self, scheme):
        return rupiah(scheme.ceiling)


@admin.register(CreditApplication)
class CreditApplicationAdmin(DistrictScopedAdmin, SimpleHistoryAdmin):
    kecamatan_path = "group__kelurahan__kecamatan"
    list_display = ["group", "lender", "scheme", "amount_rupiah", "status", "collectibility"]
    list_filter = ["status", "lender", "scheme", "collectibility"]
    list_select_related = ["group", "lender", "scheme"]
    search_fields = ["group__name", "purpose"]
    autocomplete_fields = ["group", "lender", "scheme"]
    date_hierarchy = "submitted_on"
    readonly_fields = ["proposed_by", "decided_by"]

    @admin.display(description=_("diajukan"), ordering="amount_requested")
    def amount_rupiah(self, application):
        return rupiah(application.amount_requested)
