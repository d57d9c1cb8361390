"""Every public page a visitor gets from the cache is right after any change it shows.

The public pages' cache follows the "public" data version, which moves only with the
models in PUBLIC_MODELS. Two walks keep that list whole: every table a public page reads
belongs to a model on it (or to no watched app), and a change to each of those models,
saved or deleted, moves the version. Then visitors are shown to see changes of groups,
products, certificates, shops, themes, members and areas on the pages that show them.
"""

import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikm.models import Certification, Kbli, MarketplaceLink
from portal.caching import PUBLIC, PUBLIC_MODELS, WATCHED_APPS, data_version
from tests.factories import (
    BusinessGroupFactory,
    CertificationFactory,
    KecamatanFactory,
    KelurahanFactory,
    MemberFactory,
    MembershipFactory,
    ProductFactory,
    ProvinceFactory,
    RegencyFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    group = BusinessGroupFactory(
        name="Kopi Lereng Muria",
        slug="kopi-lereng-muria",
        photo="kelompok/kopi.jpg",  # the home page features groups with a photo
        kelurahan=KelurahanFactory(name="Besusu Barat"),
        theme=ThemeFactory(name="Kopi bubuk", slug="kopi-bubuk"),
    )
    MembershipFactory(group=group)
    CertificationFactory(product=ProductFactory(group=group, name="Kopi Robusta 250 g"))
    MarketplaceLink.objects.create(
        group=group, platform=MarketplaceLink.Platform.SHOPEE, url="https://shopee.co.id/muria"
    )
    return group


def _public_urls(group) -> list[str]:
    return [
        reverse("home"),
        reverse("ikm:directory"),
        reverse("ikm:directory") + "?q=kopi",
        reverse("ikm:directory") + f"?kecamatan={group.kelurahan.kecamatan_id}",
        reverse("ikm:directory_csv"),
        reverse("ikm:directory_json"),
        reverse("ikm:profile", args=[group.slug]),
        reverse("ikm:theme", args=[group.theme.slug]),
        reverse("kelurahan:detail", args=[group.kelurahan_id]),
    ]


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig")


TABLE_RE = re.compile(r'(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


def test_every_record_a_public_page_reads_moves_the_public_version(client, group):
    tables = {model._meta.db_table: model._meta.label_lower for model in apps.get_models()}
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        for url in _public_urls(group):
            _page(client, url)
    read = {
        tables[name]
        for query in queries.captured_queries
        for name in TABLE_RE.findall(query["sql"])
        if name in tables
    }
    watched = {label for label in read if label.partition(".")[0] in WATCHED_APPS}
    assert "ikm.businessgroup" in watched
    assert watched - PUBLIC_MODELS == set()


def _record_of(label, group):
    return {
        "ikm.businessgroup": lambda: BusinessGroupFactory(),
        "ikm.product": lambda: ProductFactory(group=group),
        "ikm.certification": lambda: CertificationFactory(product__group=group),
        "ikm.marketplacelink": lambda: MarketplaceLink.objects.create(
            group=group, platform=MarketplaceLink.Platform.TOKOPEDIA, url="https://t.co/x"
        ),
        "ikm.theme": lambda: ThemeFactory(),
        "ikm.member": lambda: MemberFactory(),
        "ikm.membership": lambda: MembershipFactory(group=group),
        "kelurahan.kelurahan": lambda: KelurahanFactory(),
        "ikm.kbli": lambda: Kbli.objects.create(code="99990", title="Uji"),
        # Areas are protected while they hold others: fresh ones of their own.
        "kelurahan.kecamatan": lambda: KecamatanFactory(code="72.71.99"),
        "kelurahan.regency": lambda: RegencyFactory(code="72.72", name="Kabupaten Uji"),
        "kelurahan.province": lambda: ProvinceFactory(code="73", name="Provinsi Uji"),
    }[label]()


@pytest.mark.parametrize("label", sorted(PUBLIC_MODELS))
def test_saving_or_deleting_each_public_record_moves_the_public_version(group, label):
    record = _record_of(label, group)
    before = data_version(PUBLIC)
    record.save()
    assert data_version(PUBLIC) != before
    before = data_version(PUBLIC)
    record.delete()
    assert data_version(PUBLIC) != before


def _warm(client, group) -> None:
    for url in _public_urls(group):
        _page(client, url)
        _page(client, url)  # the second from the cache


def test_visitors_see_a_renamed_group_on_every_page(client, group):
    _warm(client, group)
    group.name = "Kopi Lereng Muria Jaya"
    group.save()
    for url in _public_urls(group):
        assert "Kopi Lereng Muria Jaya" in _page(client, url), url


def test_visitors_see_changes_of_products_certificates_and_shops(client, group):
    profile = reverse("ikm:profile", args=[group.slug])
    _warm(client, group)
    ProductFactory(group=group, name="Kopi Jahe Sachet")
    Certification.objects.update(number="P-IRT 999")  # sends no signal of its own
    Certification.objects.get().save()
    MarketplaceLink.objects.update(url="https://shopee.co.id/muria-baru")
    MarketplaceLink.objects.get().save()
    page = _page(client, profile)
    assert "Kopi Jahe Sachet" in page
    assert "P-IRT 999" in page
    assert "shopee.co.id/muria-baru" in page


def test_visitors_see_renamed_themes_and_areas(client, group):
    _warm(client, group)
    group.theme.name = "Kopi olahan"
    group.theme.save()
    group.kelurahan.name = "Besusu Tengah"
    group.kelurahan.save()
    for url in (reverse("ikm:profile", args=[group.slug]), reverse("ikm:directory_csv")):
        page = _page(client, url)
        assert "Kopi olahan" in page and "Besusu Tengah" in page, url
    assert "Besusu Tengah" in _page(client, reverse("kelurahan:detail", args=[group.kelurahan_id]))


def test_visitors_see_new_members_in_the_home_figures(client, group):
    home = reverse("home")
    _warm(client, group)
    before = _page(client, home)
    MembershipFactory.create_batch(41, group=group)
    after = _page(client, home)
    assert ">42<" in after.replace(" ", "") and ">42<" not in before.replace(" ", "")


def test_visitors_no_longer_see_a_group_that_withdrew_its_consent(client, group):
    _warm(client, group)
    group.listed_publicly = False
    group.save()
    for url in _public_urls(group)[:6]:
        assert "Kopi Lereng Muria" not in _page(client, url), url
    assert client.get(reverse("ikm:profile", args=[group.slug])).status_code == 404
