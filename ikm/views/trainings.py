"""Dinas pages for trainings: the list, registration and attendance, certificates (PDF)."""

from datetime import date
from itertools import groupby

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Min
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateformat import format as date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ikm.models import (
    Attendance,
    BusinessGroup,
    Member,
    Training,
    TrainingDay,
    TrainingRegistration,
)
from ikm.services.trainings import (
    certificate_eligible,
    participation_by_kelurahan_and_theme,
    training_attendance_save,
    training_register,
)
from portal.districts import district_filter, in_districts, staff_districts
from portal.parsing import only_digits
from portal.pdf import pdf_response
from portal.roles import require_dinas
from portal.widgets import QuickSelect


def _require_dinas(user) -> None:
    require_dinas(user, "ikm.view_training")


def _trainings():
    """Every training a Dinas user may see (all of them): the one place views fetch from."""
    return Training.objects.all()


# Trainings are the city's; a participant belongs to the kecamatan of the group they came
# from, and staff limited to some kecamatan see and mark only those participants.
REGISTRATION_KECAMATAN = "group__kelurahan__kecamatan"


def _registrations(user, training: Training | None = None):
    registrations = TrainingRegistration.objects.all()
    if training is not None:
        registrations = registrations.filter(training=training)
    return in_districts(registrations, user, REGISTRATION_KECAMATAN)


