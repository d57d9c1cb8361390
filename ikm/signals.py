"""Receivers that keep each Aid's copy of its latest check right (Aid.last_checked_on and
last_status): any save or delete of a check copies it again, inside the same transaction.

Connected in IkmConfig.ready(). A check moved to another aid refreshes the aid it left too.
Writes that skip signals (bulk_create, COPY) call Aid.objects.last_check_refresh() themselves.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from ikm.models import Aid, AidCheck


def _check_saved_or_deleted(sender, instance, raw=False, **kwargs):
    if not raw:
        aid_ids = {instance.aid_id, getattr(instance, "_aid_before_save", None)} - {None}
        Aid.objects.filter(pk__in=aid_ids).last_check_refresh()


def _check_before_change(sender, instance, raw=False, **kwargs):
    """Note the aid a check belonged to, for after the save has moved it to another one."""
    instance._aid_before_save = None
    if instance.pk is not None and not raw:
        instance._aid_before_save = (
            AidCheck.objects.filter(pk=instance.pk).values_list("aid_id", flat=True).first()
        )


def connect() -> None:
    uid = "aid_last_check"
    post_save.connect(_check_saved_or_deleted, sender=AidCheck, dispatch_uid=f"{uid}_saved")
    post_delete.connect(_check_saved_or_deleted, sender=AidCheck, dispatch_uid=f"{uid}_deleted")
    pre_save.connect(_check_before_change, sender=AidCheck, dispatch_uid=f"{uid}_before")
