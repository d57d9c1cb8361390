from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from ikm.models import Target
from ikm.services.targets import target_years, targets_against_records
from portal.districts import staff_districts
from portal.roles import require_dinas


@login_required
def targets(request):
    """City and kelurahan targets of a year against what the records show (staff limited
    to some kecamatan: their kelurahan's targets only)."""
    require_dinas(request.user, "ikm.view_target")
    years = target_years()
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        year = years[0] if years else timezone.localdate().year
    return render(
        request,
        "ikm/targets.html",
        {
            "year": year,
            "years": years,
            "rows": targets_against_records(
                year=year, kecamatan_codes=staff_districts(request.user)
            ),
            "money_measure": Target.Measure.AID_VALUE,
        },
    )
