"""The Dinas coverage page at a province's scale: paged lists, figures counted over
everything, selects limited by the filter, and a number of queries that does not grow."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from financing import views
from financing.forms import BulkAssignForm
from financing.models import MentorAssignment
from portal import roles
from portal.models import StaffDistrict
from tests.factories import (
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    KecamatanFactory,
    KelurahanFactory,
    LenderFactory,
    LenderStaffFactory,
    MentorAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("financing:coverage")


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "UNMENTORED_PER_PAGE", 2)
    monkeypatch.setattr(views, "OVERDUE_MENTORS_PER_PAGE", 1)


@pytest.fixture
def kelurahan():
    return KelurahanFactory(
        code="72.71.01.1001", name="Besusu", kecamatan=KecamatanFactory(code="72.71.01")
    )


def _days_ago(days):
    return timezone.localdate() - timedelta(days=days)


def _overdue_groups(mentor, count, kelurahan, name="Terlambat"):
    """`count` groups of `mentor`, last visited 40 days ago (overdue)."""
    assignments = []
    for n in range(count):
        group = BusinessGroupFactory(name=f"{name} {mentor.pk}-{n}", kelurahan=kelurahan)
        assignment = MentorAssignmentFactory(group=group, mentor=mentor)
        BookkeepingVisitFactory(assignment=assignment, visited_on=_days_ago(40))
        assignments.append(assignment)
    return assignments


def _checkboxes(html) -> set[int]:
    return {int(pk) for pk in re.findall(r'name="groups" value="(\d+)"', html)}


def _mentor_options(html) -> set[int]:
    select = re.search(r'<select[^>]*name="mentor".*?</select>', html, re.S).group(0)
    return {int(pk) for pk in re.findall(r'<option value="(\d+)"', select)}


def _headings(html) -> list[str]:
    return re.findall(r"<h3>(.*?) · ", html)


def test_lists_are_paged_and_figures_count_everything(staff_client, small_pages, kelurahan):
    free = [BusinessGroupFactory(name=f"Bebas {n}", kelurahan=kelurahan) for n in range(5)]
    mentors = [LenderStaffFactory(user__first_name=f"Mentor {n}") for n in range(3)]
    for n, mentor in enumerate(mentors):
        _overdue_groups(mentor, n + 1, kelurahan)
    visited = MentorAssignmentFactory(group=BusinessGroupFactory(kelurahan=kelurahan))
    BookkeepingVisitFactory(assignment=visited, visited_on=_days_ago(3))

    response = staff_client.get(URL)
    html = response.content.decode()
    context = response.context
    assert (context["unmentored_count"], context["active_count"]) == (5, 7)
    assert (context["overdue_count"], context["mentor_count"]) == (6, 4)
    assert _checkboxes(html) == {free[0].pk, free[1].pk}
    assert 'href="?page=2"' in html
    # Most overdue groups first; one mentor a page, the next pages linked.
    assert _headings(html) == ["Mentor 2"]
    assert 'href="?halaman_mentor=2#terlambat"' in html

    second = staff_client.get(URL, {"page": 3, "halaman_mentor": 3}).content.decode()
    assert _checkboxes(second) == {free[4].pk}
    assert _headings(second) == ["Mentor 0"]
    assert 'href="?halaman_mentor=3&amp;page=2"' in second
    assert 'href="?page=3&amp;halaman_mentor=2#terlambat"' in second


def test_overdue_counts_every_mentor_of_the_group_and_longest_unvisited_comes_first(
    staff_client, kelurahan
):
    mentor = LenderStaffFactory(user__first_name="Mentor Baru")
    # Visited 10 days ago by its former mentor: not overdue.
    handed_over = BusinessGroupFactory(name="Pindah Mentor", kelurahan=kelurahan)
    former = MentorAssignmentFactory(group=handed_over, ended_on=_days_ago(5))
    BookkeepingVisitFactory(assignment=former, visited_on=_days_ago(10))
    MentorAssignmentFactory(group=handed_over, mentor=mentor, started_on=_days_ago(5))
    old = _overdue_groups(mentor, 1, kelurahan, name="Lama")[0]
    never = MentorAssignmentFactory(
        group=BusinessGroupFactory(name="Belum Dikunjungi", kelurahan=kelurahan), mentor=mentor
    )

    response = staff_client.get(URL)
    (listed_mentor, assignments), *others = response.context["overdue_by_mentor"]
    assert (listed_mentor, others) == (mentor, [])
    assert assignments == [never, old]
    html = response.content.decode()
    assert "Pindah Mentor" not in html
    assert "belum pernah" in html
    assert f"terakhir {_days_ago(40).day} " in html


def test_overdue_groups_agree_with_the_dashboard_and_follow_a_new_visit(
    staff_client, kelurahan, django_capture_on_commit_callbacks
):
    """Overdue visits are read from the groups' readiness rows, as the dashboard counts
    them: both say the same, a dissolved group is in neither, and a visit logged later
    takes its group off the list."""
    from portal.workspace.figures import dashboard_figures

    mentor = LenderStaffFactory(user__first_name="Mentor Satu")
    late = _overdue_groups(mentor, 2, kelurahan)
    recent = MentorAssignmentFactory(group=BusinessGroupFactory(kelurahan=kelurahan), mentor=mentor)
    BookkeepingVisitFactory(assignment=recent, visited_on=_days_ago(3))
    dissolved = BusinessGroupFactory(name="Sudah Bubar", kelurahan=kelurahan, status="bubar")
    MentorAssignmentFactory(group=dissolved, mentor=mentor)

    def listed():
        response = staff_client.get(URL)
        return response.context["overdue_count"], [
            assignment
            for _mentor, rows in response.context["overdue_by_mentor"]
            for assignment in rows
        ]

    today = timezone.localdate()
    count, assignments = listed()
    assert (count, set(assignments)) == (2, set(late))
    assert dashboard_figures(year=today.year, kecamatan=None, today=today).mentoring.overdue == 2

    with django_capture_on_commit_callbacks(execute=True):
        BookkeepingVisitFactory(assignment=late[0], visited_on=_days_ago(1))
    count, assignments = listed()
    assert (count, assignments) == (1, [late[1]])
    assert dashboard_figures(year=today.year, kecamatan=None, today=today).mentoring.overdue == 1


def test_filters_narrow_both_lists_and_stay_in_page_links(staff_client, small_pages, kelurahan):
    elsewhere = KelurahanFactory(
        code="72.71.02.1001", name="Kamonji", kecamatan=KecamatanFactory(code="72.71.02")
    )
    coffee = [BusinessGroupFactory(name=f"Kopi {n}", kelurahan=kelurahan) for n in range(3)]
    BusinessGroupFactory(name="Kopi Seberang", kelurahan=elsewhere)
    tea = BusinessGroupFactory(name="Teh Hijau", nib="9120001234567", kelurahan=elsewhere)
    mentor = LenderStaffFactory(user__first_name="Mentor Kopi")
    _overdue_groups(mentor, 1, kelurahan, name="Kopi Lama")
    _overdue_groups(LenderStaffFactory(user__first_name="Mentor Teh"), 1, elsewhere, name="Teh")

    response = staff_client.get(URL, {"q": "kopi", "kecamatan": "72.71.01"})
    html = response.content.decode()
    assert response.context["page_obj"].paginator.count == 3
    assert _checkboxes(html) == {coffee[0].pk, coffee[1].pk}
    assert 'href="?q=kopi&amp;kecamatan=72.71.01&amp;page=2"' in html
    assert _headings(html) == ["Mentor Kopi"]
    # The figures still count everything.
    assert (response.context["unmentored_count"], response.context["overdue_count"]) == (5, 2)

    by_nib = staff_client.get(URL, {"q": "9120 0012 34567"}).content.decode()
    assert _checkboxes(by_nib) == {tea.pk}


def test_mentors_are_offered_by_lender_when_there_are_many(staff_client, monkeypatch, kelurahan):
    monkeypatch.setattr(BulkAssignForm, "MENTORS_LISTED_MAX", 2)
    sulteng = LenderFactory(name="Bank Sulteng", branch="Palu")
    bri_mentors = [LenderStaffFactory() for _ in range(2)]
    sulteng_mentor = LenderStaffFactory(lender=sulteng)
    group, _other = (BusinessGroupFactory(kelurahan=kelurahan) for _ in range(2))

    everyone = staff_client.get(URL).content.decode()
    assert _mentor_options(everyone) == set()
    assert "Pilih lembaga pada saringan" in everyone
    of_sulteng = staff_client.get(URL, {"lembaga": sulteng.pk}).content.decode()
    assert _mentor_options(of_sulteng) == {sulteng_mentor.pk}

    # Any active mentor is accepted; the filter only shortens the list.
    response = staff_client.post(
        f"{URL}?lembaga={sulteng.pk}", {"mentor": bri_mentors[0].pk, "groups": [group.pk]}
    )
    assert response.status_code == 302
    assert response.url == f"{URL}?lembaga={sulteng.pk}"
    assert MentorAssignment.objects.get(group=group).mentor == bri_mentors[0]

    monkeypatch.setattr(BulkAssignForm, "MENTORS_LISTED_MAX", 10)
    assert _mentor_options(staff_client.get(URL).content.decode()) == {
        *(m.pk for m in bri_mentors),
        sulteng_mentor.pk,
    }


def test_assigning_from_a_filtered_page_returns_to_it(staff_client, small_pages, kelurahan):
    groups = [BusinessGroupFactory(name=f"Kopi {n}", kelurahan=kelurahan) for n in range(3)]
    mentor = LenderStaffFactory()

    response = staff_client.post(
        f"{URL}?q=kopi&page=2", {"mentor": mentor.pk, "groups": [groups[2].pk]}
    )
    assert response.status_code == 302
    assert response.url == f"{URL}?q=kopi&page=2"
    assert MentorAssignment.objects.active().get(group=groups[2]).mentor == mentor

    nothing_ticked = staff_client.post(f"{URL}?q=kopi", {"mentor": mentor.pk})
    assert nothing_ticked.status_code == 200
    assert nothing_ticked.context["form"].errors["groups"]
    assert _checkboxes(nothing_ticked.content.decode()) == {groups[0].pk, groups[1].pk}


def test_staff_limited_to_a_kecamatan_see_and_assign_only_theirs(client, kelurahan):
    west = KelurahanFactory(
        code="72.71.02.1001", name="Kamonji", kecamatan=KecamatanFactory(code="72.71.02")
    )
    east_free = BusinessGroupFactory(name="Timur Bebas", kelurahan=kelurahan)
    west_free = BusinessGroupFactory(name="Barat Bebas", kelurahan=west)
    mentor = LenderStaffFactory(user__first_name="Mentor Timur")
    _overdue_groups(mentor, 1, kelurahan, name="Timur")
    west_mentor = LenderStaffFactory(user__first_name="Mentor Barat")
    _overdue_groups(west_mentor, 2, west, name="Barat")
    officer = UserFactory(username="camat-timur", role=roles.DINAS_STAFF)
    StaffDistrict.objects.create(user=officer, kecamatan=kelurahan.kecamatan)
    client.force_login(officer)

    response = client.get(URL)
    html = response.content.decode()
    assert _checkboxes(html) == {east_free.pk}
    assert _headings(html) == ["Mentor Timur"]
    assert f"Timur {mentor.pk}-0" in html
    assert "Barat Bebas" not in html and f"Barat {west_mentor.pk}-" not in html
    assert 'value="72.71.02"' not in html  # not among the kecamatan to filter by
    context = response.context
    assert (context["unmentored_count"], context["active_count"]) == (1, 1)
    assert context["overdue_count"] == 1

    other_kecamatan = client.get(URL, {"kecamatan": "72.71.02", "q": "bebas"})
    assert other_kecamatan.context["filter_form"].errors["kecamatan"]
    assert _checkboxes(other_kecamatan.content.decode()) == {east_free.pk}
    assert other_kecamatan.context["page_obj"].paginator.count == 1
    # The search narrows the overdue list too.
    assert f"Timur {mentor.pk}-0" not in other_kecamatan.content.decode()

    refused = client.post(URL, {"mentor": mentor.pk, "groups": [west_free.pk]})
    assert refused.status_code == 200
    assert refused.context["form"].errors["groups"]
    assert not MentorAssignment.objects.filter(group=west_free).exists()


def _queries(client, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "kelompok", "kecamatan": "72.71.01"}])
def test_queries_and_page_size_do_not_grow_with_the_data(
    staff_client, monkeypatch, kelurahan, params
):
    # Pages of two: a query per row shown would add queries with the rows.
    monkeypatch.setattr(views, "UNMENTORED_PER_PAGE", 2)
    monkeypatch.setattr(views, "OVERDUE_MENTORS_PER_PAGE", 2)
    lender = LenderFactory()
    params = params and {**params, "lembaga": lender.pk}
    BusinessGroupFactory(name="Kelompok Bebas", kelurahan=kelurahan)
    _overdue_groups(LenderStaffFactory(lender=lender), 1, kelurahan, name="Kelompok")
    _queries(staff_client, params)  # the first request also loads what is kept for later
    few = _queries(staff_client, params)

    for n in range(12):
        BusinessGroupFactory(name=f"Kelompok Bebas {n}", kelurahan=kelurahan)
    for _ in range(6):
        _overdue_groups(LenderStaffFactory(lender=lender), 3, kelurahan, name="Kelompok")
    # The new groups' readiness rows (written after commit in production; tests never
    # commit) are written by the next request, in a fixed number of queries.
    _queries(staff_client, params)
    assert _queries(staff_client, params) == few
    response = staff_client.get(URL, params)
    html = response.content.decode()
    assert len(_checkboxes(html)) == 2
    assert len(_headings(html)) == 2
    assert html.count("ganti mentor") == 6
    assert len(_mentor_options(html)) == 7
    assert response.context["unmentored_count"] == 13
    assert response.context["overdue_count"] == 19
