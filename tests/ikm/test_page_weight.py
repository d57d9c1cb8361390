"""The directory stays light for a cheap phone on a slow connection: small HTML, CSS and
scripts, and list photos as lazy thumbnails rather than the uploaded originals."""

import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from tests.factories import BusinessGroupFactory, ProductFactory

pytestmark = pytest.mark.django_db

MAX_PAGE_BYTES = 150 * 1024


class _PageParts(HTMLParser):
    """The stylesheets, scripts and images a page asks the browser to fetch."""

    def __init__(self):
        super().__init__()
        self.stylesheets, self.scripts, self.images = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.stylesheets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "img":
            self.images.append(attrs)


def _parts(html: str) -> _PageParts:
    parser = _PageParts()
    parser.feed(html)
    return parser


def _static_size(url: str) -> int:
    static_url = "/" + settings.STATIC_URL.lstrip("/")
    assert url.startswith(static_url), f"{url} is not one of the portal's static files"
    path = finders.find(url.removeprefix(static_url))
    assert path, f"{url} is linked but not found"
    return Path(path).stat().st_size


def _jpeg(size=(1600, 1200)) -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", size, "sienna").save(out, "JPEG", quality=90)
    return ContentFile(out.getvalue(), name="foto.jpg")


@pytest.fixture
def directory_with_photos():
    for number in range(20):
        group = BusinessGroupFactory(name=f"IKM Kopi Bubuk {number}")
        ProductFactory(group=group, name=f"Kopi Bubuk Robusta {number}")
    group = BusinessGroupFactory(name="IKM Keripik Pisang Lere")
    group.photo.save("keripik.jpg", _jpeg())
    return group


def test_directory_html_css_and_scripts_weigh_under_150_kb(client, directory_with_photos):
    response = client.get(reverse("ikm:directory"))
    html = response.content.decode()
    parts = _parts(html)

    assert parts.stylesheets, "the directory links no stylesheet: the parser missed it"
    linked = [*parts.stylesheets, *parts.scripts]
    weight = len(response.content) + sum(_static_size(url) for url in linked)
    assert weight < MAX_PAGE_BYTES, f"{weight} bytes: HTML and {linked}"


def test_directory_photos_are_lazy_thumbnails_not_originals(client, directory_with_photos):
    original = directory_with_photos.photo.url

    html = client.get(reverse("ikm:directory"), {"q": "keripik"}).content.decode()
    images = _parts(html).images

    assert len(images) == 1
    image = images[0]
    assert image["loading"] == "lazy"
    assert image["src"].startswith("/gambar/")
    assert image["width"] and image["height"], "no size given: the list jumps as photos load"
    for candidate in image["srcset"].split(","):
        assert candidate.split()[0].startswith("/gambar/"), image["srcset"]
    assert original not in html
    assert "/" + settings.MEDIA_URL.lstrip("/") not in html


def test_directory_thumbnails_are_small_webp(client, directory_with_photos):
    html = client.get(reverse("ikm:directory"), {"q": "keripik"}).content.decode()
    src = _parts(html).images[0]["src"]

    response = client.get(src)
    thumbnail = b"".join(response.streaming_content)

    assert response["Content-Type"] == "image/webp"
    assert len(thumbnail) < directory_with_photos.photo.size / 4
