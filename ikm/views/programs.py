"""Dinas pages on programs: each road map's plan set against what the groups really did."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikm.charts import plan_reality_chart
from ikm.models import BusinessGroup, Program, Theme
from ikm.services.programs import plan_versus_reality, programs_overview
from kelurahan.models import Kecamatan
from portal.districts import in_districts
from portal.roles import require_dinas


class ProgramFilterForm(forms.Form):
    kecamatan = forms.ModelChoiceField(
        Kecamatan.objects.none(),
        to_field_name="code",
        required=False,
        label=_("Kecamatan"),
        empty_label=_("Semua kecamatan"),
    )
    tema = forms.ModelChoiceField(
        Theme.objects.none(),
        to_field_name="slug",
        required=False,
        label=_("Tema industri"),
        empty_label=_("Semua tema"),
    )

    def __init__(self, *args, program: Program, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Only the places and themes of groups in this program, so no choice gives nothing.
        enrolled = BusinessGroup.objects.filter(enrolments__program=program)
        self.fields["kecamatan"].queryset = Kecamatan.objects.filter(
            kelurahan_set__groups__in=enrolled
        ).distinct()
        self.fields["tema"].queryset = Theme.objects.filter(groups__in=enrolled).distinct()

    def groups(self):
        groups = in_districts(BusinessGroup.objects.all(), self.user, "kelurahan__kecamatan")
        if kecamatan := self.cleaned_data.get("kecamatan"):
            groups = groups.in_kecamatan(kecamatan.code)
        if theme := self.cleaned_data.get("tema"):
            groups = groups.filter(theme=theme)
        return groups


def _require_dinas(user) -> None:
    require_dinas(user, "ikm.view_stageprogress")


@login_required
def program_list(request):
    """Every program with, per stage, how many groups are on plan, late or done."""
    _require_dinas(request.user)
    return render(
        request,
        "ikm/program_list.html",
        {"reports": programs_overview(today=timezone.localdate())},
    )


@login_required
def program_detail(request, pk: int):
    """One program's plan versus reality, for the groups of a kecamatan and/or a theme."""
    _require_dinas(request.user)
    program = get_object_or_404(Program.objects.all(), pk=pk)
    form = ProgramFilterForm(request.GET or None, program=program, user=request.user)
    groups = in_districts(BusinessGroup.objects.all(), request.user, "kelurahan__kecamatan")
    if form.is_valid():
        groups = form.groups()
    report = plan_versus_reality(program=program, groups_qs=groups, today=timezone.localdate())
    return render(
        request,
        "ikm/program_detail.html",
        {
            "program": program,
            "form": form,
            "filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
            "report": report,
            "chart": plan_reality_chart(report),
        },
    )
