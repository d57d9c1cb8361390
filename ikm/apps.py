from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IkmConfig(AppConfig):
    name = "ikm"
    verbose_name = _("Kelompok IKM/UMKM")

    def ready(self):
        from ikm import signals

        signals.connect()
