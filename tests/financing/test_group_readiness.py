"""GroupReadiness: each active group's credit readiness computed ahead, kept right by the
code, and the Dinas dashboard reading it."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from financing import standing
from financing.models import BookkeepingVisit, GroupReadiness
from financing.readiness import assess
from financing.standing import readiness_outdated, readiness_refresh
from ikm.models import Aid, AidCheck, BusinessGroup
from portal.workspace.figures import (
    active_groups,
    area_groups,
    dashboard_figures,
    readiness_and_risks_live,
)
from tests.factories import (
    AidCheckFactory,
    AidFactory,
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    KecamatanFactory,
    KelurahanFactory,
    MentorAssignmentFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)
ALL_KEPT = dict.fromkeys(BookkeepingVisit.CHECKLIST, True)


def _visits(group, months: int, *, last: date = TODAY, drop: bool = False, **checks):
    """A visit a month for `months` months up to `last`, revenue and savings growing."""
    assignment = MentorAssignmentFactory(group=group, started_on=date(2020, 1, 1))
    for n in range(months):
        revenue = 10_000_000 + n * 500_000
        if drop and n == months - 1:
            revenue = 5_000_000
        BookkeepingVisitFactory(
            assignment=assignment,
            visited_on=last - timedelta(days=round((months - 1 - n) * 30.4)),
            revenue=revenue,
            savings_balance=1_000_000 + n * 250_000,
            seriousness=5,
            **(ALL_KEPT | checks),
        )
    return assignment


def _assess_live(group, *, today: date):
    visits = BookkeepingVisit.objects.of_group(group).filter(visited_on__lte=today)
    aid = Aid.objects.filter(group=group)
    return assess(list(visits), aid=list(aid), today=today)


@pytest.fixture
def groups():
    """Groups of every level and risk, in two kecamatan of the city."""
    east = KelurahanFactory(kecamatan=KecamatanFactory(code="72.71.01", name="Palu Timur"))
    west = KelurahanFactory(kecamatan=KecamatanFactory(code="72.71.02", name="Palu Barat"))
    ready = BusinessGroupFactory(name="Kopi Siap", kelurahan=east)
    _visits(ready, 8)
    nearly = BusinessGroupFactory(name="Batik Hampir", kelurahan=east)
    _visits(nearly, 4, stock_recorded=False, receipts_kept=False)
    dropped = BusinessGroupFactory(name="Tenun Turun", kelurahan=west)
    _visits(dropped, 6, drop=True)
    stopped = BusinessGroupFactory(name="Garam Berhenti", kelurahan=west)
    _visits(stopped, 5, last=TODAY - timedelta(days=70))
    sold = BusinessGroupFactory(name="Rotan Dijual", kelurahan=east)
    _visits(sold, 7)
    for items, status in [("Mesin jahit", AidCheck.Status.SOLD), ("Oven", AidCheck.Status.IN_USE)]:
        aid = AidFactory(group=sold, items=items, handed_over_on=date(2026, 1, 5))
        AidCheckFactory(aid=aid, checked_on=date(2026, 5, 1), status=status)
    unchecked = BusinessGroupFactory(name="Anyaman Tanpa Kunjungan", kelurahan=west)
    AidFactory(group=unchecked, items="Meja cap", handed_over_on=date(2025, 1, 10))
    gone = BusinessGroupFactory(
        name="Kue Bubar", kelurahan=east, status=BusinessGroup.Status.DISSOLVED
    )
    _visits(gone, 3)
    return {
        "ready": ready,
        "nearly": nearly,
        "dropped": dropped,
        "stopped": stopped,
        "sold": sold,
        "unchecked": unchecked,
        "gone": gone,
    }


def test_the_refresh_finds_what_assess_finds(groups):
    assert readiness_refresh(today=TODAY) == 6

    rows = {row.group_id: row for row in GroupReadiness.objects.all()}
    assert groups["gone"].pk not in rows  # not active: no row
    assert rows[groups["unchecked"].pk].level == GroupReadiness.Level.NO_VISITS
    assert rows[groups["unchecked"].pk].risks == []
    for name in ("ready", "nearly", "dropped", "stopped", "sold"):
        live = _assess_live(groups[name], today=TODAY)
        row = rows[groups[name].pk]
        assert (row.level, row.risks, row.assessed_for) == (live.level, live.risks, TODAY)
    assert rows[groups["ready"].pk].level == GroupReadiness.Level.READY
    assert rows[groups["nearly"].pk].level == GroupReadiness.Level.NEARLY
    assert rows[groups["dropped"].pk].risks == ["Omzet turun 58% dari kunjungan sebelumnya"]
    assert rows[groups["stopped"].pk].risks[0].startswith("Pembukuan terhenti")
    assert rows[groups["sold"].pk].risks == ["Bantuan dijual atau dipindahtangankan: Mesin jahit"]


def test_the_risks_are_stored_in_the_default_language(groups):
    with translation.override("en"):
        readiness_refresh([groups["stopped"].pk], today=TODAY)
    row = GroupReadiness.objects.get(group=groups["stopped"])
    assert row.risks[0].startswith("Pembukuan terhenti: kunjungan terakhir")


def test_a_row_holds_until_the_day_the_assessment_changes(groups):
    group = groups["ready"]
    # A visit recorded ahead of its day is read only from that day on.
    BookkeepingVisitFactory(
        assignment=group.mentor_assignments.get(), visited_on=TODAY + timedelta(days=20)
    )
    readiness_refresh(today=TODAY)
    rows = {row.group_id: row for row in GroupReadiness.objects.all()}
    assert rows[group.pk].valid_until == TODAY + timedelta(days=19)
    assert rows[groups["nearly"].pk].valid_until == TODAY + timedelta(days=45)
    assert rows[groups["stopped"].pk].valid_until is None  # already stopped: stays so
    assert rows[groups["unchecked"].pk].valid_until is None

    for day in (TODAY + timedelta(days=n) for n in range(0, 60)):
        for pk, row in rows.items():
            if row.valid_until is None or day <= row.valid_until:
                live = _assess_live(BusinessGroup.objects.get(pk=pk), today=day)
                if row.level != GroupReadiness.Level.NO_VISITS:
                    assert (row.level, row.risks) == (live.level, live.risks), (pk, day)


def test_a_new_visit_updates_the_row_after_commit(django_capture_on_commit_callbacks, monkeypatch):
    group = BusinessGroupFactory()
    assignment = MentorAssignmentFactory(group=group)
    today = timezone.localdate()
    refreshes = []
    monkeypatch.setattr(
        standing,
        "readiness_refresh",
        lambda ids, **kwargs: refreshes.append(ids) or readiness_refresh(ids, **kwargs),
    )

    with django_capture_on_commit_callbacks(execute=True):
        visit = BookkeepingVisitFactory(assignment=assignment, visited_on=today)
        BookkeepingVisitFactory(assignment=assignment, visited_on=today - timedelta(days=30))

    assert refreshes == [{group.pk}]  # one refresh for the transaction
    row = GroupReadiness.objects.get(group=group)
    assert row.level == _assess_live(group, today=today).level
    assert row.assessed_for == today

    with django_capture_on_commit_callbacks(execute=True):
        visit.revenue = 1_000_000
        visit.save()
    assert GroupReadiness.objects.get(group=group).risks == [
        "Omzet turun 92% dari kunjungan sebelumnya"
    ]

    with django_capture_on_commit_callbacks(execute=True):
        BookkeepingVisit.objects.filter(assignment=assignment).delete()
    assert GroupReadiness.objects.get(group=group).level == GroupReadiness.Level.NO_VISITS


def test_an_aid_check_finding_it_sold_adds_the_risk(django_capture_on_commit_callbacks):
    group = BusinessGroupFactory()
    BookkeepingVisitFactory(
        assignment=MentorAssignmentFactory(group=group), visited_on=timezone.localdate()
    )
    aid = AidFactory(group=group, items="Mesin sangrai")

    with django_capture_on_commit_callbacks(execute=True):
        check = AidCheckFactory(aid=aid, status=AidCheck.Status.SOLD)
    row = GroupReadiness.objects.get(group=group)
    assert row.risks == ["Bantuan dijual atau dipindahtangankan: Mesin sangrai"]

    with django_capture_on_commit_callbacks(execute=True):
        check.delete()
    assert GroupReadiness.objects.get(group=group).risks == []


def test_an_aid_record_moved_to_another_group_refreshes_both(django_capture_on_commit_callbacks):
    first, second = BusinessGroupFactory(), BusinessGroupFactory()
    for group in (first, second):
        BookkeepingVisitFactory(
            assignment=MentorAssignmentFactory(group=group), visited_on=timezone.localdate()
        )
    with django_capture_on_commit_callbacks(execute=True):
        aid = AidFactory(group=first, items="Oven")
        AidCheckFactory(aid=aid, status=AidCheck.Status.SOLD)
    assert GroupReadiness.objects.get(group=first).risks

    with django_capture_on_commit_callbacks(execute=True):
        aid.group = second
        aid.save()

    assert GroupReadiness.objects.get(group=first).risks == []
    assert GroupReadiness.objects.get(group=second).risks


def test_a_group_that_stops_loses_its_row_and_gets_it_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        group = BusinessGroupFactory()
    assert GroupReadiness.objects.get(group=group).level == GroupReadiness.Level.NO_VISITS

    with django_capture_on_commit_callbacks(execute=True):
        group.status = BusinessGroup.Status.INACTIVE
        group.save(update_fields=["status"])
    assert not GroupReadiness.objects.filter(group=group).exists()

    with django_capture_on_commit_callbacks(execute=True):
        group.status = BusinessGroup.Status.ACTIVE
        group.save()
    assert GroupReadiness.objects.filter(group=group).exists()


def test_a_rolled_back_change_does_not_stop_later_refreshes(django_capture_on_commit_callbacks):
    from django.db import transaction

    group = BusinessGroupFactory()
    assignment = MentorAssignmentFactory(group=group)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            BookkeepingVisitFactory(assignment=assignment, visited_on=timezone.localdate())
            raise RuntimeError
        BookkeepingVisitFactory(assignment=assignment, visited_on=timezone.localdate())
    assert GroupReadiness.objects.get(group=group).level != GroupReadiness.Level.NO_VISITS


def test_the_command_refreshes_every_active_group(groups):
    GroupReadiness.objects.create(
        group=groups["gone"], level=GroupReadiness.Level.READY, assessed_for=TODAY
    )
    call_command("readiness_refresh", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert GroupReadiness.objects.count() == 6
    assert set(GroupReadiness.objects.values_list("assessed_for", flat=True)) == {
        timezone.localdate()
    }


def _dashboard(today=TODAY, kecamatan=None):
    return dashboard_figures(year=today.year, kecamatan=kecamatan, today=today)


def _live(kecamatan=None, today=TODAY, **kwargs):
    active = active_groups(area_groups(kecamatan), as_of=today)
    return readiness_and_risks_live(active, as_of=today, today=today, **kwargs)


def _risk_list(at_risk):
    return [(row.group.pk, row.reasons) for row in at_risk]


def test_the_dashboard_gives_what_the_live_computation_gives(groups):
    readiness_refresh(today=TODAY - timedelta(days=3))  # a few nights without the cron

    figures = _dashboard()
    readiness, at_risk, total = _live()

    assert figures.readiness == readiness
    assert figures.at_risk_total == total == 4
    assert (readiness.ready, readiness.nearly, readiness.not_yet) == (1, 1, 3)
    assert readiness.without_visits == 1
    assert _risk_list(figures.at_risk) == _risk_list(at_risk)
    reasons = {row.group.name: row.reasons for row in figures.at_risk}
    assert set(reasons) == {
        "Tenun Turun",
        "Garam Berhenti",
        "Rotan Dijual",
        "Anyaman Tanpa Kunjungan",
    }
    assert reasons["Rotan Dijual"] == ["Bantuan Mesin jahit: dijual/dipindahtangankan"]
    assert reasons["Anyaman Tanpa Kunjungan"] == ["Bantuan Meja cap: lama tidak diperiksa"]
    assert figures.at_risk[0].group.kelurahan.kecamatan.name  # loaded with the group

    west = groups["dropped"].kelurahan.kecamatan
    figures = _dashboard(kecamatan=west)
    readiness, at_risk, total = _live(kecamatan=west)
    assert figures.readiness == readiness
    assert _risk_list(figures.at_risk) == _risk_list(at_risk)


def test_an_outdated_row_is_refreshed_by_the_dashboard(groups):
    yesterday = TODAY - timedelta(days=1)
    group = BusinessGroupFactory(kelurahan=groups["ready"].kelurahan, name="Madu Lupa")
    # The 45 days after its latest visit end yesterday: from today bookkeeping stopped.
    _visits(group, 7, last=yesterday - timedelta(days=45))
    readiness_refresh(today=yesterday)
    row = GroupReadiness.objects.get(group=group)
    assert (row.risks, row.valid_until) == ([], yesterday)
    assert readiness_outdated(BusinessGroup.objects.active(), today=yesterday) == []

    figures = _dashboard()

    assert readiness_outdated(BusinessGroup.objects.active(), today=TODAY) == []
    row.refresh_from_db()
    assert row.assessed_for == TODAY
    assert row.risks[0].startswith("Pembukuan terhenti")
    assert "Madu Lupa" in {r.group.name for r in figures.at_risk}


def test_a_past_year_is_still_computed_from_the_records(groups):
    figures = dashboard_figures(year=2025, kecamatan=None, today=TODAY)
    readiness, _at_risk, _total = _live(today=date(2025, 12, 31))
    assert figures.readiness == readiness
    assert not GroupReadiness.objects.exists()


@pytest.mark.parametrize("refreshed", [True, False])
def test_the_dashboard_queries_do_not_grow_with_the_groups(refreshed):
    kelurahan = KelurahanFactory(kecamatan=KecamatanFactory(code="72.71.01"))
    counts = []
    for size in (2, 8):
        for _ in range(size):
            group = BusinessGroupFactory(kelurahan=kelurahan)
            _visits(group, 3, drop=True)
            AidCheckFactory(aid=AidFactory(group=group), status=AidCheck.Status.IDLE)
        if refreshed:
            readiness_refresh(today=TODAY)
        with CaptureQueriesContext(connection) as queries:
            figures = _dashboard()
        assert figures.at_risk_total == GroupReadiness.objects.count()
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_dashboard_shows_the_groups_most_at_risk_and_counts_the_others(groups):
    idle = AidFactory(group=groups["dropped"], items="Alat tenun", handed_over_on=TODAY)
    AidCheckFactory(aid=idle, checked_on=TODAY, status=AidCheck.Status.IDLE)
    readiness, at_risk, total = _live(shown=2)
    figures = dashboard_figures(year=TODAY.year, kecamatan=None, today=TODAY)

    assert total == figures.at_risk_total == 4
    assert _risk_list(at_risk) == _risk_list(figures.at_risk[:2])
    # The most reasons first (idle aid and revenue down), then by name.
    assert [row.group.name for row in at_risk] == ["Tenun Turun", "Anyaman Tanpa Kunjungan"]
