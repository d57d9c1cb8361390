"""Plan versus reality of a program's road map: the numbers, the timeline, the Dinas pages."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikm.charts import plan_reality_chart
from ikm.models import BusinessGroup, StageProgress
from ikm.services.programs import (
    DONE_LATE,
    DONE_ON_PLAN,
    LATE,
    ON_PLAN,
    Classification,
    count_road_map,
    plan_versus_reality,
    programs_overview,
)
from portal import roles
from portal.models import StaffDistrict
from tests.factories import (
    BusinessGroupFactory,
    EnrolmentFactory,
    KecamatanFactory,
    KelurahanFactory,
    LenderStaffFactory,
    ProgramFactory,
    StageFactory,
    StageProgressFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2019, 10, 1)
SVG = "{http://www.w3.org/2000/svg}"
Status = StageProgress.Status
C = Classification


@pytest.fixture
def palu():
    """Palu's 2017–2021 road map, seen in October 2019, with four enrolled groups.

    The 2018 machine purchase slipped for Kopi Besusu (done in 2019); Batik Lere postponed
    it; Pakan Tondo started it and has not finished; Abon Talise has no progress at all.
    """
    program = ProgramFactory(name="Pengembangan IKM Kota Palu", start_year=2017, end_year=2021)
    focuses = ["Penguatan SDM", "Mesin produksi", "Mutu dan kemasan", "Tambah IKM", "Volume"]
    stages = [
        StageFactory(program=program, order=n, year=2016 + n, focus=focus)
        for n, focus in enumerate(focuses, start=1)
    ]
    timur = KecamatanFactory(code="72.71.01", name="Palu Timur")
    barat = KecamatanFactory(code="72.71.02", name="Palu Barat")
    kopi = ThemeFactory(name="Kopi bubuk", slug="kopi")
    batik = ThemeFactory(name="Batik", slug="batik")
    pakan = ThemeFactory(name="Pakan ternak", slug="pakan")

    def group(name, slug, kecamatan, theme):
        group = BusinessGroupFactory(
            name=name, slug=slug, kelurahan=KelurahanFactory(kecamatan=kecamatan), theme=theme
        )
        return group, EnrolmentFactory(program=program, group=group)

    kopi_besusu, e1 = group("Kopi & Abon Besusu", "kopi-besusu", timur, kopi)
    batik_lere, e2 = group("Batik Lere", "batik-lere", barat, batik)
    pakan_tondo, e3 = group("Pakan Tondo", "pakan-tondo", timur, pakan)
    abon_talise, _e4 = group("Abon Talise", "abon-talise", barat, kopi)
    BusinessGroupFactory(name="Tidak ikut", slug="tidak-ikut", theme=kopi)

    def progress(enrolment, stage, status, started=None, completed=None, **kwargs):
        StageProgressFactory(
            enrolment=enrolment,
            stage=stage,
            status=status,
            started_on=started,
            completed_on=completed,
            **kwargs,
        )

    d = datetime.date
    s1, s2, s3, s4, _s5 = stages
    progress(e1, s1, Status.DONE, d(2017, 3, 1), d(2017, 11, 20))
    progress(e1, s2, Status.DONE, d(2018, 9, 1), d(2019, 5, 10))
    progress(e1, s3, Status.IN_PROGRESS, d(2019, 6, 1))
    progress(e2, s1, Status.DONE, d(2017, 4, 1), d(2018, 2, 1))
    progress(e2, s2, Status.POSTPONED)
    progress(e2, s3, Status.NOT_STARTED)
    progress(e2, s4, Status.POSTPONED)
    progress(e3, s1, Status.DONE, d(2017, 3, 1), d(2017, 12, 1))
    progress(e3, s2, Status.IN_PROGRESS, d(2018, 8, 1))
    progress(e3, s3, Status.NOT_STARTED, planned_year=2020)  # re-planned a year later
    return {
        "program": program,
        "stages": stages,
        "timur": timur,
        "kopi": kopi,
        "groups": [abon_talise, batik_lere, kopi_besusu, pakan_tondo],
    }


def _by_slug(report):
    return {row.group.slug: row.cells for row in report.rows}


def test_each_group_and_stage_is_classified_with_its_slip(palu):
    report = plan_versus_reality(
        program=palu["program"], groups_qs=BusinessGroup.objects.all(), today=TODAY
    )

    cells = _by_slug(report)
    assert list(cells) == ["abon-talise", "batik-lere", "kopi-besusu", "pakan-tondo"]
    seen = {
        slug: [(c.classification, c.category, c.slip) for c in row] for slug, row in cells.items()
    }
    assert seen["kopi-besusu"] == [
        (C.DONE, DONE_ON_PLAN, 0),
        (C.DONE, DONE_LATE, 1),  # the 2018 machines, bought in 2019
        (C.ON_PLAN, ON_PLAN, 0),  # in progress in its own year
        (C.NOT_STARTED, ON_PLAN, 0),
        (C.NOT_STARTED, ON_PLAN, 0),
    ]
    assert seen["batik-lere"] == [
        (C.DONE, DONE_LATE, 1),
        (C.LATE, LATE, 1),  # tertunda
        (C.ON_PLAN, ON_PLAN, 0),  # not started, but 2019 has not passed
        (C.LATE, LATE, 0),  # tertunda counts as late even before its year
        (C.NOT_STARTED, ON_PLAN, 0),
    ]
    assert seen["pakan-tondo"] == [
        (C.DONE, DONE_ON_PLAN, 0),
        (C.LATE, LATE, 1),  # still in progress after 2018
        (C.NOT_STARTED, ON_PLAN, 0),  # re-planned to 2020
        (C.NOT_STARTED, ON_PLAN, 0),
        (C.NOT_STARTED, ON_PLAN, 0),
    ]
    # No progress rows at all: "belum", planned in the stage's year.
    assert seen["abon-talise"] == [
        (C.LATE, LATE, 2),
        (C.LATE, LATE, 1),
        (C.ON_PLAN, ON_PLAN, 0),
        (C.NOT_STARTED, ON_PLAN, 0),
        (C.NOT_STARTED, ON_PLAN, 0),
    ]
    assert {c.status for c in cells["abon-talise"]} == {Status.NOT_STARTED}
    assert cells["pakan-tondo"][2].planned_year == 2020
    assert cells["kopi-besusu"][1].completed_on == datetime.date(2019, 5, 10)
    assert cells["kopi-besusu"][1].done_on_plan is False
    assert cells["kopi-besusu"][0].done_on_plan is True
    assert cells["batik-lere"][1].done_on_plan is None


def test_summary_counts_per_stage(palu):
    report = plan_versus_reality(
        program=palu["program"], groups_qs=BusinessGroup.objects.all(), today=TODAY
    )

    counts = [
        (s.stage.year, s.on_plan, s.late, s.done_on_plan, s.done_late, s.done, s.total)
        for s in report.summary
    ]
    assert counts == [
        (2017, 0, 1, 2, 1, 3, 4),
        (2018, 0, 3, 0, 1, 1, 4),
        (2019, 4, 0, 0, 0, 0, 4),
        (2020, 3, 1, 0, 0, 0, 4),
        (2021, 4, 0, 0, 0, 0, 4),
    ]


def test_slip_of_an_unfinished_stage_grows_with_today(palu):
    later = plan_versus_reality(
        program=palu["program"],
        groups_qs=BusinessGroup.objects.all(),
        today=datetime.date(2021, 1, 5),
    )
    cells = _by_slug(later)
    assert [c.slip for c in cells["abon-talise"]] == [4, 3, 2, 1, 0]
    assert cells["kopi-besusu"][1].slip == 1  # done: the slip stays where it was
    assert later.summary[3].late == 4  # 2020 has passed for every group


def test_filters_by_kecamatan_and_theme(palu):
    def slugs(groups):
        report = plan_versus_reality(program=palu["program"], groups_qs=groups, today=TODAY)
        return [row.group.slug for row in report.rows]

    assert slugs(BusinessGroup.objects.in_kecamatan("72.71.01")) == ["kopi-besusu", "pakan-tondo"]
    assert slugs(BusinessGroup.objects.filter(theme__slug="kopi")) == ["abon-talise", "kopi-besusu"]
    assert slugs(BusinessGroup.objects.in_kecamatan("72.71.01").filter(theme__slug="kopi")) == [
        "kopi-besusu"
    ]


def test_three_queries_whatever_the_number_of_groups(palu, django_assert_num_queries):
    for _n in range(10):
        EnrolmentFactory(program=palu["program"], group=BusinessGroupFactory())
    with django_assert_num_queries(3):
        report = plan_versus_reality(
            program=palu["program"], groups_qs=BusinessGroup.objects.all(), today=TODAY
        )
        for row in report.rows:
            str(row.group.kelurahan.kecamatan), str(row.group.theme)
    assert len(report.rows) == 14


def test_overview_covers_every_program(palu, django_assert_num_queries):
    other = ProgramFactory(name="Kelurahan Inovasi", start_year=2018, end_year=2019)
    StageFactory(program=other, order=1, year=2018)
    EnrolmentFactory(program=other, group=palu["groups"][0])
    with django_assert_num_queries(4):
        standings = programs_overview(today=TODAY)
    by_name = {s.program.name: s for s in standings}
    assert by_name["Kelurahan Inovasi"].summary[0].late == 1
    assert by_name["Pengembangan IKM Kota Palu"].summary[1].late == 3


def _counts(summary):
    return [(s.stage.pk, s.done_on_plan, s.done_late, s.late, s.on_plan) for s in summary]


@pytest.mark.parametrize(
    "today",
    [datetime.date(2017, 6, 1), TODAY, datetime.date(2020, 1, 2), datetime.date(2023, 12, 31)],
)
def test_counted_road_map_agrees_with_the_rows(palu, today):
    """count_road_map (the dashboard's, in SQL) and plan_versus_reality (the program page's,
    cell by cell) say the same of every stage, for the city and for each kecamatan."""
    groups = BusinessGroup.objects.all()
    other = ProgramFactory(name="Kelurahan Inovasi", start_year=2018, end_year=2019)
    StageFactory(program=other, order=1, year=2018)
    programs = [palu["program"], other]

    [standing, nobody] = count_road_map(
        programs=programs, groups_qs=groups, today=today
    ).standings()

    rows = plan_versus_reality(program=palu["program"], groups_qs=groups, today=today)
    assert (standing.groups, _counts(standing.summary)) == (4, _counts(rows.summary))
    assert (nobody.groups, _counts(nobody.summary)) == (0, _counts(nobody.summary[:1]))
    assert nobody.late == nobody.on_plan == 0

    by_kecamatan = count_road_map(
        programs=programs, groups_qs=groups, today=today, by="kelurahan__kecamatan"
    )
    for code in ("72.71.01", "72.71.02", "99.99.99"):
        [standing, _other] = by_kecamatan.standings(code)
        rows = plan_versus_reality(
            program=palu["program"], groups_qs=groups.in_kecamatan(code), today=today
        )
        assert (standing.groups, _counts(standing.summary)) == (
            len(rows.rows),
            _counts(rows.summary),
        )


def test_counted_road_map_keeps_no_group_and_takes_three_queries(palu, django_assert_num_queries):
    for _n in range(10):
        EnrolmentFactory(program=palu["program"], group=BusinessGroupFactory())
    with django_assert_num_queries(3):
        counts = count_road_map(
            programs=[palu["program"]], groups_qs=BusinessGroup.objects.all(), today=TODAY
        )
    [standing] = counts.standings()
    assert standing.groups == 14
    # The ten new groups and Abon Talise have no progress: "belum" in each stage's year, so
    # late in the stages of 2017 and 2018, on plan from 2019 on; Batik Lere postponed 2020's.
    assert [s.late for s in standing.summary] == [11, 13, 0, 1, 0]
    assert (standing.done_on_plan, standing.done_late) == (2, 2)


def test_timeline_is_well_formed_svg_with_a_row_per_group(palu):
    report = plan_versus_reality(
        program=palu["program"], groups_qs=BusinessGroup.objects.all(), today=TODAY
    )

    svg = ET.fromstring(str(plan_reality_chart(report)))

    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert "viewBox" in svg.attrib and svg.get("width") == "100%"
    assert "Pengembangan IKM Kota Palu" in svg.find(f"{SVG}title").text
    desc = svg.find(f"{SVG}desc").text
    assert "4 kelompok, 5 tahap" in desc
    assert "0 sesuai rencana, 3 terlambat, 0 selesai sesuai rencana, 1 selesai terlambat" in desc
    rows = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "timeline-row"]
    assert [g.get("data-group") for g in rows] == [
        "abon-talise",
        "batik-lere",
        "kopi-besusu",
        "pakan-tondo",
    ]
    assert rows[2].find(f"{SVG}title").text == "Kopi & Abon Besusu"
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert [str(y) for y in range(2017, 2022)] == [t for t in texts if t and t.isdigit()][:5]
    assert "+1 th" in texts and "+2 th" in texts  # slips are written, not only coloured
    assert "Selesai terlambat" in texts  # the legend


def test_timeline_runs_to_today_when_later_than_the_program(palu):
    report = plan_versus_reality(
        program=palu["program"],
        groups_qs=BusinessGroup.objects.all(),
        today=datetime.date(2025, 7, 1),
    )
    assert (report.first_year, report.last_year) == (2017, 2025)
    svg = ET.fromstring(str(plan_reality_chart(report)))
    assert "2025" in [t.text for t in svg.iter(f"{SVG}text")]


def test_timeline_of_25_groups_and_no_groups(palu):
    for _n in range(21):
        EnrolmentFactory(program=palu["program"], group=BusinessGroupFactory())
    report = plan_versus_reality(
        program=palu["program"], groups_qs=BusinessGroup.objects.all(), today=TODAY
    )
    svg = ET.fromstring(str(plan_reality_chart(report)))
    assert len([g for g in svg.iter(f"{SVG}g") if g.get("class") == "timeline-row"]) == 25

    empty = plan_versus_reality(
        program=palu["program"], groups_qs=BusinessGroup.objects.none(), today=TODAY
    )
    assert plan_reality_chart(empty) == ""


# Pages


@pytest.fixture
def mentor_user():
    return LenderStaffFactory(user__username="mentor-bri").user


def test_program_page_shows_summary_chart_and_table(palu, staff_client, monkeypatch):
    monkeypatch.setattr("ikm.views.programs.timezone.localdate", lambda: TODAY)

    response = staff_client.get(reverse("ikm:program", args=[palu["program"].pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="timeline-row"') == 4
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert "Kopi &amp; Abon Besusu" in html
    assert [s.late for s in response.context["summary"]] == [1, 3, 0, 1, 0]
    assert "4 kelompok peserta" in html
    assert 'class="pagination"' not in html  # one page: no page links
    assert "+1 th" in html and "Tertunda" in html  # the text table says it in words


def test_program_page_filters(palu, staff_client):
    url = reverse("ikm:program", args=[palu["program"].pk])

    response = staff_client.get(url, {"kecamatan": "72.71.01", "tema": "kopi"})
    assert [r.group.slug for r in response.context["report"].rows] == ["kopi-besusu"]
    assert response.context["filtered"] is True

    response = staff_client.get(url, {"tema": "batik"})
    assert [r.group.slug for r in response.context["report"].rows] == ["batik-lere"]

    # An unknown code is an error on the form, and the page shows every group.
    response = staff_client.get(url, {"kecamatan": "99.99.99"})
    assert response.status_code == 200
    assert response.context["form"].errors["kecamatan"]
    assert len(response.context["report"].rows) == 4


def test_program_list_shows_city_wide_counts(palu, staff_client):
    response = staff_client.get(reverse("ikm:programs"))

    assert response.status_code == 200
    assert "Pengembangan IKM Kota Palu" in response.content.decode()
    (standing,) = response.context["standings"]
    assert standing.groups == 4
    assert sum(s.total for s in standing.summary) == 4 * 5


def test_program_list_counts_are_kept_and_follow_every_change(palu, staff_client):
    def stage_two():
        (standing,) = staff_client.get(reverse("ikm:programs")).context["standings"]
        summary = standing.summary[1]
        return standing.groups, summary.done, summary.late

    assert stage_two() == (4, 1, 3)
    with CaptureQueriesContext(connection) as queries:
        assert stage_two() == (4, 1, 3)
    assert not [q for q in queries if "ikm_stageprogress" in q["sql"]]  # the kept figures
    postponed = StageProgress.objects.get(enrolment__group__slug="batik-lere", stage__order=2)
    postponed.status, postponed.completed_on = Status.DONE, datetime.date(2019, 9, 1)
    postponed.save()
    assert stage_two() == (4, 2, 2)
    EnrolmentFactory(program=palu["program"], group=BusinessGroup.objects.get(slug="tidak-ikut"))
    assert stage_two() == (5, 2, 3)  # no progress row: late for a 2018 stage


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_program_page_queries_do_not_grow_with_groups(staff_client):
    program = ProgramFactory(name="Program uji kueri")
    stages = [StageFactory(program=program, order=n, year=2016 + n) for n in range(1, 6)]

    def enrol(count):
        for _n in range(count):
            enrolment = EnrolmentFactory(
                program=program, group=BusinessGroupFactory(theme=ThemeFactory())
            )
            StageProgressFactory(
                enrolment=enrolment,
                stage=stages[0],
                status=Status.DONE,
                completed_on=datetime.date(2017, 6, 1),
            )

    detail, overview = reverse("ikm:program", args=[program.pk]), reverse("ikm:programs")
    enrol(3)
    staff_client.get(detail)  # warm the session and permission caches alike for both runs
    few = _query_count(staff_client, detail), _query_count(staff_client, overview)
    enrol(60)  # past one page of the detail
    many = _query_count(staff_client, detail), _query_count(staff_client, overview)
    assert many == few
    assert _query_count(staff_client, f"{detail}?page=2") == few[0]


def _enrol_many(palu, count):
    """`count` more groups of the kopi theme in Palu Timur, named to sort after the four of
    `palu`."""
    kelurahan = KelurahanFactory(kecamatan=palu["timur"])
    return [
        EnrolmentFactory(
            program=palu["program"],
            group=BusinessGroupFactory(
                name=f"Usaha {n:02d}",
                slug=f"usaha-{n:02d}",
                kelurahan=kelurahan,
                theme=palu["kopi"],
            ),
        )
        for n in range(1, count + 1)
    ]


def _counts(summary):
    return [(s.on_plan, s.late, s.done_on_plan, s.done_late) for s in summary]


def _row_slugs(response):
    return [row.group.slug for row in response.context["report"].rows]


def test_program_page_shows_50_groups_a_page_and_counts_them_all(palu, staff_client, monkeypatch):
    monkeypatch.setattr("ikm.views.programs.timezone.localdate", lambda: TODAY)
    enrolments = _enrol_many(palu, 52)
    s1, s2, s3, *_rest = palu["stages"]
    d = datetime.date
    # On the second page: one stage done late, one done on plan, one re-planned.
    StageProgressFactory(
        enrolment=enrolments[-1], stage=s2, status=Status.DONE, completed_on=d(2019, 5, 1)
    )
    StageProgressFactory(
        enrolment=enrolments[-2], stage=s1, status=Status.DONE, completed_on=d(2017, 8, 1)
    )
    StageProgressFactory(
        enrolment=enrolments[-3], stage=s3, status=Status.NOT_STARTED, planned_year=2020
    )
    url = reverse("ikm:program", args=[palu["program"].pk])

    first = staff_client.get(url)
    second = staff_client.get(url, {"page": 2})

    # Abon, Batik, Kopi, Pakan, then Usaha 01–46 on the first page; the 51st group opens
    # the second.
    assert _row_slugs(first)[:4] == ["abon-talise", "batik-lere", "kopi-besusu", "pakan-tondo"]
    assert len(_row_slugs(first)) == 50 and _row_slugs(first)[-1] == "usaha-46"
    assert _row_slugs(second) == [f"usaha-{n}" for n in range(47, 53)]
    html = second.content.decode()
    assert html.count('class="timeline-row"') == 6
    assert "Usaha 47" in html and "Usaha 46" not in html
    assert "Halaman 2 dari 2" in html
    assert 'href="?page=1"' in html
    assert "Linimasa dan tabel memuat kelompok 51–56 dari 56" in html
    # The figures are the same on both pages, counted over all 56 groups, as the service
    # counts them when it reads every group.
    everything = plan_versus_reality(
        program=palu["program"], groups_qs=BusinessGroup.objects.all(), today=TODAY
    )
    assert _counts(first.context["summary"]) == _counts(everything.summary)
    assert _counts(second.context["summary"]) == _counts(everything.summary)
    # palu's own counts plus the 52: late in 2017 and 2018 unless done, 2020 re-planned.
    assert _counts(second.context["summary"]) == [
        (0, 1 + 51, 2 + 1, 1),
        (0, 3 + 51, 0, 1 + 1),
        (4 + 52, 0, 0, 0),
        (3 + 52, 1, 0, 0),
        (4 + 52, 0, 0, 0),
    ]
    assert "56 kelompok peserta" in html
    assert sum(s.total for s in second.context["summary"]) == 56 * 5


def test_program_page_links_keep_the_filters(palu, staff_client):
    _enrol_many(palu, 52)
    url = reverse("ikm:program", args=[palu["program"].pk])

    response = staff_client.get(url, {"tema": "kopi", "page": 2})

    # Kopi: Abon Talise, Kopi & Abon Besusu and the 52, so 4 on the second page.
    assert _row_slugs(response) == [f"usaha-{n}" for n in range(49, 53)]
    assert response.context["filtered"] is True
    assert response.context["form"].cleaned_data["tema"] == palu["kopi"]
    html = response.content.decode()
    assert 'href="?tema=kopi&amp;page=1"' in html
    assert "54 kelompok peserta" in html
    assert sum(s.total for s in response.context["summary"]) == 54 * 5


@pytest.mark.parametrize("page", ["99", "nol", ""])
def test_program_page_out_of_range_or_unreadable_page(palu, staff_client, page):
    _enrol_many(palu, 52)
    url = reverse("ikm:program", args=[palu["program"].pk])

    response = staff_client.get(url, {"page": page})

    assert response.status_code == 200
    expected = 2 if page == "99" else 1  # past the end: the last page
    assert response.context["page_obj"].number == expected
    assert sum(s.total for s in response.context["summary"]) == 56 * 5


def test_program_page_queries_are_bounded_on_a_later_page(
    palu, staff_client, django_assert_max_num_queries
):
    _enrol_many(palu, 120)
    url = reverse("ikm:program", args=[palu["program"].pk])
    staff_client.get(url)  # session and permissions, as in a browser's second request

    # Session and user (2), permissions (3), the program, the user's districts, the chosen
    # theme, the count, the page's ids, stages, enrolments, progress, the summary, and the
    # filter's lists of kecamatan and themes (11): none of them per group.
    with django_assert_max_num_queries(16):
        response = staff_client.get(url, {"page": 3, "tema": "kopi"})
    assert len(response.context["report"].rows) == 22


def test_program_page_of_an_officer_shows_only_their_kecamatan(palu, client):
    _enrol_many(palu, 3)
    officer = UserFactory(username="camat-timur-program", role=roles.DINAS_STAFF)
    StaffDistrict.objects.create(user=officer, kecamatan=palu["timur"])
    client.force_login(officer)
    url = reverse("ikm:program", args=[palu["program"].pk])

    response = client.get(url)

    # Kopi & Abon Besusu, Pakan Tondo and the three Usaha are in Palu Timur.
    assert _row_slugs(response) == [
        "kopi-besusu",
        "pakan-tondo",
        "usaha-01",
        "usaha-02",
        "usaha-03",
    ]
    assert sum(s.total for s in response.context["summary"]) == 5 * 5
    html = response.content.decode()
    assert "Batik Lere" not in html and "Abon Talise" not in html
    assert "5 kelompok peserta" in html
    assert [k.code for k in response.context["form"].fields["kecamatan"].queryset] == ["72.71.01"]

    # Another kecamatan is not a choice: the form says so and the page stays in theirs.
    response = client.get(url, {"kecamatan": "72.71.02"})
    assert response.context["form"].errors["kecamatan"]
    assert "Batik Lere" not in response.content.decode()
    assert sum(s.total for s in response.context["summary"]) == 5 * 5


@pytest.mark.parametrize("url_name", ["ikm:programs", "ikm:program"])
@pytest.mark.parametrize(
    ("who", "expected"), [("anonim", 302), ("mentor", 403), ("staf", 200), ("admin", 200)]
)
def test_who_may_see_the_program_pages(palu, client, mentor_user, url_name, who, expected):
    users = {
        "anonim": None,
        "mentor": mentor_user,
        "staf": UserFactory(username="staf-program", role=roles.DINAS_STAFF),
        "admin": UserFactory(username="admin-program", role=roles.DINAS_ADMIN),
    }
    if users[who]:
        client.force_login(users[who])
    url = reverse(url_name, args=[palu["program"].pk] if url_name == "ikm:program" else [])

    response = client.get(url)

    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("login"))


def test_unknown_program_is_404(staff_client):
    assert staff_client.get(reverse("ikm:program", args=[999])).status_code == 404


def test_admin_index_links_to_the_programs_page(admin_user_dinas, client):
    client.force_login(admin_user_dinas)
    assert reverse("ikm:programs") in client.get(reverse("admin:index")).content.decode()
