from django import forms

from ikm.models import Aid
from ikm.services.aid import aid_fit_problem


class AidForm(forms.ModelForm):
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
