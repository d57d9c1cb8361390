from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinancingConfig(AppConfig):
    name = "financing"
    verbose_name = _("Pembiayaan dan pendampingan")

    def ready(self):
        from financing import signals

        signals.connect()
