"""Receivers that keep GroupReadiness right: a change of any record that credit readiness
reads refreshes the group's row once the transaction commits (financing.standing).

Connected in FinancingConfig.ready(). A record moved to another group (an edited visit or
aid record) refreshes the group it left too.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from financing.models import BookkeepingVisit, MentorAssignment
from financing.standing import readiness_refresh_after_commit
from ikm.models import Aid, AidCheck, BusinessGroup


def _group_of_assignment(assignment_id: int) -> int | None:
    return (
        MentorAssignment.objects.filter(pk=assignment_id).values_list("group_id", flat=True).first()
    )


def _group_of_aid(aid_id: int) -> int | None:
    # None when the aid itself is being deleted: its own receiver refreshes the group.
    return Aid.objects.filter(pk=aid_id).values_list("group_id", flat=True).first()


def _visit_group(visit: BookkeepingVisit) -> int | None:
    if BookkeepingVisit.assignment.is_cached(visit):
        return visit.assignment.group_id
    return _group_of_assignment(visit.assignment_id)


def _visit_saved_or_deleted(sender, instance, **kwargs):
    readiness_refresh_after_commit([_visit_group(instance)])


def _aid_saved_or_deleted(sender, instance, **kwargs):
    readiness_refresh_after_commit([instance.group_id])


def _aid_check_saved_or_deleted(sender, instance, **kwargs):
    if AidCheck.aid.is_cached(instance):
        group_id = instance.aid.group_id
    else:
        group_id = _group_of_aid(instance.aid_id)
    readiness_refresh_after_commit([group_id])


def _group_before_change(path: str):
    """A pre_save receiver refreshing the group a record belonged to before this save."""

    def receiver(sender, instance, raw=False, **kwargs):
        if instance.pk is None or raw:
            return
        before = sender.objects.filter(pk=instance.pk).values_list(path, flat=True).first()
        readiness_refresh_after_commit([before])

    return receiver


_visit_before_change = _group_before_change("assignment__group_id")
_aid_before_change = _group_before_change("group_id")


def _group_saved(sender, instance, created, update_fields=None, **kwargs):
    # Readiness depends on the status only (active groups have a row).
    if created or update_fields is None or "status" in update_fields:
        readiness_refresh_after_commit([instance.pk])


def connect() -> None:
    for model, changed in [
        (BookkeepingVisit, _visit_saved_or_deleted),
        (Aid, _aid_saved_or_deleted),
        (AidCheck, _aid_check_saved_or_deleted),
    ]:
        uid = f"readiness_{model._meta.label_lower}"
        post_save.connect(changed, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(changed, sender=model, dispatch_uid=f"{uid}_deleted")
    pre_save.connect(
        _visit_before_change, sender=BookkeepingVisit, dispatch_uid="readiness_visit_before"
    )
    pre_save.connect(_aid_before_change, sender=Aid, dispatch_uid="readiness_aid_before")
    post_save.connect(_group_saved, sender=BusinessGroup, dispatch_uid="readiness_group_saved")