def _nik_digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class RegistrationForm(forms.Form):
    """A participant by NIK; the group they come from is asked only when they have several.

    The group's choices are the typed person's own active groups within the staff member's
    reach: a province has a hundred thousand groups, too many for one list (5 MB a page).
    """

    # Kept with its only view: a second form module for one small form is more to read.
    nik = forms.CharField(
        label=gettext_lazy("NIK peserta"),
        max_length=16,
        help_text=gettext_lazy("16 angka, seperti di KTP. Peserta harus sudah tercatat anggota."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    group = forms.ModelChoiceField(
        label=gettext_lazy("Dari kelompok"),
        queryset=BusinessGroup.objects.none(),
        required=False,
        help_text=gettext_lazy("Peserta anggota beberapa kelompok: pilih asalnya."),
        widget=QuickSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limited = staff_districts(user) is not None
        self.in_reach = in_districts(BusinessGroup.objects.active(), user, "kelurahan__kecamatan")
        nik = _nik_digits(self.data.get("nik", "")) if self.is_bound else ""
        if nik:
            self.fields["group"].queryset = (
                self.in_reach.filter(
                    memberships__member__nik=nik, memberships__left_on__isnull=True
                )
                .only("id", "name")
                .order_by("name")
                .distinct()
            )

    def asks_group(self) -> bool:
        """Whether the form shows the group: a choice was made, or is to be made."""
        if not self.is_bound:
            return False
        return bool(self.data.get("group")) or "group" in self.errors

    def clean_nik(self) -> Member:
        members = Member.objects.filter(nik=_nik_digits(self.cleaned_data["nik"]))
        if self.limited:
            # Staff limited to some kecamatan find only the people of their groups.
            members = members.filter(memberships__group__in=self.in_reach)
        member = members.first()
        if member is None:
            raise ValidationError(_("Tidak ada anggota dengan NIK ini. Catat dulu di admin."))
        return member

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("nik") is not None and cleaned.get("group") is None:
            groups = list(self.fields["group"].queryset[:2])
            if len(groups) == 1:
                cleaned["group"] = groups[0]
            elif len(groups) > 1 or self.limited:
                # Staff limited to some kecamatan register a participant from a group
                # there, never from the person's group elsewhere (nor from none).
                self.add_error("group", _("Pilih kelompok peserta."))
        return cleaned


def _date_range(days: list[date]) -> str:
    """Training dates the Indonesian way: "9–10 April 2018", "30 April, 2 Mei 2018"."""
    parts = []
    for (year, _month), in_month in groupby(sorted(days), key=lambda d: (d.year, d.month)):
        in_month = list(in_month)
        runs, start, end = [], in_month[0], in_month[0]
        for day in in_month[1:]:
            if day.day == end.day + 1:
                end = day
                continue
            runs.append((start, end))
            start = end = day
        runs.append((start, end))
        numbers = ", ".join(str(a.day) if a == b else f"{a.day}\N{EN DASH}{b.day}" for a, b in runs)
        parts.append((year, f"{numbers} {date_format(in_month[0], 'F')}"))
    # The year is written once per year, after its last month.
    text = []
    for year, in_year in groupby(parts, key=lambda p: p[0]):
        text.append(", ".join(p[1] for p in in_year) + f" {year}")
    return ", ".join(text)


@login_required
def training_list(request):
    """Trainings with their days, places taken and attendance; participation in a summary."""
    _require_dinas(request.user)
    in_reach = district_filter(request.user, f"registrations__{REGISTRATION_KECAMATAN}")
    trainings = (
        _trainings()
        .annotate(
            registered=Count("registrations", filter=in_reach, distinct=True),
            marks=Count("registrations__attendances", filter=in_reach, distinct=True),
            first_day=Min("days__date"),
        )
        # Trainings still without days are being planned: they come first.
        .order_by(F("first_day").desc(nulls_first=True), "-id")
    )
    page = Paginator(trainings, 25).get_page(request.GET.get("page"))
    days = TrainingDay.objects.filter(training__in=[t.pk for t in page]).order_by("date")
    days_by_training = {
        pk: [d.date for d in group]
        for pk, group in groupby(
            sorted(days, key=lambda d: (d.training_id, d.date)), key=lambda d: d.training_id
        )
    }
    for training in page:
        training.dates = _date_range(days_by_training.get(training.pk, []))
        possible = training.registered * len(days_by_training.get(training.pk, []))
        training.attendance_rate = round(training.marks * 100 / possible) if possible else None
    return render(
        request,
        "ikm/training_list.html",
        {
            "page_obj": page,
            "trainings": page,
            "participation": participation_by_kelurahan_and_theme(
                _registrations(request.user).filter(training__in=_trainings())
            ),
        },
    )


def _save_attendance(request, training) -> None:
    present = []
    for value in request.POST.getlist("hadir"):
        registration_id, _sep, day_id = value.partition("-")
        if only_digits(registration_id) and only_digits(day_id):
            present.append((int(registration_id), int(day_id)))
    added, removed = training_attendance_save(
        training=training,
        present=present,
        by=request.user,
        registrations=_registrations(request.user, training),
    )
    messages.success(
        request,
        _("Kehadiran tersimpan (%(added)d ditambah, %(removed)d dihapus).")
        % {"added": added, "removed": removed},
    )


@login_required
@require_http_methods(["GET", "POST"])
def training_detail(request, pk):
    """Register participants by NIK and keep the attendance grid of one training."""
    _require_dinas(request.user)
    training = get_object_or_404(_trainings(), pk=pk)
    action = request.POST.get("aksi")
    form = RegistrationForm(request.POST if action == "daftar" else None, user=request.user)
    status = 200
    if action == "hadir":
        if not request.user.has_perm("ikm.change_attendance"):
            raise PermissionDenied
        _save_attendance(request, training)
        return redirect("ikm:training", pk=training.pk)
    if action == "daftar":
        if not request.user.has_perm("ikm.add_trainingregistration"):
            raise PermissionDenied
        if form.is_valid():
            try:
                registration = training_register(
                    training=training,
                    member=form.cleaned_data["nik"],
                    group=form.cleaned_data["group"],
                    by=request.user,
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("%(name)s terdaftar.") % {"name": registration.member.name},
                )
                return redirect("ikm:training", pk=training.pk)
        status = 400

    days = list(training.days.order_by("date"))
    registrations = list(
        _registrations(request.user, training)
        .with_days_attended()
        .select_related("member", "group")
        .order_by("member__name")
    )
    present = set(
        Attendance.objects.filter(registration__training=training).values_list(
            "registration_id", "day_id"
        )
    )
    for registration in registrations:
        registration.grid = [(day, (registration.pk, day.pk) in present) for day in days]
        registration.eligible = certificate_eligible(registration, day_count=len(days))
    return render(
        request,
        "ikm/training_detail.html",
        {
            "training": training,
            "days": days,
            "dates": _date_range([d.date for d in days]),
            "registrations": registrations,
            "places_left": max(training.capacity - training.registrations.count(), 0),
            "form": form,
        },
        status=status,
    )


@login_required
def training_certificate(request, pk, registration_pk):
    """A participant's certificate of attendance, as a PDF; only for who came every day."""
    _require_dinas(request.user)
    training = get_object_or_404(_trainings(), pk=pk)
    registration = get_object_or_404(
        _registrations(request.user, training).select_related("member", "group"),
        pk=registration_pk,
    )
    days = [d.date for d in training.days.order_by("date")]
    if not certificate_eligible(registration, day_count=len(days)):
        return render(
            request,
            "ikm/training_certificate_refused.html",
            {"training": training, "registration": registration},
            status=403,
        )
    return pdf_response(
        request,
        template_name="ikm/training_certificate.html",
        context={
            "training": training,
            "registration": registration,
            "dates": _date_range(days),
            "issued_on": days[-1],
        },
        filename=f"sertifikat-{slugify(registration.member.name) or registration.pk}.pdf",
    )
