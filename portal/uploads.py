"""Photos as people upload them, made safe: only real images, not too big, re-encoded.

A file is an image because Pillow decodes it, not because of its name. It is then drawn
again into a new JPEG (or PNG when it has transparency): whatever else the file carried
(EXIF with the GPS position of a member's house, comments, a script hidden after the image
data) is left behind, and it gets a random name, so that no name a user chose reaches the
disk or a URL.
"""

import io
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO", "BMP"}
LONGEST_SIDE = 2560  # px: plenty for a profile or product photo, and a tenth of a raw photo
MAX_PIXELS = 50_000_000  # larger images are refused before they are decoded


def photo_reencode(uploaded) -> ContentFile:
    """A clean copy of an uploaded photo, or a ValidationError saying what is wrong."""
    limit = settings.MAX_PHOTO_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Foto terlalu besar (%(size)s). Batasnya %(limit)s."),
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="photo_too_big",
        )
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(uploaded)
            if image.format not in ACCEPTED_FORMATS:
                raise ValueError(image.format)
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError(image.size)
            image.load()
            image = ImageOps.exif_transpose(image)
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("Ukuran gambar terlalu besar untuk diproses."), code="photo_too_many_pixels"
        ) from error
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("Berkas ini bukan foto yang bisa dibaca. Unggah JPEG, PNG atau WebP."),
            code="photo_invalid",
        ) from error
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
    output = io.BytesIO()
    if has_alpha:
        image.convert("RGBA").save(output, "PNG", optimize=True)
        extension = "png"
    else:
        image.convert("RGB").save(output, "JPEG", quality=85, optimize=True)
        extension = "jpg"
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


class PhotoFormField(forms.ImageField):
    default_error_messages = {
        "invalid_image": _("Berkas ini bukan foto yang bisa dibaca. Unggah JPEG, PNG atau WebP."),
    }

    def clean(self, data, initial=None):
        cleaned = super().clean(data, initial)
        if cleaned and cleaned is not initial and hasattr(cleaned, "size"):
            return photo_reencode(cleaned)
        return cleaned


class PhotoField(models.ImageField):
    """An ImageField whose forms accept only decodable images and store a clean copy."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})
