from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from portal.models import AuditEvent, StaffDistrict


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: an audit trail that can be edited proves nothing."""

    list_display = ["at", "username", "action", "target", "ip_address"]
    list_filter = ["action", "at"]
    search_fields = ["username", "target"]
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StaffDistrictInline(admin.TabularInline):
    model = StaffDistrict
    extra = 0
    autocomplete_fields = ["kecamatan"]
    verbose_name_plural = _("wilayah kerja (kosong: seluruh kota)")


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Django's user admin with the kecamatan a Dinas staff member is limited to."""

    inlines = [*UserAdmin.inlines, StaffDistrictInline]
