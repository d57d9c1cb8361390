from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from ikm.models import BusinessGroup, Member, Membership, Product, Theme
from ikm.services import group_slug_for
from kelurahan.models import Kelurahan
from portal.resources import PortalResource, lookup_field


class BusinessGroupResource(PortalResource):
    kelurahan = lookup_field("kelurahan", Kelurahan, "code", gettext_lazy("kode kelurahan"))
    theme = lookup_field("theme", Theme, "slug", gettext_lazy("tema industri (slug)"))

    class Meta(PortalResource.Meta):
        model = BusinessGroup
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "kind",
            "kelurahan",
            "theme",
            "status",
            "founded_on",
            "address",
            "phone",
            "whatsapp",
            "nib",
            "description",
            "workforce",
            "listed_publicly",
            "show_leader_name",
        ]

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not instance.slug and instance.name:
            instance.slug = group_slug_for(instance.name)


class MemberResource(PortalResource):
    """Members with the group they belong to; personal data, so only staff may export it."""

    group = fields.Field(column_name=gettext_lazy("kelompok (slug)"), readonly=True)
    role = fields.Field(column_name=gettext_lazy("peran"), readonly=True)
    joined_on = fields.Field(
        column_name=gettext_lazy("tanggal bergabung"), readonly=True, widget=widgets.DateWidget()
    )

    class Meta(PortalResource.Meta):
        model = Member
        import_id_fields = ["nik"]
        fields = ["nik", "name", "gender", "phone", "address", "group", "role", "joined_on"]
        # A row may change only the membership, so rows are never skipped as unchanged.
        skip_unchanged = False

    def get_queryset(self):
        return super().get_queryset().prefetch_related("memberships__group")

    def _active(self, member):
        return [m for m in member.memberships.all() if m.left_on is None]

    def dehydrate_group(self, member):
        return ", ".join(m.group.slug for m in self._active(member))

    def dehydrate_role(self, member):
        return ", ".join(m.role for m in self._active(member))

    def dehydrate_joined_on(self, member):
        return ", ".join(m.joined_on.isoformat() for m in self._active(member))

    def after_save_instance(self, instance, row, **kwargs):
        slug = str(row.get(self.fields["group"].column_name) or "").strip()
        if not slug:
            return
        group = BusinessGroup.objects.filter(slug=slug).first()
        if group is None:
            raise ValidationError(_("Kelompok '%(slug)s' tidak ditemukan.") % {"slug": slug})
        membership = Membership.objects.active().filter(
            member=instance, group=group
        ).first() or Membership(member=instance, group=group)
        role = str(row.get(self.fields["role"].column_name) or "").strip().lower()
        if role:
            membership.role = role
        joined_on = row.get(self.fields["joined_on"].column_name)
        if joined_on:
            membership.joined_on = self.fields["joined_on"].widget.clean(joined_on)
        membership.full_clean()
        membership.save()


class ProductResource(PortalResource):
    group = lookup_field("group", BusinessGroup, "slug", gettext_lazy("kelompok (slug)"))

    class Meta(PortalResource.Meta):
        model = Product
        import_id_fields = ["group", "name"]
        fields = ["group", "name", "description", "price", "unit"]
