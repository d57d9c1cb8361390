from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ikm.models import BusinessGroup, Membership, Theme
from kelurahan.models import Kecamatan


def home(request):
    groups = BusinessGroup.objects.published()
    figures = {
        "groups": groups.count(),
        "members": Membership.objects.active()
        .filter(group__in=groups)
        .values("member_id")
        .distinct()
        .count(),
        "kelurahan": groups.values("kelurahan_id").distinct().count(),
    }
    return render(
        request,
        "portal/home.html",
        {
            "figures": figures,
            "themes": Theme.objects.filter(groups__in=groups).distinct(),
            "kecamatan_list": Kecamatan.objects.filter(kelurahan_set__groups__in=groups).distinct(),
        },
    )


@login_required
def landing(request):
    """Where a user goes after log-in: Dinas staff to their back office, others home."""
    if request.user.is_staff:
        return redirect("admin:index")
    return redirect("home")


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
