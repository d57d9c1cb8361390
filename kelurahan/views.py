from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ikm.models import BusinessGroup
from kelurahan.models import Kelurahan
from portal.caching import cached_for_visitors
from portal.pagination import FirstPageCountingPaginator


@require_GET
@cached_for_visitors
def kelurahan_detail(request, code):
    kelurahan = get_object_or_404(Kelurahan.objects.select_related("kecamatan__regency"), code=code)
    active_groups = BusinessGroup.objects.active().filter(kelurahan=kelurahan)
    listed = active_groups.published().for_listing().order_by("name")
    active_count = active_groups.count()
    return render(
        request,
        "kelurahan/kelurahan_detail.html",
        {
            "kelurahan": kelurahan,
            "active_count": active_count,
            "shortfall": max(kelurahan.min_groups_target - active_count, 0),
            "page_obj": FirstPageCountingPaginator(listed, 20).get_page(request.GET.get("page")),
        },
    )
