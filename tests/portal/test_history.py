import pytest
from django.urls import reverse

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
