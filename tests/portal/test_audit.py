"""Log-ins, failed log-ins, log-outs and changes of rights leave an audit event."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from portal import roles
from portal.audit import audit_record
from portal.models import AuditEvent, StaffDistrict
from tests.factories import KecamatanFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_earlier_events():
    """Events that the database setup or earlier tests left behind are not this test's."""
    AuditEvent.objects.all().delete()


def _events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("at"))


def test_a_log_in_and_a_log_out_are_recorded_with_the_address(client, staff_user):
    client.post(
        reverse("login"),
        {"username": "staf-uji", "password": "kata-sandi-uji"},
        REMOTE_ADDR="10.1.2.3",
    )
    client.post(reverse("logout"), REMOTE_ADDR="10.1.2.3")

    [login] = _events(AuditEvent.Action.LOGIN)
    assert (login.user, login.ip_address) == (staff_user, "10.1.2.3")
    [logout] = _events(AuditEvent.Action.LOGOUT)
    assert logout.username == "staf-uji"


def test_a_failed_log_in_is_recorded_with_the_name_tried(client, staff_user):
    client.post(reverse("login"), {"username": "staf-uji", "password": "salah"})

    [failed] = _events(AuditEvent.Action.LOGIN_FAILED)
    assert (failed.user, failed.username) == (None, "staf-uji")
    assert "salah" not in str(failed.detail)


def test_giving_a_user_a_role_in_the_admin_is_recorded_with_who_did_it(client):
    admin = UserFactory(username="admin-dinas", role=roles.DINAS_ADMIN, is_superuser=True)
    officer = UserFactory(username="petugas")
    client.force_login(admin)
    AuditEvent.objects.all().delete()

    response = client.post(
        reverse("admin:auth_user_change", args=[officer.pk]),
        {
            "username": "petugas",
            "first_name": officer.first_name,
            "last_name": officer.last_name,
            "email": "",
            "is_active": "on",
            "is_staff": "on",
            "groups": [Group.objects.get(name=roles.DINAS_STAFF).pk],
            "date_joined_0": "2025-01-01",
            "date_joined_1": "08:00:00",
            # The inline of the kecamatan the user works in (portal.admin), left empty.
            "districts-TOTAL_FORMS": "0",
            "districts-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    changes = _events(AuditEvent.Action.PERMISSION_CHANGE)
    assert {event.username for event in changes} == {"admin-dinas"}
    details = [event.detail for event in changes]
    assert {"change": "flags", "flags": {"is_staff": [False, True]}} in details
    assert any(d.get("change") == "add" and d["items"] == [roles.DINAS_STAFF] for d in details), (
        details
    )
    assert all(f"auth.User {officer.pk} petugas" == event.target for event in changes)


def test_admin_dinas_limits_staff_to_a_kecamatan_and_it_is_recorded(client, admin_user_dinas):
    officer = UserFactory(username="petugas", role=roles.DINAS_STAFF)
    kecamatan = KecamatanFactory(code="72.71.01", name="Palu Timur")
    client.force_login(admin_user_dinas)
    url = reverse("admin:auth_user_change", args=[officer.pk])
    assert "wilayah kerja" in client.get(url).content.decode()
    AuditEvent.objects.all().delete()

    response = client.post(
        url,
        {
            "username": "petugas",
            "is_active": "on",
            "is_staff": "on",
            "groups": [Group.objects.get(name=roles.DINAS_STAFF).pk],
            "date_joined_0": "2025-01-01",
            "date_joined_1": "08:00:00",
            "districts-TOTAL_FORMS": "1",
            "districts-INITIAL_FORMS": "0",
            "districts-0-kecamatan": kecamatan.code,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert StaffDistrict.objects.get().user == officer
    [event] = _events(AuditEvent.Action.PERMISSION_CHANGE)
    assert (event.username, event.target) == ("admin-uji", f"auth.User {officer.pk} petugas")
    assert event.detail == {
        "change": "add",
        "of": "portal.StaffDistrict",
        "items": ["72.71.01"],
    }

    StaffDistrict.objects.get().delete()
    assert _events(AuditEvent.Action.PERMISSION_CHANGE)[-1].detail["change"] == "remove"


def test_changing_a_roles_permissions_is_recorded():
    role = Group.objects.get(name=roles.BANK_MENTOR)
    permission = Permission.objects.get(codename="view_member")

    role.permissions.add(permission)

    [event] = _events(AuditEvent.Action.PERMISSION_CHANGE)
    assert event.target.startswith(f"auth.Group {role.pk}")
    assert event.detail["items"] == [str(permission)]


def test_audit_record_keeps_the_event_and_writes_the_log(caplog, rf, staff_user):
    request = rf.get("/dinas/ekspor/anggota.csv", REMOTE_ADDR="10.0.0.9")
    request.user = staff_user

    with caplog.at_level("INFO", logger="portal.audit"):
        audit_record(
            action=AuditEvent.Action.PERSONAL_DATA_EXPORT,
            request=request,
            target="anggota.csv",
            detail={"rows": 12},
        )

    event = AuditEvent.objects.get(action=AuditEvent.Action.PERSONAL_DATA_EXPORT)
    assert (event.user, event.ip_address, event.detail) == (staff_user, "10.0.0.9", {"rows": 12})
    assert "ekspor_data_pribadi staf-uji anggota.csv" in caplog.text


def test_the_audit_trail_is_read_only_in_the_admin(client, admin_user_dinas):
    event = audit_record(action=AuditEvent.Action.LOGIN, user=admin_user_dinas)
    client.force_login(admin_user_dinas)

    assert client.get(reverse("admin:portal_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:portal_auditevent_add")).status_code == 403
    response = client.post(reverse("admin:portal_auditevent_delete", args=[event.pk]))
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_dinas_staff_cannot_read_the_audit_trail(staff_client):
    response = staff_client.get(reverse("admin:portal_auditevent_changelist"))
    assert response.status_code == 403


def test_a_failed_log_in_outside_the_middleware_is_recorded_too(rf, staff_user):
    from django.contrib.auth import authenticate

    assert authenticate(rf.post("/masuk/"), username="staf-uji", password="salah") is None

    [failed] = _events(AuditEvent.Action.LOGIN_FAILED)
    assert failed.username == "staf-uji"
