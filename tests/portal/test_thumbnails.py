import io

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django.template import Context, Template
from PIL import ExifTags, Image, ImageCms

from ikm.models import BusinessGroup, Product
from portal.thumbnails import (
    CACHE_CONTROL,
    THUMBNAIL_WIDTHS,
    thumbnail_make,
    thumbnail_url,
)
from tests.factories import BusinessGroupFactory, ProductFactory


def jpeg(size=(1200, 800), colour="orange", **save_options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", **save_options)
    return out.getvalue()


def stored(name: str, content: bytes) -> str:
    saved = default_storage.save(name, ContentFile(content))
    assert saved == name
    return saved


def fetch(client, url: str) -> tuple:
    response = client.get(url)
    assert response.status_code == 200, url
    return response, Image.open(io.BytesIO(b"".join(response.streaming_content)))


def thumb_name(width: int, name: str) -> str:
    return f"thumbs/{width}/{name}.webp"


def stored_names(folder: str) -> list[str]:
    """Every file under `folder` in the default storage, however deep."""
    if not default_storage.exists(folder):
        return []
    folders, files = default_storage.listdir(folder)
    names = [f"{folder}/{name}" for name in files]
    for sub in folders:
        names += stored_names(f"{folder}/{sub}")
    return names


@pytest.mark.django_db
def test_thumbnail_url_makes_no_query_for_a_whole_list(django_assert_num_queries):
    for n in range(3):
        ProductFactory(group=BusinessGroupFactory(photo=f"kelompok/foto-{n}.jpg"))
    ProductFactory(group=BusinessGroupFactory(), photo="produk/keripik.jpg")
    groups = list(BusinessGroup.objects.order_by("slug"))
    products = list(Product.objects.order_by("pk"))

    with django_assert_num_queries(0):
        urls = [thumbnail_url(group.photo, 320) for group in groups]
        product_urls = [thumbnail_url(product.photo, 160) for product in products]
        rendered = Template("{% load portal_format %}{{ group.photo|thumbnail:640 }}").render(
            Context({"group": groups[0]})
        )

    assert urls == [
        "/gambar/320/kelompok/foto-0.jpg",
        "/gambar/320/kelompok/foto-1.jpg",
        "/gambar/320/kelompok/foto-2.jpg",
        "",
    ]
    assert product_urls[-1] == "/gambar/160/produk/keripik.jpg"
    assert set(product_urls[:-1]) == {""}
    assert rendered == "/gambar/640/kelompok/foto-0.jpg"


def test_thumbnail_url_takes_a_storage_name_and_refuses_other_widths():
    assert thumbnail_url("produk/kopi bubuk.jpg", 160) == "/gambar/160/produk/kopi%20bubuk.jpg"
    assert thumbnail_url("", 160) == ""
    assert thumbnail_url(None, 160) == ""
    with pytest.raises(ValueError):
        thumbnail_url("produk/kopi.jpg", 300)


def test_thumbnail_filter_gives_nothing_without_a_photo():
    template = Template("{% load portal_format %}[{{ photo|thumbnail:320 }}]")
    assert template.render(Context({"photo": None})) == "[]"
    assert template.render(Context({})) == "[]"


# The view tests run without database access: serving a thumbnail must not make a query.
def test_thumbnail_is_a_webp_no_wider_than_asked_with_a_long_cache(client):
    name = stored("kelompok/bawang-goreng.jpg", jpeg((1200, 800)))

    for width in THUMBNAIL_WIDTHS:
        response, image = fetch(client, thumbnail_url(name, width))

        assert response["Content-Type"] == "image/webp"
        assert response["Cache-Control"] == CACHE_CONTROL
        assert image.format == "WEBP"
        assert image.size == (width, round(width * 2 / 3))
        assert default_storage.exists(thumb_name(width, name))


def test_a_small_photo_is_not_enlarged(client):
    name = stored("produk/kecil.jpg", jpeg((100, 50)))

    _response, image = fetch(client, thumbnail_url(name, 640))

    assert image.size == (100, 50)


def test_transparent_png_gets_a_white_background(client):
    out = io.BytesIO()
    Image.new("RGBA", (200, 100), (0, 0, 0, 0)).save(out, "PNG")
    name = stored("produk/logo.png", out.getvalue())

    _response, image = fetch(client, thumbnail_url(name, 160))

    red, green, blue = image.convert("RGB").getpixel((80, 40))
    assert min(red, green, blue) > 240


def test_second_request_reuses_the_thumbnail(client, monkeypatch):
    name = stored("kelompok/kopi.jpg", jpeg())
    fetch(client, thumbnail_url(name, 320))
    thumb = thumb_name(320, name)
    first = default_storage.get_modified_time(thumb)
    monkeypatch.setattr("portal.thumbnails._webp", None)  # the photo is not decoded again

    fetch(client, thumbnail_url(name, 320))

    assert default_storage.get_modified_time(thumb) == first
    assert thumbnail_make(name, 320) == thumb
    assert stored_names("thumbs") == [thumb]


def test_exif_orientation_is_applied_and_metadata_is_gone(client):
    # Left half red, right half blue; the camera says "turn 90° clockwise to view".
    original = Image.new("RGB", (600, 300), "blue")
    original.paste((255, 0, 0), (0, 0, 300, 300))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Kamera Ponsel"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (0.0, 53.0, 41.0),
    }
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    original.save(out, "JPEG", exif=exif, icc_profile=srgb)
    name = stored("kelompok/miring.jpg", out.getvalue())
    assert Image.open(default_storage.open(name)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    _response, image = fetch(client, thumbnail_url(name, 160))

    assert image.size == (160, 320)  # upright: 300 × 600, then made 160 wide
    red, _green, blue = image.getpixel((80, 20))
    assert red > 200 and blue < 60  # the red half is now on top
    red, _green, blue = image.getpixel((80, 300))
    assert blue > 200 and red < 60
    assert not image.getexif()
    assert not {"exif", "icc_profile", "xmp"} & set(image.info)
    data = default_storage.open(thumb_name(160, name)).read()
    assert b"EXIF" not in data and b"Kamera Ponsel" not in data


@pytest.fixture
def stored_files():
    stored("kelompok/ada.jpg", jpeg())
    stored("lain/rahasia.jpg", jpeg())
    stored("kelompok/palsu.jpg", b"ini teks biasa, bukan gambar")
    stored("produk/terpotong.jpg", jpeg()[:400])


@pytest.mark.parametrize(
    "url",
    [
        "/gambar/300/kelompok/ada.jpg",
        "/gambar/0/kelompok/ada.jpg",
        "/gambar/10000/kelompok/ada.jpg",
        "/gambar/320/lain/rahasia.jpg",
        "/gambar/320/kelompok",
        "/gambar/320/kelompok/",
        "/gambar/320/kelompok//ada.jpg",
        "/gambar/320/kelompok/./ada.jpg",
        "/gambar/320/kelompok/../lain/rahasia.jpg",
        "/gambar/320/kelompok/%2e%2e/lain/rahasia.jpg",
        "/gambar/320/kelompok/..%2Flain%2Frahasia.jpg",
        "/gambar/320/kelompok/..%5Clain%5Crahasia.jpg",
        "/gambar/320/kelompok/../../../../etc/passwd",
        "/gambar/320/kelompok/ada.jpg%00.png",
        "/gambar/320//etc/passwd",
        "/gambar/320/thumbs/320/kelompok/ada.jpg.webp",
        "/gambar/320/kelompok/tidak-ada.jpg",
        "/gambar/320/kelompok/palsu.jpg",
        "/gambar/320/produk/terpotong.jpg",
    ],
)
def test_thumbnail_answers_404(client, stored_files, url):
    response = client.get(url)

    assert response.status_code == 404
    assert stored_names("thumbs") == []


def test_thumbnail_make_refuses_a_name_outside_the_media_folder():
    # The view refuses such names first; thumbnail_make checks again, whatever the storage.
    with pytest.raises(SuspiciousFileOperation):
        thumbnail_make("kelompok/../../../etc/passwd", 320)


def test_thumbnail_of_a_deleted_photo_is_gone_too(client):
    name = stored("kelompok/dihapus.jpg", jpeg())
    fetch(client, thumbnail_url(name, 320))
    default_storage.delete(name)

    assert client.get(thumbnail_url(name, 320)).status_code == 404


def test_thumbnail_answers_only_get(client):
    name = stored("kelompok/ada.jpg", jpeg())

    assert client.post(thumbnail_url(name, 320)).status_code == 405


@pytest.fixture
def storage_in_memory(settings, tmp_path):
    """Another storage backend, as a bucket would be: MEDIA_ROOT must never be created."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "no-local-media"
    yield
    assert not settings.MEDIA_ROOT.exists()


def test_thumbnails_go_through_the_storage_api_not_a_local_folder(client, storage_in_memory):
    name = stored("kelompok/kain-tenun.jpg", jpeg((1200, 600)))

    response, image = fetch(client, thumbnail_url(name, 320))
    fetch(client, thumbnail_url(name, 320))

    assert response["Cache-Control"] == CACHE_CONTROL
    assert image.size == (320, 160)
    assert stored_names("thumbs") == [thumb_name(320, name)]
    default_storage.delete(name)
    assert client.get(thumbnail_url(name, 320)).status_code == 404


def test_a_thumbnail_saved_twice_at_once_leaves_no_spare_copy(storage_in_memory, monkeypatch):
    name = stored("produk/sambal.jpg", jpeg())
    thumb = thumbnail_make(name, 160)
    # This process looked before the other one had saved; the storage now keeps both.
    real_exists = InMemoryStorage.exists
    first_answer = [False]
    monkeypatch.setattr(
        InMemoryStorage,
        "exists",
        lambda storage, n: first_answer.pop() if first_answer else real_exists(storage, n),
    )

    assert thumbnail_make(name, 160) == thumb

    assert stored_names("thumbs") == [thumb]


def test_a_thumbnail_still_being_written_elsewhere_is_not_sent_half(client):
    name = stored("kelompok/anyaman.jpg", jpeg((1200, 800)))
    for partial in (b"", b"RIFF"):
        stored(thumb_name(640, name), partial)

        _response, image = fetch(client, thumbnail_url(name, 640))

        assert image.size == (640, 427)
        image.load()  # the whole picture decodes
        default_storage.delete(thumb_name(640, name))
