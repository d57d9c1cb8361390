from django.conf import settings


def city(request):
    """The city and Dinas this installation serves, for every template."""
    return {"CITY_NAME": settings.CITY_NAME, "DINAS_NAME": settings.DINAS_NAME}
