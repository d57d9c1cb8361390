"""Consent to public listing is dated on every path that gives it, and forgotten when withdrawn."""

from datetime import date

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ikm.models import BusinessGroup, ImportJob, Membership
from ikm.services.imports import import_job_confirm
from portal import roles
from tests.factories import BusinessGroupFactory, MembershipFactory, UserFactory
from tests.ikm.test_import_files import csv_file, palu_places, run

pytestmark = pytest.mark.django_db

LONG_AGO = date(2019, 5, 2)


@pytest.fixture
def palu(db):
    return palu_places()


def _since(group) -> date | None:
    group.refresh_from_db()
    return group.listed_publicly_since


def test_a_group_saved_with_consent_is_dated_today_and_keeps_that_date():
    group = BusinessGroupFactory(listed_publicly=True)
    assert _since(group) == timezone.localdate()

    BusinessGroup.objects.filter(pk=group.pk).update(
        listed_publicly=True, listed_publicly_since=LONG_AGO
    )
    group.refresh_from_db()
    group.description = "Kopi robusta"
    group.save()
    assert _since(group) == LONG_AGO


def test_withdrawn_consent_forgets_its_date_and_a_new_one_is_dated_anew():
    group = BusinessGroupFactory(listed_publicly=True)
    BusinessGroup.objects.filter(pk=group.pk).update(
        listed_publicly=True, listed_publicly_since=LONG_AGO
    )
    group.refresh_from_db()

    group.listed_publicly = False
    group.save(update_fields=["listed_publicly"])
    assert _since(group) is None

    group.listed_publicly = True
    group.save(update_fields=["listed_publicly"])
    assert _since(group) == timezone.localdate()
    assert group.history.latest().listed_publicly_since == timezone.localdate()


def test_a_group_without_consent_has_no_date():
    assert _since(BusinessGroupFactory(listed_publicly=False)) is None


def test_a_queryset_update_dates_new_consent_and_keeps_an_old_date():
    dated = BusinessGroupFactory(listed_publicly=True)
    BusinessGroup.objects.filter(pk=dated.pk).update(listed_publicly_since=LONG_AGO)
    undated = BusinessGroupFactory(listed_publicly=False)

    BusinessGroup.objects.update(listed_publicly=True)
    assert (_since(dated), _since(undated)) == (LONG_AGO, timezone.localdate())

    BusinessGroup.objects.update(listed_publicly=False)
    assert (_since(dated), _since(undated)) == (None, None)


def test_an_update_with_an_expression_the_date_cannot_follow_is_refused():
    BusinessGroupFactory(listed_publicly=False)
    with pytest.raises(TypeError):
        BusinessGroup.objects.update(listed_publicly=~Q(status="bubar"))


def _admin_form_data(client, group) -> dict:
    form = (
        client.get(reverse("admin:ikm_businessgroup_change", args=[group.pk]))
        .context["adminform"]
        .form
    )
    data = {
        name: value
        for name, value in (form.initial | {"kelurahan": group.kelurahan_id}).items()
        if value is not None and name not in {"photo", "listed_publicly"}
    }
    data["theme"] = group.theme_id
    for prefix in ("memberships", "products", "marketplace_links"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return data


def test_staff_give_and_withdraw_consent_in_the_admin_and_see_its_date(staff_client):
    group = BusinessGroupFactory(name="Kopi Tondo", listed_publicly=False)
    url = reverse("admin:ikm_businessgroup_change", args=[group.pk])

    response = staff_client.post(
        url, _admin_form_data(staff_client, group) | {"listed_publicly": "on"}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert _since(group) == timezone.localdate()

    page = staff_client.get(url).content.decode()
    assert "Setuju tampil publik sejak" in page
    assert 'name="listed_publicly_since"' not in page  # shown, not editable
    assert timezone.localdate().strftime("%Y") in page

    response = staff_client.post(url, _admin_form_data(staff_client, group))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert _since(group) is None


def test_a_ketua_gives_and_withdraws_consent_on_the_groups_page(client):
    group = BusinessGroupFactory(slug="kopi-besusu", listed_publicly=False)
    user = UserFactory(role=roles.GROUP_LEADER)
    MembershipFactory(group=group, role=Membership.Role.LEADER, member__user=user)
    client.force_login(user)
    url = reverse("ikm:leader_group", args=[group.slug])

    group.refresh_from_db()
    data = {"description": "Kopi", "expected_version": group.version}
    assert client.post(url, data | {"listed_publicly": "on"}).status_code == 302
    assert _since(group) == timezone.localdate()

    data["expected_version"] = group.version
    assert client.post(url, data).status_code == 302
    assert _since(group) is None


GROUPS = "Nama Kelompok;Kelurahan;Tema;Setuju Tampil Publik\n"


def test_an_import_dates_the_consent_of_the_groups_it_creates(staff_user, palu):
    job = run(
        staff_user,
        csv_file(
            GROUPS + "Kopi Tondo;Tondo;Kopi bubuk;Ya\nPisang Lolu;Lolu Utara;Keripik pisang;Tidak\n"
        ),
    )
    assert import_job_confirm(job=job, user=staff_user).status == ImportJob.Status.DONE

    listed = BusinessGroup.objects.get(name="Kopi Tondo")
    assert listed.listed_publicly_since == timezone.localdate()
    assert listed.history.get().listed_publicly_since == timezone.localdate()
    assert BusinessGroup.objects.get(name="Pisang Lolu").listed_publicly_since is None


def test_an_import_dates_new_consent_keeps_old_and_forgets_withdrawn(staff_user, palu):
    consenting = BusinessGroupFactory(
        name="Kopi Tondo", kelurahan=palu["tondo"], theme=palu["kopi"], listed_publicly=False
    )
    kept = BusinessGroupFactory(
        name="Kopi Lolu", kelurahan=palu["lolu"], theme=palu["kopi"], listed_publicly=True
    )
    withdrawing = BusinessGroupFactory(
        name="Pisang Lolu", kelurahan=palu["lolu"], theme=palu["pisang"], listed_publicly=True
    )
    BusinessGroup.objects.filter(pk__in=[kept.pk, withdrawing.pk]).update(
        listed_publicly=True, listed_publicly_since=LONG_AGO
    )
    job = run(
        staff_user,
        csv_file(
            GROUPS
            + "Kopi Tondo;Tondo;Kopi bubuk;Ya\n"
            + "Kopi Lolu;Lolu Utara;Kopi bubuk;Ya\n"
            + "Pisang Lolu;Lolu Utara;Keripik pisang;Tidak\n"
        ),
    )
    assert job.summary["sheets"][0]["update"] == 3, job.problems
    assert import_job_confirm(job=job, user=staff_user).status == ImportJob.Status.DONE

    assert _since(consenting) == timezone.localdate()
    assert consenting.history.latest().listed_publicly_since == timezone.localdate()
    assert _since(kept) == LONG_AGO
    assert _since(withdrawing) is None
    assert withdrawing.listed_publicly is False
