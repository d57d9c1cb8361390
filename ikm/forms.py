from django import forms
from django.utils.translation import gettext_lazy as _

from ikm.models import Aid, BusinessGroup, Product
from ikm.services.aid import aid_fit_problem
from portal.forms import RupiahField
from portal.locking import VersionedModelForm


class AidForm(VersionedModelForm):
    """The admin's aid form: aid outside the group's theme needs a written justification."""

    class Meta:
        model = Aid
        fields = [
            "group",
            "kind",
            "items",
            "quantity",
            "value",
            "source",
            "funder",
            "handed_over_on",
            "intended_theme",
            "intended_kbli",
            "fit_justification",
        ]

    def clean(self):
        cleaned_data = super().clean()
        group = cleaned_data.get("group")
        if group is None:
            return cleaned_data
        aid = Aid(
            group=group,
            intended_theme=cleaned_data.get("intended_theme"),
            intended_kbli=cleaned_data.get("intended_kbli"),
        )
        problem = aid_fit_problem(aid)
        if problem and not cleaned_data.get("fit_justification", "").strip():
            self.add_error("fit_justification", problem)
        return cleaned_data


class GroupPublicProfileForm(VersionedModelForm):
    """What a group's ketua may change: how the group appears in the public directory."""

    class Meta:
        model = BusinessGroup
        fields = [
            "description",
            "address",
            "phone",
            "whatsapp",
            "photo",
            "listed_publicly",
            "show_leader_name",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "whatsapp": forms.TextInput(attrs={"inputmode": "tel"}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/*"}),
        }


class ProductForm(forms.ModelForm):
    price = RupiahField(label=Product._meta.get_field("price").verbose_name, required=False)

    class Meta:
        model = Product
        fields = ["name", "description", "price", "unit", "photo"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/*"}),
        }

    def __init__(self, *args, group: BusinessGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group

    def clean_name(self):
        # The group is not a form field, so ModelForm would skip the one-name-per-group rule.
        name = self.cleaned_data["name"].strip()
        same_name = self.instance.group.products.filter(name__iexact=name)
        if same_name.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Kelompok ini sudah punya produk bernama %(name)s."), params={"name": name}
            )
        return name
