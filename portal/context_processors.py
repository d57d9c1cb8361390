from django.conf import settings

from portal.roles import is_dinas


def city(request):
    """The city and Dinas this installation serves, for every template."""
    return {"CITY_NAME": settings.CITY_NAME, "DINAS_NAME": settings.DINAS_NAME}


def workspace(request):
    """Whether to show the Dinas workspace menu (read lazily: public pages never ask)."""
    return {"show_dinas_menu": lambda: is_dinas(request.user)}
