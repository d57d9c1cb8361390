"""Small WebP copies of group and product photos, for the public directory on slow phones.

A thumbnail is made on its first request and kept in Django's default storage under
thumbs/<width>/ (a folder under MEDIA_ROOT, or a bucket that every web server shares), then
served with a one-year immutable cache: Django's storage never writes a new photo over an
existing name (it picks another one), so a URL always means the same picture.
"""

import io

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.views.decorators.http import require_safe
from PIL import Image, ImageOps

THUMBNAIL_WIDTHS = (160, 320, 640)
THUMBNAIL_QUALITY = 75
THUMBS_FOLDER = "thumbs"
# The upload_to folders of BusinessGroup.photo and Product.photo: nothing else is public.
PHOTO_FOLDERS = ("kelompok/", "produk/")
CACHE_CONTROL = "public, max-age=31536000, immutable"


class ThumbnailError(Exception):
    """The original exists but is not an image Pillow can decode."""


def thumbnail_url(image: FieldFile | str | None, width: int) -> str:
    """The URL of `image` at most `width` pixels wide; "" when there is no photo.

    Only builds a string: no file access and no query, so a list may call it for every row.
    """
    if width not in THUMBNAIL_WIDTHS:
        raise ValueError(f"No thumbnail width {width}; use one of {THUMBNAIL_WIDTHS}.")
    name = getattr(image, "name", image)
    if not name:
        return ""
    return reverse("thumbnail", kwargs={"width": width, "name": name})


def thumbnail_make(name: str, width: int) -> str:
    """The storage name of the WebP thumbnail of the stored photo `name`, made on the first call.

    Raises FileNotFoundError when the original is missing, ThumbnailError when it cannot be
    decoded, SuspiciousFileOperation when `name` is not a plain relative name.
    """
    validate_file_name(name, allow_relative_path=True)
    thumb = f"{THUMBS_FOLDER}/{width}/{name}.webp"
    if default_storage.exists(thumb):
        return thumb
    saved = default_storage.save(thumb, ContentFile(_webp(name, width)))
    if saved != thumb:
        # Another process saved the same thumbnail meanwhile and the storage kept ours under
        # a new name, which no URL leads to.
        default_storage.delete(saved)
    return thumb


def thumbnail_open(name: str, width: int) -> File:
    """The thumbnail of `name`, open for reading; made first when missing (see thumbnail_make).

    A storage cannot write a file aside and rename it into place, so a thumbnail another
    process is still writing can be found half there. Its RIFF header tells its full length:
    when it is short, this request makes its own copy rather than send half a picture that
    browsers would then keep for a year.
    """
    thumb = thumbnail_make(name, width)
    stored = default_storage.open(thumb, "rb")
    header = stored.read(12)
    stored.seek(0)
    if header[8:12] == b"WEBP" and int.from_bytes(header[4:8], "little") + 8 == stored.size:
        return stored
    stored.close()
    return ContentFile(_webp(name, width), name=thumb)


def _webp(name: str, width: int) -> bytes:
    try:
        with default_storage.open(name, "rb") as original, Image.open(original) as image:
            small = _resized(image, width)
    except (FileNotFoundError, SuspiciousFileOperation):
        raise
    except (OSError, ValueError, EOFError, SyntaxError, Image.DecompressionBombError) as error:
        raise ThumbnailError(name) from error
    out = io.BytesIO()
    # No exif, icc_profile or xmp given: the WebP carries no metadata (GPS included).
    small.save(out, "WEBP", quality=THUMBNAIL_QUALITY)
    return out.getvalue()


def _resized(image: Image.Image, width: int) -> Image.Image:
    # A JPEG decodes straight at 1/2, 1/4 or 1/8 size when that still covers `width` on both
    # sides (the photo may be turned a quarter): a 12-megapixel phone photo costs far less.
    image.draft("RGB", (width, width))
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        # Transparent logos on white, not on whatever colour hides under the alpha channel.
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    else:
        image = image.convert("RGB")
    if image.width > width:
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    return image


def _is_photo_name(name: str) -> bool:
    parts = name.split("/")
    return (
        name.startswith(PHOTO_FOLDERS)
        and "\\" not in name
        and "\x00" not in name
        and all(part not in ("", ".", "..") for part in parts)
    )


@require_safe
def thumbnail(request: HttpRequest, width: int, name: str) -> FileResponse:
    """A directory photo as a WebP thumbnail. Public, and no query: anyone may ask, but only
    for the listed widths of files in the photo folders; everything else is a 404.
    """
    if width not in THUMBNAIL_WIDTHS or not _is_photo_name(name):
        raise Http404
    try:
        # A deleted photo stays deleted, even when its thumbnail is still stored.
        if not default_storage.exists(name):
            raise Http404
        thumb = thumbnail_open(name, width)
    except (FileNotFoundError, SuspiciousFileOperation, ThumbnailError) as error:
        raise Http404 from error
    response = FileResponse(thumb, content_type="image/webp")
    response["Cache-Control"] = CACHE_CONTROL
    return response
