from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ikm.models import BusinessGroup


@require_GET
def floor(request, pk):
    """The least a page of the portal can do: one primary-key query, a tiny template.

    Every benchmark figure is a ratio against this view, measured in the same run through
    the same middleware, so that the figures do not depend on the machine.
    """
    group = get_object_or_404(BusinessGroup.objects.only("pk", "name"), pk=pk)
    return render(request, "bench/floor.html", {"group": group})
