"""Small WebP copies of group and product photos, for the public directory on slow phones.

A thumbnail is made on its first request and kept under MEDIA_ROOT/thumbs/<width>/, then
served with a one-year immutable cache: Django's storage never writes a new photo over an
existing name (it picks another one), so a URL always means the same picture.
"""

import contextlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.utils._os import safe_join
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


def thumbnail_make(name: str, width: int) -> Path:
    """The path of the WebP thumbnail of the stored photo `name`, made on the first call.

    Raises FileNotFoundError when the original is missing, ThumbnailError when it cannot be
    decoded, SuspiciousFileOperation when `name` leads outside the media folder.
    """
    thumb = Path(safe_join(settings.MEDIA_ROOT, THUMBS_FOLDER, str(width), f"{name}.webp"))
    if thumb.is_file():
        return thumb
    try:
        with default_storage.open(name, "rb") as original, Image.open(original) as image:
            small = _resized(image, width)
    except (FileNotFoundError, SuspiciousFileOperation):
        raise
    except (OSError, ValueError, EOFError, SyntaxError, Image.DecompressionBombError) as error:
        raise ThumbnailError(name) from error

    # Written aside then renamed: a request arriving meanwhile never reads half a file.
    thumb.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=thumb.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            # No exif, icc_profile or xmp given: the WebP carries no metadata (GPS included).
            small.save(out, "WEBP", quality=THUMBNAIL_QUALITY)
        os.chmod(temp, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
        os.replace(temp, thumb)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    return thumb


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
        # A deleted photo stays deleted, even when its thumbnail is still on disk.
        if not default_storage.exists(name):
            raise Http404
        path = thumbnail_make(name, width)
    except (FileNotFoundError, SuspiciousFileOperation, ThumbnailError) as error:
        raise Http404 from error
    response = FileResponse(path.open("rb"), content_type="image/webp")
    response["Cache-Control"] = CACHE_CONTROL
    return response
