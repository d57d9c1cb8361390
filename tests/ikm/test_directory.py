"""The public directory: pages, search, filters, sorting, open data, and their query counts."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikm.models import BusinessGroup, Certification, MarketplaceLink, Membership
from portal.sitemaps import GroupSitemap
from tests.factories import (
    BusinessGroupFactory,
    CertificationFactory,
    KecamatanFactory,
    KelurahanFactory,
    MembershipFactory,
    ProductFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    """Two kecamatan, three groups (coffee, banana chips, batik) and one hidden group."""
    timur = KecamatanFactory(code="72.71.01", name="Palu Timur")
    barat = KecamatanFactory(code="72.71.02", name="Palu Barat")
    besusu = KelurahanFactory(code="72.71.01.1004", name="Besusu Barat", kecamatan=timur)
    lere = KelurahanFactory(code="72.71.02.1009", name="Lere", kecamatan=barat)
    coffee = ThemeFactory(name="Kopi Bubuk", slug="kopi-bubuk")
    chips = ThemeFactory(name="Olahan Pisang", slug="olahan-pisang")
    batik = ThemeFactory(name="Batik Bomba", slug="batik-bomba")
    groups = {
        "kopi": BusinessGroupFactory(
            name="IKM Kopi Besusu",
            slug="kopi-besusu",
            kelurahan=besusu,
            theme=coffee,
            whatsapp="081234567890",
            description="Kopi robusta sangrai dari Kebun Kopi.",
        ),
        "pisang": BusinessGroupFactory(
            name="IKM Olahan Pisang Lere", slug="pisang-lere", kelurahan=lere, theme=chips
        ),
        "batik": BusinessGroupFactory(
            name="IKM Batik Bomba Lere", slug="batik-lere", kelurahan=lere, theme=batik
        ),
        "hidden": BusinessGroupFactory(
            name="IKM Kopi Rahasia",
            slug="kopi-rahasia",
            kelurahan=besusu,
            theme=coffee,
            listed_publicly=False,
        ),
    }
    ProductFactory(group=groups["kopi"], name="Kopi Bubuk Robusta", price=25000, unit="250 g")
    chips_product = ProductFactory(group=groups["pisang"], name="Keripik Pisang Kepok")
    CertificationFactory(product=chips_product, kind=Certification.Kind.HALAL)
    batik_product = ProductFactory(group=groups["batik"], name="Kain Batik Bomba")
    CertificationFactory(
        product=batik_product,
        kind=Certification.Kind.SNI,
        expires_on=datetime.date(2020, 1, 1),  # expired: no longer counts
    )
    return groups


def _names(response):
    return [group.name for group in response.context["page_obj"].object_list]


def test_directory_lists_published_groups_with_theme_place_and_badges(client, city):
    response = client.get(reverse("ikm:directory"))

    assert response.status_code == 200
    assert _names(response) == ["IKM Batik Bomba Lere", "IKM Kopi Besusu", "IKM Olahan Pisang Lere"]
    content = response.content.decode()
    assert "IKM Kopi Rahasia" not in content
    assert "Olahan Pisang · Lere, Palu Barat" in content
    assert 'class="badge badge-halal">HALAL' in content
    assert "badge-sni" not in content  # the batik group's SNI certificate has expired


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kopi", ["IKM Kopi Besusu"]),
        ("KOPI bubuk", ["IKM Kopi Besusu"]),
        ("keripik pisang", ["IKM Olahan Pisang Lere"]),  # found through its product
        ("batik", ["IKM Batik Bomba Lere"]),
        ("robusta", ["IKM Kopi Besusu"]),  # product name
        ("sepatu", []),
    ],
)
def test_search_finds_groups_by_name_theme_and_product(client, city, query, expected):
    response = client.get(reverse("ikm:directory"), {"q": query})
    assert _names(response) == expected


def test_hidden_and_inactive_groups_are_never_found(client, city):
    BusinessGroup.objects.filter(slug="batik-lere").update(status=BusinessGroup.Status.INACTIVE)
    assert _names(client.get(reverse("ikm:directory"), {"q": "rahasia"})) == []
    assert _names(client.get(reverse("ikm:directory"), {"q": "batik"})) == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kecamatan": "72.71.01"}, ["IKM Kopi Besusu"]),
        ({"kelurahan": "72.71.02.1009"}, ["IKM Batik Bomba Lere", "IKM Olahan Pisang Lere"]),
        ({"tema": "olahan-pisang"}, ["IKM Olahan Pisang Lere"]),
        ({"sertifikasi": "halal"}, ["IKM Olahan Pisang Lere"]),
        ({"sertifikasi": "sni"}, []),
        ({"kecamatan": "72.71.02", "tema": "batik-bomba"}, ["IKM Batik Bomba Lere"]),
        ({"kecamatan": "72.71.02", "q": "kopi"}, []),
        (
            {"kelurahan": "72.71.02.1009", "sertifikasi": "halal", "q": "pisang"},
            ["IKM Olahan Pisang Lere"],
        ),
    ],
)
def test_filters_combine(client, city, params, expected):
    assert _names(client.get(reverse("ikm:directory"), params)) == expected


def test_an_unknown_filter_value_is_explained_not_a_crash(client, city):
    response = client.get(reverse("ikm:directory"), {"kecamatan": "99.99.99"})
    assert response.status_code == 200
    assert response.context["page_obj"] is None
    assert "Saringan tidak dikenal" in response.content.decode()


def test_sorting_by_name_and_newest(client, city):
    by_name = _names(client.get(reverse("ikm:directory"), {"urut": "nama"}))
    newest = _names(client.get(reverse("ikm:directory"), {"urut": "terbaru"}))
    assert by_name == sorted(by_name)
    assert newest[0] == "IKM Batik Bomba Lere"  # made last among the listed ones


def test_pagination_keeps_the_filters(client, city):
    theme = city["kopi"].theme
    for n in range(25):
        BusinessGroupFactory(name=f"Kopi Tambahan {n:02d}", theme=theme)

    first = client.get(reverse("ikm:directory"), {"tema": "kopi-bubuk"})
    assert first.context["page_obj"].paginator.count == 26
    assert len(_names(first)) == 20
    assert "?tema=kopi-bubuk&amp;page=2" in first.content.decode()
    second = client.get(reverse("ikm:directory"), {"tema": "kopi-bubuk", "page": 2})
    assert len(_names(second)) == 6


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/", "/umkm/", "/umkm/?q=kopi", "/tema/kopi-bubuk/", "/kelurahan/72.71.01.1004/"]
)
def test_list_queries_do_not_grow_with_results(client, city, url):
    few = _count_queries(client, url)
    for _ in range(15):
        group = BusinessGroupFactory(theme=city["kopi"].theme, kelurahan=city["kopi"].kelurahan)
        product = ProductFactory(group=group, name="Kopi Arabika")
        CertificationFactory(product=product, kind=Certification.Kind.HALAL)
    assert _count_queries(client, url) == few


def test_profile_queries_do_not_grow_with_products(client, city):
    url = reverse("ikm:profile", args=["kopi-besusu"])
    few = _count_queries(client, url)
    for n in range(10):
        product = ProductFactory(group=city["kopi"], name=f"Kopi Varian {n}")
        CertificationFactory(product=product, kind=Certification.Kind.PIRT)
    assert _count_queries(client, url) == few


def test_profile_shows_products_prices_contact_and_place(client, city):
    group = city["kopi"]
    MarketplaceLink.objects.create(
        group=group, platform=MarketplaceLink.Platform.SHOPEE, url="https://shopee.co.id/kopibesusu"
    )

    response = client.get(reverse("ikm:profile", args=[group.slug]))

    content = response.content.decode()
    assert "<h1>IKM Kopi Besusu</h1>" in content
    assert "Kopi Bubuk Robusta" in content
    assert "Rp 25.000" in content
    assert 'href="https://wa.me/6281234567890?text=' in content
    assert "Besusu Barat" in content and "Palu Timur" in content
    assert 'href="https://shopee.co.id/kopibesusu"' in content
    assert '<meta property="og:title" content="IKM Kopi Besusu">' in content


def test_profile_of_a_hidden_or_missing_group_is_404(client, city):
    assert client.get(reverse("ikm:profile", args=["kopi-rahasia"])).status_code == 404
    assert client.get(reverse("ikm:profile", args=["tidak-ada"])).status_code == 404


def test_leader_name_only_when_the_group_chose_to_show_it(client, city):
    group = city["kopi"]
    leader = MembershipFactory(group=group, role=Membership.Role.LEADER).member
    url = reverse("ikm:profile", args=[group.slug])

    assert leader.name not in client.get(url).content.decode()
    group.show_leader_name = True
    group.save()
    assert leader.name in client.get(url).content.decode()


def test_theme_page_lists_its_groups(client, city):
    response = client.get(reverse("ikm:theme", args=["kopi-bubuk"]))
    assert _names(response) == ["IKM Kopi Besusu"]
    assert client.get(reverse("ikm:theme", args=["tidak-ada"])).status_code == 404


def test_kelurahan_page_shows_groups_against_the_target(client, city):
    response = client.get(reverse("kelurahan:detail", args=["72.71.02.1009"]))
    content = response.content.decode()
    assert _names(response) == ["IKM Batik Bomba Lere", "IKM Olahan Pisang Lere"]
    assert "<strong>2</strong> dari target 5 kelompok usaha aktif" in content
    assert "Masih kurang 3 kelompok." in content
    # Unlisted groups count towards the target but are not shown.
    besusu = client.get(reverse("kelurahan:detail", args=["72.71.01.1004"])).content.decode()
    assert "<strong>2</strong> dari target 5" in besusu
    assert "IKM Kopi Rahasia" not in besusu


def test_open_data_csv_and_json_have_public_fields_and_the_same_filters(client, city):
    response = client.get(reverse("ikm:directory_json"), {"tema": "olahan-pisang"})
    data = json.loads(response.content)
    assert data["count"] == 1
    [row] = data["results"]
    assert row["nama"] == "IKM Olahan Pisang Lere"
    assert row["sertifikat"] == ["halal"]
    assert row["produk"] == ["Keripik Pisang Kepok"]
    assert row["url"].endswith("/umkm/pisang-lere/")

    csv_text = client.get(reverse("ikm:directory_csv"), {"q": "kopi"}).content.decode("utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0].startswith("nama,slug,url,jenis,tema")
    assert len(lines) == 2 and lines[1].startswith("IKM Kopi Besusu,kopi-besusu")

    assert client.get(reverse("ikm:directory_json"), {"kecamatan": "00"}).status_code == 400


@pytest.mark.parametrize(
    "url",
    ["/", "/umkm/", "/umkm/kopi-besusu/", "/tema/kopi-bubuk/", "/kelurahan/72.71.01.1004/"],
)
def test_every_public_page_has_title_description_and_canonical(client, city, url):
    content = client.get(url).content.decode()
    assert content.count("<title>") == 1
    assert '<meta name="description" content="' in content
    assert f'<link rel="canonical" href="http://testserver{url}">' in content


def test_titles_differ_between_pages(client, city):
    titles = set()
    for url in [
        "/",
        "/umkm/",
        "/umkm/kopi-besusu/",
        "/tema/kopi-bubuk/",
        "/kelurahan/72.71.01.1004/",
    ]:
        content = client.get(url).content.decode()
        titles.add(content.split("<title>")[1].split("</title>")[0])
    assert len(titles) == 5


def test_sitemap_and_robots(client, city):
    index = client.get("/sitemap.xml").content.decode()
    sections = ["halaman", "umkm", "tema", "kelurahan"]
    assert [f"http://testserver/sitemap-{name}.xml" in index for name in sections] == [True] * 4
    groups = client.get("/sitemap-umkm.xml").content.decode()
    assert "http://testserver/umkm/kopi-besusu/" in groups
    assert "kopi-rahasia" not in groups
    assert (
        "http://testserver/kelurahan/72.71.02.1009/"
        in client.get("/sitemap-kelurahan.xml").content.decode()
    )
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_sitemap_pages_reach_every_group_and_are_kept_with_their_headers(client, city, monkeypatch):
    monkeypatch.setattr(GroupSitemap, "limit", 2)  # a province's 100,000 groups, in small
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-umkm.xml?p=2" in index
    assert "?p=3" not in index
    second = client.get("/sitemap-umkm.xml", {"p": 2})
    assert "http://testserver/umkm/pisang-lere/" in second.content.decode()
    kept = client.get("/sitemap-umkm.xml", {"p": 2})
    assert kept.content == second.content
    assert kept.context is None  # served from the cache, headers and all
    assert kept["X-Robots-Tag"] == second["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert kept["Content-Type"] == "application/xml"
    # Groups published later are in the sitemap at once.
    BusinessGroupFactory(name="IKM Zaitun", slug="zaitun")
    BusinessGroupFactory(name="IKM Zaitun Dua", slug="zaitun-dua")
    assert "http://testserver/sitemap-umkm.xml?p=3" in client.get("/sitemap.xml").content.decode()


def test_home_links_themes_kecamatan_and_search(client, city):
    content = client.get("/").content.decode()
    assert 'action="/umkm/"' in content and 'name="q"' in content
    assert 'href="/tema/kopi-bubuk/"' in content
    assert 'href="/umkm/?kecamatan=72.71.01"' in content


def test_english_is_available(client, city):
    client.cookies["django_language"] = "en"
    content = client.get(reverse("ikm:profile", args=["kopi-besusu"])).content.decode()
    assert '<html lang="en">' in content
    assert "Rp 25.000" in content


def test_kelurahan_choices_follow_the_chosen_kecamatan(client, city):
    # A province has thousands of kelurahan: the list shows those of one kecamatan.
    def kelurahan_choices(params):
        form = client.get(reverse("ikm:directory"), params).context["filter"].form
        return [code for code, _name in form.fields["kelurahan"].choices if code]

    assert kelurahan_choices({}) == []
    assert kelurahan_choices({"kecamatan": "72.71.02"}) == ["72.71.02.1009"]
    # A link naming only the kelurahan still works.
    response = client.get(reverse("ikm:directory"), {"kelurahan": "72.71.02.1009"})
    assert response.context["filter"].is_valid()


def test_kecamatan_choices_follow_publication(client, city):
    def kecamatan_choices():
        form = client.get(reverse("ikm:directory")).context["filter"].form
        return [code for code, _name in form.fields["kecamatan"].choices if code]

    assert kecamatan_choices() == ["72.71.02", "72.71.01"]  # Palu Barat, Palu Timur
    # The list is kept between requests; a change to what is published shows at once.
    for group in BusinessGroup.objects.filter(kelurahan__kecamatan_id="72.71.01"):
        group.listed_publicly = False
        group.save()
    assert kecamatan_choices() == ["72.71.02"]
    response = client.get(reverse("ikm:directory"), {"kecamatan": "72.71.01"})
    assert not response.context["filter"].is_valid()


def test_kelurahan_and_theme_choices_follow_publication(client, city):
    def choices():
        response = client.get(reverse("ikm:directory"), {"kecamatan": "72.71.02"})
        fields = response.context["filter"].form.fields
        return {
            name: [code for code, _label in fields[name].choices if code]
            for name in ("kelurahan", "tema")
        }

    assert choices() == {
        "kelurahan": ["72.71.02.1009"],
        "tema": ["batik-bomba", "kopi-bubuk", "olahan-pisang"],
    }
    # Kept between requests; a change to what is published shows at once.
    for group in BusinessGroup.objects.filter(kelurahan_id="72.71.02.1009"):
        group.status = BusinessGroup.Status.INACTIVE
        group.save()
    assert choices() == {"kelurahan": [], "tema": ["kopi-bubuk"]}
    response = client.get(reverse("ikm:directory"), {"tema": "batik-bomba"})
    assert not response.context["filter"].is_valid()


def test_a_kecamatan_name_two_regencies_share_names_its_regency(client, city):
    other_city = KecamatanFactory(
        code="72.03.01", name="Palu Timur", regency__code="72.03", regency__name="Kab. Donggala"
    )
    BusinessGroupFactory(kelurahan=KelurahanFactory(code="72.03.01.2001", kecamatan=other_city))
    form = client.get(reverse("ikm:directory")).context["filter"].form
    choices = dict(form.fields["kecamatan"].choices)
    assert choices["72.03.01"] == "Palu Timur (Kab. Donggala)"
    assert choices["72.71.01"].startswith("Palu Timur (")
    assert choices["72.71.02"] == "Palu Barat"
