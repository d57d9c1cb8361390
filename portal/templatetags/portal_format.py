from django import template

from portal.formatting import rupiah as format_rupiah

register = template.Library()


@register.filter
def rupiah(value):
    """{{ amount|rupiah }} -> "Rp 1.500.000"."""
    return format_rupiah(value)
