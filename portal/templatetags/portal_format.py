from django import template

from portal.formatting import phone_display
from portal.formatting import rupiah as format_rupiah
from portal.thumbnails import thumbnail_url

register = template.Library()


@register.filter
def rupiah(value):
    """{{ amount|rupiah }} -> "Rp 1.500.000"."""
    return format_rupiah(value)


@register.filter
def thumbnail(image, width):
    """{{ group.photo|thumbnail:320 }} -> "/gambar/320/kelompok/…", or "" without a photo."""
    return thumbnail_url(image, int(width))


@register.filter
def phone(value):
    """{{ group.whatsapp|phone }} -> "0812-3456-7890"."""
    return phone_display(value)
