"""Dinas pages about one group (its timeline, its profile sheet) and the area reports."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from financing.models import Lender
from ikm.models import BusinessGroup
from ikm.views.exports import EXPORT_KINDS
from kelurahan.models import Kecamatan, Kelurahan
from portal.districts import in_districts, require_kecamatan
from portal.pdf import pdf_response
from portal.roles import require_dinas
from portal.workspace.sheets import area_summary, group_sheet
from portal.workspace.timeline import group_timeline, timeline_by_year


def _require_dinas(user) -> None:
    require_dinas(user, "ikm.view_businessgroup")


def _group(request, pk: int) -> BusinessGroup:
    """One group of the user's districts (every group for staff of the whole city)."""
    groups = in_districts(BusinessGroup.objects.all(), request.user, "kelurahan__kecamatan")
    return get_object_or_404(groups.select_related("kelurahan__kecamatan", "theme"), pk=pk)


@login_required
@require_GET
def group_timeline_view(request, pk):
    """Everything that happened to one group, newest first, under year headings."""
    _require_dinas(request.user)
    group = _group(request, pk)
    events = group_timeline(group=group)
    return render(
        request,
        "workspace/group_timeline.html",
        {"group": group, "years": timeline_by_year(events), "event_count": len(events)},
    )


@login_required
@require_GET
def group_sheet_view(request, pk):
    """The group's profile sheet as an official PDF; it lists members' NIK, so Dinas only."""
    _require_dinas(request.user)
    group = _group(request, pk)
    return pdf_response(
        request,
        template_name="reports/group_sheet.html",
        context={"sheet": group_sheet(group=group)},
        filename=f"profil-{group.slug}.pdf",
    )


def _year(request) -> int:
    """?tahun=2018; anything else (or nothing) means the current year."""
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _area_pdf(request, *, kecamatan: Kecamatan, kelurahan_list, kelurahan=None):
    year = _year(request)
    area = kelurahan or kecamatan
    return pdf_response(
        request,
        template_name="reports/area_summary.html",
        context={
            "kecamatan": kecamatan,
            "kelurahan": kelurahan,
            "summary": area_summary(
                kelurahan_list=kelurahan_list, year=year, with_groups=kelurahan is not None
            ),
        },
        filename=f"ringkasan-{slugify(area.name)}-{year}.pdf",
    )


@login_required
@require_GET
def kecamatan_summary(request, code):
    """A kecamatan's figures of a year, one row per kelurahan, as an official PDF."""
    _require_dinas(request.user)
    require_kecamatan(request.user, code)
    kecamatan = get_object_or_404(Kecamatan, code=code)
    return _area_pdf(
        request, kecamatan=kecamatan, kelurahan_list=list(kecamatan.kelurahan_set.order_by("code"))
    )


@login_required
@require_GET
def kelurahan_summary(request, code):
    """One kelurahan's figures of a year and its groups, as an official PDF."""
    _require_dinas(request.user)
    kelurahan = get_object_or_404(Kelurahan.objects.select_related("kecamatan"), code=code)
    require_kecamatan(request.user, kelurahan.kecamatan_id)
    return _area_pdf(
        request, kecamatan=kelurahan.kecamatan, kelurahan_list=[kelurahan], kelurahan=kelurahan
    )


# Up to this many kecamatan, the reports page lists every kelurahan under its kecamatan; a
# province's 8,563 made a page of 1.3 MB, so beyond, a kecamatan's kelurahan are listed when
# it is chosen.
KELURAHAN_LISTED_UP_TO_KECAMATAN = 60


@login_required
@require_GET
def reports(request):
    """The Dinas reports: every kecamatan and kelurahan summary, and each lender's report."""
    _require_dinas(request.user)
    kecamatan_list = list(in_districts(Kecamatan.objects.order_by("code"), request.user, "code"))
    every_kelurahan = len(kecamatan_list) <= KELURAHAN_LISTED_UP_TO_KECAMATAN
    kelurahan = Kelurahan.objects.order_by("code")
    if not every_kelurahan:
        kelurahan = kelurahan.filter(kecamatan=request.GET.get("kecamatan", ""))
    prefetch_related_objects(
        kecamatan_list, Prefetch("kelurahan_set", queryset=kelurahan, to_attr="kelurahan_listed")
    )
    return render(
        request,
        "workspace/reports.html",
        {
            "year": _year(request),
            "kecamatan_list": kecamatan_list,
            "every_kelurahan": every_kelurahan,
            "lenders": Lender.objects.order_by("name", "branch"),
            "export_kinds": EXPORT_KINDS,
        },
    )
