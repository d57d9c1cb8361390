from django.utils.translation import gettext_lazy as _

from kelurahan.models import Kecamatan, Kelurahan, Province, Regency
from portal.resources import PortalResource, lookup_field


class ProvinceResource(PortalResource):
    class Meta(PortalResource.Meta):
        model = Province
        import_id_fields = ["code"]
        fields = ["code", "name"]


class RegencyResource(PortalResource):
    province = lookup_field("province", Province, "code", _("kode provinsi"))

    class Meta(PortalResource.Meta):
        model = Regency
        import_id_fields = ["code"]
        fields = ["code", "name", "province", "kind"]

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not instance.kind and instance.name:
            instance.kind = Regency.kind_for_name(instance.name)


class KecamatanResource(PortalResource):
    regency = lookup_field("regency", Regency, "code", _("kode kota/kabupaten"))

    class Meta(PortalResource.Meta):
        model = Kecamatan
        import_id_fields = ["code"]
        fields = ["code", "name", "regency"]


class KelurahanResource(PortalResource):
    kecamatan = lookup_field("kecamatan", Kecamatan, "code", _("kode kecamatan"))

    class Meta(PortalResource.Meta):
        model = Kelurahan
        import_id_fields = ["code"]
        fields = ["code", "name", "kecamatan", "kind", "min_groups_target"]

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not instance.kind and instance.code:
            instance.kind = Kelurahan.kind_for_code(instance.code)
