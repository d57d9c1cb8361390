import uuid

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from financing.models import (
    BookkeepingVisit,
    CreditApplication,
    CreditScheme,
    Lender,
    LenderStaff,
)
from financing.services import STATUS_STEPS
from ikm.models import BusinessGroup
from kelurahan.forms import KecamatanChoiceField
from kelurahan.models import Kecamatan
from portal import roles
from portal.forms import RupiahField
from portal.widgets import QuickSelect


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
    # A province has some 1,500 mentors: QuickSelect writes their options without a template
    # each.
    mentor = MentorChoiceField(
        label=_("Mentor"), queryset=LenderStaff.objects.none(), widget=QuickSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors_queryset()


class BulkAssignForm(AssignMentorForm):
    """A mentor for the groups ticked on one page of the groups without a mentor.

    Any active mentor and any group without a mentor in the user's reach are accepted, but
    only some are offered: the page's groups (`shown`), and the mentors of the lender chosen
    in the filter (`lender`), or all of them when they are few. A province has tens of
    thousands of groups without a mentor and some 1,500 mentors.
    """

    MENTORS_LISTED_MAX = 100  # without a lender chosen; a city has a few dozen

    groups = forms.ModelMultipleChoiceField(
        label=_("Kelompok tanpa mentor"),
        queryset=BusinessGroup.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, unmentored, shown=(), lender=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["mentor"]
        mentors = field.queryset.filter(lender=lender) if lender else field.queryset
        offered = list(mentors if lender else mentors[: self.MENTORS_LISTED_MAX + 1])
        if len(offered) > self.MENTORS_LISTED_MAX and not lender:
            offered = []
            field.help_text = _(
                "Pilih lembaga pada saringan lalu Tampilkan: mentornya muncul di sini."
            )
        # The widgets' choices are set after the querysets, which would list them all again.
        field.widget.choices = [
            ("", field.empty_label),
            *((staff.pk, field.label_from_instance(staff)) for staff in offered),
        ]
        self.fields["groups"].queryset = unmentored
        self.fields["groups"].widget.choices = [
            (group.pk, f"{group.name} · {group.kelurahan.name}") for group in shown
        ]


class CoverageFilterForm(forms.Form):
    """Narrows the coverage page's lists: groups by name, NIB or kecamatan, mentors by
    lender. Every field is in the query string."""

    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=150,
        help_text=_("Nama kelompok atau NIB."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kecamatan = KecamatanChoiceField(
        label=_("Kecamatan"),
        queryset=Kecamatan.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Semua kecamatan"),
    )
    lembaga = forms.ModelChoiceField(
        label=_("Lembaga"),
        queryset=Lender.objects.order_by("name", "branch"),
        required=False,
        empty_label=_("Semua lembaga"),
        widget=QuickSelect,
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        # The kecamatan holding the user's groups: staff limited to some see only theirs.
        self.fields["kecamatan"].queryset = groups.kecamatan_holding().order_by("name")

    def _value(self, name):
        """The field's valid value; an invalid one (another's kecamatan) narrows nothing."""
        if not self.is_bound or name in self.errors:
            return None
        return self.cleaned_data.get(name)

    def filter_groups(self, groups, prefix: str = ""):
        """`groups` (or records reached from a group through `prefix`, e.g. "group__")
        narrowed by name or NIB and kecamatan."""
        if kecamatan := self._value("kecamatan"):
            groups = groups.filter(**{f"{prefix}kelurahan__kecamatan_id": kecamatan.code})
        if text := " ".join((self._value("q") or "").split()):
            groups = groups.filter(
                Q(**{f"{prefix}name__icontains": text})
                | Q(**{f"{prefix}nib": text.replace(" ", "")})
            )
        return groups

    def lender(self) -> Lender | None:
        return self._value("lembaga")

    def is_filtering(self) -> bool:
        return any(self._value(name) for name in self.fields)
