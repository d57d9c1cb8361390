"""The audit trail: `audit_record` for events the portal's own code reports (exports of
personal data), and receivers for Django's log-in signals and for changes of rights.

Changes of rights are caught where they happen (a user's groups or permissions, a role's
permissions, the superuser/staff/active flags, the kecamatan staff are limited to), so
that a change made in the admin, in a shell or by a script is recorded alike; the acting
user comes from the current request when there is one (simple_history's middleware keeps
it).
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from simple_history.models import HistoricalRecords

from portal.models import AuditEvent, StaffDistrict

logger = logging.getLogger("portal.audit")
RIGHTS_FLAGS = ("is_superuser", "is_staff", "is_active")


def _client_address(request) -> str | None:
    return getattr(request, "axes_ip_address", None) or (
        request.META.get("REMOTE_ADDR") if request is not None else None
    )


def _current_request():
    return getattr(HistoricalRecords.context, "request", None)


def audit_record(*, action: str, request=None, user=None, username: str = "", target: str = "",
                 detail: dict | None = None) -> AuditEvent:  # fmt: skip
    """Keep one audit event, and write it to the "portal.audit" log as well."""
    request = request if request is not None else _current_request()
    request_user = getattr(request, "user", None)
    if user is None and request_user is not None and request_user.is_authenticated:
        user = request_user
    event = AuditEvent.objects.create(
        action=action,
        user=user,
        username=username or (user.get_username() if user else ""),
        target=target[:255],
        detail=detail or {},
        ip_address=_client_address(request) if request is not None else None,
    )
    logger.info("%s %s %s %s", event.action, event.username, event.target, event.detail)
    return event


def _on_login(sender, request, user, **kwargs):
    audit_record(action=AuditEvent.Action.LOGIN, request=request, user=user)


def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=AuditEvent.Action.LOGOUT, request=request, user=user)


def _on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        action=AuditEvent.Action.LOGIN_FAILED, request=request, user=None, username=username
    )


def _on_rights_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    names = sorted(str(item) for item in model.objects.filter(pk__in=pk_set or ()))
    audit_record(
        action=AuditEvent.Action.PERMISSION_CHANGE,
        target=f"{instance._meta.label} {instance.pk} {instance}",
        detail={
            "change": action.removeprefix("post_"),
            "of": model._meta.label,
            "items": names,
        },
    )


def _remember_rights_flags(sender, instance, **kwargs):
    if instance.pk:
        instance._rights_before = (
            sender.objects.filter(pk=instance.pk).values(*RIGHTS_FLAGS).first()
        )


def _on_user_saved(sender, instance, created, **kwargs):
    before = getattr(instance, "_rights_before", None)
    if created or not before:
        return
    changed = {
        flag: [before[flag], getattr(instance, flag)]
        for flag in RIGHTS_FLAGS
        if before[flag] != getattr(instance, flag)
    }
    if changed:
        audit_record(
            action=AuditEvent.Action.PERMISSION_CHANGE,
            target=f"{instance._meta.label} {instance.pk} {instance}",
            detail={"change": "flags", "flags": changed},
        )


def _on_district_saved(sender, instance, created, **kwargs):
    _district_change(instance, "add" if created else "change")


def _on_district_deleted(sender, instance, **kwargs):
    _district_change(instance, "remove")


def _district_change(district, change: str) -> None:
    # Limiting staff to kecamatan is a change of rights like a change of roles.
    user = district.user
    audit_record(
        action=AuditEvent.Action.PERMISSION_CHANGE,
        target=f"{user._meta.label} {user.pk} {user}",
        detail={"change": change, "of": district._meta.label, "items": [district.kecamatan_id]},
    )


def audit_connect() -> None:
    User = get_user_model()
    user_logged_in.connect(_on_login, dispatch_uid="audit_login")
    user_logged_out.connect(_on_logout, dispatch_uid="audit_logout")
    user_login_failed.connect(_on_login_failed, dispatch_uid="audit_login_failed")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_on_rights_changed, sender=through, dispatch_uid=f"audit_{through}")
    pre_save.connect(_remember_rights_flags, sender=User, dispatch_uid="audit_user_flags_pre")
    post_save.connect(_on_user_saved, sender=User, dispatch_uid="audit_user_flags_post")
    post_save.connect(_on_district_saved, sender=StaffDistrict, dispatch_uid="audit_district")
    post_delete.connect(
        _on_district_deleted, sender=StaffDistrict, dispatch_uid="audit_district_removed"
    )
