from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from portal.formatting import rupiah
from portal.parsing import parse_rupiah


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."
        ),
        "inactive": _("Akun ini tidak aktif. Hubungi admin Dinas."),
    }


class RupiahInput(forms.TextInput):
    """A text box for money on a phone: the numeric keypad, shown as 1.500.000."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int):
            return rupiah(value).removeprefix("Rp ")
        return super().format_value(value)


class RupiahField(forms.Field):
    """Whole Rupiah typed as 1.500.000, 1500000, Rp 1.500.000 or 1,5 juta."""

    widget = RupiahInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_rupiah(value)
