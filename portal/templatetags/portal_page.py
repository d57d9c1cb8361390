from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's address without filters, keeping only the page number of a long list."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return context["request"].build_absolute_uri(path) if path else ""
