"""A group's ketua edits the group's public profile and products, and nothing else."""

import pytest
from django.urls import reverse

from ikm.models import Membership, Product
from portal import roles
from tests.factories import (
    BusinessGroupFactory,
    MembershipFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _leader_of(group, username="ketua-uji"):
    user = UserFactory(username=username, role=roles.GROUP_LEADER)
    MembershipFactory(group=group, role=Membership.Role.LEADER, member__user=user)
    return user


@pytest.fixture
def group():
    return BusinessGroupFactory(name="IKM Kopi Besusu", slug="kopi-besusu", listed_publicly=True)


@pytest.fixture
def leader_client(client, group):
    client.force_login(_leader_of(group))
    return client


def test_after_log_in_a_ketua_lands_on_their_group(leader_client, group):
    response = leader_client.get(reverse("landing"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("ikm:leader_group", args=[group.slug])
    assert "IKM Kopi Besusu" in response.content.decode()


def test_a_ketua_edits_the_public_profile(leader_client, group):
    response = leader_client.post(
        reverse("ikm:leader_group", args=[group.slug]),
        {
            "description": "Kopi robusta sangrai dari Besusu.",
            "address": "Jl. Kopi 1",
            "phone": "0812-3456-7890",
            "whatsapp": "62 812 3456 7890",
            "listed_publicly": "on",
            "expected_version": group.version,
        },
    )

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.description == "Kopi robusta sangrai dari Besusu."
    assert group.phone == group.whatsapp == "+6281234567890"
    assert group.history.first().history_user.username == "ketua-uji"


def test_a_bad_phone_keeps_what_was_typed(leader_client, group):
    response = leader_client.post(
        reverse("ikm:leader_group", args=[group.slug]),
        {"description": "Deskripsi baru yang panjang", "phone": "12345"},
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "bukan nomor Indonesia yang sah" in text
    assert "Deskripsi baru yang panjang" in text
    group.refresh_from_db()
    assert group.description != "Deskripsi baru yang panjang"


def test_a_ketua_adds_changes_and_deletes_products(leader_client, group):
    leader_client.post(
        reverse("ikm:leader_product_add", args=[group.slug]),
        {"name": "Kopi bubuk 250 g", "price": "Rp 35.000", "unit": "bungkus"},
    )
    product = group.products.get()
    assert product.price == 35_000

    leader_client.post(
        reverse("ikm:leader_product", args=[group.slug, product.pk]),
        {"name": "Kopi bubuk 250 g", "price": "1,5 juta"},
    )
    product.refresh_from_db()
    assert product.price == 1_500_000

    response = leader_client.post(
        reverse("ikm:leader_product_add", args=[group.slug]), {"name": "Kopi bubuk 250 g"}
    )
    assert response.status_code == 200
    assert group.products.count() == 1  # the same name twice in a group is refused

    leader_client.post(reverse("ikm:leader_product_delete", args=[group.slug, product.pk]))
    assert not group.products.exists()


def test_another_groups_pages_answer_404(leader_client):
    other = BusinessGroupFactory(slug="tenun-lain")
    product = ProductFactory(group=other)
    _leader_of(other, username="ketua-lain")

    urls = [
        reverse("ikm:leader_group", args=[other.slug]),
        reverse("ikm:leader_product_add", args=[other.slug]),
        reverse("ikm:leader_product", args=[other.slug, product.pk]),
    ]
    for url in urls:
        assert leader_client.get(url).status_code == 404, url
        assert leader_client.post(url, {"name": "Diubah"}).status_code == 404, url
    delete = reverse("ikm:leader_product_delete", args=[other.slug, product.pk])
    assert leader_client.post(delete).status_code == 404
    assert Product.objects.filter(pk=product.pk, name=product.name).exists()


def test_a_product_of_another_group_cannot_be_reached_through_ones_own(leader_client, group):
    product = ProductFactory(group=BusinessGroupFactory())

    url = reverse("ikm:leader_product", args=[group.slug, product.pk])
    assert leader_client.post(url, {"name": "Diubah"}).status_code == 404


def test_a_former_ketua_no_longer_reaches_the_group(client, group):
    user = _leader_of(group)
    Membership.objects.filter(member__user=user).update(left_on="2025-01-01")
    client.force_login(user)

    assert client.get(reverse("ikm:leader_group", args=[group.slug])).status_code == 404


@pytest.mark.parametrize("role", [roles.BANK_MENTOR, roles.BANK_SUPERVISOR])
def test_other_roles_are_refused(client, group, role):
    client.force_login(UserFactory(role=role))

    assert client.get(reverse("ikm:leader_groups")).status_code == 403
    assert client.get(reverse("ikm:leader_group", args=[group.slug])).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, group):
    response = client.get(reverse("ikm:leader_group", args=[group.slug]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
