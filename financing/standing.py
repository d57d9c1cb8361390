"""Each active group's credit readiness, computed ahead (GroupReadiness) for the lists that
count thousands of groups; a single group's page still assesses it live.

A row is right as long as no record of the group changes and time does not cross a day that
changes the assessment. Changes are followed by financing.signals (after commit); time by
`valid_until`: assess() reads `today` only to decide whether bookkeeping stopped (latest
visit older than `stopped_after_days`), and ignores visits dated after `today`, so a row
holds until the first of those days comes. `manage.py readiness_refresh`, meant to run
nightly, recomputes every row, which also catches writes that skip signals (bulk writes,
raw SQL, a change of settings.CREDIT_READINESS).
"""

import threading
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation

from financing.models import BookkeepingVisit, GroupReadiness
from financing.readiness import assess, thresholds
from ikm.models import Aid, BusinessGroup

CHUNK_SIZE = 2000


class _Visit:
    """The fields of a visit that assess() reads: a province's million visits load about
    three times faster as these than as model instances."""

    CHECKLIST = BookkeepingVisit.CHECKLIST
    FIELDS = ["visited_on", "created_at", *CHECKLIST]
    FIELDS += ["revenue", "savings_balance", "seriousness"]
    __slots__ = FIELDS

    def __init__(self, *values):
        for name, value in zip(self.FIELDS, values, strict=True):
            setattr(self, name, value)

    checklist_done = BookkeepingVisit.checklist_done


def _valid_until(visits: list, later_visits: list, *, today: date) -> date | None:
    ends = []
    if later_visits:
        ends.append(min(v.visited_on for v in later_visits) - timedelta(days=1))
    if visits:
        stops = max(v.visited_on for v in visits) + timedelta(
            days=thresholds()["stopped_after_days"]
        )
        if today <= stops:
            ends.append(stops)
    return min(ends) if ends else None


def _assess_chunk(group_ids: list[int], *, today: date) -> list[GroupReadiness]:
    """Two queries: the groups' visits and their aid with its latest check."""
    visits, later_visits = defaultdict(list), defaultdict(list)
    rows = (
        BookkeepingVisit.objects.filter(assignment__group_id__in=group_ids)
        .order_by()
        .values_list("assignment__group_id", *_Visit.FIELDS)
    )
    for group_id, *values in rows:
        visit = _Visit(*values)
        (visits if visit.visited_on <= today else later_visits)[group_id].append(visit)
    aid = defaultdict(list)
    # Aid in its default order, as the group's page lists it: the sold items' names are
    # joined in that order.
    for item in Aid.objects.filter(group_id__in=group_ids).only("group", "items", "last_status"):
        aid[item.group_id].append(item)

    assessed = []
    for pk in group_ids:
        if visits[pk]:
            readiness = assess(visits[pk], aid=aid[pk], today=today)
            level, risks = readiness.level, readiness.risks
        else:
            level, risks = GroupReadiness.Level.NO_VISITS, []
        assessed.append(
            GroupReadiness(
                group_id=pk,
                level=level,
                risks=risks,
                assessed_for=today,
                valid_until=_valid_until(visits[pk], later_visits[pk], today=today),
                last_visit_on=max((v.visited_on for v in visits[pk]), default=None),
            )
        )
    return assessed


def readiness_refresh(group_ids: Iterable[int] | None = None, *, today: date) -> int:
    """Recompute the rows of these groups (every active group if None) for `today`.

    Groups that are not active (any more) lose their row: the lists that read the rows
    are about active groups, and a group that becomes active again is assessed then.
    Returns the number of rows written. About four queries per 2,000 groups.
    """
    groups = BusinessGroup.objects.active()
    stale_rows = GroupReadiness.objects.exclude(group__status=BusinessGroup.Status.ACTIVE)
    if group_ids is not None:
        group_ids = list(group_ids)
        groups = groups.filter(pk__in=group_ids)
        stale_rows = stale_rows.filter(group_id__in=group_ids)
    stale_rows.delete()
    return _rows_write(list(groups.order_by("pk").values_list("pk", flat=True)), today=today)


def _rows_write(active_ids: list[int], *, today: date) -> int:
    """Assess these active groups and write their rows: three queries per chunk."""
    written = 0
    # The risk texts are stored in the default language, whoever's request caused this.
    with translation.override(settings.LANGUAGE_CODE):
        for start in range(0, len(active_ids), CHUNK_SIZE):
            rows = _assess_chunk(active_ids[start : start + CHUNK_SIZE], today=today)
            GroupReadiness.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["group"],
                update_fields=["level", "risks", "assessed_for", "valid_until", "last_visit_on"],
            )
            written += len(rows)
    return written


def readiness_outdated(groups: QuerySet[BusinessGroup], *, today: date) -> list[int]:
    """The groups among `groups` whose row is missing or does not hold on `today`."""
    return list(
        groups.filter(
            Q(credit_readiness__isnull=True)
            | Q(credit_readiness__assessed_for__gt=today)
            | Q(credit_readiness__valid_until__lt=today)
        )
        .order_by()
        .values_list("pk", flat=True)
    )


def readiness_for(groups: QuerySet[BusinessGroup], *, today: date) -> QuerySet[GroupReadiness]:
    """The rows of `groups` (active groups only), brought up to date for `today` first."""
    outdated = readiness_outdated(groups, today=today)
    if outdated:
        _rows_write(sorted(outdated), today=today)
    return GroupReadiness.objects.filter(group__in=groups)


def with_last_visit_kept(assignments: QuerySet, groups: QuerySet[BusinessGroup], *, today: date):
    """`assignments` (of `groups`, active groups) with `last_visit`: the day of their group's
    latest visit up to `today`, read from the readiness rows (brought up to date first)
    rather than from a province's million visits."""
    readiness_for(groups, today=today)
    return assignments.annotate(last_visit=F("group__credit_readiness__last_visit_on"))


class _Pending(threading.local):
    """The groups to refresh when the current transaction commits."""

    group_ids: set[int] | None = None


_pending = _Pending()


def _refresh_pending() -> None:
    # Every change registers this callback; the first to run refreshes all the groups.
    group_ids, _pending.group_ids = _pending.group_ids, None
    if group_ids:
        readiness_refresh(group_ids, today=timezone.localdate())


def readiness_refresh_after_commit(group_ids: Iterable[int | None]) -> None:
    """Refresh these groups' rows once the current transaction commits (now, outside one).

    Many changes in one transaction (an import, the demo data) make one refresh.
    """
    group_ids = {pk for pk in group_ids if pk is not None}
    if not group_ids:
        return
    # A rolled-back transaction drops its callbacks: then its groups are dropped too.
    scheduled = any(func is _refresh_pending for _sids, func, *_rest in connection.run_on_commit)
    if _pending.group_ids is None or not scheduled:
        _pending.group_ids = set()
    _pending.group_ids |= group_ids
    transaction.on_commit(_refresh_pending)
