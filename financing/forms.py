import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from financing.models import BookkeepingVisit, CreditApplication, CreditScheme, LenderStaff
from financing.services import STATUS_STEPS
from ikm.models import BusinessGroup
from portal import roles
from portal.forms import RupiahField


class VisitForm(forms.ModelForm):
    """A bookkeeping visit, filled in on a phone in the field."""

    revenue = RupiahField(label=_("Omzet bulan ini (Rp)"))
    expenses = RupiahField(label=_("Pengeluaran bulan ini (Rp)"))
    cash_on_hand = RupiahField(label=_("Kas di tangan (Rp)"))
    savings_balance = RupiahField(label=_("Saldo tabungan (Rp)"))
    seriousness = forms.TypedChoiceField(
        label=_("Kesungguhan kelompok"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = tidak serius, 5 = sangat serius"),
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = BookkeepingVisit
        fields = [
            "visited_on",
            "duration_minutes",
            "attendees",
            "topics",
            *BookkeepingVisit.CHECKLIST,
            *BookkeepingVisit.FIGURES,
            "seriousness",
            "notes",
            "next_steps",
            "photo",
        ]
        widgets = {
            "visited_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "duration_minutes": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "topics": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
            "photo": forms.ClearableFileInput(
                attrs={"accept": "image/*", "capture": "environment"}
            ),
        }

    @classmethod
    def starting_from(cls, last_visit: BookkeepingVisit | None) -> "VisitForm":
        """A new visit form that starts from the group's last visit, to confirm or change."""
        initial = {
            "visited_on": timezone.localdate(),
            "duration_minutes": 60,
            "idempotency_key": uuid.uuid4(),
        }
        if last_visit:
            carried = ["attendees", *BookkeepingVisit.CHECKLIST, *BookkeepingVisit.FIGURES]
            initial |= {name: getattr(last_visit, name) for name in carried}
            initial["duration_minutes"] = last_visit.duration_minutes
        return cls(initial=initial)

    def visit_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def clean(self):
        cleaned = super().clean()
        revenue, expenses = cleaned.get("revenue"), cleaned.get("expenses")
        if revenue == 0 and expenses == 0 and not cleaned.get("notes"):
            self.add_error(
                "notes", _("Omzet dan pengeluaran nol: tulis sebabnya di catatan (mis. libur).")
            )
        return cleaned


class CreditProposalForm(forms.Form):
    scheme = forms.ModelChoiceField(
        label=_("Skema kredit"), queryset=CreditScheme.objects.filter(active=True)
    )
    amount_requested = RupiahField(label=_("Jumlah yang diajukan (Rp)"))
    tenor_months = forms.IntegerField(
        label=_("Tenor (bulan)"),
        min_value=1,
        max_value=120,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    purpose = forms.CharField(label=_("Keperluan"), max_length=300)


class CreditDecisionForm(forms.Form):
    status = forms.ChoiceField(label=_("Keputusan atau status baru"))
    amount_approved = RupiahField(label=_("Jumlah disetujui (Rp)"), required=False)
    collectibility = forms.TypedChoiceField(
        label=_("Kolektibilitas"),
        choices=[("", "—"), *CreditApplication.Collectibility.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, application: CreditApplication, **kwargs):
        super().__init__(*args, **kwargs)
        steps = STATUS_STEPS[application.status]
        self.fields["status"].choices = [
            (value, label) for value, label in CreditApplication.Status.choices if value in steps
        ]


def mentors_queryset():
    return (
        LenderStaff.objects.filter(user__groups__name=roles.BANK_MENTOR, user__is_active=True)
        .select_related("user", "lender")
        .order_by("lender__name", "user__first_name")
    )


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, staff):
        return f"{staff.name} – {staff.lender}"


class AssignMentorForm(forms.Form):
    mentor = MentorChoiceField(label=_("Mentor"), queryset=LenderStaff.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors_queryset()


class BulkAssignForm(AssignMentorForm):
    groups = forms.ModelMultipleChoiceField(
        label=_("Kelompok tanpa mentor"),
        queryset=BusinessGroup.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, unmentored, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = unmentored
