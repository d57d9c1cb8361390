from django.contrib import admin

from financing.models import Lender, LenderStaff


class LenderStaffInline(admin.TabularInline):
    model = LenderStaff
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Lender)
class LenderAdmin(admin.ModelAdmin):
    list_display = ["name", "branch", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "branch"]
    inlines = [LenderStaffInline]


@admin.register(LenderStaff)
class LenderStaffAdmin(admin.ModelAdmin):
    list_display = ["user", "lender", "phone"]
    list_filter = ["lender"]
    list_select_related = ["user", "lender"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "lender__name"]
    autocomplete_fields = ["user", "lender"]
