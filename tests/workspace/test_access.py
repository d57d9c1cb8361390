"""Every page of the Dinas workspace, requested by every role, answers as the table says:
Dinas 200, other roles 403, anonymous visitors sent to log in. A new URL without a row here
fails the coverage test."""

import pytest
from django.urls import reverse

from portal import roles
from portal.workspace.urls import urlpatterns
from tests.factories import BusinessGroupFactory, KelurahanFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = [None, roles.DINAS_ADMIN, roles.DINAS_STAFF, roles.BANK_MENTOR,
         roles.BANK_SUPERVISOR, roles.GROUP_LEADER]  # fmt: skip
DINAS_ONLY = [302, 200, 200, 403, 403, 403]

TABLE = {
    "workspace:dashboard": DINAS_ONLY,
    "workspace:evaluation": DINAS_ONLY,
    "workspace:evaluation_pdf": DINAS_ONLY,
    "workspace:evaluation_register_csv": DINAS_ONLY,
    "workspace:group_timeline": DINAS_ONLY,
    "workspace:group_sheet": DINAS_ONLY,
    "workspace:reports": DINAS_ONLY,
    "workspace:kecamatan_summary": DINAS_ONLY,
    "workspace:kelurahan_summary": DINAS_ONLY,
}


def test_the_table_covers_every_workspace_url():
    assert {f"workspace:{pattern.name}" for pattern in urlpatterns} == set(TABLE)


@pytest.mark.parametrize("url_name", TABLE)
def test_every_role_gets_the_expected_answer(client, url_name):
    group = BusinessGroupFactory()
    kelurahan = KelurahanFactory()
    args = {
        "workspace:group_timeline": [group.pk],
        "workspace:group_sheet": [group.pk],
        "workspace:kecamatan_summary": [kelurahan.kecamatan_id],
        "workspace:kelurahan_summary": [kelurahan.code],
    }
    url = reverse(url_name, args=args.get(url_name, []))
    answers = []
    for role in ROLES:
        client.logout()
        if role:
            client.force_login(UserFactory(role=role))
        response = client.get(url)
        answers.append(response.status_code)
        if role is None:
            assert response.url.startswith(reverse("login"))
    assert answers == TABLE[url_name]
