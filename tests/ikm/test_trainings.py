import datetime
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from ikm.models import Attendance, Training, TrainingRegistration
from ikm.services.trainings import (
    attendance_record,
    certificate_eligible,
    participation_by_kelurahan_and_theme,
    training_attendance_save,
    training_register,
)
from ikm.views.trainings import _date_range
from portal import roles
from tests.factories import (
    BusinessGroupFactory,
    KelurahanFactory,
    MemberFactory,
    MembershipFactory,
    ThemeFactory,
    TrainingDayFactory,
    TrainingFactory,
    TrainingRegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FULL = "Pelatihan ini sudah penuh: kapasitas 50 peserta."


@pytest.fixture
def training():
    training = TrainingFactory(title="Pembukuan sederhana untuk UMKM", capacity=50)
    TrainingDayFactory(training=training, date=datetime.date(2018, 4, 9))
    TrainingDayFactory(training=training, date=datetime.date(2018, 4, 10))
    return training


@pytest.fixture
def membership():
    return MembershipFactory(
        member__name="Siti Rahmawati", group__name="KUBE Maju Bersama", group__slug="kube-maju"
    )


def _full(training):
    TrainingRegistrationFactory.create_batch(training.capacity, training=training)


# Registration


def test_a_member_is_registered_from_their_only_group(training, membership, staff_user):
    registration = training_register(training=training, member=membership.member, by=staff_user)

    assert registration.group == membership.group
    assert registration.training == training


def test_the_51st_registration_to_a_50_place_training_is_refused(training, staff_user):
    _full(training)

    with pytest.raises(ValidationError) as refused:
        training_register(training=training, member=MemberFactory(), by=staff_user)

    assert refused.value.messages == [FULL]
    assert TrainingRegistration.objects.filter(training=training).count() == 50


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_registration_waits_while_another_holds_the_last_place():
    training = TrainingFactory(capacity=1)
    first, second = MemberFactory.create_batch(2)
    refused = []

    def register_second():
        try:
            training_register(training=training, member=second, by=None)
        except ValidationError as error:
            refused.extend(error.messages)
        finally:
            connections.close_all()

    with transaction.atomic():
        # Another registration in progress: it holds the training row.
        Training.objects.select_for_update().get(pk=training.pk)
        thread = threading.Thread(target=register_second)
        thread.start()
        thread.join(timeout=1)
        assert thread.is_alive()  # waiting for the lock, not counting already
        TrainingRegistration.objects.create(training=training, member=first)
    thread.join(timeout=10)

    assert refused == ["Pelatihan ini sudah penuh: kapasitas 1 peserta."]
    assert list(training.registrations.values_list("member", flat=True)) == [first.pk]


def test_a_duplicate_registration_is_refused(training, membership, staff_user):
    training_register(training=training, member=membership.member, by=staff_user)

    with pytest.raises(ValidationError) as refused:
        training_register(training=training, member=membership.member, by=staff_user)

    assert refused.value.messages == ["Siti Rahmawati sudah terdaftar di pelatihan ini."]
    assert training.registrations.count() == 1


def test_a_member_cannot_come_from_a_group_they_do_not_belong_to(training, membership, staff_user):
    other = BusinessGroupFactory(name="Kelompok Lain")

    with pytest.raises(ValidationError) as refused:
        training_register(training=training, member=membership.member, group=other, by=staff_user)

    assert "bukan anggota aktif kelompok Kelompok Lain" in refused.value.message_dict["group"][0]
    assert not training.registrations.exists()


def test_the_page_registers_by_nik(staff_client, training, membership):
    url = reverse("ikm:training", args=[training.pk])

    response = staff_client.post(url, {"aksi": "daftar", "nik": membership.member.nik})

    assert response.status_code == 302
    assert training.registrations.get().member == membership.member


def test_the_page_refuses_a_full_training_and_keeps_what_was_typed(
    staff_client, training, membership
):
    _full(training)
    url = reverse("ikm:training", args=[training.pk])

    response = staff_client.post(
        url, {"aksi": "daftar", "nik": membership.member.nik, "group": membership.group.pk}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert FULL in page
    assert f'value="{membership.member.nik}"' in page
    assert f'<option value="{membership.group.pk}" selected>' in page
    assert training.registrations.count() == 50


def test_the_page_lists_no_groups_until_a_person_is_typed(staff_client, training, membership):
    BusinessGroupFactory.create_batch(5)
    page = staff_client.get(reverse("ikm:training", args=[training.pk])).content.decode()
    # A province has a hundred thousand groups: none is listed before the NIK is known.
    assert 'name="group"' not in page
    assert "KUBE Maju Bersama" not in page


def test_a_member_of_several_groups_is_asked_which_one(staff_client, training, membership):
    other = MembershipFactory(member=membership.member, group__name="KUB Batik Lere").group
    BusinessGroupFactory(name="Kelompok Orang Lain")
    url = reverse("ikm:training", args=[training.pk])

    response = staff_client.post(url, {"aksi": "daftar", "nik": membership.member.nik})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Pilih kelompok peserta." in page
    offered = response.context["form"].fields["group"].queryset
    assert sorted(g.name for g in offered) == ["KUB Batik Lere", "KUBE Maju Bersama"]
    assert "Kelompok Orang Lain" not in page
    assert not training.registrations.exists()

    staff_client.post(url, {"aksi": "daftar", "nik": membership.member.nik, "group": other.pk})
    assert training.registrations.get().group == other


def test_the_page_refuses_an_unknown_nik(staff_client, training):
    url = reverse("ikm:training", args=[training.pk])

    response = staff_client.post(url, {"aksi": "daftar", "nik": "7271010101900001"})

    assert response.status_code == 400
    assert "Tidak ada anggota dengan NIK ini" in response.content.decode()
    assert not training.registrations.exists()


# Attendance


def test_recording_attendance_twice_changes_nothing(training):
    registration = TrainingRegistrationFactory(training=training)
    day = training.days.first()

    attendance_record(registration=registration, day=day, present=True)
    attendance_record(registration=registration, day=day, present=True)
    assert registration.attendances.count() == 1

    attendance_record(registration=registration, day=day, present=False)
    attendance_record(registration=registration, day=day, present=False)
    assert registration.attendances.count() == 0


def test_attendance_on_a_day_of_another_training_is_refused(training):
    registration = TrainingRegistrationFactory(training=training)
    other_day = TrainingDayFactory()

    with pytest.raises(ValidationError):
        attendance_record(registration=registration, day=other_day, present=True)

    assert not Attendance.objects.exists()


def test_the_attendance_grid_saves_exactly_what_is_ticked(training, staff_user):
    a, b = TrainingRegistrationFactory.create_batch(2, training=training)
    first, second = training.days.all()
    outsider = TrainingRegistrationFactory()  # another training: ignored
    grid = [(a.pk, first.pk), (a.pk, second.pk), (b.pk, first.pk), (outsider.pk, first.pk)]

    assert training_attendance_save(training=training, present=grid, by=staff_user) == (3, 0)
    assert training_attendance_save(training=training, present=grid, by=staff_user) == (0, 0)
    assert training_attendance_save(training=training, present=grid[:2], by=staff_user) == (0, 1)

    marks = set(Attendance.objects.values_list("registration_id", "day_id"))
    assert marks == {(a.pk, first.pk), (a.pk, second.pk)}
    added = Attendance.history.filter(history_type="+")
    assert added.count() == 3
    assert {entry.history_user for entry in added} == {staff_user}
    [removed] = Attendance.history.filter(history_type="-")
    assert (removed.registration_id, removed.day_id) == (b.pk, first.pk)


def test_the_page_saves_the_grid(staff_client, training):
    registration = TrainingRegistrationFactory(training=training)
    first, second = training.days.all()
    url = reverse("ikm:training", args=[training.pk])
    # Two broken values: a word, and digits that int() refuses though str.isdigit takes them.
    ticked = [f"{registration.pk}-{first.pk}", f"{registration.pk}-{second.pk}", "rusak", "¹-²"]

    for _ in range(2):
        response = staff_client.post(url, {"aksi": "hadir", "hadir": ticked})
        assert response.status_code == 302
    assert registration.attendances.count() == 2

    page = staff_client.get(url).content.decode()
    assert "2 / 2" in page
    assert reverse("ikm:training_certificate", args=[training.pk, registration.pk]) in page


# Certificates


def _attend(registration, days):
    for day in days:
        attendance_record(registration=registration, day=day, present=True)


def test_certificate_needs_every_day(training):
    registration = TrainingRegistrationFactory(training=training)
    first, second = training.days.all()

    _attend(registration, [first])
    assert not certificate_eligible(registration)
    _attend(registration, [second])
    assert certificate_eligible(registration)


def test_no_certificate_for_a_training_without_days():
    registration = TrainingRegistrationFactory()

    assert not certificate_eligible(registration)


def test_a_participant_who_came_both_days_gets_a_pdf(staff_client, training, membership):
    registration = TrainingRegistrationFactory(
        training=training, member=membership.member, group=membership.group
    )
    _attend(registration, training.days.all())

    response = staff_client.get(
        reverse("ikm:training_certificate", args=[training.pk, registration.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="sertifikat-siti-rahmawati.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = " ".join(page.extract_text().split())
    assert "SERTIFIKAT" in text
    assert "Siti Rahmawati" in text
    assert "KUBE Maju Bersama" in text
    assert "Pembukuan sederhana untuk UMKM" in text
    assert "9–10 April 2018" in text


def test_a_participant_who_missed_a_day_gets_no_certificate(staff_client, training):
    registration = TrainingRegistrationFactory(training=training)
    _attend(registration, training.days.all()[:1])

    response = staff_client.get(
        reverse("ikm:training_certificate", args=[training.pk, registration.pk])
    )

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert "belum hadir di semua hari" in response.content.decode()


def test_a_certificate_of_another_training_is_not_found(staff_client, training):
    registration = TrainingRegistrationFactory()

    response = staff_client.get(
        reverse("ikm:training_certificate", args=[training.pk, registration.pk])
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([datetime.date(2018, 4, 9), datetime.date(2018, 4, 10)], "9–10 April 2018"),
        ([datetime.date(2018, 4, 9)], "9 April 2018"),
        (
            [datetime.date(2018, 4, 9), datetime.date(2018, 4, 11), datetime.date(2018, 4, 12)],
            "9, 11–12 April 2018",
        ),
        ([datetime.date(2018, 4, 30), datetime.date(2018, 5, 1)], "30 April, 1 Mei 2018"),
        (
            [datetime.date(2018, 12, 31), datetime.date(2019, 1, 2)],
            "31 Desember 2018, 2 Januari 2019",
        ),
        ([], ""),
    ],
)
def test_dates_are_written_in_indonesian(days, expected):
    assert _date_range(days) == expected


# Participation


def test_participation_counts_distinct_people_per_kelurahan_and_theme(django_assert_num_queries):
    besusu, lere = KelurahanFactory(name="Besusu Barat"), KelurahanFactory(name="Lere")
    kopi, kain = ThemeFactory(name="Kopi"), ThemeFactory(name="Tenun")
    a = BusinessGroupFactory(kelurahan=besusu, theme=kopi)
    b = BusinessGroupFactory(kelurahan=besusu, theme=kain)
    c = BusinessGroupFactory(kelurahan=lere, theme=kopi)
    first, second = TrainingDayFactory(), TrainingDayFactory()
    siti, ani, budi, dewi = MemberFactory.create_batch(4)
    # Siti takes part in both trainings: she counts once.
    for day, member, group, came in [
        (first, siti, a, True),
        (second, siti, a, True),
        (first, ani, b, False),
        (first, budi, c, True),
        (second, dewi, None, False),
    ]:
        registration = TrainingRegistrationFactory(
            training=day.training, member=member, group=group
        )
        if came:
            registration.attendances.create(day=day)
    TrainingRegistrationFactory(group=a)  # a training outside the selection

    with django_assert_num_queries(2):
        participation = participation_by_kelurahan_and_theme(
            TrainingRegistration.objects.filter(
                training__in=[first.training_id, second.training_id]
            )
        )

    by_kelurahan = [(r.label, r.registered, r.attended) for r in participation.by_kelurahan]
    by_theme = [(r.label, r.registered, r.attended) for r in participation.by_theme]
    assert by_kelurahan == [("Besusu Barat", 2, 1), ("Lere", 1, 1), ("Tanpa kelompok", 1, 0)]
    assert by_theme == [("Kopi", 2, 2), ("Tanpa kelompok", 1, 0), ("Tenun", 1, 0)]


def test_the_list_shows_places_attendance_and_participation(staff_client, training, membership):
    registration = TrainingRegistrationFactory(
        training=training, member=membership.member, group=membership.group
    )
    TrainingRegistrationFactory(training=training)
    _attend(registration, training.days.all())

    response = staff_client.get(reverse("ikm:trainings"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "9–10 April 2018" in page
    assert "2 / 50" in page
    assert "50%" in page  # 2 of 4 participant-days
    assert membership.group.kelurahan.name in page


# Access and queries


@pytest.mark.parametrize("url_name", ["ikm:trainings", "ikm:training", "ikm:training_certificate"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        (roles.BANK_MENTOR, 403),
        (roles.BANK_SUPERVISOR, 403),
        (roles.GROUP_LEADER, 403),
        (roles.DINAS_STAFF, 200),
        (roles.DINAS_ADMIN, 200),
    ],
)
def test_only_dinas_sees_the_training_pages(client, training, url_name, role, expected):
    registration = TrainingRegistrationFactory(training=training)
    _attend(registration, training.days.all())
    args = {
        "ikm:trainings": [],
        "ikm:training": [training.pk],
        "ikm:training_certificate": [training.pk, registration.pk],
    }[url_name]
    if role:
        client.force_login(UserFactory(role=role))

    response = client.get(reverse(url_name, args=args))

    assert response.status_code == expected
    if role is None:
        assert response["Location"].startswith(reverse("login"))


def test_a_mentor_cannot_post_attendance(client, training):
    registration = TrainingRegistrationFactory(training=training)
    client.force_login(UserFactory(role=roles.BANK_MENTOR))

    response = client.post(
        reverse("ikm:training", args=[training.pk]),
        {"aksi": "hadir", "hadir": [f"{registration.pk}-{training.days.first().pk}"]},
    )

    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_an_unknown_training_is_not_found(staff_client):
    assert staff_client.get(reverse("ikm:training", args=[999999])).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_detail_page_query_count_does_not_grow_with_participants(staff_client, training):
    url = reverse("ikm:training", args=[training.pk])
    days = list(training.days.all())

    def add(count):
        for membership in MembershipFactory.create_batch(count):
            registration = TrainingRegistrationFactory(
                training=training, member=membership.member, group=membership.group
            )
            _attend(registration, days)

    add(2)
    few = _queries(staff_client, url)
    add(10)
    many = _queries(staff_client, url)

    assert many == few
