"""Dinas staff limited to their kecamatan (an officer per district).

A user with StaffDistrict rows sees and changes only the groups of those kecamatan and the
records that belong to them (members, products, aid, visits, applications…); anything
else answers 404, as if it did not exist. A user without any works for the whole city.
"""

from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import Http404

from portal.models import StaffDistrict

_CACHED = "_portal_districts"


def staff_districts(user) -> frozenset[str] | None:
    """The kecamatan codes `user` is limited to, or None when not limited (per request)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, _CACHED):
        codes = frozenset(
            StaffDistrict.objects.filter(user=user).values_list("kecamatan_id", flat=True)
        )
        setattr(user, _CACHED, codes or None)
    return getattr(user, _CACHED)


def in_districts(queryset, user, kecamatan_path: str):
    """`queryset` cut to the user's kecamatan; `kecamatan_path` leads from its model to a
    kecamatan (e.g. "group__kelurahan__kecamatan")."""
    if staff_districts(user) is None:
        return queryset
    condition = district_filter(user, kecamatan_path)
    if _crosses_many(queryset.model, kecamatan_path):
        # A member of two groups would be listed twice by a plain join.
        within = queryset.model._default_manager.filter(condition).values("pk")
        return queryset.filter(pk__in=within)
    return queryset.filter(condition)


def district_filter(user, kecamatan_path: str) -> Q:
    """The condition `in_districts` applies, also for aggregates (`Count(..., filter=...)`);
    empty when the user is not limited."""
    codes = staff_districts(user)
    return Q() if codes is None else Q(**{f"{kecamatan_path}__in": codes})


def _crosses_many(model, path: str) -> bool:
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


def kecamatan_allowed(user, code: str) -> bool:
    codes = staff_districts(user)
    return codes is None or code in codes


def require_kecamatan(user, code: str) -> None:
    """404 for a kecamatan (or a place in it) outside the user's districts."""
    if not kecamatan_allowed(user, code):
        raise Http404


class DistrictScopedAdmin:
    """ModelAdmin mixin: rows outside the user's districts are not listed, and opening one
    answers 404; choices of groups and kelurahan in its forms are cut the same way."""

    kecamatan_path: str  # from the admin's model to its kecamatan

    def get_queryset(self, request):
        return in_districts(super().get_queryset(request), request.user, self.kecamatan_path)

    def get_object(self, request, object_id, from_field=None):
        # The admin would send a row it cannot find back to the index with a message,
        # which tells that the row exists; outside the districts it simply does not.
        found = super().get_object(request, object_id, from_field)
        if found is None:
            raise Http404
        return found

    def history_view(self, request, object_id, extra_context=None):
        self._require_listed(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_listed(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _require_listed(self, request, object_id) -> None:
        # simple_history shows the history of a row it cannot find (a deleted one) from
        # its copies; staff limited to some kecamatan see only rows they can list.
        if staff_districts(request.user) is not None:
            self.get_object(request, unquote(object_id))  # 404 outside

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        path = DISTRICT_PATHS.get(db_field.related_model._meta.label_lower)
        if path is not None and staff_districts(request.user) is not None:
            queryset = kwargs.get("queryset") or db_field.related_model._default_manager.all()
            kwargs["queryset"] = in_districts(queryset, request.user, path)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# Records a form may point to, and the path from each to its kecamatan.
DISTRICT_PATHS = {
    "ikm.businessgroup": "kelurahan__kecamatan",
    "kelurahan.kelurahan": "kecamatan",
    "kelurahan.kecamatan": "code",
    "ikm.product": "group__kelurahan__kecamatan",
    "ikm.aid": "group__kelurahan__kecamatan",
    "ikm.enrolment": "group__kelurahan__kecamatan",
    "ikm.trainingregistration": "group__kelurahan__kecamatan",
    "ikm.member": "memberships__group__kelurahan__kecamatan",
    "financing.mentorassignment": "group__kelurahan__kecamatan",
}
