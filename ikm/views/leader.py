"""Pages for a group's ketua: the group's public profile and its products.

A ketua reaches only the groups they lead (`BusinessGroup.objects.led_by`); any other
group's address answers 404, so the pages do not reveal which groups exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ikm.forms import GroupPublicProfileForm, ProductForm
from ikm.models import BusinessGroup, Product
from portal.locking import StaleVersion


def _led_groups(user):
    if not user.has_perm("ikm.change_businessgroup"):
        raise PermissionDenied
    return BusinessGroup.objects.led_by(user)


def _led_group(user, slug: str) -> BusinessGroup:
    return get_object_or_404(_led_groups(user), slug=slug)


def _product(group: BusinessGroup, pk: int) -> Product:
    return get_object_or_404(group.products.all(), pk=pk)


@login_required
def my_groups(request):
    groups = list(_led_groups(request.user).select_related("theme", "kelurahan"))
    if len(groups) == 1:
        return redirect("ikm:leader_group", slug=groups[0].slug)
    return render(request, "ikm/leader_groups.html", {"groups": groups})


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, slug):
    group = _led_group(request.user, slug)
    form = GroupPublicProfileForm(request.POST or None, request.FILES or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except StaleVersion:
            form.refuse_as_stale()
        else:
            messages.success(request, _("Profil kelompok disimpan."))
            return redirect("ikm:leader_group", slug=group.slug)
    return render(
        request,
        "ikm/leader_group.html",
        {"group": group, "form": form, "products": group.products.order_by("name")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request, slug, pk=None):
    group = _led_group(request.user, slug)
    product = _product(group, pk) if pk else None
    form = ProductForm(request.POST or None, request.FILES or None, instance=product, group=group)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Produk %(name)s disimpan.") % {"name": form.instance.name})
        return redirect("ikm:leader_group", slug=group.slug)
    return render(
        request, "ikm/leader_product_form.html", {"group": group, "form": form, "product": product}
    )


@login_required
@require_POST
def product_delete(request, slug, pk):
    group = _led_group(request.user, slug)
    product = _product(group, pk)
    product.delete()
    messages.success(request, _("Produk %(name)s dihapus.") % {"name": product.name})
    return redirect("ikm:leader_group", slug=group.slug)
