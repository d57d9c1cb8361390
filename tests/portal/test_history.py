import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from portal import roles
from tests.factories import BusinessGroupFactory

pytestmark = pytest.mark.django_db


def test_an_admin_edit_is_recorded_with_its_author_and_shown_to_staff(staff_client, staff_user):
    group = BusinessGroupFactory(name="Kopi Tondo")
    url = reverse("admin:ikm_businessgroup_change", args=[group.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in (form.initial | {"kelurahan": group.kelurahan_id}).items()
        if value is not None and name not in {"photo"}
    }
    data |= {"name": "Kopi Tondo Jaya", "theme": group.theme_id}
    for prefix in ("memberships", "products", "marketplace_links"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = group.history.latest()
    assert latest.name == "Kopi Tondo Jaya"
    assert latest.history_user == staff_user
    history_page = staff_client.get(reverse("admin:ikm_businessgroup_history", args=[group.pk]))
    assert "staf-uji" in history_page.content.decode()


# Records that are kept by the portal itself, not edited: an import's own bookkeeping.
NOT_EDITED = {"ikm.importjob", "ikm.importrow"}


@pytest.mark.parametrize("role", [roles.DINAS_ADMIN, roles.DINAS_STAFF, roles.BANK_MENTOR,
                                  roles.BANK_SUPERVISOR, roles.GROUP_LEADER])  # fmt: skip
def test_every_record_a_role_may_change_keeps_its_history(role):
    changeable = Permission.objects.filter(
        group__name=role, codename__regex=r"^(add|change|delete)_"
    ).select_related("content_type")
    models = {p.content_type.model_class() for p in changeable} - {None}
    without_history = sorted(
        model._meta.label_lower
        for model in models
        if model._meta.app_label in {"ikm", "financing", "kelurahan"}
        and not model.__name__.startswith("Historical")
        and model._meta.label_lower not in NOT_EDITED
        and not hasattr(model, "history")
    )
    assert without_history == []


def test_staff_read_the_history_of_a_training(staff_client):
    from ikm.models import Training
    from tests.factories import TrainingFactory

    training = TrainingFactory(title="Pelatihan kemasan")
    Training.objects.filter(pk=training.pk).first().save()

    page = staff_client.get(reverse("admin:ikm_training_history", args=[training.pk]))

    assert page.status_code == 200
    assert "Pelatihan kemasan" in page.content.decode()
