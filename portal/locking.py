"""Optimistic locking: two people editing the same record cannot overwrite each other.

A versioned record has a `version` field that every save moves on by one. A form carries the
version it was opened at (`VersionedModelForm.expected_version`); its save is one conditional
UPDATE ... WHERE pk = %s AND version = %s, and finding no such row means someone else saved
the record in between: the save is refused (`StaleVersion`) and nothing of it is written.
Saves without a form (imports, services, the demo loader) check nothing and only move the
version on, so that a form opened before them is refused too.
"""

from django import forms
from django.db import router, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

STALE_MESSAGE = _(
    "Data ini sudah diubah oleh orang lain sejak Anda membukanya. Periksa perubahan terbaru "
    "lalu simpan lagi."
)


class StaleVersion(Exception):
    """The record was saved by someone else since the form was opened."""


class VersionedModel:
    """Mixin for a model with `version = models.PositiveIntegerField(default=0, editable=False)`.

    A save() override rather than a service: the admin, the ModelForms and every programmatic
    save reach the database through save(), and each of them must move the version on.
    """

    # The version the next save() expects to find in the database (set by the form); None
    # for a save that checks nothing.
    expected_version: int | None = None

    def save(self, *args, **kwargs):
        if self._state.adding:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            self._version_move_on(using)
            super().save(*args, **kwargs)

    def _version_move_on(self, using: str) -> None:
        rows = type(self)._base_manager.using(using).filter(pk=self.pk)
        expected, self.expected_version = self.expected_version, None
        if expected is None:
            rows.update(version=F("version") + 1)
            moved_to = rows.values_list("version", flat=True).first()
            if moved_to is not None:  # else the row is gone and save() inserts it again
                self.version = moved_to
        elif rows.filter(version=expected).update(version=expected + 1):
            self.version = expected + 1
        else:
            raise StaleVersion


def version_in_database(instance: VersionedModel) -> int | None:
    """The record's version as last committed (None if it was deleted)."""
    model = type(instance)
    rows = model._base_manager.using(router.db_for_write(model, instance=instance))
    return rows.filter(pk=instance.pk).values_list("version", flat=True).first()


class VersionedModelForm(forms.ModelForm):
    """A ModelForm of a VersionedModel: it carries the version it was opened at and refuses
    to save over a newer one, keeping everything typed.

    The check in clean() gives the refusal on the form; the conditional write in save() is
    what guarantees it, against a save that lands between the two: views catch StaleVersion
    from form.save() and call `refuse_as_stale()`.
    """

    # Not "version": a ModelForm may not name a non-editable model field.
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("expected_version", self.instance.version)
        # A new record has no earlier version to compare with.
        self.fields["expected_version"].required = not self.instance._state.adding

    def clean(self):
        cleaned_data = super().clean()
        expected = cleaned_data.get("expected_version")
        if self.instance.pk is not None and expected is not None:
            self.instance.expected_version = expected
            if version_in_database(self.instance) != expected:
                self.refuse_as_stale()
        return cleaned_data

    def refuse_as_stale(self) -> None:
        self.add_error(None, forms.ValidationError(STALE_MESSAGE, code="stale"))
        # The form shown again carries the version now saved, so that saving it again after
        # the warning is a deliberate choice rather than a refusal without end.
        self.data = self.data.copy()
        self.data[self.add_prefix("expected_version")] = version_in_database(self.instance)


class VersionedAdminMixin:
    """For the ModelAdmin of a VersionedModel; its form must be a VersionedModelForm, and a
    `fieldsets` of its own must list "expected_version"."""

    form = VersionedModelForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersion:
            # Someone saved between the form's check and this save, and the admin's
            # transaction took back all of this one, inlines included. Asked again, the
            # form's check sees the newer version and shows the refusal with the input kept.
            return super().changeform_view(request, object_id, form_url, extra_context)
