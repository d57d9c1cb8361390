"""Uploaded photos: only decodable images, within the size limit, stored as a clean copy."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ikm.models import Membership
from portal import roles, uploads
from tests.factories import BusinessGroupFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def _photo(size=(800, 600), fmt="JPEG", mode="RGB", with_gps=False) -> bytes:
    image = Image.new(mode, size, "green" if mode == "RGB" else (0, 128, 0, 100))
    exif = Image.Exif()
    if with_gps:
        exif[0x010F] = "KameraHP"  # make
        gps = exif.get_ifd(GPS_IFD)
        gps[1], gps[2] = "S", (0.0, 53.0, 30.0)  # latitude of Palu
        gps[3], gps[4] = "E", (119.0, 52.0, 10.0)
    out = io.BytesIO()
    image.save(out, fmt, **({"exif": exif} if with_gps else {}))
    return out.getvalue()


def _upload(data: bytes, name="foto rumah ketua.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_a_photo_is_stored_without_its_gps_position_and_under_a_random_name():
    original = _photo(with_gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)

    clean = uploads.photo_reencode(_upload(original))

    data = clean.read()
    stored = Image.open(io.BytesIO(data))
    assert stored.format == "JPEG" and stored.size == (800, 600)
    assert not stored.getexif()
    assert b"KameraHP" not in data
    assert clean.name.endswith(".jpg") and "rumah" not in clean.name and len(clean.name) == 36


def test_a_large_photo_is_scaled_down_and_transparency_kept():
    clean = uploads.photo_reencode(_upload(_photo(size=(4000, 1000), fmt="PNG", mode="RGBA")))

    stored = Image.open(clean)
    assert (stored.format, stored.size, stored.mode) == ("PNG", (2560, 640), "RGBA")


@pytest.mark.parametrize(
    "data",
    [b"<script>alert(1)</script>", b"GIF89a but not really", b"", _photo()[:200]],
    ids=["script", "fake-gif-header", "empty", "truncated-jpeg"],
)
def test_what_is_not_a_decodable_image_is_refused(data):
    with pytest.raises(ValidationError, match="bukan foto yang bisa dibaca"):
        uploads.photo_reencode(_upload(data, name="foto.jpg"))


def test_a_photo_over_the_limit_is_refused(settings):
    settings.MAX_PHOTO_BYTES = 10_000

    with pytest.raises(ValidationError, match="Foto terlalu besar"):
        uploads.photo_reencode(_upload(_photo(size=(1500, 1500)) + b"\0" * 20_000))


def test_an_image_of_too_many_pixels_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PIXELS", 10_000)

    with pytest.raises(ValidationError, match="terlalu besar untuk diproses"):
        uploads.photo_reencode(_upload(_photo(size=(200, 200))))


def test_the_leader_form_keeps_the_clean_copy_and_explains_a_bad_file(client):
    group = BusinessGroupFactory(slug="kopi-tondo")
    leader = UserFactory(role=roles.GROUP_LEADER)
    MembershipFactory(group=group, role=Membership.Role.LEADER, member__user=leader)
    client.force_login(leader)
    url = reverse("ikm:leader_group", args=[group.slug])

    response = client.post(
        url, {"description": "Kopi sangrai", "photo": _upload(b"bukan gambar", "x.jpg")}
    )
    assert response.status_code == 200
    assert "bukan foto yang bisa dibaca" in response.content.decode()
    assert "Kopi sangrai" in response.content.decode()

    client.post(
        url,
        {
            "description": "Kopi sangrai",
            "photo": _upload(_photo(with_gps=True)),
            "expected_version": group.version,
        },
    )
    group.refresh_from_db()
    assert group.photo.name.startswith("kelompok/") and group.photo.name.endswith(".jpg")
    with group.photo.open("rb") as stored:
        assert not Image.open(stored).getexif()
