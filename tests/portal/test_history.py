import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

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


# Records a role may change whose changes are kept elsewhere than in their own history,
# with where: every other one has django-simple-history and a history page in the admin.
HISTORY_ELSEWHERE = {
    # An import's own bookkeeping, made and moved on by the import pages (with its user);
    # the groups, members and products it saves keep their history.
    "ikm.importjob": "made by the import pages",
    "ikm.importrow": "made by the import pages",
    # Accounts: the admin's log (who, when, which fields) on the user's history page, and
    # every change of rights with its values in the audit trail (portal.audit).
    "auth.user": "the admin's log and the audit trail",
    "portal.staffdistrict": "the audit trail, as a change of rights",
    # Lifting a log-in lock: the admin's log entry of the deletion.
    "axes.accessattempt": "the admin's log",
}


def _models_a_role_may_change(role):
    changeable = Permission.objects.filter(
        group__name=role, codename__regex=r"^(add|change|delete)_"
    ).select_related("content_type")
    models = {p.content_type.model_class() for p in changeable} - {None}
    return sorted(
        (m for m in models if not m.__name__.startswith("Historical")),
        key=lambda m: m._meta.label_lower,
    )


@pytest.mark.parametrize("role", [roles.DINAS_ADMIN, roles.DINAS_STAFF, roles.BANK_MENTOR,
                                  roles.BANK_SUPERVISOR, roles.GROUP_LEADER])  # fmt: skip
def test_every_record_a_role_may_change_keeps_its_history_and_staff_can_read_it(role):
    models = [
        m for m in _models_a_role_may_change(role) if m._meta.label_lower not in HISTORY_ELSEWHERE
    ]
    assert models
    without_history = [m._meta.label_lower for m in models if not hasattr(m, "history")]
    assert without_history == []
    # A choice of many (a theme's KBLI codes, a stage's criteria met) is a change too.
    untracked_choices = [
        f"{m._meta.label_lower}.{field.name}"
        for m in models
        for field in m._meta.many_to_many
        if field.remote_field.through._meta.auto_created
        and field not in m.history.model._history_m2m_fields
    ]
    assert untracked_choices == []
    # Per record: the admin's history page of each (kept for deleted records too).
    unreadable = [
        m._meta.label_lower
        for m in models
        if not isinstance(admin.site._registry.get(m), SimpleHistoryAdmin)
    ]
    assert unreadable == []


def test_staff_read_the_history_of_a_training(staff_client):
    from ikm.models import Training
    from tests.factories import TrainingFactory

    training = TrainingFactory(title="Pelatihan kemasan")
    Training.objects.filter(pk=training.pk).first().save()

    page = staff_client.get(reverse("admin:ikm_training_history", args=[training.pk]))

    assert page.status_code == 200
    assert "Pelatihan kemasan" in page.content.decode()
