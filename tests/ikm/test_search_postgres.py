"""Full-text search on PostgreSQL: Indonesian configuration, ranking, typos, live updates."""

import pytest
from django.urls import reverse

from ikm.models import BusinessGroup, Product, Theme
from tests.factories import BusinessGroupFactory, ProductFactory, ThemeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def groups():
    coffee = ThemeFactory(name="Kopi Bubuk", slug="kopi-bubuk")
    food = ThemeFactory(name="Kue Tradisional", slug="kue")
    return {
        "mentions": BusinessGroupFactory(
            name="IKM Kue Talise",
            theme=food,
            description="Kue basah untuk teman minum kopi di sore hari.",
        ),
        "lolu": BusinessGroupFactory(name="IKM Kopi Bubuk Lolu", theme=coffee),
        "product_only": BusinessGroupFactory(name="KUBE Mosinggani", theme=food),
        "siranindi": BusinessGroupFactory(name="IKM Kopi Siranindi", theme=coffee),
    }


def _search(text):
    return list(
        BusinessGroup.objects.published()
        .search(text)
        .order_by("-rank", "name")
        .values_list("name", flat=True)
    )


def test_coffee_groups_rank_above_a_passing_mention(groups):
    ProductFactory(group=groups["product_only"], name="Kopi Jahe Sachet")
    found = _search("kopi")
    assert set(found[:2]) == {"IKM Kopi Bubuk Lolu", "IKM Kopi Siranindi"}
    assert found[-1] == "IKM Kue Talise"  # only its description mentions kopi
    assert "KUBE Mosinggani" in found  # through its product


def test_indonesian_stemming_matches_word_forms(groups):
    ProductFactory(group=groups["mentions"], name="Kue Kering", description="Pengolahan kelapa")
    assert _search("olahan") == ["IKM Kue Talise"]


def test_a_typo_still_finds_the_group(groups):
    ProductFactory(group=groups["product_only"], name="Keripik Pisang Kepok")
    assert _search("keripik pisamg") == ["KUBE Mosinggani"]
    assert _search("kopi bubk")[0] == "IKM Kopi Bubuk Lolu"


def test_search_follows_product_and_theme_changes(groups):
    product = ProductFactory(group=groups["product_only"], name="Abon Ikan")
    assert _search("abon") == ["KUBE Mosinggani"]

    Product.objects.filter(pk=product.pk).update(name="Bawang Goreng")
    assert _search("abon") == []
    assert _search("bawang") == ["KUBE Mosinggani"]

    Theme.objects.filter(slug="kue").update(name="Kerajinan Eboni")
    assert set(_search("eboni")) == {"KUBE Mosinggani", "IKM Kue Talise"}

    Product.objects.filter(pk=product.pk).delete()
    assert _search("bawang") == []


def test_directory_page_puts_the_best_match_first(client, groups):
    response = client.get(reverse("ikm:directory"), {"q": "kopi"})
    names = [group.name for group in response.context["page_obj"].object_list]
    assert names[0] in {"IKM Kopi Bubuk Lolu", "IKM Kopi Siranindi"}
    assert names[-1] == "IKM Kue Talise"


def test_search_uses_the_indexes(groups):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        # Without the default name order, whose index the planner would walk instead.
        by_words = BusinessGroup.objects.order_by().search("kopi").explain()
        by_trigrams = BusinessGroup.objects.order_by().search("keripik pisamg").explain()
        cursor.execute("RESET enable_seqscan")
    assert "ikm_group_search_document" in by_words
    # Trigrams only when the words find nothing: a typo.
    assert "ikm_group_search_text_trgm" not in by_words
    assert "ikm_group_search_text_trgm" in by_trigrams
