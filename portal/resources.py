"""Shared pieces of the spreadsheet imports and exports (django-import-export)."""

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key named in the spreadsheet by a natural key, with a message staff can act on."""

    def __init__(self, model, field):
        super().__init__(model, field=field)

    def clean(self, value, row=None, **kwargs):
        value = str(value).strip() if value is not None else ""
        if not value:
            return None
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist as error:
            message = _("%(model)s dengan %(key)s '%(value)s' tidak ditemukan.") % {
                "model": self.model._meta.verbose_name,
                "key": self.model._meta.get_field(self.field).verbose_name,
                "value": value,
            }
            raise ValueError(message[0].upper() + message[1:]) from error


def lookup_field(attribute: str, model, key: str, label) -> fields.Field:
    """A column that names a related record by its natural key, headed by its label."""
    return fields.Field(
        attribute=attribute, column_name=str(label), widget=LookupWidget(model, key)
    )


class PortalResource(resources.ModelResource):
    """Every import validates rows like a form would, and never half-saves a file.

    Columns are headed by the fields' Indonesian labels ("nama kelompok", "kelurahan"), as
    Dinas spreadsheets are.
    """

    class Meta:
        abstract = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        field.column_name = str(django_field.verbose_name)
        return field
