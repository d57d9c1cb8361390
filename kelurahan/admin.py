from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from kelurahan.models import Kecamatan, Kelurahan, Province, Regency
from kelurahan.resources import (
    KecamatanResource,
    KelurahanResource,
    ProvinceResource,
    RegencyResource,
)


@admin.register(Province)
class ProvinceAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [ProvinceResource]
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Regency)
class RegencyAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [RegencyResource]
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind", "province"]
    list_select_related = ["province"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["province"]


@admin.register(Kecamatan)
class KecamatanAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [KecamatanResource]
    list_display = ["code", "name", "regency"]
    list_filter = [("regency", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["regency"]
    search_fields = ["code", "name", "regency__name"]
    autocomplete_fields = ["regency"]


@admin.register(Kelurahan)
class KelurahanAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [KelurahanResource]
    list_display = ["code", "name", "kind", "kecamatan", "group_count", "min_groups_target"]
    list_editable = ["min_groups_target"]
    list_filter = ["kind", ("kecamatan", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["kecamatan"]
    search_fields = ["code", "name", "kecamatan__name"]
    autocomplete_fields = ["kecamatan"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(group_count=Count("groups"))

    @admin.display(description=_("jumlah kelompok"), ordering="group_count")
    def group_count(self, kelurahan):
        return kelurahan.group_count
