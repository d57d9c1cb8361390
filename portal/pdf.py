"""Official PDF documents: a template rendered to HTML, then printed to PDF by WeasyPrint.

Every report extends templates/reports/base.html (letterhead, page numbers, signature).
Static and media files are read from disk, never over the network, so a PDF renders the same
in tests, without collectstatic and without a running server.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils._os import safe_join

# Relative URLs in a report resolve against this made-up origin; only the fetcher reads them.
BASE_URL = "https://portal.invalid/"


def _local_file(path: str) -> Path | None:
    """The file on disk behind a /static/ or /media/ URL path, or None."""
    static_prefix = "/" + settings.STATIC_URL.lstrip("/")
    media_prefix = "/" + settings.MEDIA_URL.lstrip("/")
    try:
        if path.startswith(static_prefix):
            relative = path.removeprefix(static_prefix)
            found = finders.find(relative) or safe_join(settings.STATIC_ROOT, relative)
        elif path.startswith(media_prefix):
            found = safe_join(settings.MEDIA_ROOT, path.removeprefix(media_prefix))
        else:
            return None
    except SuspiciousFileOperation:  # "../" out of the folder
        return None
    found = Path(found)
    return found if found.is_file() else None


def _fetcher():
    # Imported here: WeasyPrint loads Pango on import, which only PDF views need.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """Serves static and media files from disk; data: URLs pass; the network is refused."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme in {"http", "https"}:
                local = _local_file(unquote(parts.path))
                if local is None:
                    raise ValueError(f"Not a local static or media file: {url}")
                return URLFetcherResponse(url, local.read_bytes(), _headers(local))
            raise ValueError(f"Refused URL in a PDF: {url}")

    return LocalFetcher()


def _headers(path: Path) -> dict[str, str]:
    content_type, _encoding = mimetypes.guess_type(path.name)
    return {"Content-Type": content_type or "application/octet-stream"}


def letterhead() -> dict[str, str]:
    """What templates/reports/base.html prints at the top of every page."""
    return {
        "CITY_NAME": settings.CITY_NAME,
        "DINAS_NAME": settings.DINAS_NAME,
        "DINAS_ADDRESS": settings.DINAS_ADDRESS,
        "DINAS_CONTACT": settings.DINAS_CONTACT,
        "DINAS_LOGO": settings.DINAS_LOGO,
    }


def pdf_bytes(
    request: HttpRequest | None, *, template_name: str, context: dict, base_url: str = BASE_URL
) -> bytes:
    """The template rendered and printed to PDF; `printed_at` defaults to now."""
    context = {**letterhead(), "printed_at": timezone.localtime(), **context}
    html = render_to_string(template_name, context, request=request)
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url, url_fetcher=_fetcher()).write_pdf()


def pdf_response(
    request: HttpRequest, *, template_name: str, context: dict, filename: str
) -> HttpResponse:
    """A PDF shown in the browser (inline), saved as `filename` when downloaded."""
    pdf = pdf_bytes(request, template_name=template_name, context=context)
    response = HttpResponse(pdf, content_type="application/pdf")
    safe_name = filename.replace('"', "").replace("\\", "") or "dokumen.pdf"
    response["Content-Disposition"] = f'inline; filename="{safe_name}"'
    return response
