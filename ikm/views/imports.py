"""Dinas pages for importing a spreadsheet: upload, follow the check, preview, confirm."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ikm.imports.columns import SHEETS
from ikm.imports.template import template_csv, template_xlsx
from ikm.models import ImportJob
from ikm.services.imports import (
    import_job_confirm,
    import_job_expire,
    import_job_restart,
    import_job_start,
    import_job_validate_step,
)
from portal.roles import require_dinas

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
RECENT_JOBS = 10
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_importer(user) -> None:
    require_dinas(user, "ikm.add_businessgroup")


def _job_for(request, pk: int) -> ImportJob:
    return get_object_or_404(ImportJob.objects.for_user(request.user), pk=pk)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas"),
        help_text=gettext_lazy("Excel (.xlsx) atau CSV, paling besar 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Jenis data"),
        choices=[("", gettext_lazy("Kenali otomatis"))] + ImportJob.Kind.choices,
        required=False,
        help_text=gettext_lazy(
            "Untuk CSV atau lembar tunggal; buku kerja dengan lembar Kelompok, Anggota dan "
            "Produk dikenali dari nama lembarnya."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise ValidationError(_("Unggah berkas .xlsx atau .csv."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Berkas lebih dari 20 MB; bagi menjadi beberapa berkas."))
        return upload


@login_required
def import_start(request):
    _require_importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_job_start(
            user=request.user,
            uploaded_file=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"] or None,
        )
        return redirect("ikm:import_detail", pk=job.pk)
    jobs = ImportJob.objects.filter(user=request.user)[:RECENT_JOBS]
    return render(
        request,
        "ikm/import_start.html",
        {"form": form, "jobs": jobs, "csv_kinds": ImportJob.Kind.choices},
    )


def _advance(job: ImportJob) -> ImportJob:
    """One step of checking per page view or poll; a dead save is marked failed."""
    job = import_job_expire(job=job)
    if job.status in (ImportJob.Status.QUEUED, ImportJob.Status.VALIDATING):
        job = import_job_validate_step(job=job)
    return job


@login_required
@require_GET
def import_detail(request, pk: int):
    _require_importer(request.user)
    job = _advance(_job_for(request, pk))
    problems_by_sheet = {}
    for problem in job.problems:
        problems_by_sheet.setdefault(problem["sheet"], []).append(problem)
    sheet_titles = {kind: sheet.title for kind, sheet in SHEETS.items()}
    return render(
        request,
        "ikm/import_detail.html",
        {
            "job": job,
            "sheets": job.summary.get("sheets", []),
            "problem_groups": [
                (sheet_titles.get(kind, _("Berkas")), items)
                for kind, items in problems_by_sheet.items()
            ],
            "status_url": reverse("ikm:import_status", args=[job.pk]),
        },
    )


@login_required
@require_GET
def import_status(request, pk: int):
    _require_importer(request.user)
    job = _advance(_job_for(request, pk))
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "total_rows": job.total_rows,
            "processed_rows": job.processed_rows,
            "percent": job.percent,
            "in_progress": job.in_progress,
        }
    )


@login_required
@require_POST
def import_confirm(request, pk: int):
    _require_importer(request.user)
    job = _job_for(request, pk)
    if job.status == ImportJob.Status.READY:
        job = import_job_confirm(job=job, user=request.user)
        if job.status == ImportJob.Status.DONE:
            messages.success(request, _("Data berkas %(name)s sudah diimpor.") % {"name": job})
        elif job.status == ImportJob.Status.FAILED:
            messages.error(request, job.error)
    elif job.status != ImportJob.Status.DONE:
        messages.error(request, _("Berkas ini belum siap diimpor."))
    return redirect("ikm:import_detail", pk=job.pk)


@login_required
@require_POST
def import_restart(request, pk: int):
    _require_importer(request.user)
    job = import_job_restart(job=import_job_expire(job=_job_for(request, pk)))
    return redirect("ikm:import_detail", pk=job.pk)


@login_required
@require_GET
def import_template(request):
    _require_importer(request.user)
    response = HttpResponse(template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-impor-kelompok.xlsx"'
    return response


@login_required
@require_GET
def import_template_csv(request, kind: str):
    _require_importer(request.user)
    response = HttpResponse(template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="templat-impor-{kind}.csv"'
    return response
