from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localdate

from ikm.models import AidCheck, StageProgress
from portal.workspace import figures
from tests.factories import (
    AidCheckFactory,
    AidFactory,
    BookkeepingVisitFactory,
    BusinessGroupFactory,
    CertificationFactory,
    CreditApplicationFactory,
    EnrolmentFactory,
    KecamatanFactory,
    KelurahanFactory,
    MembershipFactory,
    MentorAssignmentFactory,
    ProductFactory,
    ProgramFactory,
    StageFactory,
    StageProgressFactory,
)

URL = reverse("workspace:dashboard")


def test_dinas_users_land_on_the_dashboard(staff_client):
    assert staff_client.get(reverse("landing")).url == URL


def test_the_admin_index_links_to_the_dashboard(staff_client):
    assert URL in staff_client.get(reverse("admin:index")).content.decode()


def _program():
    program = ProgramFactory(name="Peta Jalan Uji", start_year=2020, end_year=localdate().year)
    return program, [StageFactory(program=program, order=n, year=2019 + n) for n in (1, 2)]


def _groups(count: int, kelurahan, program, stages):
    """Groups with every kind of record the dashboard reads."""
    for _ in range(count):
        group = BusinessGroupFactory(kelurahan=kelurahan, workforce=3)
        MembershipFactory(group=group)
        aid = AidFactory(group=group, value=1_000_000, handed_over_on=localdate())
        AidCheckFactory(aid=aid, checked_on=localdate(), status=AidCheck.Status.IDLE)
        assignment = MentorAssignmentFactory(group=group, started_on=date(2020, 1, 1))
        BookkeepingVisitFactory(assignment=assignment, visited_on=localdate())
        CreditApplicationFactory(group=group, submitted_on=localdate())
        enrolment = EnrolmentFactory(program=program, group=group)
        StageProgressFactory(
            enrolment=enrolment,
            stage=stages[0],
            status=StageProgress.Status.DONE,
            completed_on=date(2020, 5, 1),
        )
        product = ProductFactory(group=group)
        CertificationFactory(product=product, expires_on=localdate())


def test_the_number_of_queries_does_not_grow_with_the_groups(
    staff_client, django_assert_max_num_queries
):
    kelurahan = KelurahanFactory(kecamatan=KecamatanFactory(code="72.71.01"))
    program, stages = _program()
    staff_client.get(URL)  # the CSRF cookie: both measured pages are then kept in the cache
    counts = []
    for size in (2, 8):
        _groups(size, kelurahan, program, stages)
        with django_assert_max_num_queries(55), CaptureQueriesContext(connection) as queries:
            response = staff_client.get(URL)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert response.context["figures"].groups.groups == 10


def test_the_page_shows_the_figures_and_charts(staff_client):
    kelurahan = KelurahanFactory(kecamatan=KecamatanFactory(code="72.71.01", name="Palu Timur"))
    program, stages = _program()
    _groups(3, kelurahan, program, stages)

    content = staff_client.get(URL).content.decode()

    assert "Rp 3.000.000" in content  # aid this year, APBD
    assert "Rp 60.000.000" in content  # credit asked
    assert "Peta Jalan Uji" in content
    assert content.count("<svg") >= 4
    assert '<title id="chart-aid-source-title">Nilai bantuan menurut sumber dana</title>' in content
    assert "Bantuan Mesin sangrai kopi 5 kg: menganggur" in content
    # Personal data never appears, even on a staff page that does not need it.
    assert "+62812" not in content


def test_the_filter_narrows_to_a_kecamatan(staff_client):
    east = KecamatanFactory(code="72.71.01", name="Palu Timur")
    west = KecamatanFactory(code="72.71.02", name="Palu Barat")
    BusinessGroupFactory(kelurahan=KelurahanFactory(kecamatan=east))
    BusinessGroupFactory(kelurahan=KelurahanFactory(kecamatan=west))
    BusinessGroupFactory(kelurahan=KelurahanFactory(kecamatan=west))

    city = staff_client.get(URL).context["figures"]
    response = staff_client.get(URL, {"kecamatan": "72.71.02", "tahun": localdate().year})

    assert city.groups.groups == 3
    assert response.context["figures"].groups.groups == 2
    assert response.context["figures"].kecamatan == west


def test_an_unknown_year_falls_back_to_this_year(staff_client):
    response = staff_client.get(URL, {"tahun": "1999"})
    assert response.status_code == 200
    assert response.context["figures"].year == localdate().year
    assert "tahun" in response.context["form"].errors


def test_a_long_list_of_expiring_certificates_shows_the_soonest(staff_client, monkeypatch):
    monkeypatch.setattr(figures, "EXPIRING_SHOWN", 2)
    group = BusinessGroupFactory(
        kelurahan=KelurahanFactory(kecamatan=KecamatanFactory(code="72.71.01"))
    )
    today = localdate()
    for days, name in ((30, "Kopi akhir bulan"), (3, "Kopi lusa"), (10, "Kopi pekan depan")):
        product = ProductFactory(group=group, name=name)
        CertificationFactory(product=product, expires_on=today + timedelta(days=days))

    response = staff_client.get(URL)

    expiring = response.context["figures"].expiring_certificates
    assert [c.product.name for c in expiring.shown] == ["Kopi lusa", "Kopi pekan depan"]
    content = response.content.decode()
    assert "Kopi akhir bulan" not in content
    assert "3 sertifikat habis dalam 60 hari; yang tampil 2 yang paling dekat." in content
    every_one = (
        reverse("admin:ikm_certification_changelist")
        + f"?expires_on__gte={today:%Y-%m-%d}"
        + f"&expires_on__lte={today + timedelta(days=60):%Y-%m-%d}&o=5"
    )
    assert every_one.replace("&", "&amp;") in content
    listed = staff_client.get(every_one).content.decode()
    positions = [
        listed.find(name) for name in ("Kopi lusa", "Kopi pekan depan", "Kopi akhir bulan")
    ]
    assert -1 not in positions and positions == sorted(positions)
