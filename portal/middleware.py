from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    """Bahasa Indonesia unless the visitor chose another language with the language menu.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many phones in
    Indonesia are set to English; the portal speaks Indonesian until asked otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override(), not activate(): the worker thread goes back to its language afterwards.
        with translation.override(language):
            response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("image/"):
            # Photos look the same in every language; caches may share them.
            patch_vary_headers(response, ["Cookie"])
            response.headers.setdefault("Content-Language", language)
        return response


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY, which Django's SecurityMiddleware does not cover."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
