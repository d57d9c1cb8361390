from django.db import models
from django.utils.translation import gettext_lazy as _

from ikm.validators import clean_digits, normalize_phone


class PhoneNumberField(models.CharField):
    """An Indonesian phone number, kept normalised as +62… whatever way it was typed."""

    description = _("Nomor telepon Indonesia")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 16)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return normalize_phone(super().to_python(value))


class DigitsField(models.CharField):
    """An identity number kept as digits only, whether typed with spaces, dots or dashes."""

    def to_python(self, value):
        value = super().to_python(value)
        return clean_digits(value) if value else value
