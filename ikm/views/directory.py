"""The public UMKM directory: no log-in, published groups and public fields only."""

import csv

from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ikm.filters import DirectoryFilter
from ikm.imports.sheets import csv_safe
from ikm.models import BusinessGroup, Certification, MarketplaceLink, Product, Theme
from ikm.opendata import PUBLIC_COLUMNS, group_public_record
from portal.caching import cached_for_visitors
from portal.pagination import FirstPageCountingPaginator

GROUPS_PER_PAGE = 20


def _directory_filter(request) -> DirectoryFilter:
    return DirectoryFilter(request.GET, queryset=BusinessGroup.objects.published(), request=request)


def _page(request, queryset):
    return FirstPageCountingPaginator(queryset, GROUPS_PER_PAGE).get_page(request.GET.get("page"))


@require_GET
@cached_for_visitors
def directory(request):
    directory_filter = _directory_filter(request)
    groups = directory_filter.qs.for_listing() if directory_filter.is_valid() else None
    return render(
        request,
        "ikm/directory.html",
        {
            "filter": directory_filter,
            "page_obj": _page(request, groups) if groups is not None else None,
            "query_string": _query_string_without_page(request),
        },
    )


def _query_string_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _marketplace_links() -> Prefetch:
    # By platform only: the model's default order (by group name) joins the groups again.
    return Prefetch(
        "marketplace_links", queryset=MarketplaceLink.objects.order_by("platform", "pk")
    )


@require_GET
@cached_for_visitors
def group_profile(request, slug):
    products = Product.objects.prefetch_related(
        Prefetch("certifications", queryset=Certification.objects.order_by("kind"))
    ).order_by("name")
    group = get_object_or_404(
        BusinessGroup.objects.published()
        .select_related("theme", "kelurahan__kecamatan")
        .prefetch_related(Prefetch("products", queryset=products), _marketplace_links()),
        slug=slug,
    )
    leader = group.leader if group.show_leader_name else None
    if leader and leader.anonymised_on:
        leader = None  # a placeholder name would only say that the ketua asked for it
    return render(
        request,
        "ikm/group_profile.html",
        {
            "group": group,
            "leader": leader,
            "related_groups": BusinessGroup.objects.published()
            .filter(theme=group.theme)
            .exclude(pk=group.pk)
            .select_related("kelurahan")
            .order_by("name")[:4],
        },
    )


@require_GET
@cached_for_visitors
def theme_detail(request, slug):
    theme = get_object_or_404(Theme.objects.prefetch_related("kbli"), slug=slug)
    groups = BusinessGroup.objects.published().filter(theme=theme).for_listing().order_by("name")
    return render(
        request, "ikm/theme_detail.html", {"theme": theme, "page_obj": _page(request, groups)}
    )


def _open_data_rows(request):
    directory_filter = _directory_filter(request)
    if not directory_filter.is_valid():
        return None, directory_filter.errors
    groups = directory_filter.qs.for_listing().prefetch_related(_marketplace_links())
    return [group_public_record(group, request=request) for group in groups], None


@require_GET
@cached_for_visitors
def directory_csv(request):
    rows, errors = _open_data_rows(request)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="umkm.csv"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.DictWriter(response, fieldnames=PUBLIC_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_value(value) for key, value in row.items()})
    return response


def _csv_value(value):
    # Opened in a spreadsheet: text it would run as a formula gets a leading apostrophe.
    return csv_safe(", ".join(value) if isinstance(value, list) else value)


@require_GET
@cached_for_visitors
def directory_json(request):
    rows, errors = _open_data_rows(request)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    return JsonResponse(
        {"count": len(rows), "results": rows}, json_dumps_params={"ensure_ascii": False}
    )
