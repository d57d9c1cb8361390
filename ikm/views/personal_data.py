"""Dinas pages for a member's rights under UU PDP: their data as PDF or JSON, anonymisation.

Both are reached from the member's page in the admin. Exporting needs the rights to read
NIK and contact details; anonymising is for Admin Dinas only. Each is kept in the audit
trail (portal.audit) with who did it, never with the personal values themselves.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ikm.models import Member
from ikm.services.personal_data import (
    may_anonymise,
    may_export_personal_data,
    member_anonymise,
    member_personal_data,
)
from portal.audit import audit_record
from portal.districts import in_districts
from portal.models import AuditEvent
from portal.pdf import pdf_response


def _member(request, pk: int) -> Member:
    """One member of the user's districts (any member for staff of the whole city)."""
    members = in_districts(
        Member.objects.all(), request.user, "memberships__group__kelurahan__kecamatan"
    )
    return get_object_or_404(members.select_related("user"), pk=pk)


@login_required
@require_GET
@never_cache
def member_personal_data_export(request, pk, fmt):
    """Everything the portal holds about one member, for the person, as PDF or JSON."""
    if not may_export_personal_data(request.user):
        raise PermissionDenied
    member = _member(request, pk)
    data = member_personal_data(member=member)
    filename = f"data-pribadi-anggota-{member.pk}.{fmt}"
    if fmt == "pdf":
        response = pdf_response(
            request,
            template_name="reports/member_personal_data.html",
            context={"data": data},
            filename=filename,
        )
    else:
        response = JsonResponse(
            data, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    audit_record(
        action=AuditEvent.Action.PERSONAL_DATA_EXPORT,
        request=request,
        target=f"ikm.Member {member.pk}",
        detail={"format": fmt, "anonymised": member.anonymised_on is not None},
    )
    return response


class AnonymiseForm(forms.Form):
    # Kept with its only view, as the training registration form is.
    requested_on = forms.DateField(
        label=gettext_lazy("Tanggal permintaan"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Hari orang ini meminta datanya dihapus."),
    )
    note = forms.CharField(
        label=gettext_lazy("Catatan"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "Mis. nomor surat permintaan. Jangan tulis data pribadi di sini: catatan ini "
            "disimpan di jejak audit."
        ),
    )

    def clean_requested_on(self):
        requested_on = self.cleaned_data["requested_on"]
        if requested_on > timezone.localdate():
            raise ValidationError(_("Tanggal permintaan tidak boleh sesudah hari ini."))
        return requested_on


@login_required
@require_http_methods(["GET", "POST"])
def member_anonymise_view(request, pk):
    """Ask for the request's date, then anonymise the member (POST); Admin Dinas only."""
    if not may_anonymise(request.user):
        raise PermissionDenied
    member = _member(request, pk)
    member_page = reverse("admin:ikm_member_change", args=[member.pk])
    form = AnonymiseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                anonymised = member_anonymise(
                    member=member,
                    by=request.user,
                    requested_on=form.cleaned_data["requested_on"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                if anonymised:
                    messages.success(request, _("Data pribadi anggota ini sudah dianonimkan."))
                else:
                    messages.info(request, _("Anggota ini sudah dianonimkan sebelumnya."))
                return redirect(member_page)
        status = 400
    return render(
        request,
        "ikm/member_anonymise.html",
        {"member": member, "form": form, "member_page": member_page},
        status=status,
    )
