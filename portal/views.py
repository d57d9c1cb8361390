from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from financing import access
from ikm.filters import DirectoryFilter, kecamatan_with_groups, themes_with_groups
from ikm.models import BusinessGroup, Membership
from portal.caching import PUBLIC, cached_figures, cached_for_visitors
from portal.roles import is_dinas

FEATURED_GROUPS = 6


@require_GET
@cached_for_visitors
def home(request):
    groups = BusinessGroup.objects.published()
    return render(
        request,
        "portal/home.html",
        {
            "figures": cached_figures("home", (), _home_figures, scope=PUBLIC),
            "search_form": DirectoryFilter(queryset=groups).form,
            "themes": themes_with_groups(),
            "kecamatan_list": kecamatan_with_groups(),
            "featured_groups": groups.exclude(photo="")
            .for_listing()
            .order_by("-updated_at")[:FEATURED_GROUPS],
        },
    )


def _home_figures() -> dict[str, int]:
    """Counted over the whole area: a province's half a million members take a while,
    so they are kept until a public change."""
    groups = BusinessGroup.objects.published()
    return {
        "groups": groups.count(),
        "members": Membership.objects.active()
        .filter(group__in=groups)
        .values("member_id")
        .distinct()
        .count(),
        "kelurahan": groups.values("kelurahan_id").distinct().count(),
    }


LANGUAGE_COOKIE_SECONDS = 365 * 24 * 60 * 60


@require_GET
def language_choose(request):
    """Switch the portal's language and go back to the page the visitor was on.

    A plain link or GET form, unlike Django's set_language (POST with a CSRF token): public
    pages then carry no per-visitor token and can be cached for everybody. Choosing a
    language is a harmless preference, so nothing is lost by allowing it through GET.
    """
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(next_url)
    language = request.GET.get("language")
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=LANGUAGE_COOKIE_SECONDS,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


@login_required
def landing(request):
    """Where a user goes after log-in: their own workspace."""
    if access.is_mentor(request.user):
        return redirect("financing:my_groups")
    if access.is_supervisor(request.user):
        return redirect("financing:lender")
    if is_dinas(request.user):
        return redirect("workspace:dashboard")
    if request.user.is_staff:
        return redirect("admin:index")
    if BusinessGroup.objects.led_by(request.user).exists():
        return redirect("ikm:leader_groups")
    return redirect("home")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /masuk/",
        "Disallow: /beranda/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


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
